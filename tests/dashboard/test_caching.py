"""Cache-Control from the environment, ETag of the data version, 304s (Flask test client)."""

import pytest

from dashboard.app import create_app
from dashboard.caching import CachePolicy, is_live, policy_from_env
from dashboard.config import ConfigError


@pytest.fixture(scope="module")
def client():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WBW_CACHE_MAX_AGE", "5")
        mp.setenv("WBW_CACHE_S_MAXAGE", "30")
        mp.setenv("WBW_CACHE_SWR", "90")
        yield create_app(reload_seconds=0).server.test_client()


def test_policy_defaults_and_bad_values(monkeypatch):
    assert policy_from_env() == CachePolicy(60, 300, 600)
    for name, bad in (("WBW_CACHE_MAX_AGE", "-1"), ("WBW_CACHE_SWR", "x"), ("WBW_CACHE_S_MAXAGE", "1e3")):
        with monkeypatch.context() as mp:
            mp.setenv(name, bad)
            with pytest.raises(ConfigError, match=f"{name}: '{bad}' is not allowed: use a whole number"):
                policy_from_env()


@pytest.mark.parametrize("name", ["WBW_POLL_SECONDS", "WBW_VERSION_MAX_AGE", "WBW_CACHE_MAX_AGE"])
def test_a_bad_time_stops_start_up_naming_the_variable(monkeypatch, name):
    monkeypatch.setenv(name, "soon")
    with pytest.raises(ConfigError, match=f"{name}: 'soon' is not allowed"):
        create_app(reload_seconds=0)


@pytest.mark.parametrize("url", ["/", "/_dash-layout", "/_dash-dependencies", "/api/events.csv", "/_favicon.ico"])
def test_configured_headers_and_304(client, url):
    resp = client.get(url)
    resp.close()
    assert resp.headers["Cache-Control"] == "public, max-age=5, s-maxage=30, stale-while-revalidate=90"
    version = client.get("/data/version.json").get_json()["version"]
    assert resp.headers["ETag"].startswith(f'W/"{version}.')
    again = client.get(url, headers={"If-None-Match": resp.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""


def test_errors_and_health_are_not_cached(client):
    assert "Cache-Control" not in client.get("/api/events.csv?country=ZZZ").headers
    assert client.get("/healthz").headers["Cache-Control"] == "no-store"


def test_fingerprinted_assets_stay_immutable(client):
    page = client.get("/").get_data(as_text=True)
    asset = next(s for s in page.split('"') if s.startswith("/assets/wbw-7-live.js?m="))
    resp = client.get(asset)
    resp.close()  # a file response: close it
    assert "immutable" in resp.headers["Cache-Control"]


def test_live_routes():
    assert is_live("/", "text/html", "/") and is_live("/api/x.csv", "text/csv", "/")
    assert not is_live("/healthz", "application/json", "/") and not is_live("/geo/a.json", "application/json", "/")
