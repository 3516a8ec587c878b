"""Command line: `python -m events validate|datapackage|ingest ...`; each subcommand has its own --help."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from events.ingest import cli as ingest_cli
from events.loader import EventsValidationError, load_events
from events.timeline import build_timeline


def write_datapackage(path: str | None, out: str | None) -> int:
    """Write datapackage.json beside the events files (or to `out`)."""
    from events import datapackage
    from events.loader import DEFAULT_DATA_DIR

    folder = Path(path) if path else DEFAULT_DATA_DIR
    target = Path(out) if out else folder / "datapackage.json"
    print(f"wrote {datapackage.write(folder, target)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Validate the events files; print every problem as file:line: field: reason."""
    parser = argparse.ArgumentParser(prog="python -m events", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check every events file and report each problem")
    validate.add_argument("path", nargs="?", help="a CSV file or a folder of them (default: shipped data)")
    package = sub.add_parser("datapackage", help="write the Frictionless datapackage.json for the events files")
    package.add_argument("path", nargs="?", help="a folder of events CSV files (default: shipped data)")
    package.add_argument("--out", help="output file (default: datapackage.json in that folder)")
    ingest = sub.add_parser("ingest", help="draft events from a plain-text live blog or news roundup")
    ingest_cli.add_arguments(ingest)
    args = parser.parse_args(argv)
    if args.command == "datapackage":
        return write_datapackage(args.path, args.out)
    if args.command == "ingest":
        return ingest_cli.run(args)
    try:
        events = load_events(args.path)
    except EventsValidationError as err:
        for problem in err.problems:
            print(problem)
        print(f"{len(err.problems)} problem(s) found", file=sys.stderr)
        return 1
    timeline = build_timeline(events)
    countries = timeline.changes["iso3"].nunique()
    print(f"ok: {len(events)} events, {countries} countries with a recorded position")
    return 0


if __name__ == "__main__":
    sys.exit(main())
