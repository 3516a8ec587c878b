import datetime as dt

from dash import html

from dashboard import document, layout
from dashboard.payload import DayRange

DAYS = DayRange(dt.date(2019, 1, 10), dt.date(2023, 1, 25))


def test_first_mark_is_the_first_day_then_years_and_spaced_key_dates():
    key = [dt.date(2019, 1, 23), dt.date(2021, 1, 6), dt.date(2019, 7, 15)]
    marks = layout.slider_marks(DAYS, key)
    assert marks[0] == {"label": "10 Jan 2019"}
    # 23 Jan 2019 is 13 days from the first mark and 6 Jan 2021 5 days from "2021": both left out
    assert [m["label"] for m in marks.values()] == ["10 Jan 2019", "15 Jul 2019", "2020", "2021", "2022", "2023"]


def test_legend_has_venezuela_and_the_territories():
    classes = [item.className for item in layout.legend().children]
    assert "legend-item legend-subject" in classes and "legend-item legend-context" in classes


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
