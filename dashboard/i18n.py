"""The page's languages: per-language string catalogues, the `?lang=` choice and locale formatting.

Catalogues are TOML files in `dashboard/locales/` (`en.toml`, `es.toml`, ...), one table per
part of the page, each string under a key such as `controls.play`; `{name}` marks a value filled
in by Python (`text`) or by the browser (`wbwLib.t`). Crisis-specific text (title, lede, stance
labels) lives in the crisis file instead, in every language it lists. English is the default:
any other or unknown `lang` gives the English page. The API stays English whatever the language.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal

LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT = "en"
LANGUAGES: tuple[str, ...] = ("en", "es")  # the first is the default; each has locales/<lang>.toml
_active: contextvars.ContextVar[str] = contextvars.ContextVar("wbw_language", default=DEFAULT)


def flatten(table: dict, prefix: str = "") -> dict[str, str]:
    """Nested TOML tables as one dict of dotted keys."""
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = str(value)
    return out


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every UI string of one language by key (read once from locales/<lang>.toml)."""
    return flatten(tomllib.loads((LOCALES_DIR / f"{lang}.toml").read_text(encoding="utf-8")))


def choose(raw: str | None) -> str:
    """The page language for a `?lang=` value: one of LANGUAGES, else the default."""
    value = (raw or "").strip().lower()
    return value if value in LANGUAGES else DEFAULT


def locale_tag(lang: str) -> str:
    """The BCP 47 tag dates and numbers are formatted with (`locale.tag` of the catalogue)."""
    return catalogue(lang)["locale.tag"]


def babel_locale(lang: str) -> str:
    """The same locale in babel's spelling (en_GB)."""
    return locale_tag(lang).replace("-", "_")


def text(key: str, lang: str | None = None, **values: object) -> str:
    """One string of the active (or given) language, with `{name}` values filled in."""
    raw = catalogue(lang or current())[key]
    return raw.format(**values) if values else raw


def current() -> str:
    """The language the page being built is in (see `language`)."""
    return _active.get()


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Build a page in `lang`: `text()` inside the block uses it."""
    token = _active.set(lang)
    try:
        yield lang
    finally:
        _active.reset(token)


def day_text(day: dt.date, lang: str | None = None) -> str:
    """A day as the slider and panel print it: '5 Feb 2019', '5 feb 2019'."""
    return format_date(day, "d MMM y", locale=babel_locale(lang or current())).replace(".", "")


def long_day_text(day: dt.date, lang: str | None = None) -> str:
    """A statement's date: '5 February 2019', '5 de febrero de 2019'."""
    return format_date(day, "long", locale=babel_locale(lang or current()))


def month_text(day: dt.date, lang: str | None = None) -> str:
    """A month-precision date: 'February 2019', 'febrero de 2019'."""
    return format_skeleton("yMMMM", day, locale=babel_locale(lang or current()))


def number_text(value: float, lang: str | None = None) -> str:
    """A number with the language's separators."""
    return format_decimal(value, locale=babel_locale(lang or current()))


def browser_strings(lang: str) -> dict:
    """What the browser needs: language, locale tag and every `js.*` string (the JS retypes none)."""
    strings = {k.removeprefix("js."): v for k, v in catalogue(lang).items() if k.startswith("js.")}
    return {
        "lang": lang,
        "locale": locale_tag(lang),
        "default": DEFAULT,
        "languages": list(LANGUAGES),
        "strings": strings,
    }
