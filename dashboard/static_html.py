"""Dash html components → static HTML, so the server-drawn page has the layout's exact markup.

Only what the page uses: `dash.html` elements become their tags with whitelisted attributes;
other components are handed to a `special` callback (the map, slider, stores). Ids are dropped:
the static copy sits beside the live app until it takes over, and ids must stay unique (a button
keeps its own as `data-wbw-for`, naming its live twin).
Every text and attribute value is escaped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

VOID = frozenset({"input", "br", "hr", "img", "meta", "link"})
ATTRS = {
    "className": "class",
    "htmlFor": "for",
    "dateTime": "datetime",
    "title": "title",
    "href": "href",
    "target": "target",
    "rel": "rel",
    "download": "download",
    "scope": "scope",
    "role": "role",
    "type": "type",
    "placeholder": "placeholder",
    "value": "value",
}
SAFE_HREF = re.compile(r"(https?://|[?#/]|[a-z0-9_./-]+(\?|$))", re.IGNORECASE)
CAMEL = re.compile(r"[A-Z]")
Special = Callable[[Any], str | None]


def style_css(style: dict[str, Any]) -> str:
    """A React style dict as CSS text."""
    return ";".join(CAMEL.sub(lambda m: "-" + m.group(0).lower(), k) + f":{v}" for k, v in style.items())


def attributes(props: dict[str, Any]) -> str:
    """The HTML attributes of a component's props (escaped; unsafe links dropped)."""
    out = []
    for key, value in props.items():
        if value is None or value is False:
            continue
        if key in ATTRS:
            if key == "href" and not SAFE_HREF.match(str(value)):
                continue
            out.append(f' {ATTRS[key]}="{escape(str(value))}"')
        elif key == "style" and isinstance(value, dict):
            out.append(f' style="{escape(style_css(value))}"')
        elif key == "hidden":
            out.append(" hidden")
        elif key.startswith(("aria-", "data-")):
            out.append(f' {key}="{escape(str(value))}"')
    return "".join(out)


def to_html(node: Any, special: Special) -> str:
    """HTML of a component tree (strings, numbers, lists and components)."""
    if node is None:
        return ""
    if isinstance(node, str | int | float):
        return escape(str(node))
    if isinstance(node, list | tuple):
        return "".join(to_html(n, special) for n in node)
    custom = special(node)
    if custom is not None:
        return custom
    if getattr(node, "_namespace", "") != "dash_html_components":
        return ""
    tag = node._type.lower()
    props = {k: v for k, v in node.to_plotly_json()["props"].items() if k != "children"}
    node_id = props.get("id")
    # a button names its live twin, so a press before the app takes over is replayed on it
    handle = f' data-wbw-for="{escape(node_id)}"' if tag == "button" and isinstance(node_id, str) else ""
    head = f"<{tag}{attributes(props)}{handle}>"
    if tag in VOID:
        return head
    return f"{head}{to_html(getattr(node, 'children', None), special)}</{tag}>"
