"""The page in the reader's language: `?lang=` picks the layout, `<html lang>`, title and alternates.

The URL alone chooses the language (never Accept-Language), so every cache keys on it already.
Dash's renderer fetches `_dash-layout` without the page's query string; assets/wbw-0-lang.js
adds `?lang=` to that one request when the page is not in the default language, so the layout
answer too is chosen (and cached) by its URL.
"""

from __future__ import annotations

import html
import json
from functools import cache
from urllib.parse import urlencode

import flask
from dash import hooks

from dashboard import i18n, localize
from dashboard.current import get_data
from dashboard.document import LANG

I18N_ID = "wbw-i18n"  # the inert JSON block with the page's language, locale and strings
PREFIX_KEY = "WBW_I18N_PREFIX"


def request_language() -> str:
    """The language the current request asks for (`?lang=`; the default outside a request)."""
    if not flask.has_request_context():
        return i18n.DEFAULT
    return i18n.choose(flask.request.args.get("lang"))


def browser_block(lang: str, crisis_title: str) -> str:
    """The `<script type="application/json">` block the page's scripts read their strings from."""
    body = {**i18n.browser_strings(lang), "title": crisis_title}
    if lang != i18n.DEFAULT:
        body["plotlyLocale"] = localize.plotly_locale(lang)
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    return f'<script type="application/json" id="{I18N_ID}">{text}</script>'


def page_url(base: str, query: list[tuple[str, str]], lang: str | None) -> str:
    """The page's URL with `lang` set (or left out for the x-default alternate)."""
    params = [(k, v) for k, v in query if k != "lang"] + ([("lang", lang)] if lang else [])
    return base + ("?" + urlencode(params) if params else "")


def alternates(base: str, query: list[tuple[str, str]]) -> str:
    """`<link rel="alternate" hreflang>` for every language and x-default (English, no `lang`)."""
    links = [(lang, page_url(base, query, None if lang == i18n.DEFAULT else lang)) for lang in i18n.LANGUAGES]
    links.append(("x-default", page_url(base, query, None)))
    return "".join(f'<link rel="alternate" hreflang="{code}" href="{html.escape(url)}">' for code, url in links)


def localize_index(index: str, lang: str, title: str, head_extra: str) -> str:
    """The index page in `lang`: `<html lang>`, the crisis title, and the extra head markup."""
    out = index.replace(f'<html lang="{LANG}"', f'<html lang="{lang}"', 1)  # the drawn page's root has more attributes
    start, end = out.find("<title>"), out.find("</title>")
    if 0 <= start < end:
        out = out[: start + len("<title>")] + html.escape(title) + out[end:]
    return out.replace("</head>", f"{head_extra}\n    </head>", 1)


@cache
def _install_index_hook() -> None:
    """Once per process (Dash's index hooks are global): every page of ours in its language."""

    @hooks.index()
    def _language(index: str) -> str:
        prefix = flask.current_app.config.get(PREFIX_KEY)
        if prefix is None:
            return index
        req = flask.request
        lang = request_language()
        title = get_data().timeline.crisis.text("title", lang)
        query = [(k, v) for k, values in req.args.lists() for v in values]
        extra = alternates(f"{req.scheme}://{req.host}{prefix}", query) + browser_block(lang, title)
        return localize_index(index, lang, title, extra)


def install(server: flask.Flask, prefix: str) -> None:
    """Serve every page in the language its URL asks for."""
    server.config[PREFIX_KEY] = prefix
    _install_index_hook()
