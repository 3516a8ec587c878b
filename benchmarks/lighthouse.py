"""Lighthouse (npm lighthouse@12.2.3) on our pages and the usual Dash build: `python -m benchmarks.lighthouse`.

Median of 3 runs per page and preset (mobile, desktop) in Debian's chromium, on 127.0.0.1 only.
Lighthouse is installed for the bench only, into benchmarks/lighthouse/ (`npm ci` there).
Prints JSON rows; `benchmarks.run` turns them into BENCHMARKS.md rows.
`--root PATH` serves another checkout (e.g. an export of main, for before/after figures).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.servers import launch, stop_server

ROOT = Path(__file__).resolve().parent.parent
LH_DIR = ROOT / "benchmarks" / "lighthouse"
LH_BIN = LH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
PAGES = ("/", "/?embed=1")
PRESETS = ("mobile", "desktop")
AUDITS = {
    "lcp_ms": "largest-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "bytes": "total-byte-weight",
}


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse into benchmarks/lighthouse/ when it is missing."""
    if not LH_BIN.exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LH_DIR, check=True)


def serve(module: list[str], port: int, cwd: Path) -> subprocess.Popen:
    """Start `python -m <module> --port <port>` in `cwd` and wait until it answers (the tests' helper)."""
    return launch(
        [sys.executable, "-m", *module, "--port", str(port)], f"http://127.0.0.1:{port}/", None, 120, 0.2, cwd
    )


def run_once(url: str, preset: str) -> dict:
    """One Lighthouse performance run: score (0–100), LCP, TBT, CLS and bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [
            str(LH_BIN),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ]
        if preset == "desktop":
            cmd.append("--preset=desktop")
        subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300)
        report = json.loads(out.read_text())
    row = {"score": round(100 * (report["categories"]["performance"]["score"] or 0))}
    for key, audit in AUDITS.items():
        row[key] = report["audits"][audit]["numericValue"]
    return row


def median_of(url: str, preset: str, runs: int = 3) -> dict:
    """The median of each figure over `runs` runs."""
    results = [run_once(url, preset) for _ in range(runs)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def measure(ours_root: Path = ROOT, runs: int = 3, baseline: bool = True) -> list[dict]:
    """Rows of {app, page, preset, score, lcp_ms, tbt_ms, cls, bytes} for ours (and the baseline)."""
    ensure_lighthouse()
    rows = []
    apps = [("ours", ["dashboard"], ours_root, PAGES)]
    if baseline:
        apps.append(("baseline", ["benchmarks.baseline_app"], ROOT, ("/",)))
    for port, (name, module, cwd, pages) in enumerate(apps, start=8074):
        proc = serve(module, port, cwd)
        try:
            for page in pages:
                for preset in PRESETS:
                    med = median_of(f"http://127.0.0.1:{port}{page}", preset, runs)
                    rows.append({"app": name, "page": page, "preset": preset, **med})
                    print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
        finally:
            stop_server(proc)
    return rows


START, END = "<!-- lighthouse -->", "<!-- /lighthouse -->"


def cell(row: dict) -> str:
    """One median as a table cell."""
    return (
        f"{row['score']:.0f} | {row['lcp_ms'] / 1000:.2f} s | {row['tbt_ms']:,.0f} ms | {row['cls']:.3f} | "
        f"{row['bytes'] / 1024:,.0f} KB"
    )


def section(rows: list[dict], before: list[dict], note: str, extra: dict[str, list[dict]] | None = None) -> str:
    """The Lighthouse section of BENCHMARKS.md: this build, the baseline and (optionally) other builds."""
    lines = [
        START,
        "## Lighthouse (`python -m benchmarks.lighthouse`)",
        "",
        f"Lighthouse 12.2.3, performance only, median of 3 runs, Debian chromium, 127.0.0.1. {note}",
        "",
        "| build | page | preset | score | LCP | TBT | CLS | bytes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    ours = [r for r in rows if r["app"] == "ours"]
    groups = [("this build", ours), *(extra or {}).items(), ("before (main)", before)]
    for label, group in groups:
        lines += [f"| {label} | `{r['page']}` | {r['preset']} | {cell(r)} |" for r in group if r["app"] == "ours"]
    baseline = [r for r in rows if r["app"] == "baseline"]
    lines += [f"| usual Dash build | `{r['page']}` | {r['preset']} | {cell(r)} |" for r in baseline]
    return "\n".join([*lines, END])


def write_section(rows: list[dict], before: list[dict], note: str, extra: dict[str, list[dict]] | None = None) -> None:
    """Replace (or append) the Lighthouse section of BENCHMARKS.md."""
    out = ROOT / "BENCHMARKS.md"
    text = out.read_text(encoding="utf-8")
    block = section(rows, before, note, extra)
    if START in text:
        text = text[: text.index(START)] + block + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    out.write_text(text, encoding="utf-8")


def main() -> int:
    """Measure and print the rows as JSON (one line); --write also updates BENCHMARKS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="checkout whose dashboard to serve")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--rows", type=Path, help="write BENCHMARKS.md from these saved rows instead of measuring")
    parser.add_argument("--before", type=Path, help="saved rows of an earlier build, shown beside")
    parser.add_argument(
        "--extra", action="append", default=[], metavar="LABEL=PATH", help="saved rows of another build, shown beside"
    )
    parser.add_argument("--note", default="", help="e.g. the machine load during the run")
    parser.add_argument("--write", action="store_true", help="update the Lighthouse section of BENCHMARKS.md")
    args = parser.parse_args()
    if args.rows:
        rows = json.loads(args.rows.read_text())
    else:
        rows = measure(args.root.resolve(), args.runs, not args.no_baseline)
    print(json.dumps(rows))
    if args.write:
        before = json.loads(args.before.read_text()) if args.before else []
        extra = {label: json.loads(Path(path).read_text()) for label, _, path in (e.partition("=") for e in args.extra)}
        write_section(rows, before, args.note, extra)
    return 0


if __name__ == "__main__":
    sys.exit(main())
