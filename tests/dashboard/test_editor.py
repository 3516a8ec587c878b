"""The editors' desk (Flask test client): accept / edit / reject, validation, atomic write, CSRF, escaping."""

import io
import re
import shutil
from pathlib import Path

import flask
import pytest

from dashboard.__main__ import SUBCOMMANDS
from dashboard.editor import create_editor, main
from events import load_events
from events.ingest import drafts_csv, ingest_text

ROOT = Path(__file__).resolve().parent.parent.parent
SEED = ROOT / "tests" / "events" / "fixtures" / "000_257dd67f7f3c9aa5.txt"
BASE = Path(__file__).parent / "fixtures" / "no_positions.csv"
BLOG_URL = "https://www.aljazeera.com/news/2019/01/venezuela-crisis-latest-updates-190123205835912.html"
SAME = {"Origin": "http://localhost"}


class Desk:
    """A test client on an editor app, with the page's CSRF token."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.client = create_editor(folder).test_client()
        self.token = re.search(r'name="csrf_token" value="([^"]+)"', self.page()).group(1)

    def page(self) -> str:
        return self.client.get("/").get_data(as_text=True)

    def post(self, path: str, headers=SAME, **data):
        return self.client.post(path, data={"csrf_token": self.token, **data}, headers=headers)

    def paste(self, text: str, **extra):
        return self.post("/ingest", text=text, source_url=BLOG_URL, source_name="Al Jazeera", **extra)

    def index_of(self, draft_id: str) -> int:
        ids = re.findall(r'data-id="([^"]*)"', self.page())
        return ids.index(draft_id)

    def section(self, draft_id: str | int) -> str:
        html = self.page()
        key = f'id="draft-{draft_id}"' if isinstance(draft_id, int) else f'data-id="{draft_id}"'
        start = html.index(key)
        return html[start : html.find("</section>", start)]


@pytest.fixture
def desk(tmp_path):
    shutil.copy(BASE, tmp_path / "base.csv")
    d = Desk(tmp_path)
    assert d.paste(SEED.read_text()).status_code == 303
    return d


USA = "20190123-usa-us-recognises-guaido"
BOL = "20190123-bol-bolivia-backs-maduro"


def test_subcommand_is_registered():
    assert SUBCOMMANDS["editor"] == "dashboard.editor:main"


def test_pasted_seed_lists_every_draft_with_highlighted_evidence(desk):
    html = desk.page()
    assert len(re.findall(r'<section class="draft pending"', html)) == 14
    section = desk.section(USA)
    assert "<mark>US</mark> President <mark>Donald Trump</mark> officially recognised him as president." in section
    assert "Countries from: USA: US, Donald Trump, Trump" in section
    assert "rewrite it in your own words" in section


def test_accept_refuses_the_source_wording_then_writes_the_edited_row(desk):
    n = desk.index_of(USA)
    assert desk.post(f"/draft/{n}", action="accept").status_code == 303
    assert "<li>summary: still the source&#39;s wording; rewrite it in your own words</li>" in desk.section(USA)
    assert not (desk.folder / "ingested.csv").exists()
    own = "Trump recognised Guaidó as Venezuela's interim president shortly after his oath."
    desk.post(f"/draft/{n}", action="accept", summary=own)
    assert '<span class="status">accepted</span>' in desk.section(USA)
    events = load_events(desk.folder)
    row = events[events["id"] == USA].iloc[0]
    assert (row["summary"], row["stance"], row["countries"], row["file"]) == (own, "guaido", ("USA",), "ingested.csv")
    assert desk.post(f"/draft/{n}", action="accept", summary=own).status_code == 409  # accepted once only


def test_edit_is_kept_and_reject_marks_the_draft(desk):
    n = desk.index_of(BOL)
    desk.post(f"/draft/{n}", action="save", summary="Morales stood by Maduro.", notes="checked")
    section = desk.section(BOL)
    assert ">Morales stood by Maduro.</textarea>" in section and '<span class="status">pending</span>' in section
    desk.post(f"/draft/{n}", action="reject", summary="Morales stood by Maduro.")
    assert '<span class="status">rejected</span>' in desk.section(BOL)
    assert not (desk.folder / "ingested.csv").exists()
    assert "0 accepted,\n  1 rejected" in desk.page()


def test_refused_rows_show_the_loaders_field_reasons_and_nothing_is_written(desk):
    n = desk.index_of(BOL)
    before = sorted(p.name for p in desk.folder.iterdir())
    desk.post(
        f"/draft/{n}",
        action="accept",
        summary="Own words.",
        stance="maybe",
        countries="BOL;XXX",
        id="20190123-ven-guaido-sworn-in",
        source_url="javascript:alert(1)",
    )
    section = desk.section(n)
    for problem in (
        "stance: &#39;maybe&#39; is not one of guaido, maduro, neutral, assembly, withdrawn (or empty)",
        "countries: unknown country code &#39;XXX&#39;",
        "source_url: scheme &#39;javascript&#39; is not allowed; use http or https",
        "id: duplicate id &#39;20190123-ven-guaido-sworn-in&#39; (first used at base.csv:2)",
    ):
        assert f"<li>{problem}</li>" in section
    assert sorted(p.name for p in desk.folder.iterdir()) == before


def test_a_crash_during_the_write_leaves_the_events_intact(desk, monkeypatch):
    import os

    n = desk.index_of(USA)
    desk.post(f"/draft/{n}", action="accept", summary="Own words about the US.")
    before = (desk.folder / "ingested.csv").read_bytes()

    def crash(src, dst):
        raise OSError("simulated crash")

    monkeypatch.setattr(os, "replace", crash)
    m = desk.index_of(BOL)
    assert desk.post(f"/draft/{m}", action="accept", summary="Own words about Bolivia.").status_code == 303
    monkeypatch.undo()
    section = desk.section(BOL)
    assert "<li>file: ingested.csv not written (simulated crash); nothing was changed</li>" in section
    assert '<span class="status">pending</span>' in section
    assert (desk.folder / "ingested.csv").read_bytes() == before
    assert not [p for p in desk.folder.iterdir() if p.suffix == ".tmp"]
    assert list(load_events(desk.folder)["id"]) == ["20190123-ven-guaido-sworn-in", USA]


@pytest.mark.parametrize(
    ("data", "headers"),
    [
        ({"csrf_token": ""}, SAME),
        ({"csrf_token": "forged"}, SAME),
        (None, {"Origin": "http://evil.example"}),
        (None, {"Referer": "http://evil.example/page"}),
        (None, {}),
    ],
)
def test_cross_site_posts_are_refused(desk, data, headers):
    form = {"action": "reject", **(data or {})}
    response = desk.client.post("/draft/0", data={"csrf_token": desk.token, **form}, headers=headers)
    assert response.status_code == 403
    assert "draft pending" in desk.page() and "rejected</span>" not in desk.page()


def test_same_origin_referer_without_origin_is_accepted(desk):
    response = desk.post("/draft/0", headers={"Referer": "http://localhost/"}, action="reject")
    assert response.status_code == 303


def test_hostile_text_renders_as_text_and_headers_forbid_scripts(tmp_path):
    d = Desk(tmp_path)
    d.paste(
        'Peru <b>acts</b>\n\nPeru recognises Guaido <script>alert(1)</script>, "<img src=x onerror=alert(1)>" he said.\n'
    )
    html = d.page()
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # evidence and summary, as text
    assert 'value="&lt;img src=x onerror=alert(1)&gt;"' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;</textarea>" in html  # the quote field, as text
    headers = d.client.get("/").headers
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"


def test_a_foreign_host_name_is_refused(desk):
    # DNS rebinding: another site's name pointed at 127.0.0.1 must not reach the page or its token
    assert desk.client.get("/", headers={"Host": "evil.example:8060"}).status_code == 400
    assert desk.client.get("/", headers={"Host": "127.0.0.1:8060"}).status_code == 200


def test_bad_requests_get_4xx(desk):
    assert desk.post("/draft/999", action="accept").status_code == 404
    assert desk.post("/draft/0", action="publish").status_code == 400
    assert desk.post("/ingest", text="x", date="2019-13-45").status_code == 400
    assert desk.post("/ingest", text="x" * (3 * 1024 * 1024)).status_code == 413
    assert desk.client.get("/draft/0").status_code == 405


def test_load_a_drafts_csv_and_refuse_a_non_utf8_one(tmp_path):
    d = Desk(tmp_path)
    rows = ingest_text(SEED.read_text(), source_url=BLOG_URL, source_name="Al Jazeera")
    upload = (io.BytesIO(drafts_csv(rows).encode()), "drafts.csv")
    assert d.client.post("/load", data={"csrf_token": d.token, "file": upload}, headers=SAME).status_code == 303
    assert "14 drafts loaded." in d.page()
    bad = (io.BytesIO("id,summary\nx,Perú".encode("cp1252")), "drafts.csv")
    response = d.client.post("/load", data={"csrf_token": d.token, "file": bad}, headers=SAME)
    assert response.status_code == 400
    assert "save as CSV UTF-8" in response.get_data(as_text=True)


def test_healthz_and_default_bind_address(tmp_path, monkeypatch):
    d = Desk(tmp_path)
    assert d.client.get("/healthz").get_json() == {
        "status": "ok",
        "drafts": 0,
        "target": str(tmp_path / "ingested.csv"),
    }
    seen = {}
    monkeypatch.setattr(flask.Flask, "run", lambda self, host, port, debug: seen.update(host=host, port=port))
    assert main(["--events", str(tmp_path)]) == 0
    assert seen == {"host": "127.0.0.1", "port": 8060}
