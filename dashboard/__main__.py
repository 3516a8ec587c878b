"""Command line: `python -m dashboard [--host H] [--port P] [--events PATH | --crisis FOLDER] [--production]`."""

from __future__ import annotations

import argparse
import os
import sys

from dashboard import config, logs
from dashboard.version import version


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line; unset flags come from the environment (PORT, HOST, WBW_*), all validated."""
    parser = argparse.ArgumentParser(prog="python -m dashboard", description="Serve the who-backs-whom dashboard.")
    parser.add_argument("--host", help="interface (default 127.0.0.1 or $HOST)")
    parser.add_argument("--port", help="port (default 8050 or $PORT)")
    parser.add_argument("--events", help="events CSV file or folder (default: $WBW_EVENTS or the shipped data)")
    parser.add_argument(
        "--crisis", help="crisis folder: its crisis.toml and events files (default: $WBW_CRISIS or the shipped crisis)"
    )
    parser.add_argument("--production", action="store_true", help="serve with gunicorn (see gunicorn.conf.py)")
    parser.add_argument("--workers", help="gunicorn workers (default 2 or $WEB_CONCURRENCY)")
    parser.add_argument(
        "--frame-ancestors",
        help="space-separated origins that may embed the page (CSP frame-ancestors; default * or $WBW_FRAME_ANCESTORS)",
    )
    parser.add_argument("--version", action="version", version=f"who-backs-whom {version()}")
    args = parser.parse_args(argv)
    flags = {"host": "HOST", "port": "PORT", "workers": "WEB_CONCURRENCY", "events": "WBW_EVENTS"}
    flags["crisis"] = "WBW_CRISIS"
    flags["frame_ancestors"] = "WBW_FRAME_ANCESTORS"
    try:
        for dest, variable in flags.items():
            given = getattr(args, dest)
            check = config.ENV[variable][0]
            value = check(given, "--" + dest.replace("_", "-")) if given is not None else config.env(variable)
            setattr(args, dest, value)
        config.env_all()  # every other variable (WBW_LOG_FORMAT, WBW_RELOAD_SECONDS, ...) too, before start-up
        config.events_or_crisis(args.events, args.crisis)  # one of them, not both
    except config.ConfigError as err:
        parser.error(str(err))
    return args


# `python -m dashboard NAME ...` runs a subcommand: NAME → "module:function", the function taking
# the remaining arguments and returning an exit code. Without a subcommand, the app is served.
SUBCOMMANDS: dict[str, str] = {
    "editor": "dashboard.editor:main",  # the editors' desk: review ingested drafts, append accepted rows
    "build": "dashboard.build:main",
    "export": "dashboard.export:main",
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
    # The validated values reach gunicorn's workers (and dashboard.app:server) through the environment.
    os.environ.update(HOST=args.host, PORT=str(args.port), WEB_CONCURRENCY=str(args.workers))
    os.environ["WBW_FRAME_ANCESTORS"] = args.frame_ancestors
    if args.events:
        os.environ["WBW_EVENTS"] = args.events
    if args.crisis:
        os.environ["WBW_CRISIS"] = args.crisis
    logs.configure()
    if args.production:
        from dashboard.production import serve

        return serve()
    from dashboard.app import create_app

    app = create_app(args.events, frame_ancestors=args.frame_ancestors, crisis=args.crisis)
    print(f"Serving on http://{args.host}:{args.port}/", flush=True)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
