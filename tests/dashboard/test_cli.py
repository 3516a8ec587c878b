import subprocess
import sys

import pytest

from dashboard.__main__ import parse_args
from dashboard.app import create_app


def test_help_lists_the_contract_flags():
    out = subprocess.run([sys.executable, "-m", "dashboard", "--help"], capture_output=True, text=True).stdout
    for flag in ("--host", "--port", "--events", "--production", "--workers", "--frame-ancestors", "--version"):
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
