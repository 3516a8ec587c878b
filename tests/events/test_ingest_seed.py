"""Ingestion on the seed live blog recovers every event the project recorded from it."""

from pathlib import Path

import pytest

from events import load_events
from events.crisis import load_crisis
from events.ingest import DRAFT_FIELDS, SUMMARY_FLAG, ingest_text
from events.loader import check_row
from geodata import country_codes

SEED = Path(__file__).parent / "fixtures" / "000_257dd67f7f3c9aa5.txt"
BLOG_URL = "https://www.aljazeera.com/news/2019/01/venezuela-crisis-latest-updates-190123205835912.html"
# Record id → words of the seed (read by hand) that the draft for that event must cite as evidence.
EVIDENCE = {
    "20190122-usa-pence-video-backs-protests": "Pence backs the anti-government protests",
    "20190122-ven-delcy-rodriguez-replies-pence": "accused Pence",
    "20190122-ven-overnight-protests-caracas": "Protesters burn trash",
    "20190123-bol-morales-backs-maduro": "alliance with Maduro",
    "20190123-bra-col-gtm-cri-recognise-guaido": "Guatemala and Costa Rica also recognise Guaido",
    "20190123-can-intends-to-back-guaido": "Canada says it intends to back Guaido",
    "20190123-usa-trump-recognises-guaido": "officially recognised him as president",
    "20190123-ven-competing-rallies": "counter-rallies",
    "20190123-ven-guaido-sworn-in-interim-president": "I swear to assume all the powers",
    "20190123-ven-maduro-breaks-relations-with-usa": "breaking relations with the United States",
    "20190123-ven-maduro-urges-military-unity": "maintain unity and discipline",
    "20190123-ven-padrino-rejects-self-proclaimed-president": "disavow any president",
}


@pytest.fixture(scope="module")
def drafts():
    return ingest_text(SEED.read_text(encoding="utf-8"), source_url=BLOG_URL, source_name="Al Jazeera")


@pytest.fixture(scope="module")
def records():
    events = load_events()
    rows = events[events["source_url"] == BLOG_URL]
    return {r.id: r for r in rows.itertuples()}


@pytest.fixture(scope="module")
def pairs(drafts, records):
    out = {}
    for rid, words in EVIDENCE.items():
        found = [d for d in drafts if words in d["evidence"]]
        assert len(found) == 1, f"{rid}: {len(found)} drafts cite {words!r}"
        out[rid] = found[0]
    return out


def scores(drafts, records, pairs) -> dict[str, tuple[float, float]]:
    """Precision and recall of countries, stance and date over all drafts and all seed records."""
    tp_countries = sum(len(set(pairs[r]["countries"].split(";")) & set(records[r].countries)) for r in pairs)
    all_draft_countries = sum(len([c for c in d["countries"].split(";") if c]) for d in drafts)
    all_record_countries = sum(len(r.countries) for r in records.values())
    dated = [d for d in drafts if d["date"]]
    right_dates = sum(pairs[r]["date"] == f"{records[r].date:%Y-%m-%d}" for r in pairs)
    proposed = [d for d in drafts if d["stance"]]
    stated = [r for r in records if records[r].stance]
    right_stances = sum(pairs[r]["stance"] == records[r].stance for r in stated)
    return {
        "countries": (tp_countries / all_draft_countries, tp_countries / all_record_countries),
        "stance": (right_stances / len(proposed), right_stances / len(stated)),
        "date": (right_dates / len(dated), right_dates / len(records)),
    }


def test_the_seed_records_are_the_blog_events_read_by_hand(records):
    assert set(records) == set(EVIDENCE)


def test_every_event_of_the_blog_has_a_draft_with_its_date_countries_and_stance(drafts, records, pairs):
    for rid, draft in pairs.items():
        record = records[rid]
        assert draft["date"] == f"{record.date:%Y-%m-%d}", rid
        assert tuple(draft["countries"].split(";")) == record.countries, rid
        assert draft["stance"] == record.stance, rid  # including empty: Canada only "intends to back"
        assert draft["basis"] == record.basis, rid
    result = scores(drafts, records, pairs)
    print("\nseed ingestion, precision / recall:")
    for field, (precision, recall) in result.items():
        print(f"  {field:9s} {precision:.2f} / {recall:.2f}")
    assert all(recall == 1.0 for _, recall in result.values())
    assert all(precision >= 0.8 for precision, _ in result.values())


def test_drafts_cite_their_triggers_and_flag_the_summary(pairs):
    usa = pairs["20190123-usa-trump-recognises-guaido"]
    assert usa["actor"] == "Donald Trump, President of the United States"
    assert usa["triggers"] == "USA: US, Donald Trump, Trump"
    assert usa["quote"].startswith("In its role as the only legitimate branch of government")
    assert "Stance: 'recognises Guaido' → guaido." in usa["notes"]
    assert "Listed under 'Wednesday, January 23'" in usa["notes"]
    bol = pairs["20190123-bol-morales-backs-maduro"]
    assert bol["actor"] == "Evo Morales, President of Bolivia"
    assert bol["quote"].startswith("Our solidarity with the Venezuelan people and our brother Nicolas Maduro")
    delcy = pairs["20190122-ven-delcy-rodriguez-replies-pence"]
    assert delcy["actor"].startswith("Delcy Rodríguez, Executive Vice President of Venezuela")
    assert delcy["quote"] == "openly calling for a coup"
    padrino = pairs["20190123-ven-padrino-rejects-self-proclaimed-president"]
    assert "Venezuela takes no stance" in padrino["notes"]
    assert all(SUMMARY_FLAG in d["flags"] for d in pairs.values())


def test_drafts_are_valid_events_rows_once_an_editor_has_checked_them(drafts):
    known = country_codes()
    assert set(DRAFT_FIELDS) >= set(drafts[0])
    assert len({d["id"] for d in drafts}) == len(drafts)
    for draft in drafts:
        problems = check_row({**draft, "actor": draft["actor"] or "Protesters"}, known, load_crisis())
        assert problems == [], (draft["id"], problems)
