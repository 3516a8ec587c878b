"""A new stance value touches the crisis file (and the events using it), never the code.

A copy of crises/taiwan gains a fourth stance in its crisis.toml and one event giving it to a
country; the app serves it unchanged: the legend lists it with its label and a count id, the
payload counts it (as the browser does, from the change-points), the chart draws its band and
the API and its schema know the value.
"""

from __future__ import annotations

import csv
import json
import shutil

import pytest
from dash import html

from dashboard.app import create_app
from dashboard.payload import day_range
from events import build_timeline, counts_on, load_events
from events.schema import FIELDS

from ..conftest import ROOT

STANCE = """
[[stance]]
value = "observer"
definition = "keeps unofficial relations with both without recognising either"
colour = "#8f55ad"
pattern = "cross"
label = { en = "Observer of both", es = "Observador de ambos" }
"""
ROW = {
    "id": "20240201-vat-observer-test",
    "date": "2024-02-01",
    "date_precision": "day",
    "countries": "VAT",
    "stance": "observer",
    "kind": "statement",
    "actor": "A test actor",
    "summary": "A test record giving one country the new stance.",
    "source_name": "Test",
    "source_url": "https://example.org/observer",
    "basis": "own",
}


@pytest.fixture(scope="module")
def crisis_folder(tmp_path_factory):
    """crises/taiwan with one more stance value in its crisis file and one event using it."""
    folder = tmp_path_factory.mktemp("crisis") / "taiwan-plus"
    shutil.copytree(ROOT / "crises" / "taiwan", folder)
    with open(folder / "crisis.toml", "a", encoding="utf-8") as out:
        out.write(STANCE)
    with open(folder / "events.csv", "a", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerow([ROW.get(f, "") for f in FIELDS])
    return folder


@pytest.fixture(scope="module")
def client(crisis_folder, tmp_path_factory):
    """The app on that folder (as `--crisis` serves it), its builds in a temp folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WBW_BUILD_DIR", str(tmp_path_factory.mktemp("builds")))
        app = create_app(crisis=crisis_folder, reload_seconds=0)
    return app.server.test_client()


def history_of(client) -> dict:
    """The history payload in the served layout (the dcc.Store the browser reads)."""
    layout = client.get("/_dash-layout").get_json()

    def find(node):
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == "history":
                return node["props"]["data"]
            return next((f for v in node.values() if (f := find(v)) is not None), None)
        if isinstance(node, list):
            return next((f for v in node if (f := find(v)) is not None), None)
        return None

    return find(layout)


def test_the_legend_lists_the_new_stance_with_its_label_and_count_id(client):
    h = history_of(client)
    assert h["legend"] == ["roc", "prc", "neither", "observer", "none"]
    assert h["countIds"][3] == "count-observer"
    assert h["labels"][h["categories"].index("observer")] == "Observer of both"
    page = client.get("/_dash-layout").get_data(as_text=True)
    assert '"count-observer"' in page


def test_the_payload_counts_the_new_stance_as_the_browser_does(client, crisis_folder):
    h = history_of(client)
    last = h["days"] - 1
    code = h["categories"].index("observer")
    held = [iso3 for iso3, rows in h["changes"].items() if [r for r in rows if r[0] <= last][-1][1] == code]
    assert held == ["VAT"]
    timeline = build_timeline(load_events(crisis_folder))
    assert counts_on(day_range(timeline).end, timeline)["observer"] == 1


def test_the_chart_api_and_schema_know_the_new_stance(client):
    h = history_of(client)
    assert "observer" in h["popChart"]["stances"]
    rows = client.get("/api/stances.json?date=2024-02-01").get_json()
    assert {"iso3": "VAT", "stance": "observer"}.items() <= next(r for r in rows if r["iso3"] == "VAT").items()
    enum = json.dumps(client.get("/openapi.json").get_json())
    assert '"observer"' in enum
    package = client.get("/datapackage.json").get_json()
    stance = next(f for f in package["resources"][0]["schema"]["fields"] if f["name"] == "stance")
    assert "observer" in stance["constraints"]["enum"]


def test_the_legend_component_is_built_from_the_payload(client):
    from dashboard import layout

    items = layout.legend(history_of(client)).children
    labels = [i.children[1].children for i in items if isinstance(i, html.Li)]
    assert "Observer of both" in labels
