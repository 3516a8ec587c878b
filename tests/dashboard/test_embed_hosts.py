"""Embeds on a newsroom's page (a second origin): pym.js, WordPress, AMP, /embed.js, our snippet.

Each host page is built from what a newsroom would paste (the Embed dialog's snippets, or the
oEmbed answer as WordPress rewrites it), measured at three widths, closed and with a country
panel opened by clicking inside Russia's shape.
"""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request

import pytest

from dashboard import ids
from dashboard.layout import EMBED_VARIANTS

from ..conftest import NODE_MODULES, serve_pages

pytestmark = pytest.mark.browser

WIDTHS = (320, 600, 1000)
STATE = "/?date=2019-02-05"
# Russia backed Maduro by then, so its panel has a highlighted statement. (Brazil is too small at
# 320 px: every point of it lies within 20 px of a small-state marker, which takes the click.)
COUNTRY, COUNTRY_NAME = "RUS", "Russia"
SECRET = "Wp3mbedS3cret"
MEASURED: dict[str, list[tuple]] = {}

HOST_CSS = "<style>body{margin:0;font:16px serif} iframe{display:block;max-width:100%}</style>"

# wp-embed's documented host protocol: {message, value, secret} from the iframe with that
# data-secret; heights are clamped to 200..1000; "ready" is sent to each embed on load.
WORDPRESS_LISTENER = """<script>
window.addEventListener("message", function (e) {
  var d = e.data;
  if (!d || !(d.secret || d.message || d.value) || /[^a-zA-Z0-9]/.test(d.secret)) return;
  document.querySelectorAll('iframe[data-secret="' + d.secret + '"]').forEach(function (f) {
    if (f.contentWindow !== e.source) return;
    f.removeAttribute("style");
    if (d.message === "height") f.height = Math.min(1000, Math.max(200, parseInt(d.value, 10) || 0));
  });
});
window.addEventListener("load", function () {
  document.querySelectorAll("iframe.wp-embedded-content").forEach(function (f) {
    f.contentWindow.postMessage({message: "ready", secret: f.getAttribute("data-secret")}, "*");
  });
});
</script>"""

# What amp-iframe does with `resizable`: resize on {sentinel: "amp", type: "embed-size", height}.
AMP_LISTENER = """<script>
window.addEventListener("message", function (e) {
  var f = document.querySelector("iframe"), d = e.data;
  if (e.source !== f.contentWindow || !d || d.sentinel !== "amp" || d.type !== "embed-size") return;
  f.style.height = Number(d.height) + "px";
});
</script>"""

FRAME_STATE = """() => ({
  content: Math.ceil(document.documentElement.getBoundingClientRect().height),
  viewport: window.innerHeight,
  vscroll: document.documentElement.scrollHeight > document.documentElement.clientHeight + 1,
  hscroll: document.documentElement.scrollWidth > document.documentElement.clientWidth,
  paths: document.querySelectorAll('#map .choroplethlocation').length,
  embed: document.getElementById('root').classList.contains('embed'),
  credit: !!document.getElementById('embed-credit') && document.getElementById('embed-credit').offsetHeight > 0,
})"""


def page_html(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><meta charset='utf-8'>{head}{HOST_CSS}</head><body>{body}</body></html>"


@pytest.fixture(scope="module")
def host():
    with serve_pages() as pages:
        pages.add("/favicon.ico", b"", "image/x-icon")
        pages.add("/pym.v1.min.js", (NODE_MODULES / "pym.js/dist/pym.v1.min.js").read_bytes(), "text/javascript")
        yield pages


@pytest.fixture(scope="module")
def snippets(browser, live_server) -> dict[str, str]:
    """Every variant in the Embed dialog, as a reader copies it."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server + STATE)
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    page.click("#embed-button")
    page.wait_for_function("() => document.getElementById('embed-snippet').textContent.length > 0")
    out = {key: page.text_content(f"#{ids.embed_snippet_id(key)}") for key, *_ in EMBED_VARIANTS}
    context.close()
    return out


def wordpress_page(live_server: str) -> str:
    """The oEmbed answer as WordPress shows it: scripts stripped, sandboxed, a secret in the fragment."""
    query = urllib.parse.urlencode({"url": live_server + STATE, "maxwidth": 1000, "maxheight": 1000})
    with urllib.request.urlopen(f"{live_server}/oembed?{query}") as resp:
        markup = json.load(resp)["html"]
    markup = re.sub(r"<script\b[^>]*>.*?</script>", "", markup, flags=re.S)
    markup = re.sub(r' style="[^"]*"', "", markup)
    markup = re.sub(r'src="([^"]*)"', rf'src="\1#?secret={SECRET}"', markup, count=1)
    attrs = f'class="wp-embedded-content" sandbox="allow-scripts" security="restricted" data-secret="{SECRET}" '
    return page_html("<p>Article text.</p>" + markup.replace("<iframe ", "<iframe " + attrs, 1) + WORDPRESS_LISTENER)


def host_page(name: str, snippets: dict[str, str], live_server: str) -> str:
    if name == "pym":
        return page_html(snippets["pym"].replace("https://pym.nprapps.org/pym.v1.min.js", "/pym.v1.min.js"))
    if name == "wordpress":
        return wordpress_page(live_server)
    if name == "amp":
        src = re.search(r'src="([^"]*)"', snippets["amp"]).group(1).replace("&amp;", "&")
        sandbox = re.search(r'sandbox="([^"]*)"', snippets["amp"]).group(1)
        frame = f'<iframe src="{src}" sandbox="{sandbox}" frameborder="0" style="width:100%;border:0;height:400px">'
        return page_html(frame + "</iframe>" + AMP_LISTENER)
    if name == "embed.js":  # a CMS that forbids inline scripts
        csp = f"<meta http-equiv='Content-Security-Policy' content=\"script-src {live_server}\">"
        return page_html(snippets["script"], head=csp)
    return page_html(snippets["inline"])


def settle(page, frame) -> dict:
    """Wait until the iframe's height follows its content and holds still; return the measures."""
    deadline, last = time.monotonic() + 30, None
    while True:
        state = frame.evaluate(FRAME_STATE)
        state["iframe"] = page.evaluate("() => document.querySelector('iframe').clientHeight")
        key = (state["iframe"], state["content"])
        if (abs(key[0] - key[1]) <= 2 and key == last) or time.monotonic() > deadline:
            return state
        last = key
        page.wait_for_timeout(300)


def click_inside(page, frame, iso3: str) -> None:
    """Click well inside a country's shape (5 px from its edge), off every small-state marker's disc.

    Picking is exact (a marker takes a click only inside its own drawn disc), so a point 14 px from
    every marker centre is the shape's own.
    """
    point = frame.evaluate(
        """(iso) => { const el = [...document.querySelectorAll('#map .choroplethlocation')]
            .find(e => e.__data__ && e.__data__.loc === iso);
          const b = el.getBoundingClientRect(), inv = el.getScreenCTM().inverse();
          const inside = (x, y) => el.isPointInFill(new DOMPoint(x, y).matrixTransform(inv));
          const marks = [...document.querySelectorAll('#map .scattergeo .point')].map(m => {
            const r = m.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
          const cx = b.x + b.width / 2, cy = b.y + b.height / 2;
          let best = null;
          for (let i = 1; i < 16; i++) for (let j = 1; j < 16; j++) {
            const x = b.x + b.width * i / 16, y = b.y + b.height * j / 16;
            if (![[0, 0], [5, 0], [-5, 0], [0, 5], [0, -5]].every(([dx, dy]) => inside(x + dx, y + dy))) continue;
            const clear = Math.min(1e9, ...marks.map(m => Math.hypot(m[0] - x, m[1] - y)));
            const off = Math.hypot(x - cx, y - cy);
            if (clear > 14 && (!best || off < best.off)) best = {x, y, clear, off};
          }
          return best; }""",
        iso3,
    )
    assert point, f"no point well inside {iso3} and off the small-state markers"
    box = page.locator("iframe").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def check(state: dict, label: str) -> None:
    assert abs(state["iframe"] - state["content"]) <= 2, (label, state)
    assert state["viewport"] == state["iframe"], (label, state)
    assert not state["vscroll"] and not state["hscroll"], (label, state)
    assert state["paths"] >= 230 and state["embed"] and state["credit"], (label, state)


@pytest.mark.parametrize("name", ["pym", "wordpress", "amp", "embed.js", "inline"])
def test_host_resizes_the_embed_to_its_content(browser, live_server, host, snippets, name):
    context = browser.new_context(viewport={"width": WIDTHS[0], "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))  # the embedded page's too
    page.on("console", lambda m: errors.append(f"{m.location.get('url')}: {m.text}") if m.type == "error" else None)
    page.goto(host.add(f"/{name}", host_page(name, snippets, live_server)))
    frame = page.frame_locator("iframe")
    frame.locator("#map .choroplethlocation").first.wait_for(state="attached", timeout=30000)
    inner = next(f for f in page.frames if f.url.startswith(live_server))
    inner.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    storage = inner.evaluate("() => { try { return typeof window.localStorage.length; } catch (e) { return e.name; } }")
    # Storage throws in an opaque origin (and in any third-party frame when the browser blocks
    # third-party storage, as this one does): the page must not need it (no errors, below).
    assert storage in ("SecurityError", "number") and (name != "wordpress" or storage == "SecurityError")
    rows = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        closed = settle(page, inner)
        check(closed, f"{name} {width} closed")
        click_inside(page, inner, COUNTRY)
        inner.wait_for_selector(f"#country-panel h2:has-text('{COUNTRY_NAME}')", timeout=15000)
        inner.wait_for_selector("#country-panel li.is-current", timeout=10000)
        opened = settle(page, inner)
        check(opened, f"{name} {width} panel")
        rows.append((width, closed["iframe"], closed["content"], opened["iframe"], opened["content"]))
        inner.click("#panel-close")
        inner.wait_for_selector("#panel-wrap", state="hidden", timeout=10000)
    MEASURED[name] = rows
    print(f"\n{name}: " + "; ".join(f"{w}px {a}/{b} panel {c}/{d}" for w, a, b, c, d in rows))
    assert errors == []
    context.close()


def test_embed_dialog_offers_every_variant_with_a_copy_button(browser, live_server, snippets):
    assert "/embed.js" in snippets["script"] and "<script>" not in snippets["script"]
    assert "data-pym-src" in snippets["pym"] and "embed=1" not in snippets["pym"]
    assert "<amp-iframe" in snippets["amp"] and "resizable" in snippets["amp"] and "overflow" in snippets["amp"]
    assert snippets["url"] == live_server + STATE
    assert 'height="900"' in snippets["fixed"] and "<script" not in snippets["fixed"]
    assert "who-backs-whom:height" in snippets["inline"]
    context = browser.new_context(
        viewport={"width": 1000, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    page.goto(live_server + STATE)
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    page.click("#embed-button")
    for key, *_ in EMBED_VARIANTS:
        variant = page.locator(f".embed-variant-{key}")
        variant.get_by_role("button", name="Copy").click()
        variant.get_by_role("status").filter(has_text="Copied").wait_for(timeout=5000)
        assert page.evaluate("() => navigator.clipboard.readText()") == snippets[key]
    context.close()


APP_SCRIPTS = re.compile(r"/_dash-component-suites/|/assets/(vendor/|wbw-\d)")  # not the two early ones
DRAWN_STATE = """() => ({
  content: Math.ceil(document.documentElement.getBoundingClientRect().height),
  root: Math.ceil(document.querySelector('#wbw-ssr .root.embed').getBoundingClientRect().height),
  viewport: window.innerHeight,
  live: !!window.wbwHistory,
})"""


@pytest.mark.parametrize("name", ["pym", "amp"])
def test_host_sizes_the_server_drawn_embed_before_the_app_loads(browser, live_server, host, snippets, name):
    """With the app's scripts held back, the host still gets the drawn page's height (no app needed)."""
    context = browser.new_context(viewport={"width": WIDTHS[1], "height": 900})
    context.route(APP_SCRIPTS, lambda route: route.abort())
    page = context.new_page()
    page.goto(host.add(f"/drawn-{name}", host_page(name, snippets, live_server)))
    frame = page.frame_locator("iframe")
    frame.locator("#wbw-ssr svg.wbw-svgmap").wait_for(timeout=30000)
    inner = next(f for f in page.frames if f.url.startswith(live_server))
    deadline, state = time.monotonic() + 30, {}
    while time.monotonic() < deadline:
        state = inner.evaluate(DRAWN_STATE)
        state["iframe"] = page.evaluate("() => document.querySelector('iframe').clientHeight")
        if abs(state["iframe"] - state["root"]) <= 2:
            break
        page.wait_for_timeout(200)
    assert not state["live"], state
    assert state["root"] > 400 and abs(state["iframe"] - state["root"]) <= 2, state
    assert state["viewport"] == state["iframe"] and abs(state["content"] - state["root"]) <= 2, state
    context.close()
