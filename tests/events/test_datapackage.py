import json
import shutil

import frictionless
import pytest

from events import datapackage, schema
from events.crisis import load_crisis
from events.loader import DEFAULT_DATA_DIR, csv_files


@pytest.fixture
def package_dir(tmp_path):
    for file in csv_files(DEFAULT_DATA_DIR):
        shutil.copy(file, tmp_path / file.name)
    return tmp_path


def test_shipped_events_validate_as_a_frictionless_data_package(package_dir):
    out = datapackage.write(package_dir, package_dir / "datapackage.json")
    report = frictionless.validate(str(out))
    errors = [e.message for task in report.tasks for e in task.errors]
    assert report.valid, errors[:5]
    assert len(report.tasks) == len(csv_files(DEFAULT_DATA_DIR))


def test_a_bad_row_fails_frictionless_validation_too(package_dir):
    target = sorted(package_dir.glob("*.csv"))[0]
    lines = target.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    lines.append(",".join("2019-13-45" if f == "date" else "x" for f in header))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = frictionless.validate(str(datapackage.write(package_dir, package_dir / "datapackage.json")))
    assert not report.valid
    types = {e.type for task in report.tasks for e in task.errors}
    assert "type-error" in types or "constraint-error" in types


def test_descriptor_carries_vocabularies_pattern_key_and_licence():
    desc = datapackage.descriptor()
    fields = {f["name"]: f for f in desc["resources"][0]["schema"]["fields"]}
    assert [f["name"] for f in desc["resources"][0]["schema"]["fields"]] == list(schema.FIELDS)
    assert fields["stance"]["constraints"]["enum"] == [*load_crisis().stance_values(), ""]
    assert fields["kind"]["constraints"]["enum"] == list(schema.KINDS)
    assert fields["id"]["constraints"]["pattern"] == schema.ID_PATTERN
    assert desc["resources"][0]["schema"]["primaryKey"] == ["id"]
    assert desc["licenses"][0]["name"] == "CC-BY-4.0"
    json.dumps(desc)  # serialisable as is
