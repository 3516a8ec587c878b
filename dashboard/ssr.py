"""The server-drawn page: every `/?date=&country=&region=&embed=` response carries its map.

`install(app)` replaces the app's `interpolate_index`: the response holds a static copy of the
layout (from `static_html`) with the map as inline SVG (`svgmap`), the legend counts, the date,
a `<noscript>` panel with the selected country's statements, the table, and social-card tags.
Dash's own scripts sit inert in a `<template>` so they never hold up the first paint:
`assets/wbw-boot.js` starts them once the drawn page has painted (and keeps a reader's first
action for the app), `assets/wbw-height.js` sizes embeds from the first paint on, and
`assets/wbw-5-ssr.js` removes the static copy once the interactive map shows the same state.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import flask
from dash import Dash

from dashboard import config, document, i18n, i18n_page, ids, layout, page_cache, svgmap, theme
from dashboard.images import card_size
from dashboard.routes import parse_day
from dashboard.ssr_panel import panel_html, short_day
from dashboard.static_html import to_html
from dashboard.store import AppData
from events import stances_on

BOOT_SECONDS = float(config.ENV["WBW_BOOT_SECONDS"][1])  # readers' default (the app's own tests use 0)
EARLY_ASSETS = ("wbw-height.js", "wbw-boot.js")  # linked in <head>, left out of Dash's bundle
PYM_CHILD_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")  # pym.js frames are embeds too (as in wbw-1-core.js)
HIDE_APP = (
    "#react-entry-point{position:absolute;top:0;left:0;width:100%;visibility:hidden}"
    "html.wbw-live #react-entry-point{position:static;visibility:visible}"
)
NOSCRIPT_STYLE = (  # without JavaScript: no inert controls, no empty chart box
    ".wbw-ssr .control-row button,.wbw-ssr .page-footer button,.wbw-ssr-slider,.wbw-ssr .chart-graph,"
    ".wbw-ssr .wbw-js-table,.wbw-ssr .wbw-js-panel,.wbw-ssr .analyst-row,.wbw-ssr .shares-wrap,"
    ".wbw-ssr .cite-export{display:none}"
    ".wbw-ssr .main>noscript{display:contents}"  # the statements panel is the flex item itself
)


def parse_state(args: Any, data: AppData) -> tuple[svgmap.MapState, bool]:
    """The page's state from its query: invalid values fall back to the defaults, as in the browser."""
    day = parse_day(str(args.get("date", "")))
    if day is None or not data.days.start <= day <= data.days.end:
        day = data.days.end
    country = str(args.get("country", "")).upper()
    known = set(data.states["iso3"])
    region = str(args.get("region", ""))  # exact, as the browser reads it
    region = region if region in svgmap.region_names() else None
    embed = args.get("embed") == "1" or PYM_CHILD_ID.fullmatch(str(args.get("childId", ""))) is not None
    return svgmap.MapState(day, country if country in known else None, region), embed


def named_date(args: Any, data: AppData) -> bool:
    """Whether the query names a valid date (otherwise the page shows, and its link means, the latest)."""
    day = parse_day(str(args.get("date", "")))
    return day is not None and data.days.start <= day <= data.days.end


def query(state: svgmap.MapState, dated: bool = True, **extra: str) -> str:
    """The normalised query string of a state (without the date if `dated` is false: "the latest")."""
    params = {"date": state.date.isoformat()} if dated else {}
    if state.country:
        params["country"] = state.country
    if state.region:
        params["region"] = state.region
    return urlencode({**params, **extra})


def change_days(data: AppData) -> list[dt.date]:
    """Sorted days on which some country changed position (the prev/next buttons' stops)."""
    return sorted({d.date() for d in data.timeline.changes["date"] if data.days.start <= d.date() <= data.days.end})


def step_link(data: AppData, state: svgmap.MapState, label: str, forward: bool, lang: str) -> str:
    """A previous/next-change button as a link to that date (works without JavaScript)."""
    days = change_days(data)
    target = (
        next((d for d in days if d > state.date), None)
        if forward
        else next((d for d in reversed(days) if d < state.date), None)
    )
    if target is None:
        return f'<span class="btn" aria-disabled="true">{escape(label)}</span>'
    href = "?" + query(svgmap.MapState(target, state.country, state.region), **lang_extra(lang))
    return f'<a class="btn" href="{escape(href)}">{escape(label)}</a>'


def _along(share: float) -> str:
    """CSS left of a point on the slider at `share` (0–1), as Radix keeps the thumb inside the track."""
    return f"calc({100 * share:.3f}% + {8 - 16 * share:.2f}px)"


def slider_html(node: Any, data: AppData, state: svgmap.MapState, lang: str) -> str:
    """The slider's look (track, range, marks, thumb) and, without JavaScript, a date form."""
    top = max(1, int(node.max))
    share = data.days.index(state.date) / top
    marks = "".join(
        f'<span class="wbw-ssr-mark{" is-in" if int(i) / top <= share else ""}" style="left:{_along(int(i) / top)}">'
        f"{escape(str(m.get('label', '')))}</span>"
        for i, m in (node.marks or {}).items()
    )
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{escape(v)}">'
        for k, v in (("country", state.country), ("region", state.region or ""))
        if v
    )
    return (
        f'<div class="wbw-ssr-slider" aria-hidden="true" data-start="{data.days.start}" data-max="{top}">'
        f'<div class="wbw-ssr-track">'
        f'<span class="wbw-ssr-range" style="width:{100 * share:.3f}%"></span></div>{marks}'
        f'<span class="wbw-ssr-thumb" style="left:{_along(share)}"></span></div>'
        f'<noscript><form method="get" class="wbw-ssr-form"><label>{escape(i18n.text("js.date", lang))} '
        f'<input type="date" name="date" value="{state.date}" min="{data.days.start}" max="{data.days.end}">'
        f'</label>{hidden}{lang_field(lang)}<button type="submit" class="btn">{escape(i18n.text("ssr.show", lang))}'
        "</button></form></noscript>"
    )


def lang_field(lang: str) -> str:
    """The date form's hidden `lang` field (none for the default language)."""
    return "" if lang == i18n.DEFAULT else f'<input type="hidden" name="lang" value="{escape(lang)}">'


def lang_extra(lang: str) -> dict[str, str]:
    """The `lang` query parameter of links within the page (none for the default language)."""
    return {} if lang == i18n.DEFAULT else {"lang": lang}


def table_rows(data: AppData, state: svgmap.MapState, stances, lang: str) -> str:
    """The table's rows for the day; each country links to its panel."""
    crisis = data.timeline.crisis
    look = theme.for_crisis(crisis)
    by_iso = {r.iso3: r for r in stances.itertuples(index=False)}
    names = svgmap.local_names(lang)
    rows = []
    for iso3 in sorted(data.states["iso3"], key=lambda code: names.get(code, code)):
        name = names.get(iso3, iso3)
        row = by_iso.get(iso3)
        label = look.label(theme.SUBJECT if iso3 == crisis.subject else row.stance if row else theme.NONE, lang)
        since = row.since.strftime("%Y-%m-%d") if row else ""
        href = "?" + query(svgmap.MapState(state.date, iso3, state.region), **lang_extra(lang))
        rows.append(
            f'<tr><td data-dash-column="name"><a class="row-btn" href="{escape(href)}">{escape(name)}</a></td>'
            f'<td data-dash-column="stance">{escape(label)}</td><td data-dash-column="since">{since}</td>'
            f'<td data-dash-column="iso3">{iso3}</td></tr>'
        )
    return "".join(rows)


def region_link(state: svgmap.MapState, name: str, node: Any, lang: str) -> str:
    """A region button as a link to that region view of the same state (works without JavaScript)."""
    region = None if name == "world" else name
    href = "?" + query(svgmap.MapState(state.date, state.country, region), **lang_extra(lang))
    # a link is not a toggle (aria-pressed is for buttons): the view shown is the current one
    current = ' aria-current="true"' if region == state.region else ""
    return (
        f'<a class="btn region-btn" href="{escape(href)}" data-region="{escape(name)}"{current}>'
        f"{escape(str(node.children))}</a>"
    )


def static_page(data: AppData, state: svgmap.MapState, embed: bool, lang: str) -> str:
    """The layout's markup for one state, with the drawn map, counts, date and panel filled in."""
    crisis = data.timeline.crisis
    stances = stances_on(state.date, data.timeline)
    count = svgmap.counts(stances, len(data.states), crisis)
    count_of = {ids.count_id(name): n for name, n in count.items()}  # the legend's count ids
    region_ids = {ids.region_id(name): name for name in ("world", *svgmap.region_names())}

    def special(node: Any) -> str | None:
        node_id = getattr(node, "id", None)
        namespace = getattr(node, "_namespace", "")
        if node_id == ids.MAP:
            drawn = svgmap.map_svg(stances, state, crisis, lang)
            return f'<div class="map-graph" style="height:var(--map-h)">{drawn}</div>'
        if node_id == ids.STANCE_CHART:
            return '<div class="chart-graph" style="height:130px"></div>'
        if node_id == ids.DATE_SLIDER:
            return slider_html(node, data, state, lang)
        if node_id == ids.DATE_TEXT:
            return f'<output class="date-text">{short_day(state.date, lang)}</output>'
        if node_id == ids.PREV_CHANGE:
            return step_link(data, state, i18n.text("controls.prev", lang), False, lang)
        if node_id == ids.NEXT_CHANGE:
            return step_link(data, state, i18n.text("controls.next", lang), True, lang)
        if isinstance(node_id, str) and node_id in count_of:
            return f'<span class="legend-count">{count_of[node_id]}</span>'
        if node_id == ids.PANEL_WRAP:
            return panel_html(data, state, stances, lang)
        if node_id == ids.TABLE:  # rows only without JavaScript (the app fills its own table)
            head = to_html(node.children[0], special)
            rows = table_rows(data, state, stances, lang)
            return (
                f'<table class="stance-table wbw-js-table">{head}<tbody></tbody></table>'
                f'<noscript><table class="stance-table">{head}<tbody>{rows}</tbody></table></noscript>'
            )
        if isinstance(node_id, str) and node_id in region_ids:
            return region_link(state, region_ids[node_id], node, lang)
        if node_id == ids.ROOT:
            inner = to_html(node.children, special)
            return f'<div class="root{" embed" if embed else ""}">{inner}</div>'
        if namespace == "dash_core_components":
            kind = node._type
            if kind == "Input":
                return f'<input type="search" placeholder="{escape(node.placeholder or "")}" disabled>'
            return ""
        return None

    return f'<div class="wbw-ssr" id="wbw-ssr">{to_html(data.extras["pages"][lang], special)}</div>'


def card_tags(data: AppData, state: svgmap.MapState, lang: str, dated: bool = True) -> str:
    """Open Graph / Twitter card tags and the canonical link for one state."""
    crisis = data.timeline.crisis
    base = flask.request.host_url.rstrip("/") + flask.request.script_root + _prefix()
    count = svgmap.counts(stances_on(state.date, data.timeline), len(data.states), crisis)
    words = {"title": crisis.text("title", lang), "date": svgmap.day_label(state.date, lang)}
    title = i18n.text("ssr.card_title", lang, **words)
    if state.country:
        name = svgmap.local_names(lang).get(state.country, state.country)
        title = i18n.text("ssr.card_country", lang, name=name, **words)
    description = svgmap.counts_sentence(count, state.date, crisis, lang)
    url = f"{base}?{query(state, dated, **lang_extra(lang))}".rstrip("?")
    width, height = card_size()
    tags = {
        "og:type": "website",
        "og:site_name": crisis.text("title", lang),
        "og:title": title,
        "og:description": description,
        "og:url": url,
        "og:locale": i18n.babel_locale(lang),
        "og:image": f"{base}map.png?{query(state)}",
        "og:image:type": "image/png",
        "og:image:width": str(width),
        "og:image:height": str(height),
        "og:image:alt": i18n.text("ssr.image_alt", lang, description=description),
    }
    out = [f'<meta property="{k}" content="{escape(v)}">' for k, v in tags.items()]
    out += [
        '<meta name="twitter:card" content="summary_large_image">',
        f'<meta name="twitter:title" content="{escape(title)}">',
        f'<meta name="twitter:description" content="{escape(description)}">',
        f'<meta name="twitter:image" content="{escape(tags["og:image"])}">',
        f'<meta name="description" content="{escape(description)}">',
        f'<link rel="canonical" href="{escape(url)}">',
    ]
    return "".join(out)


def boot_ms() -> int:
    """How long the drawn map stays on screen before the app starts unasked (WBW_BOOT_SECONDS)."""
    return round(1000 * flask.current_app.config.get("WBW_BOOT_SECONDS", BOOT_SECONDS))


def _prefix() -> str:
    """The app's URL prefix (requests_pathname_prefix), e.g. '/' or '/maps/venezuela/'."""
    return flask.current_app.config.get("WBW_PREFIX", "/")


def render_index(app: Dash, data: AppData, parts: dict[str, str]) -> str:
    """The whole index page for the current request."""
    state, embed = parse_state(flask.request.args, data)
    lang = i18n_page.request_language()
    body = static_page(data, state, embed, lang)  # page_cache keeps the whole page per state
    cards = card_tags(data, state, lang, named_date(flask.request.args, data))
    early = "".join(
        f'<script src="{escape(app.get_asset_url(name))}?m={_asset_mtime(app, name)}" defer></script>'
        for name in EARLY_ASSETS
    )
    root = f'<html lang="{lang}" data-wbw-project="{layout.PROJECT}" data-wbw-boot-ms="{boot_ms()}"'
    root += ' data-wbw-embed="1"' if embed else ""
    return (
        f"<!DOCTYPE html>\n{root}><head>"
        f"{parts['metas']}<title>{parts['title']}</title>{document.FAVICON}{inline_css(app, parts['css'])}{cards}"
        f"<style>{HIDE_APP}</style><noscript><style>{NOSCRIPT_STYLE}</style></noscript>"
        f"{early}</head><body>{body}{contract_block(app)}{parts['app_entry']}{document.SCRIPTS_OPEN}{parts['config']}"
        f'<template id="wbw-deferred">{parts["scripts"]}{parts["renderer"]}</template>{document.SCRIPTS_CLOSE}'
        "</body></html>"
    )


CONTRACT_BLOCK = re.compile(rf'<script type="application/json" id="{document.CONTRACT_ID}">.*?</script>', re.S)


def contract_block(app: Dash) -> str:
    """The JS contract block the app's index carries (element ids), for the early scripts and the app."""
    found = CONTRACT_BLOCK.search(app.index_string)
    return found.group(0) if found else ""


CSS_LINK = re.compile(r'<link rel="stylesheet" href="([^"?]+)\?m=[^"]*">')


def inline_css(app: Dash, links: str) -> str:
    """Our asset stylesheets inlined (one request less before the first paint); others kept as links."""
    prefix = app.get_asset_url("")

    def replace(match: re.Match) -> str:
        href = match.group(1)
        if not href.startswith(prefix):
            return match.group(0)
        path = Path(app.config.assets_folder) / href[len(prefix) :]
        return f"<style>{_read_css(path, path.stat().st_mtime_ns)}</style>"

    return CSS_LINK.sub(replace, links)


@cache
def _read_css(path: Path, mtime: int) -> str:
    """A stylesheet's text (cached per modification time)."""
    return path.read_text(encoding="utf-8").replace("</", "<\\/")


def _asset_mtime(app: Dash, name: str) -> int:
    """An asset's modification time (its cache-busting fingerprint)."""
    return int((Path(app.config.assets_folder) / name).stat().st_mtime)


def install(app: Dash, get_data, prefix: str) -> None:
    """Serve every page of `app` server-drawn (replaces its interpolate_index)."""
    app.server.config["WBW_PREFIX"] = prefix
    app.server.config["WBW_BOOT_SECONDS"] = config.env("WBW_BOOT_SECONDS")  # a bad value stops start-up

    def interpolate_index(**parts: str) -> str:
        return render_index(app, get_data(), parts)

    app.interpolate_index = interpolate_index
    page_cache.install(
        app, get_data, lambda data: (*parse_state(flask.request.args, data), named_date(flask.request.args, data))
    )
