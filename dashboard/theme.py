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
