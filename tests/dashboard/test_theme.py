import itertools
import re

from dashboard import theme
from events.crisis import load_crisis

LOOK = theme.for_crisis(load_crisis())  # the shipped crisis's categories, labels and colours


def lightness(hex_colour: str) -> float:
    """CIE L* of an sRGB colour."""
    lin = [c / 255 for c in bytes.fromhex(hex_colour.lstrip("#"))]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in lin]
    y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return 116 * y ** (1 / 3) - 16 if y > 0.008856 else 903.3 * y


def test_fill_for_is_a_colour_or_a_pattern_defined_in_the_defs():
    defs = LOOK.svg_pattern_defs()
    for name in LOOK.categories:
        fill = LOOK.fill_for(name)
        if LOOK.patterns[name] == "solid":
            assert fill == LOOK.colours[name]
        else:
            assert fill == f"url(#{theme.PATTERN_ID_PREFIX}{name})"
            assert f'id="{theme.PATTERN_ID_PREFIX}{name}"' in defs
            assert LOOK.colours[name] in defs
    assert defs.startswith("<defs>") and defs.endswith("</defs>")


def test_plain_categories_sit_at_distinct_lightness():
    """Solid fills have no pattern to tell them apart (patterned ones: see test_vision.py)."""
    shown = [c for c in LOOK.categories if LOOK.patterns[c] == "solid"] + ["context"]
    colours = {**LOOK.colours, "context": theme.CONTEXT_COLOUR}
    levels = {name: lightness(colours[name]) for name in shown}
    for a, b in itertools.combinations(shown, 2):
        assert abs(levels[a] - levels[b]) >= 7, (a, b, levels)


def test_swatch_background_matches_the_map_fill():
    for name in LOOK.categories:
        css = LOOK.swatch_background(name)
        assert css.startswith(LOOK.colours[name])
        assert ("url(" in css) == (LOOK.patterns[name] != "solid")
    assert '"' not in re.sub(r'^[^"]*"|"\)$', "", LOOK.swatch_background("maduro"))  # one quoted data URL


def test_plotly_fillpattern_uses_the_same_colour_and_a_distinct_shape():
    shapes = [LOOK.plotly_fillpattern(s)["shape"] for s in ("guaido", "maduro", "neutral", "assembly", "withdrawn")]
    assert len(set(shapes)) == 5
    assert LOOK.plotly_fillpattern("maduro")["bgcolor"] == LOOK.colours["maduro"]
