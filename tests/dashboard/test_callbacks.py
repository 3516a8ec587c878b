"""The panel is no longer a server callback: its data is per-country JSON, built per version."""

from unittest.mock import ANY

import pytest
from dash._callback import GLOBAL_CALLBACK_MAP

from dashboard.app import create_app, get_data
from dashboard.statements import country_statements


@pytest.fixture(scope="module")
def app():
    return create_app(reload_seconds=0)


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def panel_json(client, iso3: str):
    version = client.get("/data/version.json").get_json()["version"]
    return client.get(f"/data/{version}/countries/{iso3}.json")


def test_every_callback_runs_in_the_browser(client):
    assert not any("callback" in cb for cb in GLOBAL_CALLBACK_MAP.values())  # a server callback's function
    assert all(d["clientside_function"] for d in client.get("/_dash-dependencies").get_json())


def test_panel_lists_country_events_in_date_order(client):
    body = panel_json(client, "BOL").get_json()
    assert body["name"] == "Bolivia"
    dates = [e["date"] for e in body["events"]]
    assert dates == sorted(dates)
    morales = next(e for e in body["events"] if e["id"] == "20190123-bol-morales-backs-maduro")
    assert morales["date_text"] == "23 January 2019" and "Morales" in morales["actor"] + morales["summary"]


def test_panel_json_matches_the_served_data(app, client):
    with app.server.test_request_context("/"):
        data = get_data()
    assert panel_json(client, "ESP").get_json() == {
        **country_statements("ESP", "Spain", data.timeline),
        "version": data.version,
    }


def test_panel_links_are_http_only(client):
    for event in panel_json(client, "ESP").get_json()["events"]:
        assert event["source_url"].startswith(("http://", "https://"))


def test_country_without_statements_has_an_empty_list(client):
    assert panel_json(client, "TUV").get_json() == {"iso3": "TUV", "name": "Tuvalu", "events": [], "version": ANY}


@pytest.mark.parametrize("bad", ["ZZZ", "esp", "%3Cscript%3E", "ES", "../history"])
def test_panel_for_unknown_country_is_404(client, bad):
    assert panel_json(client, bad).status_code == 404
