"""The loader's whole-column screens never clear a row that a per-row check would fault."""

import csv
import io
import re

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import Problem, build_timeline, load_events, loader, schema, screen
from events.crisis import load_crisis
from events.loader import BIDI_RE, BOM, C1_RE, CONTROL_RE, check_row, parse_file, read_file, record_lines, records

CRISIS = load_crisis()
KNOWN = frozenset({"USA", "CAN", "MEX", "BOL", "VEN", "ESP"})
GOOD = {
    "id": "20190123-usa-recognises",
    "date": "2019-01-23",
    "date_precision": "day",
    "countries": "USA;CAN",
    "stance": "guaido",
    "kind": "recognition",
    "actor": "Donald Trump, President",
    "summary": "The US recognised Guaidó.",
    "summary_es": "EE. UU. reconoció a Guaidó.",
    "quote": "",
    "source_name": "Example",
    "source_url": "https://example.org/a",
    "notes": "",
    "basis": "own",
    "supersedes": "",
}
# Characters each check turns on: whitespace of every kind, controls, bidi, BOM, digits of other scripts, URL breakers.
HOSTILE = " \t\n\x00\x07\x0b\x1c\x1f\x7f\x80\x85\x9f\xa0\u2028\u202a\u202e\u2066\u2069\ufeff\u3000\u0663é;,[]:/-_A"
VALUES = {
    "date": ["2019-02-30", "2019-1-05", "2017-12-31", "2024-01-01", "2019-03-01", "٢٠١٩-٠١-٠١", "0000-01-01"],
    "date_precision": ["day", "month", "year", "Day"],
    "countries": ["USA;USA", "usa", "VEN", "VEN;CAN", "ZZZ", "", ";", "USA;", "MEX;CAN;MEX", "AB", "ABCD"],
    "stance": ["guaido", "maduro", "neutral", "", "GUAIDO", "nope"],
    "kind": ["statement", "speech", ""],
    "basis": ["own", "joint", "vote", "bloc", ""],
    "source_url": [
        "javascript:alert(1)",
        "HTTP://example.org/a",
        "http://",
        "http:// x",
        "https://a b",
        "http://例子.com/",
        "ftp://x",
        "http:/x",
        "https://x.org/a?b=c#d",
        "http://@x",
        "https://x.org/é",
        "mailto:a@b",
    ],
    "quote": [" ".join(["w"] * n) for n in (40, 41)] + ["a\u3000" * 41, "x" * 401],
    "id": ["-a", "A-b", "a_b", "a b", "ok-1", "x" * 81],
}


@st.composite
def rows(draw) -> dict[str, str]:
    """A good row with a few fields replaced by a listed bad value or edited with hostile characters."""
    row = dict(GOOD)
    for field in draw(st.lists(st.sampled_from(schema.FIELDS), max_size=3)):
        if field in VALUES and draw(st.booleans()):
            row[field] = draw(st.sampled_from(VALUES[field]))
            continue
        value = row[field]
        at = draw(st.integers(0, len(value)))
        row[field] = value[:at] + draw(st.text(alphabet=HOSTILE, min_size=1, max_size=2)) + value[at:]
    return row


def write(path, table: list[dict[str, str]]) -> None:
    """Write rows as an events CSV file."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(schema.FIELDS)
    writer.writerows([r[f] for f in schema.FIELDS] for r in table)
    path.write_bytes(buf.getvalue().encode("utf-8"))


def every_row_checked(path) -> list[str]:
    """The problems of a file with `check_row` run on every full-width row (the loader's rule, unscreened)."""
    columns, lines, body, problems = parse_file(path.name, path.read_bytes())
    out = [str(p) for p in problems]
    for line, fields in zip(lines, body):
        if len(fields) != len(columns):
            out.append(str(Problem(path.name, line, "row", f"expected {len(columns)} fields, got {len(fields)}")))
            continue
        found = check_row(dict(zip(columns, fields)), KNOWN, CRISIS)
        out.extend(str(Problem(path.name, line, f, r)) for f, r in found)
    return out


def single_edits() -> list[dict[str, str]]:
    """The good row with one field edited: every listed bad value, emptied, every hostile character inserted."""
    out = [{**GOOD, field: value} for field, values in VALUES.items() for value in values]
    out.extend({**GOOD, field: ""} for field in schema.FIELDS)
    for field in schema.FIELDS:
        value = GOOD[field]
        for char in HOSTILE:
            for at in sorted({0, 1, len(value) // 2, len(value)}):
                out.append({**GOOD, field: value[:at] + char + value[at:]})
    return out


def test_every_single_edit_is_reported_as_checking_every_row_reports(tmp_path):
    path = tmp_path / "s.csv"
    table = single_edits()
    assert len(table) >= loader.SCREEN_FROM
    write(path, table)
    frame, problems = read_file(path, KNOWN, CRISIS)
    expected = every_row_checked(path)
    assert [str(p) for p in problems] == expected
    assert len(frame) == len(table) and len(expected) > len(table) / 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.lists(rows(), min_size=1, max_size=12))
def test_screened_file_reports_what_checking_every_row_reports(tmp_path, monkeypatch, table):
    monkeypatch.setattr(loader, "SCREEN_FROM", 0)  # screen even these few rows
    path = tmp_path / "s.csv"
    write(path, table)
    frame, problems = read_file(path, KNOWN, CRISIS)
    assert [str(p) for p in problems] == every_row_checked(path)
    assert len(frame) == len(table)


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=HOSTILE + "ab\r", max_size=40))
def test_forbidden_offsets_are_exactly_the_forbidden_characters(text):
    raw = text.encode("utf-8")
    pattern = re.compile(f"{CONTROL_RE.pattern}|{C1_RE.pattern}|{BIDI_RE.pattern}|{BOM}")
    expected = [len(text[: m.start()].encode("utf-8")) for m in pattern.finditer(text)]
    if text.startswith(BOM):
        expected = expected[1:]  # the reader drops one leading byte-order mark
    assert screen.forbidden_offsets(raw).tolist() == expected


@settings(max_examples=200, deadline=None)
@given(table=st.lists(st.lists(st.text(alphabet='a,"\n ;', max_size=6), min_size=1, max_size=3), max_size=6))
def test_record_lines_number_records_like_the_reader(table):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(table)
    text = buf.getvalue() + "\n"  # and a blank last line, which is a record too
    lines, found = record_lines(text)
    assert list(zip(lines, found)) == list(records("t.csv", text))


def test_a_bad_character_in_a_short_row_faults_that_row_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(loader, "SCREEN_FROM", 0)
    path = tmp_path / "a.csv"
    write(path, [GOOD])
    path.write_bytes(path.read_bytes() + b"a,b\x07\n")
    assert [str(p) for p in read_file(path, KNOWN, CRISIS)[1]] == ["a.csv:3: row: expected 15 fields, got 2"]


def test_timeline_matches_the_plain_pandas_definition():
    events = load_events()
    tl = build_timeline(events)
    plain = events.explode("countries").sort_values(["date", "order"], kind="stable", ignore_index=True)
    assert tl.by_country["iso3"].tolist() == plain["countries"].tolist()
    for col in ("id", "date", "stance", "basis", "order"):
        assert tl.by_country[col].tolist() == plain[col].tolist()
    rows = plain.loc[plain["stance"] != "", ["countries", "date", "stance", "id", "basis"]]
    rows = rows.sort_values(["countries", "date"], kind="stable")
    run = rows["stance"].ne(rows.groupby("countries")["stance"].shift()).cumsum()
    rows["since"] = rows.groupby(run)["date"].transform("min")
    rows = rows.sort_values("date", kind="stable").reset_index(drop=True)
    assert tl.changes["iso3"].tolist() == rows["countries"].tolist()
    for mine, theirs in (("stance", "stance"), ("since", "since"), ("event_id", "id"), ("basis", "basis")):
        assert tl.changes[mine].tolist() == rows[theirs].tolist()
    last = pd.DataFrame({"date": rows["date"], "iso3": rows["countries"], "row": np.arange(len(rows))})
    grid = last.groupby(["date", "iso3"])["row"].max().unstack("iso3").ffill().fillna(-1).astype(np.int64)
    assert (tl.snapshot == grid.reindex(columns=tl.countries).to_numpy()).all()


@settings(max_examples=150, deadline=None)
@given(
    table=st.lists(
        st.tuples(
            st.sampled_from(["2019-01-23", "2019-01-24", "bad"]),
            st.lists(st.sampled_from(["USA", "CAN", "MEX", "usa"]), min_size=1, max_size=3),
            st.sampled_from(["guaido", "maduro", "", "nope"]),
        ),
        max_size=12,
    )
)
def test_conflict_rows_are_every_row_sharing_a_day_and_country_with_another_stance(table):
    frame = pd.DataFrame(
        {
            "date": pd.array([d for d, _, _ in table], dtype="str"),
            "codes": pd.Series([tuple(c) for _, c, _ in table], dtype=object),
            "stance": pd.array([s for _, _, s in table], dtype="str"),
        }
    )
    stances = CRISIS.stance_values()
    expected = [
        s in stances and any(o in stances and o != s and d == e and set(c) & set(k) for e, k, o in table)
        for d, c, s in table
    ]
    assert screen.conflict_rows(frame, stances).tolist() == expected
