"""Browser figures in headless Chromium: page weight, scrub latency, playback, time to first map."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from playwright.sync_api import Browser, Page

from tests.servers import is_live_poll, step_requests

FIRST_MAP_SCRIPT = """
(() => {
  // __firstMap: when a map first shows: the first paint, if the page arrives with a drawn map;
  // otherwise the first plotly shape. __liveMap: when the interactive (plotly) map's shapes appear.
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) {
      if (e.name === 'first-contentful-paint' && document.querySelector('#wbw-ssr svg [data-iso3]')) {
        window.__firstMap = window.__firstMap || e.startTime;
      }
    }
  }).observe({type: 'paint', buffered: true});
  const obs = new MutationObserver(() => {
    if (!window.__liveMap && document.querySelector('#map .choroplethlocation')) {
      window.__liveMap = performance.now(); window.__firstMap = window.__firstMap || window.__liveMap; obs.disconnect();
    }
  });
  document.addEventListener('DOMContentLoaded', () => obs.observe(document.body, {childList: true, subtree: true}));
})();
"""


@dataclass
class Weight:
    """Bytes transferred on a first load, by kind."""

    js: int = 0
    geometry: int = 0
    data: int = 0
    other: int = 0
    requests: int = 0

    @property
    def total(self) -> int:
        """All bytes."""
        return self.js + self.geometry + self.data + self.other


def kind_of(url: str) -> str:
    """Classify a request URL: js, geometry, data or other."""
    path = url.split("?")[0]
    if path.endswith(".js"):
        return "js"
    if path.endswith((".geojson", "world_110m.json")):
        return "geometry"
    if "/_dash-" in path or path.endswith("/"):
        return "data"
    return "other"


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0–100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered)) - 1))]


def open_page(browser: Browser, url: str, width: int = 1280) -> tuple[Page, list]:
    """A fresh page (no cache) loaded up to its first map; returns the page and finished requests."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(FIRST_MAP_SCRIPT)
    finished: list = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.wait_for_selector("#map .choroplethlocation", state="attached", timeout=120000)
    page.wait_for_timeout(1500)
    return page, finished


def page_weight(finished: list) -> Weight:
    """Encoded (compressed) bytes per kind, headers included."""
    weight = Weight()
    for request in finished:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        kind = kind_of(request.url)
        setattr(weight, kind, getattr(weight, kind) + size)
        weight.requests += 1
    return weight


def first_map_ms(browser: Browser, url: str, runs: int = 3) -> dict[str, float]:
    """Medians from navigation to the first map shown (`first`) and to the interactive map (`live`)."""
    times: dict[str, list[float]] = {"first": [], "live": []}
    for _ in range(runs):
        page, _ = open_page(browser, url)
        got = page.evaluate("() => ({first: window.__firstMap, live: window.__liveMap})")
        for key in times:
            times[key].append(got[key])
        page.context.close()
    return {key: statistics.median(values) for key, values in times.items()}


SETTLED_SCRIPT = """
(() => {
  // Design-neutral step latency: from the keydown event's own timestamp to the start of the
  // first animation frame in which every state shape already shows the fill that the step
  // settles on. Each frame's computed fills are recorded; once the page has been quiet for
  // SETTLE_MS the last record is the settled one, and the first frame equal to it is the answer.
  // No app event is involved, so any implementation (patterns too) is measured the same way.
  const SETTLE_MS = 700;
  const h = window.wbwHistory();
  const shapes = () => [...document.querySelectorAll('#map path.choroplethlocation')]
    .filter(e => e.__data__ && h.countries.includes(e.__data__.loc));
  const fills = () => shapes().map(e => e.__data__.loc + '=' + getComputedStyle(e).fill).sort().join(';');
  window.__step = () => {
    const before = fills();
    return new Promise((resolve) => {
      window.addEventListener('keydown', (e) => {
        const t0 = e.timeStamp, frames = [];
        const frame = (ts) => {
          frames.push([ts, fills()]);
          if (performance.now() - t0 < SETTLE_MS) { requestAnimationFrame(frame); return; }
          const final = frames[frames.length - 1][1];
          const first = frames.find(f => f[1] === final);
          resolve({ms: first[0] - t0, changed: final !== before});
        };
        requestAnimationFrame(frame);
      }, {capture: true, once: true});
    });
  };
})();
"""


LONG_TASKS_SCRIPT = """
(() => {
  // Main-thread tasks of 50 ms or more while scrubbing: a key pressed meanwhile waits for them.
  window.__longTasks = [];
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) { window.__longTasks.push(e.duration); }
  }).observe({type: 'longtask'});
})();
"""


def our_scrub(browser: Browser, base: str, steps: int = 120, start: str = "2019-01-20") -> dict:
    """Keyboard steps on our slider: keydown → first frame with every settled fill (see above)."""
    page, _ = open_page(browser, base + "/?date=" + start)
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory() && window.wbwInternals")
    requests: list[str] = []  # every request; the live-update poll on its own clock is left out below
    page.on("request", lambda r: requests.append(r.url))
    received: list[int] = []

    def finished(request) -> None:
        if not is_live_poll(request.url):
            received.append(request.sizes()["responseBodySize"])

    page.on("requestfinished", finished)
    page.evaluate(SETTLED_SCRIPT)
    page.evaluate(LONG_TASKS_SCRIPT)
    page.focus("#date-slider [role=slider]")
    results = []
    for i in range(steps):
        forward = (i // 20) % 2 == 0
        page.evaluate("() => { window.__pending = window.__step(); }")
        page.keyboard.press("ArrowRight" if forward else "ArrowLeft")
        results.append(page.evaluate("() => window.__pending"))
    page.remove_listener("requestfinished", finished)
    long_tasks = page.evaluate("() => window.__longTasks")
    page.context.close()
    latencies = [r["ms"] for r in results]
    changing = [r["ms"] for r in results if r["changed"]]
    return {
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "changing_p50": percentile(changing, 50) if changing else float("nan"),
        "changing_p95": percentile(changing, 95) if changing else float("nan"),
        "changing": len(changing),
        "steps": len(results),
        "requests": len(step_requests(requests)),
        "request_urls": {u: requests.count(u) for u in sorted(set(step_requests(requests)))[:10]},
        "live_polls": sum(map(is_live_poll, requests)),
        "bytes": sum(received),
        "long_tasks": len(long_tasks),
        "longest_task_ms": max(long_tasks, default=0.0),
    }


def baseline_scrub(browser: Browser, base: str, steps: int = 15) -> dict:
    """Keyboard steps on the baseline slider until plotly_afterplot (plus one frame)."""
    page, _ = open_page(browser, base + "/")
    received: list[int] = []
    page.on(
        "requestfinished",
        lambda r: received.append(r.sizes()["responseBodySize"]) if "_dash-update-component" in r.url else None,
    )
    page.focus("#date-slider [role=slider]")
    latencies = []
    for _ in range(steps):
        latencies.append(
            page.evaluate(
                """async () => { const gd = document.querySelector('#map .js-plotly-plot');
                const done = new Promise(r => gd.once('plotly_afterplot', r)); const t0 = performance.now();
                document.querySelector('#date-slider [role=slider]').dispatchEvent(
                    new KeyboardEvent('keydown', {key: 'ArrowLeft', bubbles: true}));
                await done; await new Promise(r => requestAnimationFrame(r)); return performance.now() - t0; }"""
            )
        )
    page.context.close()
    return {
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "steps": len(latencies),
        "bytes_per_step": statistics.mean(received) if received else 0.0,
    }


def playback_fps(browser: Browser, base: str, seconds: float = 4.0) -> float:
    """Map repaints per second while playing."""
    page, _ = open_page(browser, base + "/?date=2019-01-10")
    page.wait_for_function("() => window.wbwHistory && window.wbwHistory()")
    page.evaluate(
        """() => { window.__paints = 0; window.addEventListener('wbw:painted', () =>
            requestAnimationFrame(() => { window.__paints += 1; })); }"""
    )
    page.click("#play")
    page.wait_for_timeout(500)  # reach steady state
    start = page.evaluate("() => [window.__paints, performance.now()]")
    page.wait_for_timeout(seconds * 1000)
    end = page.evaluate("() => [window.__paints, performance.now()]")
    page.click("#play")
    page.context.close()
    return (end[0] - start[0]) / ((end[1] - start[1]) / 1000)


def main() -> int:
    """`python -m benchmarks.browser [PORT [STEPS]]`: only the scrub latency, printed (BENCHMARKS.md untouched)."""
    import json
    import sys

    from playwright.sync_api import sync_playwright

    from benchmarks.run import ARGS, CHROMIUM, serve
    from tests.servers import stop_server

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8073
    steps = int(sys.argv[2]) if len(sys.argv) > 2 else 120
    proc = serve(["dashboard"], port, {"WBW_BOOT_SECONDS": "0"})  # the app at once: the scrub times it
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(json.dumps(our_scrub(chromium, f"http://127.0.0.1:{port}", steps=steps), indent=1), flush=True)
            chromium.close()
    finally:
        stop_server(proc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
