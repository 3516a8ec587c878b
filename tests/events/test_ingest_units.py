"""Unit tests of ingestion: dates, demonyms and capitals, office holders, negation, quotes, the CLI."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from events.__main__ import main
from events.ingest import DRAFT_FIELDS, ingest_text, read_drafts
from events.ingest.countries import find_mentions
from events.ingest.dates import combine, resolve_heading, resolve_sentence
from events.ingest.quotes import quotes
from events.ingest.stance import find_cue

D = dt.date
JAN24 = D(2019, 1, 24)


def codes(text: str, day: dt.date | None = JAN24) -> list[str]:
    return [c for m in find_mentions(text, day) for c in m.codes]


# dates


def test_weekday_heading_resolves_across_a_month_boundary():
    cue = resolve_heading("Thursday, January 31", D(2019, 2, 2))
    assert cue.day == D(2019, 1, 31)
    assert cue.how == "listed under 'Thursday, January 31'"


def test_weekday_in_text_counts_back_across_a_month_boundary():
    # 1 February 2019 was a Friday: "on Wednesday" is 30 January
    assert resolve_sentence("Peru said on Wednesday it would act.", D(2019, 2, 1)).day == D(2019, 1, 30)
    assert resolve_sentence("Peru acted on Friday.", D(2019, 2, 1)).day == D(2019, 2, 1)


def test_heading_without_year_resolves_across_a_year_boundary():
    assert resolve_heading("Monday, December 31", D(2019, 1, 2)).day == D(2018, 12, 31)


def test_yesterday_counts_from_the_page_date_across_a_month_boundary():
    assert resolve_sentence("The minister spoke yesterday.", D(2019, 3, 1)).day == D(2019, 2, 28)


def test_a_weekday_that_contradicts_the_calendar_leaves_the_date_empty_with_the_reason():
    cue = resolve_heading("Tuesday, January 23", D(2019, 1, 24))
    assert cue.day is None
    assert cue.how == "heading 'Tuesday, January 23' names a Tuesday but 2019-01-23 is a Wednesday"


def test_no_page_date_means_no_year_and_no_guess():
    assert resolve_heading("Wednesday, January 23", None).day is None
    cue = resolve_sentence("Chile spoke on Monday.", None)
    assert cue.day is None
    assert cue.how == "'on Monday' needs a day to count from (a day heading or --date)"


def test_a_month_without_a_day_gives_month_precision():
    cue = resolve_sentence("Argentina changed course in April 2022.", None)
    assert (cue.day, cue.precision, cue.how) == (D(2022, 4, 1), "month", "says only 'in April 2022'")
    assert resolve_sentence("It happened in December.", D(2019, 1, 23)).day == D(2018, 12, 1)
    [draft] = ingest_text("Peru acts\n\nPeru withdrew its recognition in March 2021.\n")
    assert (draft["date"], draft["date_precision"], draft["stance"]) == ("2021-03-01", "month", "withdrawn")


def test_several_dates_in_one_statement_are_not_chosen_between():
    cues = [resolve_sentence(s, D(2019, 1, 25)) for s in ("It said on Monday", "It said on Thursday")]
    cue = combine(None, cues)
    assert cue.day is None
    assert "several dates" in cue.how


def test_relative_words_against_date_in_a_full_ingest_and_undated_text_stays_undated():
    text = "Peru recognises Guaido\n\nPeru's foreign minister said on Thursday that Peru recognises Guaido.\n"
    dated = ingest_text(text, "2019-02-01")
    assert [(d["date"], d["countries"], d["stance"]) for d in dated] == [("2019-01-31", "PER", "guaido")]
    undated = ingest_text("Peru recognises Guaido\n\nPeru recognises Guaido as interim president.\n")
    assert undated[0]["date"] == ""
    assert "states no date" in undated[0]["notes"]
    assert undated[0]["id"].startswith("undated-per-")


# countries: names, demonyms, capitals, office holders


def test_demonyms_and_capitals_tag_their_countries():
    assert codes("Brazilian diplomats met Colombians.") == ["BRA", "COL"]
    assert codes("Washington and Brasília agreed; Moscow objected.") == ["USA", "BRA", "RUS"]
    assert codes("The Venezuelan army") == ["VEN"]


def test_look_alikes_are_not_countries():
    assert codes("Latin American and South American governments") == []
    assert codes("The Lima Group met; the Washington Post reported it.") == []
    assert codes("an anti-Maduro march") == []


def test_mention_words_are_the_text_as_written():
    mentions = find_mentions("Bogotá and Bogota", D(2019, 1, 24))
    assert [(m.words, m.codes, m.kind) for m in mentions] == [
        ("Bogotá", ("COL",), "capital"),
        ("Bogota", ("COL",), "capital"),
    ]


def test_leaders_tag_their_countries_only_while_in_office():
    assert codes("Bolsonaro said", D(2019, 2, 1)) == ["BRA"]
    assert codes("Bolsonaro said", D(2023, 3, 1)) == []  # Lula's term
    assert codes("Pence said", D(2019, 1, 22)) == ["USA"]
    assert codes("Evo Morales said", D(2019, 12, 1)) == []  # resigned 10 November 2019


def test_live_blog_layouts_heading_colon_updates_as_of_and_captions():
    text = (
        "All the latest updates as of Friday, February 1:\n\n"
        "Peru recognises Guaido\n\n"
        "The foreign minister speaks in Lima [Jane Doe/Reuters]\n\n"
        "Peru recognises Guaido as interim president.\n\n"
        "Thursday, January 31:\n\n"
        "Chile recognises Guaido\n\n"
        "Speaking to reporters after meeting Colombia's President Ivan Duque, Pinera said Chile recognises Guaido.\n"
    )
    got = [(d["date"], d["countries"], d["stance"]) for d in ingest_text(text, "2019-02-02")]
    assert got == [("2019-02-01", "PER", "guaido"), ("2019-01-31", "CHL", "guaido")]


def test_basis_is_joint_for_a_bloc_and_vote_for_an_oas_vote():
    [eu] = ingest_text("EU speaks\n\nMogherini said on Thursday the EU backs Guaido.\n", "2019-01-25")
    assert (eu["basis"], len(eu["countries"].split(";")), eu["stance"]) == ("joint", 28, "guaido")
    [vote] = ingest_text("Vote\n\nMexico voted against the resolution at the OAS on Thursday.\n", "2019-01-25")
    assert (vote["basis"], vote["kind"]) == ("vote", "diplomatic")
    text = "UN vote\n\nThe US draft won nine votes at the UN Security Council. South Africa also voted against it.\n"
    usa, zaf = ingest_text(text, "2019-02-28")
    assert (usa["actor"], zaf["actor"], zaf["basis"]) == (
        "Government of the United States",
        "Government of South Africa",
        "vote",
    )


def test_eu_officials_stand_for_the_member_states_of_the_day():
    before = codes("Mogherini said", D(2019, 1, 24))
    assert len(before) == 28 and "GBR" in before and "FRA" in before
    after = codes("Borrell said", D(2020, 3, 1))
    assert len(after) == 27 and "GBR" not in after
    assert codes("Mogherini said", D(2020, 3, 1)) == []  # her term ended 30 November 2019


def test_ingest_reports_each_tag_and_its_trigger_words():
    text = "Bolsonaro recognises Guaido\n\nBrazilian President Jair Bolsonaro said on Thursday that Brasília recognises Guaido.\n"
    [draft] = ingest_text(text, "2019-01-25")
    assert draft["countries"] == "BRA"
    assert draft["triggers"] == "BRA: Brazilian, Jair Bolsonaro, Brasília"
    assert draft["actor"] == "Jair Bolsonaro, President of Brazil"


# stance: cues, negation, hedging, reporting only


@pytest.mark.parametrize(
    ("sentence", "stance", "why"),
    [
        (
            "Spain recognises Guaidó as interim president.",
            "guaido",
            "'recognises Guaidó as interim president' → guaido",
        ),
        ("Mexico does not recognise Guaido.", "", "negated: 'not recognise Guaido'"),
        ("Uruguay will not recognise Guaido.", "", "negated: 'not recognise Guaido'"),
        ("Italy refused to recognise Guaido.", "", "negated: 'refused to recognise Guaido'"),
        ("Canada intends to back Guaido.", "", "hedged, not a position: 'intends to back Guaido'"),
        ("Argentina no longer recognises Guaidó.", "withdrawn", "'no longer recognises' → withdrawn"),
        ("Russia called it a coup.", "maduro", "'called it a coup' → maduro"),
        ("Mexico calls for dialogue.", "neutral", "'calls for dialogue' → neutral"),
        (
            "Panama recognises Guaidó as head of the National Assembly.",
            "assembly",
            "'recognises Guaidó as head of the National Assembly' → assembly",
        ),
        ("Brazil accepted Guaidó's envoy.", "guaido", "'accepted Guaidó's envoy' → guaido"),
        (
            "Brazil's Congress recognised Guaidó as interim president.",
            "",
            "a parliament, party or court does not set a government's stance (codebook rule 6)",
        ),
        (
            "Colombia restored diplomatic relations with Caracas.",
            "maduro",
            "'restored diplomatic relations with' → maduro",
        ),
    ],
)
def test_stance_cues_with_negation(sentence, stance, why):
    cue = find_cue(sentence)
    assert (cue.stance, cue.why) == (stance, why)


def test_a_cue_inside_quotation_marks_is_not_the_speakers_position():
    assert find_cue('Lavrov said Pence was "openly calling to recognise Guaido".') is None


def test_reports_of_rallies_and_deaths_propose_no_stance():
    text = (
        "Protests in Caracas\n\nThousands of Venezuelans marched in Caracas on Tuesday. Two protesters were killed.\n"
    )
    [draft] = ingest_text(text, "2019-01-23")
    assert (draft["countries"], draft["stance"], draft["kind"], draft["date"]) == ("VEN", "", "protest", "2019-01-22")


def test_negated_recognition_in_a_blog_entry_gives_no_stance():
    text = "Mexico stays out\n\nMexico's foreign ministry said on Thursday that Mexico does not recognise Guaido.\n"
    [draft] = ingest_text(text, "2019-01-25")
    assert (draft["countries"], draft["stance"]) == ("MEX", "")
    assert "negated" in draft["notes"]


# quotes


def test_quote_speaker_is_named_after_the_quotation():
    [q] = quotes('"We will triumph over this as well," Maduro told supporters.')
    assert (q.words, q.speaker) == ("We will triumph over this as well", "Maduro")


def test_quotes_are_attributed_to_the_actor_only():
    text = (
        "US recognises Guaido\n\nTrump recognised Guaido as interim president on Wednesday.\n\n"
        '"This is a coup," Lavrov said.\n'
    )
    usa, rus = ingest_text(text, "2019-01-23")
    assert (usa["countries"], usa["quote"]) == ("USA", "")
    assert (rus["countries"], rus["quote"], rus["stance"]) == ("RUS", "This is a coup", "")  # a quote is not a cue
    text = 'Pence speaks\n\nPence said on Tuesday that the US stands with Venezuelans.\n\n"Maduro is a dictator."\n'
    [draft] = ingest_text(text, "2019-01-23")
    assert draft["quote"] == "Maduro is a dictator."  # a bare quotation continues the speaker


def test_a_quote_longer_than_the_codebook_limit_is_cut_to_its_first_sentence_or_left_out():
    long = " ".join(["word"] * 45)
    text = f'Trump speaks\n\n"Venezuela must be free. {long}," Trump said on Wednesday.\n'
    [draft] = ingest_text(text, "2019-01-23")
    assert draft["quote"] == "Venezuela must be free"


def test_a_roundup_without_headings_gives_one_draft_per_government():
    text = (
        "Russia, China back Maduro as Europe weighs its response\n\n"
        "Russia's foreign ministry said on Thursday that Guaidó's self-proclamation was an attempted coup. "
        '"We consider it a usurpation of power," Kremlin spokesman Dmitry Peskov told reporters.\n\n'
        "China's foreign ministry spokesman said Beijing opposes outside interference.\n\n"
        "Mexico and Uruguay called for dialogue between the two sides.\n\n"
        "Spain's Prime Minister Pedro Sánchez said Spain does not recognise Guaidó yet. The U.S. State Department noted it.\n"
    )
    drafts = ingest_text(text, "2019-01-25")
    got = [(d["date"], d["countries"], d["stance"], d["actor"]) for d in drafts]
    assert got == [
        ("2019-01-24", "RUS", "maduro", "Government of Russia"),
        ("", "CHN", "", "Government of China"),
        ("", "MEX;URY", "neutral", "Governments of Mexico and Uruguay"),
        ("", "ESP", "", "Pedro Sánchez, Prime Minister of Spain"),
    ]
    assert drafts[0]["quote"] == "We consider it a usurpation of power"
    assert "negated: 'not recognise Guaidó'" in drafts[3]["notes"]
    assert all("states no date" in d["notes"] for d in drafts[1:])


# command line


def test_cli_writes_a_drafts_csv(tmp_path, capsys):
    blog = tmp_path / "blog.txt"
    blog.write_text("Peru recognises Guaido\n\nPeru recognises Guaido as interim president on Friday.\n")
    out = tmp_path / "drafts.csv"
    code = main(
        [
            "ingest",
            str(blog),
            "--date",
            "2019-02-01",
            "--source-url",
            "https://example.org/b",
            "--source-name",
            "Example",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    [row] = read_drafts(out.read_text())
    assert (row["date"], row["countries"], row["source_url"], row["source_name"]) == (
        "2019-02-01",
        "PER",
        "https://example.org/b",
        "Example",
    )
    assert "1 drafts (1 with a stance, 0 undated)" in capsys.readouterr().err


def test_cli_refuses_bad_input_with_reasons(tmp_path, capsys):
    blog = tmp_path / "blog.txt"
    blog.write_bytes("Perú reconoce".encode("cp1252"))
    assert main(["ingest", str(blog)]) == 1
    assert "not valid UTF-8" in capsys.readouterr().err
    assert main(["ingest", str(tmp_path / "missing.txt")]) == 1
    assert main(["ingest", str(blog), "--source-url", "javascript:alert(1)"]) == 2
    with pytest.raises(SystemExit):
        main(["ingest", str(blog), "--date", "23/01/2019"])


# hostile text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400), st.sampled_from([None, "2019-01-23"]))
def test_any_text_gives_well_formed_drafts_or_none(text, date):
    for draft in ingest_text(text, date):
        assert set(draft) == set(DRAFT_FIELDS)
        assert draft["date"] == "" or D.fromisoformat(draft["date"])
        assert len(draft["summary"]) <= 600 and len(draft["quote"].split()) <= 40


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Monday, January 21",
                "Peru recognises Guaido",
                '"',
                "“",
                "on Tuesday",
                "U.S.",
                "\n\n",
                "Bolsonaro said",
                "not",
                "Mogherini",
                ".",
                ",",
                "Caracas",
            ]
        ),
        max_size=40,
    )
)
def test_blog_shaped_noise_never_breaks_ingestion(parts):
    text = " ".join(parts)
    for draft in ingest_text(text, "2019-01-25"):
        assert set(draft) == set(DRAFT_FIELDS)
        assert draft["stance"] in ("", "guaido", "maduro", "neutral", "assembly", "withdrawn")
