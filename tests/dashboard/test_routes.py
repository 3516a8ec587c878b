import csv
import io
import re

import pytest

from dashboard.app import create_app


@pytest.fixture(scope="module")
def client():
    return create_app().server.test_client()


def rows(resp):
    return list(csv.DictReader(io.StringIO(resp.get_data(as_text=True))))


def test_stances_csv_columns_and_content(client):
    resp = client.get("/api/stances.csv?date=2019-02-05")
    assert resp.status_code == 200 and resp.mimetype == "text/csv"
    data = rows(resp)
    assert list(data[0]) == ["iso3", "name", "stance", "since", "event_id"]
    esp = next(r for r in data if r["iso3"] == "ESP")
    assert (esp["name"], esp["stance"]) == ("Spain", "guaido")


def test_events_csv_all_and_one_country(client):
    everything = rows(client.get("/api/events.csv"))
    bolivia = rows(client.get("/api/events.csv?country=BOL"))
    assert len(everything) >= 150
    assert bolivia and all("BOL" in r["countries"].split(";") for r in bolivia)
    assert any(r["id"] == "20190123-bol-morales-backs-maduro" for r in bolivia)
    brazil = {r["id"]: r for r in rows(client.get("/api/events.csv?country=BRA"))}
    assert brazil["20190123-bra-col-gtm-cri-recognise-guaido"]["countries"] == "BRA;COL;GTM;CRI"


@pytest.mark.parametrize(
    "url",
    [
        "/api/stances.csv?date=2019-02-30",
        "/api/stances.csv?date=<script>",
        "/api/stances.csv?date=99999-01-01",
        "/api/events.csv?country=ZZZ",
        "/api/events.csv?country=esp",
        "/api/events.csv?country=%00",
    ],
)
def test_malformed_parameters_are_400_not_500(client, url):
    assert client.get(url).status_code == 400


def test_healthz(client):
    body = client.get("/healthz").get_json()
    assert body["status"] == "ok" and body["events"] >= 150 and body["loaded_at"]


def test_geometry_is_served_cacheable_and_page_has_security_headers(client):
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors *" in csp
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"]
    layout = client.get("/_dash-layout").get_data(as_text=True).replace("\\u002f", "/")

    url = re.search(r'"geojson": ?"(/geo/world\.[0-9a-f]+\.geojson)"', layout).group(1)
    geo = client.get(url)
    assert geo.status_code == 200 and "immutable" in geo.headers["Cache-Control"]
    assert "FeatureCollection" in geo.get_data(as_text=True)[:100]
