"""`/map.svg` and `/map.png`: the map of any URL state as an image (social cards, oEmbed, print).

The card is the server-drawn map (`svgmap.map_svg`) under a title line and over the legend with
counts, in a 1200×630 frame; PNGs are rendered by resvg (resvg-py, MIT) and cached per data version.
Strict parameters: anything malformed or unknown is a 400 naming the parameter.
"""

from __future__ import annotations

from html import escape

import flask
import resvg_py

from dashboard import svgmap, theme
from dashboard.current import get_data
from dashboard.lru import cache_of
from dashboard.routes import bad_request, parse_day
from dashboard.store import AppData
from events import stances_on
from events.crisis import Crisis

CARD = (1200, 630)
WIDTH_RANGE = (200, 2400)
IMAGE_CACHE = 64
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


def card_size() -> tuple[int, int]:
    """The default image size (Open Graph's recommended 1200×630)."""
    return CARD


def card_height(width: int) -> int:
    """The height of a card drawn `width` pixels wide (the 1200×630 shape, rounded once, here)."""
    return round(width * CARD[1] / CARD[0])


class BadParameter(ValueError):
    """A query parameter that cannot be drawn; the message names it."""


def strict_state(args, data: AppData) -> svgmap.MapState:
    """The state named by an image URL; raise BadParameter for anything malformed or unknown."""
    for key in args:
        if key not in ("date", "country", "region", "width"):
            raise BadParameter(f"unknown parameter {key!r}: use date, country, region, width")
    raw = args.get("date", "")
    day = parse_day(raw) if raw else data.days.end
    if day is None:
        raise BadParameter("date must be YYYY-MM-DD")
    if not data.days.start <= day <= data.days.end:
        raise BadParameter(f"date must be between {data.days.start} and {data.days.end}")
    country = args.get("country", "") or None
    if country is not None and country not in set(data.states["iso3"]):
        raise BadParameter("country must be a known ISO 3166-1 alpha-3 code (upper case)")
    region = args.get("region", "") or None
    if region is not None and region != "world" and region not in svgmap.region_names():
        raise BadParameter(f"region must be one of world, {', '.join(svgmap.region_names())}")
    region = None if region == "world" else region
    return svgmap.MapState(day, country, region)


def strict_width(args) -> int:
    """The PNG width: an integer in WIDTH_RANGE (default 1200)."""
    raw = args.get("width", "")
    if not raw:
        return CARD[0]
    if not raw.isdigit() or len(raw) > 5:
        raise BadParameter("width must be a whole number of pixels")
    width = int(raw)
    if not WIDTH_RANGE[0] <= width <= WIDTH_RANGE[1]:
        raise BadParameter(f"width must be between {WIDTH_RANGE[0]} and {WIDTH_RANGE[1]}")
    return width


def legend_svg(count: dict[str, int], y: float, crisis: Crisis) -> str:
    """The legend as SVG: a swatch (with its pattern), label and count per category, three a row."""
    look = theme.for_crisis(crisis)
    items = []
    for i, name in enumerate((*crisis.stance_values(), theme.NONE)):
        x, row_y = 40 + 380 * (i % 3), y + 26 * (i // 3)
        items.append(
            f'<rect x="{x}" y="{row_y - 13:g}" width="16" height="16" rx="3" fill="{look.fill_for(name)}" '
            f'stroke="#bdbdbd" stroke-width="0.5"/>'
            f'<text x="{x + 24}" y="{row_y:g}" font-size="16" fill="#1d1d1d">{escape(look.label(name))} '
            f'<tspan font-weight="700">{count[name]}</tspan></text>'
        )
    return "".join(items)


def card_svg(data: AppData, state: svgmap.MapState) -> str:
    """The 1200×630 card: title and date, the map, the legend with counts."""
    width, height = CARD
    crisis = data.timeline.crisis
    stances = stances_on(state.date, data.timeline)
    count = svgmap.counts(stances, len(data.states), crisis)
    title = crisis.text("title")
    if state.country:
        name = data.states.loc[data.states["iso3"] == state.country, "name"].iloc[0]
        title = f"{name} · {title}"
    inner = svgmap.map_svg(stances, state, crisis).replace("<svg ", '<svg x="20" y="84" width="1160" height="470" ', 1)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="{FONT}">'
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>'
        f'<text x="40" y="44" font-size="26" font-weight="700" fill="#1d1d1d">{escape(title)}</text>'
        f'<text x="40" y="72" font-size="19" fill="#5f5f5f">{escape(svgmap.day_label(state.date))}</text>'
        f"{inner}{legend_svg(count, height - 44, crisis)}</svg>"
    )


def render_png(svg: str, width: int) -> bytes:
    """A PNG of the card scaled to `width` × `card_height(width)` pixels, exactly.

    The card's own size is set to the target (its viewBox keeps the drawing): resvg, asked for a
    width alone, would round the height up (500 wide: 263, where the oEmbed answer says 262).
    """
    size = f'width="{CARD[0]}" height="{CARD[1]}"'
    sized = svg.replace(size, f'width="{width}" height="{card_height(width)}" preserveAspectRatio="none"', 1)
    return bytes(resvg_py.svg_to_bytes(svg_string=sized))


def image_response(body: bytes | str, mimetype: str) -> flask.Response:
    """An image; Cache-Control, the data version's ETag and 304s come from `dashboard.caching`."""
    return flask.Response(body, mimetype=mimetype)


def map_svg_view() -> flask.Response:
    """GET /map.svg?date=&country=&region=: the card as SVG."""
    data = get_data()
    try:
        state = strict_state(flask.request.args, data)
        if "width" in flask.request.args:
            raise BadParameter("width applies to map.png only")
    except BadParameter as err:
        return bad_request(str(err))
    svg = cache_of(data.extras, "svg-cards", IMAGE_CACHE).get(state, lambda: card_svg(data, state))
    return image_response(svg, "image/svg+xml")


def map_png_view() -> flask.Response:
    """GET /map.png?date=&country=&region=&width=: the card as PNG (default 1200×630)."""
    data = get_data()
    try:
        state = strict_state(flask.request.args, data)
        width = strict_width(flask.request.args)
    except BadParameter as err:
        return bad_request(str(err))
    cards = cache_of(data.extras, "svg-cards", IMAGE_CACHE)
    svg = cards.get(state, lambda: card_svg(data, state))
    png = cache_of(data.extras, "png-cards", IMAGE_CACHE).get((state, width), lambda: render_png(svg, width))
    return image_response(png, "image/png")


def register(server: flask.Flask, prefix: str = "/") -> None:
    """Add the image routes."""
    server.add_url_rule(f"{prefix}map.svg", "map_svg", map_svg_view)
    server.add_url_rule(f"{prefix}map.png", "map_png", map_png_view)
