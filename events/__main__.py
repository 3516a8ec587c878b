"""Command line: `python -m events validate [PATH]`."""

from __future__ import annotations

import argparse
import sys

from events.loader import EventsValidationError, load_events
from events.timeline import build_timeline


def main(argv: list[str] | None = None) -> int:
    """Validate the events files; print every problem as file:line: field: reason."""
    parser = argparse.ArgumentParser(prog="python -m events", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check every events file and report each problem")
    validate.add_argument("path", nargs="?", help="a CSV file or a folder of them (default: shipped data)")
    args = parser.parse_args(argv)
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
