"""The HTML document around the Dash app: language and landmarks that Dash's default lacks."""

from __future__ import annotations

import json

LANG = "en"
CONTRACT_ID = "wbw-contract"
# The page's icon, inline: Chromium fetches the icon again after every `history.replaceState`,
# which the page calls on each date step, so a served icon cost one request per step.
FAVICON = (
    '<link rel="icon" href="data:image/svg+xml,'
    "%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E"
    "%3Cpath d='M8 1a7 7 0 0 0 0 14z' fill='%23173e7c'/%3E%3Cpath d='M8 1a7 7 0 0 1 0 14z' fill='%23ee7733'/%3E"
    '%3C/svg%3E">'
)
SCRIPTS_OPEN, SCRIPTS_CLOSE = '<div class="dash-scripts">', "</div>"  # Dash's config and scripts


def accessible_index(index: str) -> str:
    """Dash's index template with `<html lang>` and its script `<footer>` turned into a `<div>`.

    Dash wraps its config and scripts in a body-level `<footer>`, which assistive technology
    announces as a second "contentinfo" landmark next to the page's own footer.
    """
    out = index.replace("<html>", f'<html lang="{LANG}">', 1).replace("{%favicon%}", FAVICON, 1)
    head, sep, tail = out.partition("{%app_entry%}")
    tail = tail.replace("<footer>", SCRIPTS_OPEN, 1).replace("</footer>", SCRIPTS_CLOSE, 1)
    return head + sep + tail


def with_contract(index: str, contract: dict) -> str:
    """The index with the JS contract (element ids...) as an inert JSON block, read before Dash boots."""
    body = json.dumps(contract, separators=(",", ":"), sort_keys=True).replace("<", "\\u003c")
    block = f'<script type="application/json" id="{CONTRACT_ID}">{body}</script>'
    head, sep, tail = index.partition("{%app_entry%}")
    return head + block + sep + tail
