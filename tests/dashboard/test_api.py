import csv
import io
import json

import frictionless
import pytest

from dashboard.app import create_app
from events import default_timeline
from events.analysis import CHANGES_COLUMNS, SHARE_COLUMNS, changes_between


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def csv_rows(resp):
    return list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))


def test_changes_csv_and_its_json_twin_agree_with_the_timeline(client):
    url = "/api/changes.{}?from=2019-03-01&to=2021-01-07"
    as_csv, as_json = client.get(url.format("csv")), client.get(url.format("json"))
    assert as_csv.status_code == as_json.status_code == 200
    assert as_csv.mimetype == "text/csv" and as_json.mimetype == "application/json"
    rows, records = csv_rows(as_csv), as_json.get_json()
    assert list(rows[0]) == CHANGES_COLUMNS and list(records[0]) == CHANGES_COLUMNS
    assert rows == [{k: str(v) for k, v in r.items()} for r in records]
    expected = changes_between("2019-03-01", "2021-01-07", default_timeline())
    assert [r["iso3"] for r in rows] == list(expected["iso3"])
    assert all(r["from"] != r["to"] for r in rows)


def test_shares_add_up_and_json_twin_matches_csv(client):
    records = client.get("/api/shares.json?date=2019-02-05").get_json()
    rows = csv_rows(client.get("/api/shares.csv?date=2019-02-05"))
    assert [r["stance"] for r in records] == [r["stance"] for r in rows]
    assert list(records[0]) == SHARE_COLUMNS
    assert sum(r["countries"] for r in records) == 197  # every interactive state but Venezuela
    assert sum(r["un_members"] for r in records) == 192
    assert abs(sum(r["population_share"] for r in records) - 1) < 0.001
    guaido = next(r for r in records if r["stance"] == "guaido")
    assert guaido["un_share"] == round(guaido["un_members"] / 192, 4)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/api/shares.csv?date=2030-01-01", "between 2019-01-10 and"),
        ("/api/shares.json?date=2019-02-30", "YYYY-MM-DD"),
        ("/api/changes.csv?from=2018-12-31", "between 2019-01-10 and"),
        ("/api/changes.json?from=2021-01-01&to=2019-03-01", "from must not be after to"),
        ("/api/changes.csv?to=%3Cscript%3E", "YYYY-MM-DD"),
    ],
)
def test_bad_parameters_get_a_400_naming_the_problem(client, url, message):
    resp = client.get(url)
    assert resp.status_code == 400
    assert message in resp.get_data(as_text=True)


def test_read_only_data_endpoints_are_open_to_every_origin(client):
    for url in ("/api/changes.json", "/api/shares.csv", "/datapackage.json", "/openapi.json"):
        assert client.get(url).headers["Access-Control-Allow-Origin"] == "*", url


def test_served_data_package_validates_against_the_served_download(client, tmp_path):
    (tmp_path / "datapackage.json").write_bytes(client.get("/datapackage.json").data)
    (tmp_path / "api").mkdir()
    (tmp_path / "api" / "events.csv").write_bytes(client.get("/api/events.csv").data)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, [e.message for t in report.tasks for e in t.errors][:5]


def test_openapi_document_lists_every_api_route(client):
    doc = client.get("/openapi.json").get_json()
    assert doc["openapi"].startswith("3.")
    rules = {r.rule for r in create_app().server.url_map.iter_rules()}
    for path in doc["paths"]:
        assert path in rules, path
    for rule in rules:
        if rule.startswith("/api/"):
            assert rule in doc["paths"], f"{rule} is served but not documented"
    json.dumps(doc)


@pytest.mark.parametrize("stem", ["stances.{}?date=2019-02-05", "events.{}?country=NIC", "events.{}"])
def test_stances_and_events_json_twins_match_their_csv(client, stem):
    as_csv, as_json = client.get("/api/" + stem.format("csv")), client.get("/api/" + stem.format("json"))
    assert as_csv.status_code == as_json.status_code == 200
    assert as_json.mimetype == "application/json" and as_json.headers["Access-Control-Allow-Origin"] == "*"
    rows, records = csv_rows(as_csv), as_json.get_json()
    assert rows and len(rows) == len(records) and list(rows[0]) == list(records[0])
    for row, rec in zip(rows, records):
        if "countries" in rec:  # a list in JSON, joined by ';' in CSV
            assert isinstance(rec["countries"], list) and row["countries"] == ";".join(rec["countries"])
            rec = {**rec, "countries": row["countries"]}
        assert row == {k: str(v) for k, v in rec.items()}
    if stem.startswith("events"):
        assert set(r["basis"] for r in rows) <= {"own", "joint", "vote"}


@pytest.mark.parametrize(
    "url", ["/api/stances.json?date=2019-02-30", "/api/stances.json?date=1990-01-01", "/api/events.json?country=ZZZ"]
)
def test_json_twins_reject_bad_parameters_with_a_readable_400(client, url):
    resp = client.get(url)
    assert resp.status_code == 400 and resp.headers["Access-Control-Allow-Origin"] == "*"
    assert resp.get_data(as_text=True).strip()
