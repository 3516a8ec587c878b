import csv
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events import EventsValidationError, load_events, schema

BAD = Path(__file__).parent / "bad"
HEADER = ",".join(f for f in schema.FIELDS if f not in schema.OPTIONAL_COLUMNS)  # files may omit them
GOOD_ROW = '20190123-usa-recognises,2019-01-23,day,USA,guaido,recognition,"Donald Trump, President",The US recognised Guaidó.,,Example,https://example.org/a,,own,'


def problems(path) -> list[str]:
    with pytest.raises(EventsValidationError) as err:
        load_events(path)
    return str(err.value).splitlines()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("missing_column.csv", ["missing_column.csv:1: header: missing column 'stance'"]),
        ("bad_date.csv", ["bad_date.csv:2: date: '2019-02-30' is not a real calendar date"]),
        ("unknown_country.csv", ["unknown_country.csv:2: countries: unknown country code 'ZZZ'"]),
        (
            "bad_stance.csv",
            [
                "bad_stance.csv:2: stance: 'supports' is not one of guaido, maduro, neutral, assembly, withdrawn (or empty)"
            ],
        ),
        (
            "duplicate_id.csv",
            ["duplicate_id.csv:3: id: duplicate id '20190123-usa-recognises' (first used at duplicate_id.csv:2)"],
        ),
        (
            "javascript_url.csv",
            ["javascript_url.csv:2: source_url: scheme 'javascript' is not allowed; use http or https"],
        ),
        (
            "windows_1252.csv",
            [
                "windows_1252.csv:2: file: not valid UTF-8 at byte 223; save as CSV UTF-8 (in Excel: Save As → CSV UTF-8)"
            ],
        ),
        ("bare_cr.csv", ["bare_cr.csv:1: file: carriage return without line feed; use LF or CRLF"]),
        (
            "bidi_override.csv",
            ["bidi_override.csv:2: summary: contains the bidi control U+202E; right-to-left text needs none"],
        ),
        ("c1_control.csv", ["c1_control.csv:2: actor: contains a C1 control character (U+0080-U+009F)"]),
        ("empty.csv", ["empty.csv:1: file: empty file: expected a header and at least one row"]),
        (
            "whitespace.csv",
            [
                "whitespace.csv:2: id: leading or trailing whitespace",
                "whitespace.csv:2: summary: leading or trailing whitespace",
            ],
        ),
        ("subject_stance.csv", ["subject_stance.csv:2: stance: VEN is the subject of the crisis and takes no stance"]),
        (
            "bad_kind.csv",
            [
                "bad_kind.csv:2: kind: 'speech' is not one of recognition, statement, diplomatic, sanction, military, "
                "protest, violence, legal, other"
            ],
        ),
        ("short_row.csv", ["short_row.csv:2: row: expected 14 fields, got 12"]),
        ("bad_basis.csv", ["bad_basis.csv:2: basis: 'bloc' is not one of own, joint, vote"]),
        ("no_basis.csv", ["no_basis.csv:2: basis: required field is empty"]),
        (
            "month_not_first.csv",
            ["month_not_first.csv:2: date: 2019-01-15 has date_precision=month, so it must be the first of the month"],
        ),
    ],
)
def test_bad_file_reports_exact_problem(name, expected):
    assert problems(BAD / name) == expected


SPREADSHEET = Path(__file__).parent / "spreadsheet"


@pytest.mark.parametrize("name", ["bom.csv", "crlf.csv", "excel_utf8.csv"])
def test_spreadsheet_saves_load_like_plain_files(tmp_path, name):
    """Excel's "CSV UTF-8" writes a BOM and CRLF (RFC 4180's own line break): both are normalised."""
    raw = (SPREADSHEET / name).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") or b"\r\n" in raw
    plain = tmp_path / name
    plain.write_bytes(raw.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n"))
    frame, expected = load_events(SPREADSHEET / name), load_events(plain)
    assert list(frame.columns) == list(expected.columns)
    assert frame.drop(columns="file").equals(expected.drop(columns="file"))
    assert not any(v.endswith("\r") or v.startswith("\ufeff") for v in frame["id"].tolist() + frame["notes"].tolist())


def test_crlf_inside_a_quoted_field_becomes_lf(tmp_path):
    row = GOOD_ROW.replace("The US recognised Guaidó.", '"line one\r\nline two"')
    (tmp_path / "q.csv").write_bytes(f"{HEADER}\r\n{row}\r\n".encode())
    assert load_events(tmp_path).loc[0, "summary"] == "line one\nline two"


def test_right_to_left_text_is_allowed():
    frame = load_events(SPREADSHEET / "rtl.csv")
    assert frame.loc[0, "actor"] == "بنيامين نتنياهو، رئيس الوزراء"


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_every_bidi_control_is_refused_in_every_text_field(tmp_path, char):
    for field in ("actor", "summary", "summary_es", "quote", "source_name", "notes"):
        row = {"summary_es": "", **dict(zip(HEADER.split(","), next(csv.reader([GOOD_ROW]))))}
        row[field] = f"evil {char}live"
        path = tmp_path / f"{field}.csv"
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerows([schema.FIELDS, [row[f] for f in schema.FIELDS]])
        path.write_text(buf.getvalue(), encoding="utf-8")
        assert problems(path) == [
            f"{field}.csv:2: {field}: contains the bidi control U+{ord(char):04X}; right-to-left text needs none"
        ]


@pytest.mark.parametrize("char", ["\x80", "\x85", "\x9b", "\x9f"])
def test_c1_controls_are_refused(tmp_path, char):
    (tmp_path / "c1.csv").write_text(f"{HEADER}\n{GOOD_ROW.replace('Guaidó.', 'Guaidó' + char + '.')}\n")
    assert problems(tmp_path) == ["c1.csv:2: summary: contains a C1 control character (U+0080-U+009F)"]


def test_ten_megabyte_field_is_reported_not_truncated(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(f"{HEADER}\n" + GOOD_ROW.replace("The US recognised Guaidó.", "x" * 10_000_000) + "\n")
    assert problems(path) == ["huge.csv:2: summary: is 10000000 characters long; the limit is 600"]


@pytest.mark.parametrize("url", ["https://exa[mple.org/a", "http://[::1/a", "http://a]b/"])
def test_unbalanced_bracket_in_the_host_is_a_problem_not_a_crash(tmp_path, url):
    (tmp_path / "u.csv").write_text(f"{HEADER}\n{GOOD_ROW.replace('https://example.org/a', url)}\n")
    assert problems(tmp_path) == ["u.csv:2: source_url: not a well-formed http(s) URL"]


def test_every_problem_in_a_folder_is_listed(tmp_path):
    for name in ("bad_date.csv", "bad_stance.csv", "empty.csv"):
        (tmp_path / name).write_bytes((BAD / name).read_bytes())
    lines = problems(tmp_path)
    assert sorted({line.split(":")[0] for line in lines}) == ["bad_date.csv", "bad_stance.csv", "empty.csv"]
    assert "bad_stance.csv:2: id: duplicate id 'a-1' (first used at bad_date.csv:2)" in lines


def test_duplicate_ids_across_files(tmp_path):
    (tmp_path / "a.csv").write_text(f"{HEADER}\n{GOOD_ROW}\n")
    (tmp_path / "b.csv").write_text(f"{HEADER}\n{GOOD_ROW}\n")
    assert problems(tmp_path) == ["b.csv:2: id: duplicate id '20190123-usa-recognises' (first used at a.csv:2)"]


def test_multiline_quoted_field_keeps_line_numbers(tmp_path):
    row2 = GOOD_ROW.replace("The US recognised Guaidó.", '"line one\nline two"').replace("20190123-usa", "a-2")
    bad = GOOD_ROW.replace("20190123-usa", "a-3").replace("guaido", "nope")
    (tmp_path / "m.csv").write_text(f"{HEADER}\n{row2}\n{bad}\n")
    assert problems(tmp_path) == [
        "m.csv:4: stance: 'nope' is not one of guaido, maduro, neutral, assembly, withdrawn (or empty)"
    ]


def test_good_file_loads_typed(tmp_path):
    (tmp_path / "ok.csv").write_text(f"{HEADER}\n{GOOD_ROW}\n")
    frame = load_events(tmp_path)
    assert list(frame["countries"]) == [("USA",)]
    assert str(frame["date"].dtype).startswith("datetime64")
    assert frame.loc[0, "actor"] == "Donald Trump, President"


def test_cli_prints_problems_and_exits_1():
    result = subprocess.run(
        [sys.executable, "-m", "events", "validate", str(BAD / "bad_date.csv")], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stdout.strip() == "bad_date.csv:2: date: '2019-02-30' is not a real calendar date"


def test_cli_passes_on_shipped_data():
    result = subprocess.run([sys.executable, "-m", "events", "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert re.match(r"ok: \d+ events, \d+ countries", result.stdout)


field_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80)


@settings(max_examples=150, deadline=None)
@given(values=st.lists(field_text, min_size=len(schema.FIELDS), max_size=len(schema.FIELDS)))
def test_loader_never_crashes_and_never_half_accepts(tmp_path_factory, values):
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(schema.FIELDS)
    writer.writerow(values)
    path = tmp_path_factory.mktemp("h") / "h.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    try:
        frame = load_events(path)
    except EventsValidationError as err:
        assert all(re.match(r"^h\.csv:\d+: [a-z_]+: .+", line) for line in str(err).splitlines())
    else:
        row = frame.iloc[0]
        assert row["source_url"].startswith(("http://", "https://"))
        assert row["id"] == values[0]
        assert row["summary"] == values[7].replace("\r\n", "\n")  # CRLF is normalised on read
