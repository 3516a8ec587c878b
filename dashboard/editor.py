"""The editors' desk: `python -m dashboard editor [--events PATH] [--host H] [--port P]`.

A small local Flask app: paste a live blog (or load a drafts CSV from `python -m events ingest`),
review each draft with its evidence highlighted, edit it, accept or reject it. Accepted rows are
checked by the events loader's own row checks and appended atomically (`events.writer`) to the
events file; refused rows show each `field: reason`. Every POST needs the page's CSRF token and a
same-origin Origin or Referer. No JavaScript: the page is plain forms, every value escaped.
"""

from __future__ import annotations

import argparse
import hmac
import os
import secrets
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import flask
from werkzeug.datastructures import MultiDict

from dashboard.editor_page import CSS, FIELDS, MULTILINE, TEMPLATE, WIDE, marks, segments
from events import EventsValidationError, schema
from events.ingest import SUMMARY_FLAG, ingest_text, read_drafts
from events.loader import DEFAULT_DATA_DIR
from events.writer import append_rows, row_problems

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")  # Host headers accepted (DNS rebinding gets a 400)
TARGET_NAME = "ingested.csv"  # the file accepted rows go to when --events is a folder
MAX_BYTES = 2 * 1024 * 1024
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


@dataclass
class Draft:
    """One draft under review: its current row, the summary ingestion wrote, status and problems."""

    row: dict[str, str]
    original_summary: str
    status: str = "pending"  # pending, accepted, rejected
    problems: list[tuple[str, str]] = field(default_factory=list)

    @property
    def summary_flag(self) -> bool:
        """Whether the summary is still the source's wording (ingestion's draft)."""
        return SUMMARY_FLAG in self.row.get("flags", "") and self.row["summary"] == self.original_summary

    @property
    def segments(self) -> list[tuple[str, bool]]:
        """The evidence, cut into highlighted and plain pieces."""
        return segments(self.row.get("evidence", ""), marks(self.row))


@dataclass
class Desk:
    """The drafts of one editing session, and where accepted rows go."""

    scope: Path
    target: Path
    known: frozenset[str]
    drafts: list[Draft] = field(default_factory=list)
    message: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def load(self, rows: list[dict[str, str]]) -> None:
        """Replace the drafts under review."""
        self.drafts = [Draft(row, row.get("summary", "")) for row in rows]

    def accept(self, draft: Draft) -> None:
        """Validate a draft as an events row and append it, or record why not."""
        problems = row_problems(draft.row, self.known, self.scope)
        if draft.summary_flag:
            problems.append(("summary", "still the source's wording; rewrite it in your own words"))
        if problems:
            draft.problems = problems
            return
        try:
            append_rows(self.target, [draft.row], self.known, self.scope)
        except EventsValidationError as err:
            draft.problems = [(p.field, p.reason) for p in err.problems]
            return
        except OSError as err:  # disk full, permissions, a crash of the rename: the old file stands
            draft.problems = [("file", f"{self.target.name} not written ({err.strerror or err}); nothing was changed")]
            return
        draft.status, draft.problems = "accepted", []


def target_for(events: Path) -> tuple[Path, Path]:
    """(scope, target): a folder gets `ingested.csv`, a file is its own target."""
    if events.is_dir():
        return events, events / TARGET_NAME
    return events, events


def same_origin(request: flask.Request) -> bool:
    """Whether a request's Origin (or, without one, its Referer) is this server's origin."""
    here = urlsplit(request.host_url)
    source = request.headers.get("Origin") or request.headers.get("Referer") or ""
    there = urlsplit(source)
    return bool(source) and (there.scheme, there.netloc) == (here.scheme, here.netloc)


def form_row(form: MultiDict[str, str], row: dict[str, str]) -> dict[str, str]:
    """The draft row with the editor's field values (browser CRLF line breaks read as LF)."""
    out = dict(row)
    for name in FIELDS:
        if name in form:
            out[name] = form[name].replace("\r\n", "\n")
    return out


def create_editor(
    events: str | Path | None = None, known: frozenset[str] | None = None, hosts: tuple[str, ...] = LOOPBACK_HOSTS
) -> flask.Flask:
    """The editor app for an events file or folder (default: the shipped data folder).

    `hosts` are the Host names it answers to; any other gets a 400, so a page on another site
    that rebinds its own name to 127.0.0.1 cannot reach the desk.
    """
    if known is None:
        from geodata import country_codes

        known = country_codes()
    scope, target = target_for(Path(events) if events else DEFAULT_DATA_DIR)
    desk = Desk(scope, target, known)
    app = flask.Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BYTES
    app.config["TRUSTED_HOSTS"] = list(hosts)
    csrf = secrets.token_urlsafe(32)
    app.config["WBW_DESK"] = desk

    @app.before_request
    def protect() -> flask.Response | None:
        if flask.request.method == "POST":
            token = flask.request.form.get("csrf_token", "")
            if not hmac.compare_digest(token.encode(), csrf.encode()):
                return flask.Response("CSRF token missing or wrong: reload the page", 403, mimetype="text/plain")
            if not same_origin(flask.request):
                return flask.Response("cross-origin request refused", 403, mimetype="text/plain")
        return None

    @app.after_request
    def headers(resp: flask.Response) -> flask.Response:
        resp.headers.update(HEADERS)
        return resp

    def page(status: int = 200) -> flask.Response:
        counts = {s: sum(d.status == s for d in desk.drafts) for s in ("pending", "accepted", "rejected")}
        html = flask.render_template_string(
            TEMPLATE,
            drafts=desk.drafts,
            counts=counts,
            csrf=csrf,
            fields=FIELDS,
            multiline=MULTILINE,
            wide=WIDE,
            message=desk.message,
            target=str(desk.target),
        )
        return flask.Response(html, status, mimetype="text/html")

    def back(anchor: str = "") -> flask.Response:
        return flask.redirect(flask.url_for("index") + anchor, code=303)

    @app.get("/")
    def index() -> flask.Response:
        return page()

    @app.get("/editor.css")
    def editor_css() -> flask.Response:
        return flask.Response(CSS, mimetype="text/css")

    @app.get("/healthz")
    def healthz() -> flask.Response:
        return flask.jsonify(status="ok", drafts=len(desk.drafts), target=str(desk.target))

    @app.post("/ingest")
    def ingest() -> flask.Response:
        form = flask.request.form
        text = form.get("text", "")
        date = form.get("date", "").strip()
        with desk.lock:
            try:
                rows = ingest_text(text, date or None, form.get("source_url", ""), form.get("source_name", ""))
            except ValueError:
                desk.message = f"date: '{date[:40]}' is not a date in YYYY-MM-DD form"
                return page(400)
            desk.load(rows)
            desk.message = f"{len(rows)} drafts from the pasted text."
        return back()

    @app.post("/load")
    def load() -> flask.Response:
        upload = flask.request.files.get("file")
        with desk.lock:
            try:
                text = upload.read().decode("utf-8") if upload else ""
                rows = read_drafts(text)
            except (UnicodeDecodeError, ValueError) as err:
                desk.message = f"file: not a UTF-8 drafts CSV ({type(err).__name__}); save as CSV UTF-8"
                return page(400)
            desk.load(rows)
            desk.message = f"{len(rows)} drafts loaded."
        return back()

    @app.post("/draft/<int:index>")
    def decide(index: int) -> flask.Response:
        action = flask.request.form.get("action", "")
        if index >= len(desk.drafts) or action not in ("accept", "save", "reject"):
            flask.abort(404 if index >= len(desk.drafts) else 400)
        with desk.lock:
            draft = desk.drafts[index]
            if draft.status == "accepted":
                flask.abort(409)
            draft.row = form_row(flask.request.form, draft.row)
            if action == "accept":
                desk.accept(draft)
            elif action == "reject":
                draft.status, draft.problems = "rejected", []
            else:
                draft.status = "pending"
            desk.message = f"{draft.row['id'][: schema.MAX_CHARS['id']]}: {draft.status}" + (
                f", {len(draft.problems)} problem(s)" if draft.problems else ""
            )
        return back(f"#draft-{index}")

    return app


def main(argv: list[str] | None = None) -> int:
    """Serve the editor on 127.0.0.1 (by default) until interrupted."""
    parser = argparse.ArgumentParser(
        prog="python -m dashboard editor",
        description="Review drafted events (pasted text or a drafts CSV) and append accepted rows to an events file.",
    )
    parser.add_argument("--events", default=os.environ.get("WBW_EVENTS"), help="events file or folder to append to")
    parser.add_argument("--host", default="127.0.0.1", help="interface (default 127.0.0.1: this machine only)")
    parser.add_argument("--port", type=int, default=8060, help="port (default 8060)")
    parser.add_argument(
        "--trusted-host", action="append", default=[], help="another Host name to answer to (repeatable)"
    )
    args = parser.parse_args(argv)
    events = Path(args.events) if args.events else DEFAULT_DATA_DIR
    if not events.exists() and not events.parent.is_dir():
        parser.error(f"--events {events}: no such file or folder")
    wildcard = args.host in ("0.0.0.0", "::", "")
    hosts = (*LOOPBACK_HOSTS, *([] if wildcard else [args.host]), *args.trusted_host)
    app = create_editor(events, hosts=hosts)
    print(f"Editor on http://{args.host}:{args.port}/ → {app.config['WBW_DESK'].target}", flush=True)
    app.run(host=args.host, port=args.port, debug=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
