"""Map categories: numeric codes, labels and colour-blind-safe colours (Okabe–Ito palette)."""

from __future__ import annotations

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
COLOURS: dict[str, str] = {
    NONE: "#e4e4e4",  # quiet light grey
    "guaido": "#0072B2",  # blue
    "maduro": "#D55E00",  # vermillion
    "neutral": "#E69F00",  # orange-yellow
    "assembly": "#56B4E9",  # sky blue: related to guaido, but weaker
    "withdrawn": "#CC79A7",  # reddish purple
    SUBJECT: "#3a3a3a",  # Venezuela: the subject, not a side
}
CONTEXT_COLOUR = "#f2f2f2"
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
PATTERN_INK = "rgba(0,0,0,0.55)"

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


def svg_pattern_defs() -> str:
    """SVG <defs> markup with one 6×6 pattern (colour plus ink) per patterned category."""
    parts = []
    for name, kind in PATTERNS.items():
        if kind == "solid":
            continue
        shape = _PATTERN_SHAPES[kind].format(ink=PATTERN_INK)
        parts.append(
            f'<pattern id="{PATTERN_ID_PREFIX}{name}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{COLOURS[name]}"/>{shape}</pattern>'
        )
    return "<defs>" + "".join(parts) + "</defs>"
