"""schemathesis against our own /openapi.json on the test server: no 5xx, responses conform."""

import hypothesis
import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from dashboard.app import create_app

APP = create_app().server
SCHEMA = schemathesis.openapi.from_wsgi("/openapi.json", APP)
# positive_data_acceptance is left out on purpose: a pattern cannot say "a real calendar date
# inside the data's range", so a schema-valid request may get the documented 400 naming the range.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@SCHEMA.parametrize()
@hypothesis.settings(max_examples=25, deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
def test_api_conforms_and_never_answers_5xx(case):
    case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=CHECKS)
