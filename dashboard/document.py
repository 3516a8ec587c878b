"""The HTML document around the Dash app: language and landmarks that Dash's default lacks."""

from __future__ import annotations

LANG = "en"


def accessible_index(index: str) -> str:
    """Dash's index template with `<html lang>` and its script `<footer>` turned into a `<div>`.

    Dash wraps its config and scripts in a body-level `<footer>`, which assistive technology
    announces as a second "contentinfo" landmark next to the page's own footer.
    """
    out = index.replace("<html>", f'<html lang="{LANG}">', 1)
    head, sep, tail = out.partition("{%app_entry%}")
    tail = tail.replace("<footer>", '<div class="dash-scripts">', 1).replace("</footer>", "</div>", 1)
    return head + sep + tail
