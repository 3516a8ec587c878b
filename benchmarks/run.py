"""Run every benchmark in one go and rewrite BENCHMARKS.md: `make bench` (about 5 minutes).

Everything binds to 127.0.0.1; every load loop is bounded in count and time.
"""

from __future__ import annotations

import datetime as dt
import json
import platform
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks import browser as bb
from benchmarks import load as bl
from benchmarks import rebuild as br
from benchmarks import slowclients as bs
from benchmarks.baseline_app import animation_figure_bytes
from benchmarks.first_paint import lighthouse_figures
from benchmarks.table import Row, kb, yes
from tests.servers import CHROMIUM, launch, stop_server
from tests.servers import CHROMIUM_ARGS as ARGS

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "BENCHMARKS.md"


def serve(module: list[str], port: int, env: dict | None = None) -> subprocess.Popen:
    """Start a dev server (`python -m ...`) and wait until it answers (the tests' shared helper)."""
    argv = [sys.executable, "-m", *module, "--port", str(port)]
    return launch(argv, f"http://127.0.0.1:{port}/", env, timeout=120)


def machine() -> str:
    """Cores, memory and platform of this machine."""
    mem_kb = int(
        next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1]
    )
    memory = f"{mem_kb / 1024 / 1024:.0f} GiB RAM"
    return f"{bl.cpu_count()} cores, {memory}, {platform.platform()}, Python {platform.python_version()}"


def browser_figures(rows: list[Row]) -> None:
    """Page weight, first map, scrub latency and playback, ours vs the baseline, in Chromium."""
    ours_port, base_port = 8071, 8072
    ours = serve(["dashboard"], ours_port, {"WBW_BOOT_SECONDS": "0"})  # the app at once: these figures time it
    base = serve(["benchmarks.baseline_app"], base_port)
    ours_url, base_url = f"http://127.0.0.1:{ours_port}", f"http://127.0.0.1:{base_port}"
    try:
        with sync_playwright() as pw:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page, finished = bb.open_page(chromium, ours_url + "/")
            w_ours = bb.page_weight(finished)
            page.context.close()
            page, finished = bb.open_page(chromium, base_url + "/")
            w_base = bb.page_weight(finished)
            page.context.close()
            cmd = "make bench (benchmarks/browser.py: page_weight)"
            rows.append(
                Row(
                    "Page weight, first load with the app started at once, total (compressed)",
                    kb(w_ours.total),
                    kb(w_base.total),
                    f"{w_ours.total / w_base.total:.0%}",
                    "≤ 1,536 KB and ≤ 40 % of baseline",
                    yes(w_ours.total <= 1536 * 1024 and w_ours.total <= 0.4 * w_base.total),
                    cmd,
                )
            )
            for part in ("js", "geometry", "data"):
                rows.append(
                    Row(f"… of which {part}", kb(getattr(w_ours, part)), kb(getattr(w_base, part)), "", "", "", cmd)
                )
            rows.append(Row("… requests", str(w_ours.requests), str(w_base.requests), "", "", "", cmd))

            fm_ours, fm_base = bb.first_map_ms(chromium, ours_url + "/"), bb.first_map_ms(chromium, base_url + "/")
            for key, label in (("first", "Time to first map"), ("live", "Time to interactive map")):
                rows.append(
                    Row(
                        f"{label} (median of 3, localhost; the app started at once)",
                        f"{fm_ours[key]:,.0f} ms",
                        f"{fm_base[key]:,.0f} ms",
                        f"{fm_ours[key] / fm_base[key]:.2f}×",
                        "≤ 1,500 ms" if key == "first" else "",
                        yes(fm_ours[key] <= 1500) if key == "first" else "",
                        "make bench (benchmarks/browser.py: first_map_ms)",
                    )
                )

            s_ours = bb.our_scrub(chromium, ours_url)
            s_base = bb.baseline_scrub(chromium, base_url)
            cmd = "make bench (benchmarks/browser.py: our_scrub, baseline_scrub)"
            rows.append(
                Row(
                    "Scrub latency p50 (keydown → first frame with every settled fill; "
                    f"{s_ours['steps']} / {s_base['steps']} steps)",
                    f"{s_ours['p50']:.1f} ms",
                    f"{s_base['p50']:,.0f} ms",
                    f"{s_base['p50'] / max(s_ours['p50'], 0.1):.0f}× faster",
                    "≥ 20× faster",
                    yes(s_base["p50"] >= 20 * s_ours["p50"]),
                    cmd,
                )
            )
            rows.append(
                Row(
                    f"Scrub latency p95 (… of which {s_ours['changing']} steps change a colour: p95 "
                    f"{s_ours['changing_p95']:.1f} ms)",
                    f"{s_ours['p95']:.1f} ms",
                    f"{s_base['p95']:,.0f} ms",
                    "",
                    "≤ 16 ms (one frame)",
                    yes(s_ours["p95"] <= 16 and s_ours["changing_p95"] <= 16),
                    cmd,
                )
            )
            rows.append(
                Row(
                    f"Main-thread tasks ≥ 50 ms in those {s_ours['steps']} steps (longest)",
                    f"{s_ours['long_tasks']} ({s_ours['longest_task_ms']:.0f} ms)",
                    "",
                    "",
                    "0: the next key never waits behind one",
                    yes(s_ours["long_tasks"] == 0),
                    cmd,
                )
            )
            rows.append(
                Row(
                    "Server requests / bytes per scrub step",
                    f"{s_ours['requests'] / s_ours['steps']:.0f} / {s_ours['bytes'] / s_ours['steps']:.0f} B",
                    f"1 / {kb(s_base['bytes_per_step'])}",
                    "",
                    "0 requests",
                    yes(s_ours["requests"] == 0),
                    cmd,
                )
            )
            fps = bb.playback_fps(chromium, ours_url)
            rows.append(
                Row(
                    "Playback: map repaints per second",
                    f"{fps:.1f}",
                    "n/a",
                    "",
                    "≥ 10",
                    yes(fps >= 10),
                    "make bench (benchmarks/browser.py: playback_fps)",
                )
            )
            chromium.close()
    finally:
        for proc in (ours, base):
            stop_server(proc)


def animation_reference(rows: list[Row]) -> None:
    """The px animation_frame build at 30-day frames, for reference."""
    t0 = time.perf_counter()
    frames, size = animation_figure_bytes(30)
    seconds = time.perf_counter() - t0
    rows.append(
        Row(
            f"Reference: px animation_frame, 30-day frames ({frames} frames)",
            "n/a",
            f"{size / 1024 / 1024:,.1f} MB JSON, built in {seconds:.1f} s",
            "",
            "",
            "",
            "make bench (benchmarks/baseline_app.py: animation_figure_bytes)",
        )
    )


def server_figures(rows: list[Row]) -> None:
    """Cold start, throughput and p99, the 200-viewer load test and memory per worker."""
    port = 8073
    proc, cold = bl.start_production(port, workers=2)
    try:
        rows.append(
            Row(
                "Server cold start → first response (gunicorn, 2 workers)",
                f"{cold:.1f} s",
                "",
                "",
                "",
                "",
                "make bench (benchmarks/load.py: start_production)",
            )
        )
        for name, path in (("/", "/"), ("/api/stances.csv", "/api/stances.csv?date=2019-02-05")):
            result = bl.run_load(port, proc.pid, clients=50, seconds=10, paths_for=lambda i, p=path: [p])
            rows.append(
                Row(
                    f"Throughput {name}, 50 keep-alive clients, 10 s",
                    f"{result.throughput:,.0f} req/s, p99 {bb.percentile(result.latencies, 99):,.0f} ms",
                    "",
                    "",
                    "0 errors",
                    yes(result.errors == 0) + f" ({result.errors} errors)",
                    "make bench (benchmarks/load.py: run_load)",
                )
            )
        result = bl.run_load(port, proc.pid, clients=200, seconds=60, paths_for=bl.viewer_paths)
        first, last = result.memory_mb[0], result.memory_mb[-1]
        rows.append(
            Row(
                "Load: 200 viewers (page + layout + API) for 60 s",
                f"{len(result.latencies):,} requests, p50 {bb.percentile(result.latencies, 50):,.0f} ms, "
                f"p99 {bb.percentile(result.latencies, 99):,.0f} ms",
                "",
                "",
                "0 errors",
                yes(result.errors == 0) + f" ({result.errors} errors)",
                "make bench (benchmarks/load.py: run_load, viewer_paths)",
            )
        )
        rows.append(
            Row(
                "Memory per worker, start → end of load",
                ", ".join(f"{a:.0f} → {b:.0f} MB" for a, b in zip(first, last, strict=False)),
                "",
                "",
                "flat (≤ +10 %)",
                yes(all(b <= a * 1.1 for a, b in zip(first, last, strict=False))),
                "make bench (benchmarks/load.py: worker_rss_mb)",
            )
        )
        slow = bs.hold_slow_clients(port, idle_n=200, loris_n=50, seconds=30)
        rows.append(
            Row(
                "Slow clients: 200 idle + 50 slowloris held 30 s; normal client (new connection, /healthz)",
                f"{len(slow.latencies)} ok, {slow.failures} failed, p99 {slow.p(0.99):,.0f} ms; "
                f"{slow.slow_closed_by_server}/{slow.slow_opened} slow connections closed by the server",
                "",
                "",
                "p99 ≤ 100 ms, 0 failed",
                yes(slow.failures == 0 and slow.p(0.99) <= 100),
                "python -m benchmarks.slowclients",
            )
        )
        kill = bs.kill_one_worker(port, proc.pid)
        rows.append(
            Row(
                "Worker killed under load: its replacement's share of answers afterwards",
                f"up after {kill['replacement_answering_after_s']} s; shares {sorted(kill['share_after'].values())}",
                "",
                "",
                "replacement ≥ 25 %",
                yes(len(kill["share_after"]) >= 2 and min(kill["share_after"].values()) >= 0.25),
                "python -m benchmarks.slowclients",
            )
        )
    finally:
        stop_server(proc)


def rebuild_figures(rows: list[Row]) -> None:
    """Requests answered while the data is rebuilt (one gevent worker, five edits)."""
    res = br.measure(8076, workers=1, edits=5)
    slowest = max(res["slowest_per_rebuild_ms"])
    rows.append(
        Row(
            "Request during a data rebuild (1 worker, 5 edits): slowest per rebuild; p99 during / outside",
            f"{slowest:,} ms (rebuilds {min(res['rebuild_s'])}–{max(res['rebuild_s'])} s); "
            f"p99 {res['during']['p99_ms']:,.0f} / {res['outside']['p99_ms']:,.0f} ms",
            "",
            "",
            "never waits for the build: slowest < shortest rebuild",
            yes(slowest < min(res["rebuild_s"]) * 1000),
            "python -m benchmarks.rebuild",
        )
    )


def scale_figures(rows: list[Row], events: int = 1_000_000) -> None:
    """Synthetic data at scale, in a separate process (so its peak memory is its own)."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.scale", str(events)], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    res = json.loads(out.strip().splitlines()[-1])
    cmd = f"python -m benchmarks.scale {events}"
    label = f"{res['events']:,} synthetic events, {res['countries']} countries, 10 years"
    rows.append(Row(f"Scale ({label}): load + validate", f"{res['load_s']} s", "", "", "", "", cmd))
    rows.append(
        Row(
            "Scale: timeline precompute",
            f"{res['precompute_s']} s",
            "",
            "",
            "≤ 5 s",
            yes(res["precompute_s"] <= 5),
            cmd,
        )
    )
    rows.append(
        Row(
            "Scale: one stances_on call (mean of 300)",
            f"{res['stances_on_ms']} ms",
            "",
            "",
            "≤ 1 ms",
            yes(res["stances_on_ms"] <= 1),
            cmd,
        )
    )
    rows.append(Row("Scale: peak memory of that process", f"{res['peak_mb']:,} MB", "", "", "", "", cmd))


def write(rows: list[Row], started: float) -> None:
    """Rewrite BENCHMARKS.md."""
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench` (`python -m benchmarks.run`); do not edit by hand.",
        f"Run on {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC in {time.monotonic() - started:,.0f} s. "
        f"Machine: {machine()}.",
        "Baseline: the usual Dash build (`benchmarks/baseline_app.py`): a `dcc.Slider` wired to a server callback",
        "that rebuilds `px.choropleth(..., geojson=...)` on every move, same data and geometry, measured in the",
        "same run in the same headless Chromium. Server figures hit the production server on 127.0.0.1 only.",
        "",
        "| figure | ours | baseline | ratio | target | status | command |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.figure} | {r.ours} | {r.baseline} | {r.ratio} | {r.target} | {r.met} | `{r.command}` |" for r in rows
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    """Run all figures and write the table."""
    started = time.monotonic()
    rows: list[Row] = []
    steps = (browser_figures, lighthouse_figures, animation_reference, server_figures, rebuild_figures, scale_figures)
    for step in steps:
        print(f"[bench] {step.__name__} …", flush=True)
        step(rows)
    write(rows, started)
    print(OUT.read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
