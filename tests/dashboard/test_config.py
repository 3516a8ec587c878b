"""One validation for every way in: CLI flags, environment, create_app(...) and the WSGI entry point."""

import os
import subprocess
import sys

import pytest

from dashboard import config
from dashboard.__main__ import parse_args
from dashboard.app import create_app

from ..conftest import ROOT, free_port

BAD_ANCESTORS = [
    "https://a.example\n",  # Python's `$` would match before this newline
    "https://a.example\r\nX-Injected: 1",
    "https://a.example; script-src 'unsafe-inline' *",
    "https://a.example;",
    "'self'  https://a.example",  # double space
    " https://a.example",
    "'none' https://a.example",
    "javascript:alert(1)",
    "https://a.example/path",
    "",
]
GOOD_ANCESTORS = [
    "*",
    "'self'",
    "'none'",
    "https://news.example https://*.paper.example:8443",
    "'self' http://localhost:8000",
]


@pytest.mark.parametrize("value", GOOD_ANCESTORS)
def test_good_frame_ancestors_pass(value):
    assert config.frame_ancestors(value) == value


@pytest.mark.parametrize("value", BAD_ANCESTORS)
def test_bad_frame_ancestors_fail_with_a_clear_message(value):
    with pytest.raises(config.ConfigError) as err:
        config.frame_ancestors(value, "WBW_FRAME_ANCESTORS")
    message = str(err.value)
    assert message.startswith("WBW_FRAME_ANCESTORS: ") and repr(value) in message and "\n" not in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PORT", "80\n"),
        ("PORT", "0"),
        ("PORT", "65536"),
        ("PORT", "8050;"),
        ("PORT", " 8050"),
        ("HOST", "127.0.0.1\n"),
        ("HOST", "a b"),
        ("HOST", ""),
        ("WEB_CONCURRENCY", "0"),
        ("WEB_CONCURRENCY", "2\n"),
        ("WBW_RELOAD_SECONDS", "nan"),
        ("WBW_RELOAD_SECONDS", "-1"),
        ("WBW_RELOAD_SECONDS", "1e9"),
        ("WBW_RELOAD_SECONDS", "10\n"),
        ("WBW_URL_PREFIX", "maps/"),
        ("WBW_URL_PREFIX", "/maps"),
        ("WBW_URL_PREFIX", "/maps/\n"),
        ("WBW_URL_PREFIX", "/a;b/"),
        ("WBW_EVENTS", "/srv/events\n"),
        ("WBW_CRISIS", "crises/taiwan\n"),
        ("WBW_CRISIS", "/nonexistent/crisis"),
        ("WBW_CRISIS", "events"),  # a folder without crisis.toml
        ("WBW_LOG_FORMAT", "JSON\n"),
        ("WBW_LOG_LEVEL", "verbose"),
        ("WBW_ACCESS_LOG", "maybe"),
        ("WBW_HEADER_TIMEOUT", "0"),
        ("WBW_WORKER_CONNECTIONS", "5"),
    ],
)
def test_every_environment_variable_is_checked_whole(name, value):
    with pytest.raises(config.ConfigError, match=f"^{name}: "):
        config.env(name, {name: value})


def test_defaults_are_valid():
    values = config.env_all({})
    assert values["PORT"] == 8050 and values["HOST"] == "127.0.0.1" and values["WBW_FRAME_ANCESTORS"] == "*"


@pytest.mark.parametrize("value", BAD_ANCESTORS[:4])
def test_cli_flag_refuses(value, capsys):
    with pytest.raises(SystemExit) as exit_:
        parse_args(["--frame-ancestors", value])
    assert exit_.value.code == 2
    assert "--frame-ancestors: " in capsys.readouterr().err


@pytest.mark.parametrize("value", BAD_ANCESTORS[:4])
def test_cli_environment_refuses(monkeypatch, value, capsys):
    monkeypatch.setenv("WBW_FRAME_ANCESTORS", value)
    with pytest.raises(SystemExit):
        parse_args([])
    assert "WBW_FRAME_ANCESTORS: " in capsys.readouterr().err


@pytest.mark.parametrize("flag", [["--port", "80\n"], ["--port", "x"], ["--workers", "0"], ["--host", "a\nb"]])
def test_cli_other_flags_refuse(flag):
    with pytest.raises(SystemExit):
        parse_args(flag)


@pytest.mark.parametrize("value", BAD_ANCESTORS[:4])
def test_create_app_refuses(value):
    with pytest.raises(config.ConfigError):
        create_app(frame_ancestors=value)


def test_create_app_refuses_environment_and_other_arguments(monkeypatch):
    with pytest.raises(config.ConfigError):
        create_app(url_prefix="/x\n/")
    with pytest.raises(config.ConfigError):
        create_app(reload_seconds=float("nan"))
    monkeypatch.setenv("WBW_FRAME_ANCESTORS", "https://a.example\n")
    with pytest.raises(config.ConfigError, match="WBW_FRAME_ANCESTORS"):
        create_app()


def test_version_flag():
    out = subprocess.run([sys.executable, "-m", "dashboard", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and out.stdout.startswith("who-backs-whom 0.")


def _env(**extra):
    return {**{k: v for k, v in os.environ.items() if not k.startswith(("WBW_", "GUNICORN"))}, **extra}


@pytest.mark.slow
@pytest.mark.parametrize("value", ["https://a.example\n", "https://a.example; script-src 'unsafe-inline' *"])
def test_plain_gunicorn_stops_on_a_bad_environment_value(value):
    """`gunicorn dashboard.app:server` reads gunicorn.conf.py, which validates before any worker starts."""
    proc = subprocess.run(
        [sys.executable, "-m", "gunicorn", "dashboard.app:server"],
        cwd=ROOT,
        env=_env(WBW_FRAME_ANCESTORS=value, PORT=str(free_port())),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode != 0
    assert "WBW_FRAME_ANCESTORS: " in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_wsgi_entry_point_refuses_without_the_config_file(tmp_path):
    """Any WSGI server importing dashboard.app:server gets the same check (and no app)."""
    code = "import dashboard.app as a; a.server"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env=_env(WBW_FRAME_ANCESTORS="https://a.example\n", PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode != 0 and "ConfigError: WBW_FRAME_ANCESTORS: " in proc.stderr


@pytest.mark.slow
def test_production_flag_stops_on_a_bad_environment_value():
    proc = subprocess.run(
        [sys.executable, "-m", "dashboard", "--production"],
        cwd=ROOT,
        env=_env(WBW_LOG_FORMAT="xml", PORT=str(free_port())),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2 and "WBW_LOG_FORMAT: 'xml' is not allowed" in proc.stderr
