"""Data scale: synthetic events (1 million over 250 countries and 10 years) through the real code.

Run alone: `python -m benchmarks.scale [N]` prints one JSON line of figures.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import itertools
import json
import random
import resource
import string
import sys
import tempfile
import time
from pathlib import Path

from events import build_timeline, load_events, stances_on
from events.crisis import load_crisis
from events.schema import FIELDS

FILES = 10


def synthetic_codes(n: int = 250) -> list[str]:
    """N distinct three-capital codes."""
    return ["".join(c) for c in itertools.islice(itertools.product(string.ascii_uppercase, repeat=3), n)]


def write_synthetic(folder: Path, events: int, codes: list[str], seed: int = 1) -> None:
    """Write `events` valid rows spread over FILES files, over ten years."""
    rng = random.Random(seed)
    start = dt.date(2014, 1, 1)
    stances = [*load_crisis().stance_values(), ""]
    per_file = events // FILES
    for f in range(FILES):
        with open(folder / f"synthetic-{f:02d}.csv", "w", newline="", encoding="utf-8") as out:
            writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
            writer.writeheader()
            for i in range(per_file):
                n = f * per_file + i
                day = start + dt.timedelta(days=rng.randrange(3650))
                writer.writerow(
                    {
                        "id": f"e{n}",
                        "date": day.isoformat(),
                        "date_precision": "day",
                        "countries": ";".join(rng.sample(codes, rng.choice((1, 1, 1, 2, 3)))),
                        # one stance per day: rows sharing a country and a day never conflict
                        "stance": stances[day.toordinal() % len(stances)],
                        "kind": "statement",
                        "actor": "Synthetic actor",
                        "summary": f"Synthetic event number {n}.",
                        "summary_es": f"Evento sintético número {n}.",
                        "quote": "",
                        "source_name": "Synthetic",
                        "source_url": f"https://example.org/{n}",
                        "notes": "",
                        "basis": "own",
                        "supersedes": "",
                    }
                )


def measure(events: int) -> dict:
    """Load+validate, precompute and query times, and peak memory, for `events` synthetic rows."""
    # Ten synthetic years reach back before the real data's lower bound: widen the crisis's
    # window for this benchmark so every row is still fully validated.
    crisis = dataclasses.replace(load_crisis(), date_min=dt.date(2014, 1, 1), first_day=dt.date(2014, 1, 1))
    codes = synthetic_codes()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_synthetic(folder, events, codes)
        t0 = time.perf_counter()
        frame = load_events(folder, known=frozenset(codes), crisis=crisis)
        load_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    timeline = build_timeline(frame)
    precompute_s = time.perf_counter() - t0
    rng = random.Random(2)
    days = [dt.date(2014, 1, 1) + dt.timedelta(days=rng.randrange(3650)) for _ in range(300)]
    stances_on(days[0], timeline)  # warm-up
    t0 = time.perf_counter()
    for day in days:
        stances_on(day, timeline)
    query_ms = (time.perf_counter() - t0) / len(days) * 1000
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "events": len(frame),
        "countries": len(codes),
        "load_s": round(load_s, 2),
        "precompute_s": round(precompute_s, 2),
        "stances_on_ms": round(query_ms, 3),
        "peak_mb": round(peak_mb),
    }


if __name__ == "__main__":
    print(json.dumps(measure(int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000)))
