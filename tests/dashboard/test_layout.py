import datetime as dt

import pytest
from dash import html

import geodata
from dashboard import document, layout
from dashboard.payload import DayRange, build_history
from events import build_timeline, load_events

from ..conftest import ROOT

DAYS = DayRange(dt.date(2019, 1, 10), dt.date(2023, 1, 25))


def test_first_mark_is_the_first_day_then_years_and_spaced_key_dates():
    key = [dt.date(2019, 1, 23), dt.date(2021, 1, 6), dt.date(2019, 7, 15)]
    marks = layout.slider_marks(DAYS, key)
    assert marks[0] == {"label": "10 Jan 2019"}
    # 23 Jan 2019 is 13 days from the first mark and 6 Jan 2021 5 days from "2021": both left out
    assert [m["label"] for m in marks.values()] == ["10 Jan 2019", "15 Jul 2019", "2020", "2021", "2022", "2023"]


@pytest.fixture(scope="module", params=["shipped", "taiwan"])
def crisis_history(request):
    """The payload of the shipped crisis and of crises/taiwan, with the crisis it was built from."""
    path = None if request.param == "shipped" else ROOT / "crises" / "taiwan"
    timeline = build_timeline(load_events(path))
    return timeline.crisis, build_history(timeline, geodata.load_boundaries())


def test_legend_is_the_crisis_files_stances_then_none_the_subject_and_the_territories(crisis_history):
    crisis, history = crisis_history
    items = layout.legend(history).children
    assert [item.className for item in items] == [
        *(f"legend-item legend-{s}" for s in (*crisis.stance_values(), "none")),
        "legend-item legend-subject",
        "legend-item legend-context",
    ]
    labels = [item.children[1].children for item in items[:-2]]
    assert labels == [*(crisis.label(s) for s in crisis.stance_values()), crisis.text("none_label")]
    assert items[-2].children[1].children == f"{crisis.text('subject_label')} (the subject)"
    assert [item.children[2].id for item in items[:-2]] == history["countIds"]


def test_the_page_header_is_the_crisis_files_title_and_lede(crisis_history):
    crisis, history = crisis_history
    header = next(c for c in page_of(history).children if isinstance(c, html.Header))
    assert header.children[0].children == crisis.text("title")
    assert header.children[1].children == crisis.text("lede")
    assert history["storyLabel"] == crisis.text("story_label")


def page_of(history: dict) -> html.Div:
    """The page for a payload (the figures are not under test here)."""
    days = DayRange(dt.date.fromisoformat(history["start"]), dt.date.fromisoformat(history["start"]))
    return layout.page(days, [], history, {}, {}, {}, "now")


def test_panel_is_a_labelled_region_without_its_own_live_region():
    panel = layout.panel()
    assert isinstance(panel, html.Section)
    props = panel.to_plotly_json()["props"]
    assert props["aria-label"] and "aria-live" not in props


def test_index_has_a_language_and_no_second_footer():
    index = document.accessible_index(
        "<!DOCTYPE html>\n<html>\n<body>{%app_entry%}<footer>{%config%}{%scripts%}{%renderer%}</footer></body></html>"
    )
    assert '<html lang="en">' in index and "<footer>" not in index
    assert all(key in index for key in ("{%app_entry%}", "{%config%}", "{%scripts%}", "{%renderer%}"))


def test_the_payload_takes_the_crisis_files_texts_in_a_language():
    timeline = build_timeline(load_events(ROOT / "crises" / "taiwan"))
    crisis, history = timeline.crisis, build_history(timeline, geodata.load_boundaries(), "es")
    assert history["language"] == "es" and history["title"] == crisis.text("title", "es")
    assert history["labels"][1:-1] == [crisis.label(s, "es") for s in crisis.stance_values()]
    assert history["subjectLabel"] == "Taiwán"
