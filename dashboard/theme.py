"""Map categories: numeric codes, labels and colour-blind-safe colours (Okabe–Ito palette)."""

from __future__ import annotations

from urllib.parse import quote

from events.schema import STANCES

NONE = "none"
SUBJECT = "subject"
# Order = numeric code on the map's stepped colour scale.
CATEGORIES: tuple[str, ...] = (NONE, *STANCES, SUBJECT)
CODE: dict[str, int] = {name: i for i, name in enumerate(CATEGORIES)}

LABELS: dict[str, str] = {
    NONE: "No recorded position",
    "guaido": "Recognises Guaidó",
    "maduro": "Backs Maduro",
    "neutral": "Neutral / dialogue",
    "assembly": "Backs National Assembly only",
    "withdrawn": "Recognition withdrawn",
    SUBJECT: "Venezuela",
}
# Lightness steps apart: drawn with their patterns, mean luma ≈ 20 (Venezuela), 60, 90, 120, 175,
# 208, 230 (none), 252 (context), so the categories stay apart in greyscale and for every
# colour-vision type (tests/dashboard/test_vision.py measures it under Chromium's emulation).
COLOURS: dict[str, str] = {
    NONE: "#e6e6e6",  # quiet light grey
    "guaido": "#173e7c",  # dark blue
    "maduro": "#ee7733",  # vermillion
    "neutral": "#fbe07c",  # light yellow
    "assembly": "#8ccbf0",  # sky blue: related to guaido, but weaker
    "withdrawn": "#8f55ad",  # purple
    SUBJECT: "#141414",  # Venezuela: the subject, not a side
}
CONTEXT_COLOUR = "#fcfcfc"  # dependencies and territories: not part of the record
CONTEXT_LINE_COLOUR = "#a8a8a8"
BORDER_COLOUR = "#ffffff"
OUTLINE_COLOUR = "#111111"


def colorscale() -> list[list]:
    """A stepped colour scale mapping each integer code to its colour."""
    n = len(CATEGORIES)
    scale = []
    for i, name in enumerate(CATEGORIES):
        scale.append([i / n, COLOURS[name]])
        scale.append([(i + 1) / n, COLOURS[name]])
    return scale


# Pattern per category, drawn over its colour so stances stay apart in greyscale and for every
# colour-vision type. Contract: the SVG pattern for category c has id PATTERN_ID_PREFIX + c;
# the browser's map, the server-drawn map, the legend and the chart all use `fill_for`.
PATTERN_ID_PREFIX = "wbw-pat-"
PATTERNS: dict[str, str] = {
    NONE: "solid",
    "guaido": "solid",
    "maduro": "hatch",  # diagonal lines
    "neutral": "dots",
    "assembly": "hlines",  # horizontal lines
    "withdrawn": "cross",  # cross-hatch
    SUBJECT: "solid",
}
PATTERN_INK = "rgba(0,0,0,0.45)"

_PATTERN_SHAPES: dict[str, str] = {
    "hatch": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{ink}" stroke-width="1.4"/>',
    "dots": '<circle cx="3" cy="3" r="1.3" fill="{ink}"/>',
    "hlines": '<path d="M0,3 h6" stroke="{ink}" stroke-width="1.3"/>',
    "cross": '<path d="M0,0 l6,6 M6,0 l-6,6" stroke="{ink}" stroke-width="1"/>',
}


def fill_for(category: str) -> str:
    """The SVG fill of a category: its colour, or a url() to its pattern."""
    if PATTERNS[category] == "solid":
        return COLOURS[category]
    return f"url(#{PATTERN_ID_PREFIX}{category})"


def _tile(name: str) -> str:
    """The inside of one 6×6 pattern tile: the category's colour plus its ink."""
    shape = _PATTERN_SHAPES[PATTERNS[name]].format(ink=PATTERN_INK)
    return f'<rect width="6" height="6" fill="{COLOURS[name]}"/>{shape}'


def svg_pattern_defs() -> str:
    """SVG <defs> markup with one 6×6 pattern (colour plus ink) per patterned category."""
    parts = [
        f'<pattern id="{PATTERN_ID_PREFIX}{name}" width="6" height="6" patternUnits="userSpaceOnUse">'
        f"{_tile(name)}</pattern>"
        for name, kind in PATTERNS.items()
        if kind != "solid"
    ]
    return "<defs>" + "".join(parts) + "</defs>"


def swatch_background(category: str) -> str:
    """CSS `background` of a legend or table swatch: the same colour and pattern as the map."""
    if PATTERNS[category] == "solid":
        return COLOURS[category]
    svg = f"<svg xmlns='http://www.w3.org/2000/svg' width='6' height='6'>{_tile(category)}</svg>".replace('"', "'")
    return f'{COLOURS[category]} url("data:image/svg+xml,{quote(svg, safe=" =:/,.()-")}")'


# The same patterns in plotly's own vocabulary (scatter `fillpattern.shape`), for the chart.
_PLOTLY_SHAPES = {"solid": "", "hatch": "/", "dots": ".", "hlines": "-", "cross": "x"}


def plotly_fillpattern(category: str) -> dict:
    """A plotly `fillpattern` drawing a category's pattern over its colour."""
    return {
        "shape": _PLOTLY_SHAPES[PATTERNS[category]],
        "bgcolor": COLOURS[category],
        "fgcolor": PATTERN_INK,
        "size": 6,
        "solidity": 0.3,
    }
