"""One validation for every way in: CLI flags, environment variables, `create_app(...)` and WSGI.

Every option has one checker here. Each matches the whole string (`fullmatch`), so a trailing
newline, a `;` or a CR/LF never slips through into a header. A bad value raises `ConfigError`
naming the option and showing the value with its hidden characters (`repr`); start-up stops.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from events.crisis import CRISIS_FILE

ORIGIN = r"https?://(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?"
SOURCE = rf"(\*|'self'|{ORIGIN})"
FRAME_ANCESTORS_RE = re.compile(rf"'none'|{SOURCE}( {SOURCE})*")
HOST_RE = re.compile(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,252})|\[?[0-9A-Fa-f:.]{2,45}\]?")
PREFIX_RE = re.compile(r"/([A-Za-z0-9._~-]+/)*")
CHOICES_LOG_FORMAT = ("text", "json")
CHOICES_LOG_LEVEL = ("debug", "info", "warning", "error")
CHOICES_SWITCH = {
    "1": True,
    "true": True,
    "on": True,
    "yes": True,
    "0": False,
    "false": False,
    "off": False,
    "no": False,
}


class ConfigError(ValueError):
    """A configuration value that must not be used; the message names the option."""


def _fail(name: str, value: object, rule: str) -> ConfigError:
    return ConfigError(f"{name}: {value!r} is not allowed: {rule}")


def frame_ancestors(value: str, name: str = "frame-ancestors") -> str:
    """CSP frame-ancestors sources: *, 'self', 'none' alone, or space-separated http(s) origins."""
    if not isinstance(value, str) or not FRAME_ANCESTORS_RE.fullmatch(value):
        raise _fail(name, value, "use *, 'self', 'none' or http(s) origins separated by single spaces")
    return value


def host(value: str, name: str = "host") -> str:
    """An interface name or address to bind (no spaces, no control characters)."""
    if not isinstance(value, str) or not HOST_RE.fullmatch(value):
        raise _fail(name, value, "use an IP address or a host name")
    return value


def _integer(value: Any, name: str, low: int, high: int) -> int:
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not re.fullmatch(r"\d{1,6}", text) or not low <= int(text) <= high:
        raise _fail(name, value, f"use a whole number from {low} to {high}")
    return int(text)


def port(value: Any, name: str = "port") -> int:
    """A TCP port, 1-65535."""
    return _integer(value, name, 1, 65535)


def workers(value: Any, name: str = "workers") -> int:
    """Number of gunicorn worker processes, 1-64."""
    return _integer(value, name, 1, 64)


def worker_connections(value: Any, name: str = "worker-connections") -> int:
    """Open connections one worker holds at most, 10-100000."""
    return _integer(value, name, 10, 100_000)


def header_timeout(value: Any, name: str = "header-timeout") -> int:
    """Whole seconds a client may take to send its request line and headers, 1-300."""
    return _integer(value, name, 1, 300)


def whole_seconds(value: Any, name: str = "seconds") -> int:
    """A whole number of seconds, 0 to one year (cache lifetimes, the live poll)."""
    return _integer(value, name, 0, 31_536_000)


def seconds(value: Any, name: str = "seconds", low: float = 0.0, high: float = 86_400.0) -> float:
    """A number of seconds within [low, high]."""
    text = str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not re.fullmatch(r"\d{1,6}(\.\d{1,6})?", text):
        raise _fail(name, value, f"use a number of seconds from {low:g} to {high:g}")
    number = float(text)
    if not math.isfinite(number) or not low <= number <= high:
        raise _fail(name, value, f"use a number of seconds from {low:g} to {high:g}")
    return number


def events_path(value: str | os.PathLike | None, name: str = "events") -> str | None:
    """An events file or folder path (existence is the loader's check); None = shipped data."""
    if value is None or value == "":
        return None
    text = os.fspath(value)
    if not isinstance(text, str) or re.search(r"[\x00-\x1f\x7f]", text):
        raise _fail(name, value, "a path without control characters")
    return text


def crisis_path(value: str | os.PathLike | None, name: str = "crisis") -> str | None:
    """A crisis folder: one holding crisis.toml and its events; None = the shipped crisis."""
    if value is None or value == "":
        return None
    text = events_path(value, name)
    if not (Path(text) / CRISIS_FILE).is_file():
        raise _fail(name, value, f"a folder holding {CRISIS_FILE} and its events files")
    return text


def events_or_crisis(events: str | None, crisis: str | None) -> str | None:
    """The events path to serve: the crisis folder (its crisis file and events), else the events path."""
    if events and crisis:
        raise ConfigError(f"crisis: {crisis!r} is not allowed with events {events!r}: give one of them")
    return crisis or events


def url_prefix(value: str, name: str = "url-prefix") -> str:
    """A path prefix that starts and ends with '/', e.g. '/maps/venezuela/'."""
    if not isinstance(value, str) or not PREFIX_RE.fullmatch(value):
        raise _fail(name, value, "start and end with '/', segments of A-Z a-z 0-9 . _ ~ -")
    return value


def choice(options: tuple[str, ...]) -> Callable[[str, str], str]:
    """A checker accepting exactly one of `options`."""

    def check(value: str, name: str = "option") -> str:
        if not isinstance(value, str) or value not in options:
            raise _fail(name, value, f"use one of {', '.join(options)}")
        return value

    return check


def switch(value: str, name: str = "switch") -> bool:
    """An on/off value: 1/0, true/false, on/off, yes/no."""
    if not isinstance(value, str) or value.lower() not in CHOICES_SWITCH:
        raise _fail(name, value, "use 1 or 0 (true/false, on/off, yes/no)")
    return CHOICES_SWITCH[value.lower()]


# Every environment variable the project reads: name → (checker, default). README lists them.
ENV: dict[str, tuple[Callable[..., Any], str]] = {
    "HOST": (host, "127.0.0.1"),
    "PORT": (port, "8050"),
    "WEB_CONCURRENCY": (workers, "2"),
    "WBW_EVENTS": (events_path, ""),
    "WBW_CRISIS": (crisis_path, ""),
    "WBW_FRAME_ANCESTORS": (frame_ancestors, "*"),
    "WBW_URL_PREFIX": (url_prefix, "/"),
    "WBW_RELOAD_SECONDS": (seconds, "10"),
    "WBW_BOOT_SECONDS": (seconds, "5"),  # dashboard.ssr: when the app starts unasked
    "WBW_POLL_SECONDS": (whole_seconds, "60"),  # how often an open page asks for a new version
    "WBW_CACHE_MAX_AGE": (whole_seconds, "60"),  # dashboard.caching
    "WBW_CACHE_S_MAXAGE": (whole_seconds, "300"),
    "WBW_CACHE_SWR": (whole_seconds, "600"),
    "WBW_VERSION_MAX_AGE": (whole_seconds, "10"),  # dashboard.published
    "WBW_WORKER_CONNECTIONS": (worker_connections, "1000"),
    "WBW_HEADER_TIMEOUT": (header_timeout, "10"),
    "WBW_ACCESS_LOG": (switch, "1"),
    "WBW_LOG_FORMAT": (choice(CHOICES_LOG_FORMAT), "text"),
    "WBW_LOG_LEVEL": (choice(CHOICES_LOG_LEVEL), "info"),
}


def env(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """The validated value of one environment variable (its default when unset)."""
    environ = os.environ if environ is None else environ
    check, default = ENV[name]
    return check(environ.get(name, default), name)


def env_all(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Every environment variable, validated; raises on the first bad one."""
    return {name: env(name, environ) for name in ENV}


def app_arguments(
    events: str | os.PathLike | None = None,
    ancestors: str | None = None,
    prefix: str | None = None,
    reload: float | None = None,
    crisis: str | os.PathLike | None = None,
) -> tuple[str | None, str, str, float]:
    """`create_app`'s arguments, validated; each one left as None comes from its variable.

    The first is the events path to serve: a crisis folder (`crisis` / WBW_CRISIS) or an events
    file or folder (`events` / WBW_EVENTS); never both.
    """
    given = events is not None or crisis is not None
    chosen_events = events_path(events) if given else env("WBW_EVENTS")
    chosen_crisis = crisis_path(crisis) if given else env("WBW_CRISIS")
    return (
        events_or_crisis(chosen_events, chosen_crisis),
        frame_ancestors(ancestors) if ancestors else env("WBW_FRAME_ANCESTORS"),
        url_prefix(prefix) if prefix is not None else env("WBW_URL_PREFIX"),
        seconds(reload, "reload_seconds") if reload is not None else env("WBW_RELOAD_SECONDS"),
    )
