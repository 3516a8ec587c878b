"""Command line: `python -m dashboard [--host H] [--port P] [--events PATH] [--production]`."""

from __future__ import annotations

import argparse
import os
import re
import sys

FRAME_ANCESTOR_RE = re.compile(
    r"^(\*|'self'|'none'|https?://[A-Za-z0-9.*:-]+)( (\*|'self'|https?://[A-Za-z0-9.*:-]+))*$"
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line (PORT and WBW_* environment variables give defaults)."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Serve the who-backs-whom dashboard.")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"), help="interface (default 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT", "8050")), help="port (default 8050 or $PORT)"
    )
    parser.add_argument(
        "--events", default=os.environ.get("WBW_EVENTS"), help="events CSV file or folder (default: shipped data)"
    )
    parser.add_argument("--production", action="store_true", help="serve with gunicorn (compression, no debug)")
    parser.add_argument(
        "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")), help="gunicorn workers"
    )
    parser.add_argument(
        "--frame-ancestors",
        default=os.environ.get("WBW_FRAME_ANCESTORS", "*"),
        help="space-separated origins allowed to embed the page (CSP frame-ancestors; default *)",
    )
    args = parser.parse_args(argv)
    if not FRAME_ANCESTOR_RE.match(args.frame_ancestors):
        parser.error("--frame-ancestors must be *, 'self', 'none' or space-separated http(s) origins")
    return args


# `python -m dashboard NAME ...` runs a subcommand: NAME → "module:function", the function taking
# the remaining arguments and returning an exit code. Without a subcommand, the app is served.
SUBCOMMANDS: dict[str, str] = {
    "editor": "dashboard.editor:main",  # the editors' desk: review ingested drafts, append accepted rows
}


def run_subcommand(name: str, argv: list[str]) -> int:
    """Import and run one subcommand."""
    import importlib

    module, function = SUBCOMMANDS[name].split(":")
    return getattr(importlib.import_module(module), function)(argv)


def main(argv: list[str] | None = None) -> int:
    """Serve the app with Flask's server, or gunicorn with --production; or run a subcommand."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in SUBCOMMANDS:
        return run_subcommand(argv[0], argv[1:])
    args = parse_args(argv)
    os.environ["WBW_FRAME_ANCESTORS"] = args.frame_ancestors
    if args.events:
        os.environ["WBW_EVENTS"] = args.events
    if args.production:
        from dashboard.production import serve

        return serve(args.host, args.port, args.workers)
    from dashboard.app import create_app

    app = create_app(args.events, frame_ancestors=args.frame_ancestors)
    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
