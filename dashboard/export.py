"""Static export: the page, its assets and one data version as plain files, served with no Python.

`python -m dashboard export OUT [--events PATH] [--base-url URL]` builds the data version (the
same build the server runs), renders the app once through Flask's test client and writes what
a browser asks for, with every URL made relative so the folder works at any path of any static
host (S3, GCS, Netlify, GitHub Pages, `python -m http.server`):

    index.html                       the page (deep links: index.html?date=…&country=…)
    _dash-layout.json, _dash-dependencies.json   what Dash's renderer fetches
    wbw-static.js                    points the renderer at those .json files (see below)
    _dash-component-suites/…, assets/…, _favicon.ico   scripts and styles
    geo/…                            the boundaries
    data/version.json                the published version (open pages poll it)
    data/<version>/history.json, chart.json, countries/<ISO3>.json   that version's data
    data/events.csv, data/stances.csv   every event; every stance on the last day

Dash's renderer fetches `_dash-layout` and `_dash-dependencies` (no extension) and reads them as
JSON only if the answer says `Content-Type: application/json`; static servers choose the type
from the extension, so the export writes `.json` files and `wbw-static.js` appends `.json` to
those two requests. Every callback runs in the browser, so nothing else is asked of a server.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
from pathlib import Path

from dash.fingerprint import check_fingerprint

STATIC_SHIM = """/* Static export: Dash's renderer reads _dash-layout and _dash-dependencies as JSON only
 * when served as application/json; static hosts pick the type by extension, so ask for .json. */
(function () {
  "use strict";
  var original = window.fetch;
  window.fetch = function (input, init) {
    if (typeof input === "string" && /(^|\\/)_dash-(layout|dependencies)$/.test(input)) { input += ".json"; }
    return original.call(this, input, init);
  };
}());
"""
URL_RE = re.compile(r'(src|href)="/([^"]*)"')
CONFIG_RE = re.compile(r'(<script id="_dash-config" type="application/json">)(.*?)(</script>)', re.S)


def relative_strings(value, prefix: str = "/geo/"):
    """A copy of a JSON value with every string starting with `prefix` made relative."""
    if isinstance(value, str):
        return value[1:] if value.startswith(prefix) else value
    if isinstance(value, list):
        return [relative_strings(v, prefix) for v in value]
    if isinstance(value, dict):
        return {k: relative_strings(v, prefix) for k, v in value.items()}
    return value


def mark_static(layout: dict) -> dict:
    """Set `static: true` in the page's data-version store (the table's CSV is built in the page)."""
    from dashboard import ids

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == ids.DATA_VERSION:
                props["data"] = {**props["data"], "static": True}
            for value in props.values() if isinstance(props, dict) else ():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(layout)
    return layout


def chunk_needed(path: str, layout: dict) -> bool:
    """Whether a lazily loaded bundle can be asked for: all but those of unused heavy features."""
    text = json.dumps(layout)
    if path.endswith("async-mathjax.js"):  # LaTeX, only with mathjax=True
        return '"mathjax": true' in text
    if path.startswith("dash_table/"):  # the DataTable's chunks, only if the page has one
        return '"namespace": "dash_table"' in text
    return True


def page_html(html: str, base_url: str | None) -> str:
    """The index page with relative URLs, a relative Dash prefix and the static shim first."""
    html = URL_RE.sub(r'\1="\2"', html)

    def config(match: re.Match) -> str:
        value = json.loads(match.group(2))
        value["requests_pathname_prefix"] = "./"
        text = json.dumps(value).replace("</", "<\\/")
        return match.group(1) + text + match.group(3)

    html = CONFIG_RE.sub(config, html, count=1)
    head = '<script src="wbw-static.js"></script>'
    if base_url:
        head += f'<link rel="canonical" href="{base_url.replace(chr(34), "%22")}">'
    return html.replace("</head>", head + "</head>", 1)


def write(out: Path, rel: str, body: bytes) -> None:
    """Write one file under `out`, refusing paths that would leave it."""
    target = (out / rel).resolve()
    if out.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {out}: {rel}")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body)


def export(out: Path, events: str | None = None, base_url: str | None = None) -> list[Path]:
    """Write the static site into `out` (emptied first if it is an earlier export)."""
    from dashboard.app import create_app
    from dashboard.current import get_data

    app = create_app(events, reload_seconds=0)
    client = app.server.test_client()
    with app.server.test_request_context("/"):
        data = get_data()

    def get(url: str) -> bytes:
        resp = client.get(url)
        if resp.status_code != 200:
            raise RuntimeError(f"export: GET {url} answered {resp.status_code}")
        return resp.get_data()

    if out.exists() and (out / "wbw-static.js").is_file():
        shutil.rmtree(out)  # an earlier export: replace it whole
    out.mkdir(parents=True, exist_ok=True)
    html = get("/").decode()
    written = set()
    for _, url in URL_RE.findall(html):
        path = url.split("?")[0]
        write(out, path, get("/" + path))
        written.add(check_fingerprint(path)[0])
    layout = mark_static(relative_strings(json.loads(get("/_dash-layout"))))
    for path in sorted(app.registered_paths.get("dash", ())):  # chunks the bundles load later
        url = f"_dash-component-suites/dash/{path}"
        if path.endswith(".js") and url not in written and chunk_needed(path, layout):
            write(out, url, get("/" + url))
    write(out, "index.html", page_html(html, base_url).encode())
    write(out, "wbw-static.js", STATIC_SHIM.encode())
    write(out, "_dash-layout.json", json.dumps(layout, separators=(",", ":")).encode())
    write(out, "_dash-dependencies.json", get("/_dash-dependencies"))
    export_geometry(out, layout, get)
    export_data(out, data, get)
    return sorted(p for p in out.rglob("*") if p.is_file())


def export_geometry(out: Path, layout: dict, get) -> None:
    """The boundary files the map figure names (geojson and the empty base-map topojson)."""
    text = json.dumps(layout)
    for url in sorted(set(re.findall(r'"(geo/[^"]+?\.(?:geojson|json))"', text))):
        write(out, url, get("/" + url))
    for folder in sorted(set(re.findall(r'"topojsonURL": "(geo/[^"]+/)"', text))):
        write(out, folder + "world_110m.json", get("/" + folder + "world_110m.json"))


def export_data(out: Path, data, get) -> None:
    """The version's files, the version resource and the CSV downloads."""
    version = data.version
    shutil.copytree(data.folder, out / "data" / version, ignore=shutil.ignore_patterns("events"))
    write(out, "data/version.json", get("/data/version.json"))
    write(out, "data/events.csv", get("/api/events.csv"))
    write(out, "data/stances.csv", get("/api/stances.csv"))


def main(argv: list[str] | None = None) -> int:
    """`python -m dashboard export OUT [--events PATH] [--base-url URL]`."""
    parser = argparse.ArgumentParser(prog="python -m dashboard export", description="Write a static copy of the site.")
    parser.add_argument("out", help="folder to write (an earlier export there is replaced)")
    parser.add_argument("--events", default=os.environ.get("WBW_EVENTS"), help="events CSV file or folder")
    parser.add_argument("--base-url", help="public URL the folder will be served at (canonical link)")
    args = parser.parse_args(argv)
    if args.base_url and not re.fullmatch(r"https?://[^\s\"<>]+", args.base_url):
        parser.error("--base-url must be an http(s) URL")
    out = Path(args.out)
    if out.exists() and any(out.iterdir()) and not (out / "wbw-static.js").is_file():
        parser.error(f"{out} is not empty and not an earlier export; choose an empty folder")
    files = export(out, args.events, args.base_url)
    size = sum(p.stat().st_size for p in files)
    print(f"wrote {len(files)} files, {size / 1e6:.1f} MB, to {out}", file=sys.stderr)
    return 0
