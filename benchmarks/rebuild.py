"""Requests served while a data version is rebuilt: `python -m benchmarks.rebuild [--workers N]`.

Starts the production server (gunicorn, gevent workers) on a copy of the events, then one client
asks `/healthz` back to back while the events folder gets `edits` new records, one at a time;
each edit is a new content hash, so a real build, publish and load. Reported: the latency of the
requests that started while a rebuild was under way (from the edit until the worker serves the
new version) against the others. With one worker every request lands on the rebuilding one.
Loopback only; bounded in edits and time.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from events.loader import DEFAULT_DATA_DIR
from tests.servers import launch, stop_server

HOST = "127.0.0.1"  # loopback only
ROW = "{id},2019-02-01,day,TUV,guaido,statement,Bench actor,A record added by the rebuild benchmark.,,Bench,https://example.org/b,,own,\n"


def start(port: int, events: Path, workers: int) -> subprocess.Popen:
    """The production server on `events`, checking the folder every second."""
    args = ["--production", "--host", HOST, "--port", str(port), "--workers", str(workers), "--events", str(events)]
    env = {"HOME": str(events.parent), "WBW_RELOAD_SECONDS": "1"}
    return launch([sys.executable, "-m", "dashboard", *args], f"http://{HOST}:{port}/healthz", env, timeout=120)


def probe(base: str, stop: threading.Event, out: list[tuple[float, float, str]]) -> None:
    """GET /healthz back to back: (start, seconds, data_version) per answer."""
    while not stop.is_set():
        t0 = time.monotonic()
        with urllib.request.urlopen(base + "/healthz", timeout=120) as resp:
            version = json.loads(resp.read())["data_version"]
        out.append((t0, time.monotonic() - t0, version))


def measure(port: int, workers: int = 1, edits: int = 5, settle: float = 3.0) -> dict:
    """Latencies (ms) of requests during rebuilds and outside them, and the rebuild windows (s)."""
    tmp = Path(tempfile.mkdtemp(prefix="wbw-rebuild-"))
    events = tmp / "events"
    shutil.copytree(DEFAULT_DATA_DIR, events)
    header = (events / "europe.csv").read_text().splitlines()[0].replace(",summary_es,", ",")
    proc = start(port, events, workers)
    answers: list[tuple[float, float, str]] = []
    stop = threading.Event()
    client = threading.Thread(target=probe, args=(f"http://{HOST}:{port}", stop, answers), daemon=True)
    windows: list[tuple[float, float]] = []
    try:
        client.start()
        time.sleep(settle)
        for i in range(edits):
            seen = len(answers)
            old = answers[-1][2]
            t_edit = time.monotonic()
            (events / f"zz-bench-{i}.csv").write_text(header + "\n" + ROW.format(id=f"20190201-tuv-bench-{i}"))
            deadline = t_edit + 60
            while time.monotonic() < deadline and not any(v != old for _, _, v in answers[seen:]):
                time.sleep(0.05)
            windows.append((t_edit, time.monotonic()))
            time.sleep(settle)
    finally:
        stop.set()
        client.join(timeout=130)
        stop_server(proc)
        shutil.rmtree(tmp, ignore_errors=True)
    during = [s * 1000 for t, s, _ in answers if any(a <= t + s and t <= b for a, b in windows)]
    other = [s * 1000 for t, s, _ in answers if not any(a <= t + s and t <= b for a, b in windows)]
    return {
        "workers": workers,
        "edits": edits,
        "rebuild_s": [round(b - a, 2) for a, b in windows],
        "slowest_per_rebuild_ms": [
            round(max((s for t, s, _ in answers if a <= t + s and t <= b), default=0) * 1000) for a, b in windows
        ],
        "during": summary(during),
        "outside": summary(other),
    }


def summary(ms: list[float]) -> dict:
    """Count, median, 99th percentile and maximum of latencies in ms."""
    if not ms:
        return {"n": 0}
    ms = sorted(ms)
    return {
        "n": len(ms),
        "p50_ms": round(statistics.median(ms), 1),
        "p99_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.99))], 1),
        "max_ms": round(ms[-1], 1),
    }


def main() -> int:
    """Print the figures as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.rebuild", description=main.__doc__)
    parser.add_argument("--port", type=int, default=8075)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(measure(args.port, args.workers, args.edits), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
