"""The HTML document around the Dash app: language and landmarks that Dash's default lacks."""

from __future__ import annotations

import json

LANG = "en"
CONTRACT_ID = "wbw-contract"


def accessible_index(index: str) -> str:
    """Dash's index template with `<html lang>` and its script `<footer>` turned into a `<div>`.

    Dash wraps its config and scripts in a body-level `<footer>`, which assistive technology
    announces as a second "contentinfo" landmark next to the page's own footer.
    """
    out = index.replace("<html>", f'<html lang="{LANG}">', 1)
    head, sep, tail = out.partition("{%app_entry%}")
    tail = tail.replace("<footer>", '<div class="dash-scripts">', 1).replace("</footer>", "</div>", 1)
    return head + sep + tail


def with_contract(index: str, contract: dict) -> str:
    """The index with the JS contract (element ids...) as an inert JSON block, read before Dash boots."""
    body = json.dumps(contract, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    block = f'<script type="application/json" id="{CONTRACT_ID}">{body}</script>'
    head, sep, tail = index.partition("{%app_entry%}")
    return head + block + sep + tail
