"""`python -m events ingest FILE [--date YYYY-MM-DD] [--source-url URL] [--source-name NAME] [--out drafts.csv]`."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from events.ingest import drafts_csv, ingest_text
from events.loader import check_url


def iso_date(value: str) -> dt.date:
    """Argparse type: a YYYY-MM-DD date."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date in YYYY-MM-DD form") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The ingest subcommand's arguments."""
    parser.add_argument("file", help="plain-text live blog or news roundup (UTF-8)")
    parser.add_argument("--date", type=iso_date, help="the page's date, for weekdays and 'yesterday' (YYYY-MM-DD)")
    parser.add_argument("--source-url", default="", help="address of the page the text was read from")
    parser.add_argument("--source-name", default="", help="publication of the page, e.g. 'Al Jazeera'")
    parser.add_argument("--out", help="write the drafts CSV here (default: standard output)")


def run(args: argparse.Namespace) -> int:
    """Read the file, write the drafts; problems go to standard error as file: reason."""
    path = Path(args.file)
    if args.source_url and (reason := check_url(args.source_url)):
        print(f"--source-url: {reason}", file=sys.stderr)
        return 2
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as err:
        print(f"{path}: cannot read: {err.strerror}", file=sys.stderr)
        return 1
    except UnicodeDecodeError as err:
        print(f"{path}: not valid UTF-8 at byte {err.start}; save the text as UTF-8", file=sys.stderr)
        return 1
    rows = ingest_text(text, args.date, args.source_url, args.source_name)
    out = drafts_csv(rows)
    if args.out:
        Path(args.out).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    stances = sum(1 for r in rows if r["stance"])
    undated = sum(1 for r in rows if not r["date"])
    where = f" → {args.out}" if args.out else ""
    print(f"{len(rows)} drafts ({stances} with a stance, {undated} undated){where}", file=sys.stderr)
    return 0
