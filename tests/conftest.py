"""Shared fixtures: a live dashboard server and Debian's chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import http.server
import os
import threading

import pytest

from .servers import (  # noqa: F401  (re-exported: tests import these from conftest)
    CHROMIUM,
    CHROMIUM_ARGS,
    NODE_MODULES,
    ROOT,
    free_port,
    launch,
    read_log,
    start_server,
    step_requests,
    stop_server,
    wait_for,
)


class HostPages:
    """Fixed pages (path → body, content type) served on a second loopback origin: a newsroom's site."""

    def __init__(self, base: str, pages: dict[str, tuple[bytes, str]]):
        self.base = base
        self.pages = pages

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        """Serve `body` at `path`; return its URL."""
        self.pages[path] = (body.encode() if isinstance(body, str) else body, content_type)
        return self.base + path


@contextlib.contextmanager
def serve_pages(pages: dict[str, tuple[bytes, str]] | None = None):
    """Serve HostPages from a ThreadingHTTPServer on localhost (another origin than 127.0.0.1)."""
    table: dict[str, tuple[bytes, str]] = dict(pages or {})

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body, ctype = table.get(self.path.split("?")[0], (b"not found", "text/plain"))
            self.send_response(200 if self.path.split("?")[0] in table else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("localhost", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield HostPages(f"http://localhost:{server.server_address[1]}", table)
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def serve_html(body: str):
    """Serve one HTML page on a second loopback origin; yield its URL."""
    with serve_pages() as host:
        yield host.add("/story", body)


@pytest.fixture(scope="session")
def live_server():
    """Base URL of `python -m dashboard` serving the shipped data."""
    proc, base = start_server()
    yield base
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium via Playwright; under REQUIRE_BROWSER=1 a failure to start fails."""
    required = os.environ.get("REQUIRE_BROWSER") == "1"
    try:
        from playwright.sync_api import sync_playwright

        pw = sync_playwright().start()
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as err:
        message = f"chromium could not start via Playwright ({CHROMIUM}): {err}"
        if required:
            pytest.fail(message)
        pytest.skip(message)
    yield browser
    browser.close()
    pw.stop()


class PageWatch:
    """A page plus every console error and every request it made."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.settled = 0
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", lambda r: self.requests.append(r.url))

    def foreign_requests(self, base: str) -> list[str]:
        return [u for u in self.requests if not u.startswith(base) and not u.startswith("data:")]

    def callback_requests(self) -> list[str]:
        """Server callback requests made since the page settled (see test_browser.load)."""
        return [u for u in self.requests if "_dash-update-component" in u][self.settled :]


@pytest.fixture
def watched(browser):
    """A fresh page (1280×900) with console and request logging."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield PageWatch(page)
    context.close()
