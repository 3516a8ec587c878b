"""Map categories: numeric codes, labels, colours and patterns, from the crisis file.

`for_crisis(crisis)` gives the `Theme` of one crisis: "none" (no recorded position), then the
crisis's stances in legend order, then its subject. Colours and patterns of the stances and the
subject come from `crisis.toml`; the colours of everything that is not a side live here.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from events.crisis import Crisis

NONE = "none"
SUBJECT = "subject"
NONE_COLOUR = "#e6e6e6"  # quiet light grey
CONTEXT_COLOUR = "#fcfcfc"  # dependencies and territories: not part of the record
CONTEXT_LINE_COLOUR = "#a8a8a8"
BORDER_COLOUR = "#ffffff"
OUTLINE_COLOUR = "#111111"
OUTLINE_WIDTH = 2.2  # px: the selected state's outline, and the ring round a selected marker
RING_SIZE = 15  # px: the ring's diameter

# Pattern per category, drawn over its colour so stances stay apart in greyscale and for every
# colour-vision type. Contract: the SVG pattern for category c has id PATTERN_ID_PREFIX + c;
# the browser's map, the server-drawn map, the legend and the chart all use `fill_for`.
PATTERN_ID_PREFIX = "wbw-pat-"
PATTERN_INK = "rgba(0,0,0,0.45)"
_PATTERN_SHAPES: dict[str, str] = {
    "hatch": '<path d="M-1,1 l2,-2 M0,6 l6,-6 M5,7 l2,-2" stroke="{ink}" stroke-width="1.4"/>',
    "dots": '<circle cx="3" cy="3" r="1.3" fill="{ink}"/>',
    "hlines": '<path d="M0,3 h6" stroke="{ink}" stroke-width="1.3"/>',
    "cross": '<path d="M0,0 l6,6 M6,0 l-6,6" stroke="{ink}" stroke-width="1"/>',
}
# The same patterns in plotly's own vocabulary (scatter `fillpattern.shape`), for the chart.
_PLOTLY_SHAPES = {"solid": "", "hatch": "/", "dots": ".", "hlines": "-", "cross": "x"}


@dataclass(frozen=True)
class Theme:
    """One crisis's categories (order = numeric code on the map's stepped colour scale) and their looks."""

    categories: tuple[str, ...]
    colours: dict[str, str]
    patterns: dict[str, str]
    labels_by_language: dict[str, dict[str, str]]  # language → category → label
    languages: tuple[str, ...]  # the first is the default

    @property
    def code(self) -> dict[str, int]:
        """Category → its integer code on the map."""
        return {name: i for i, name in enumerate(self.categories)}

    @property
    def stances(self) -> tuple[str, ...]:
        """The stance categories alone, in legend order."""
        return self.categories[1:-1]

    @property
    def labels(self) -> dict[str, str]:
        """Category → label in the default language."""
        return self.labels_by_language[self.languages[0]]

    def label(self, category: str, lang: str | None = None) -> str:
        """A category's label in `lang` (default or unknown language: the crisis's first)."""
        return self.labels_by_language.get(lang or "", self.labels)[category]

    def colorscale(self) -> list[list]:
        """A stepped colour scale mapping each integer code to its colour."""
        n = len(self.categories)
        scale = []
        for i, name in enumerate(self.categories):
            scale.append([i / n, self.colours[name]])
            scale.append([(i + 1) / n, self.colours[name]])
        return scale

    def fill_for(self, category: str) -> str:
        """The SVG fill of a category: its colour, or a url() to its pattern."""
        if self.patterns[category] == "solid":
            return self.colours[category]
        return f"url(#{PATTERN_ID_PREFIX}{category})"

    def _tile(self, name: str) -> str:
        """The inside of one 6×6 pattern tile: the category's colour plus its ink."""
        shape = _PATTERN_SHAPES[self.patterns[name]].format(ink=PATTERN_INK)
        return f'<rect width="6" height="6" fill="{self.colours[name]}"/>{shape}'

    def svg_pattern_defs(self) -> str:
        """SVG <defs> markup with one 6×6 pattern (colour plus ink) per patterned category."""
        parts = [
            f'<pattern id="{PATTERN_ID_PREFIX}{name}" width="6" height="6" patternUnits="userSpaceOnUse">'
            f"{self._tile(name)}</pattern>"
            for name, kind in self.patterns.items()
            if kind != "solid"
        ]
        return "<defs>" + "".join(parts) + "</defs>"

    def swatch_background(self, category: str) -> str:
        """CSS `background` of a legend or table swatch: the same colour and pattern as the map."""
        colour = self.colours[category]
        if self.patterns[category] == "solid":
            return colour
        svg = f"<svg xmlns='http://www.w3.org/2000/svg' width='6' height='6'>{self._tile(category)}</svg>"
        return f'{colour} url("data:image/svg+xml,{quote(svg.replace(chr(34), chr(39)), safe=" =:/,.()-")}")'

    def plotly_fillpattern(self, category: str) -> dict:
        """A plotly `fillpattern` drawing a category's pattern over its colour."""
        return {
            "shape": _PLOTLY_SHAPES[self.patterns[category]],
            "bgcolor": self.colours[category],
            "fgcolor": PATTERN_INK,
            "size": 6,
            "solidity": 0.3,
        }


def for_crisis(crisis: Crisis) -> Theme:
    """The theme of one crisis: its stances and subject as the crisis file draws them."""
    labels = {
        lang: {
            NONE: crisis.text("none_label", lang),
            **{s.value: s.text(lang) for s in crisis.stances},
            SUBJECT: crisis.text("subject_label", lang),
        }
        for lang in crisis.languages
    }
    return Theme(
        categories=(NONE, *crisis.stance_values(), SUBJECT),
        colours={NONE: NONE_COLOUR, **{s.value: s.colour for s in crisis.stances}, SUBJECT: crisis.subject_colour},
        patterns={NONE: "solid", **{s.value: s.pattern for s in crisis.stances}, SUBJECT: "solid"},
        labels_by_language=labels,
        languages=crisis.languages,
    )
