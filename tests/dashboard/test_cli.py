import shutil
import subprocess
import sys

import pytest

from dashboard.__main__ import parse_args
from dashboard.app import create_app
from events import EventsValidationError

from ..conftest import ROOT


def test_help_lists_the_contract_flags():
    out = subprocess.run([sys.executable, "-m", "dashboard", "--help"], capture_output=True, text=True).stdout
    for flag in ("--host", "--port", "--events", "--crisis", "--production", "--workers", "--frame-ancestors"):
        assert flag in out


def test_defaults_and_port_from_environment(monkeypatch):
    monkeypatch.setenv("PORT", "8123")
    args = parse_args([])
    assert (args.host, args.port, args.frame_ancestors) == ("127.0.0.1", 8123, "*")


@pytest.mark.parametrize(
    "bad", ["https://a.example; script-src *", "javascript:x", "https://a.example\nX: y", "https://a.example\n"]
)
def test_frame_ancestors_rejects_injection(bad):
    with pytest.raises(SystemExit):
        parse_args(["--frame-ancestors", bad])


def test_frame_ancestors_allowlist_reaches_the_header():
    app = create_app(frame_ancestors="https://news.example https://*.paper.example")
    csp = app.server.test_client().get("/").headers["Content-Security-Policy"]
    assert "frame-ancestors https://news.example https://*.paper.example" in csp


TAIWAN = ROOT / "crises" / "taiwan"


@pytest.fixture
def builds(tmp_path, monkeypatch):
    """Builds of the apps under test go to a temp folder."""
    monkeypatch.setenv("WBW_BUILD_DIR", str(tmp_path))
    return tmp_path


def test_crisis_flag_and_environment_are_checked_and_exclusive_with_events(monkeypatch, capsys):
    assert parse_args(["--crisis", str(TAIWAN)]).crisis == str(TAIWAN)
    monkeypatch.setenv("WBW_CRISIS", str(TAIWAN))
    assert parse_args([]).crisis == str(TAIWAN)
    for argv in (["--crisis", str(TAIWAN) + "\n"], ["--crisis", str(ROOT / "events")], ["--events", str(TAIWAN)]):
        with pytest.raises(SystemExit):
            parse_args(argv)  # a newline; a folder without crisis.toml; both --events and WBW_CRISIS
    err = capsys.readouterr().err
    assert "--crisis: " in err and "give one of them" in err


def test_create_app_serves_the_crisis_folder_it_is_given(builds):
    client = create_app(crisis=TAIWAN, reload_seconds=0).server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "<title>Who recognises Taipei" in page
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "Relations with Taipei (ROC)" in layout and "Recognises Guaid" not in layout
    assert client.get("/healthz").get_json()["events"] == 20  # crises/taiwan/events.csv


def test_events_beside_a_crisis_file_take_its_crisis_and_others_the_shipped_one(builds, tmp_path):
    taiwan = create_app(TAIWAN / "events.csv", reload_seconds=0).server.test_client()
    assert "Relations with Taipei (ROC)" in taiwan.get("/_dash-layout").get_data(as_text=True)
    loose = tmp_path / "loose"
    loose.mkdir()
    for file in (ROOT / "events" / "data").glob("*.csv"):
        (loose / file.name).write_bytes(file.read_bytes())
    shipped = create_app(loose, reload_seconds=0).server.test_client()
    assert "Recognises Guaid" in shipped.get("/_dash-layout").get_data(as_text=True)


def test_a_bad_crisis_file_stops_start_up_naming_the_field(builds, tmp_path):
    folder = tmp_path / "bad"
    shutil.copytree(TAIWAN, folder)
    toml = folder / "crisis.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('subject = "TWN"', 'subject = "Taiwan"'), encoding="utf-8")
    with pytest.raises(EventsValidationError, match=r"crisis\.toml:0: subject: 'Taiwan' is not an ISO"):
        create_app(crisis=folder, reload_seconds=0)
