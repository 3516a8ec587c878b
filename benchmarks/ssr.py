"""Server-drawn page cost, warm: `python -m benchmarks.ssr` (in-process, the production app's compression on)."""

from __future__ import annotations

import json
import statistics
import sys
import time

from dashboard.app import create_app

STATES = [
    "date=2019-02-05",
    "date=2019-02-05&country=ESP",
    "date=2019-01-23&embed=1",
    "date=2020-06-01&region=europe",
    "",
]


def page_ms(requests: int = 200) -> dict:
    """Median and p95 milliseconds per page request (br/gzip accepted) once every state is cached."""
    client = create_app().server.test_client()
    headers = {"Accept-Encoding": "br, gzip"}
    for query in STATES:
        client.get("/?" + query, headers=headers)
    times, sizes = [], []
    for i in range(requests):
        t0 = time.perf_counter()
        resp = client.get("/?" + STATES[i % len(STATES)], headers=headers)
        times.append((time.perf_counter() - t0) * 1000)
        sizes.append(len(resp.data))
    times.sort()
    return {
        "median_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(0.95 * len(times)) - 1], 2),
        "bytes": int(statistics.median(sizes)),
        "encoding": resp.headers.get("Content-Encoding", "identity"),
    }


if __name__ == "__main__":
    print(json.dumps(page_ms(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
