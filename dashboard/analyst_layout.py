"""The analyst tools under the date slider: compare, own-only filter, story, shares, cite, export.

Static markup only; assets/wbw-8-analyst.js fills and drives it from the history payload
(which carries `IDS` and `STRINGS` so the script retypes no id or label).
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import DEFAULT, catalogue
from dashboard.i18n import text as t

IDS: dict[str, str] = {
    "section": "analyst",
    "ticks": "slider-ticks",
    "changedToday": "changed-today",
    "compareDate": "compare-date",
    "compareSlot": "compare-slot",
    "compareToggle": "compare-toggle",
    "compareView": "compare-view",
    "compareLegend": "compare-legend",
    "compareList": "compare-list",
    "compareTitle": "compare-title",
    "ownOnly": "own-only",
    "storyStart": "story-start",
    "storyBox": "story-box",
    "storyStep": "story-step",
    "storyTitle": "story-title",
    "storyCaption": "story-caption",
    "storySource": "story-source",
    "storyPrev": "story-prev",
    "storyNext": "story-next",
    "storyExit": "story-exit",
    "sharesBody": "shares-body",
    "sharesSource": "shares-source",
    "chartPopulation": "chart-population",
    "citeText": "cite-text",
    "exportCsv": "export-csv",
    "exportJson": "export-json",
    "runs": "stance-runs",  # made by the script inside the panel
}
# The strings the script fills in: the catalogue's `analyst_js` table (dashboard/locales/*.toml).
STRINGS: dict[str, str] = {
    key.removeprefix("analyst_js."): value for key, value in catalogue(DEFAULT).items() if key.startswith("analyst_js.")
}


def toggle(label: str, key: str, title: str) -> html.Button:
    """A two-state button (aria-pressed) driven by the analyst script."""
    return html.Button(label, id=IDS[key], className="btn", n_clicks=0, title=title, **{"aria-pressed": "false"})


def tools_row(story_label: str) -> html.Div:
    """Compare date and button, the own-only filter and the story's start button (its crisis file's label)."""
    return html.Div(
        [
            html.Label(t("analyst.compare_with"), htmlFor=IDS["compareDate"], className="compare-label"),
            html.Span(id=IDS["compareSlot"], className="compare-slot"),  # the script puts the date input here
            toggle(t("analyst.compare"), "compareToggle", t("analyst.compare_title")),
            toggle(t("analyst.own_only"), "ownOnly", t("analyst.own_only_title")),
            html.Button(story_label, id=IDS["storyStart"], className="btn", n_clicks=0, hidden=not story_label),
            shares(),
            cite_export(),
        ],
        className="analyst-row",
    )


def story_box() -> html.Section:
    """The story step: title, caption, source and the step buttons (hidden outside story mode)."""
    return html.Section(
        [
            html.P(id=IDS["storyStep"], className="story-step"),
            html.H2(id=IDS["storyTitle"], className="story-title", lang="en"),
            html.P(id=IDS["storyCaption"], className="story-caption", lang="en"),
            html.P(html.A(id=IDS["storySource"], target="_blank", rel="noopener noreferrer")),
            html.Div(
                [
                    html.Button(t("analyst.story_prev"), id=IDS["storyPrev"], className="btn", n_clicks=0),
                    html.Button(t("analyst.story_next"), id=IDS["storyNext"], className="btn", n_clicks=0),
                    html.Button(t("analyst.story_exit"), id=IDS["storyExit"], className="btn", n_clicks=0),
                ],
                className="analyst-row",
            ),
        ],
        id=IDS["storyBox"],
        className="story-box",
        hidden=True,
        **{"aria-live": "polite", "aria-label": t("analyst.story_label")},
    )


def compare_view() -> html.Section:
    """Transitions legend and the list of who switched (hidden outside compare mode)."""
    return html.Section(
        [
            html.H2(id=IDS["compareTitle"], className="compare-title"),
            html.Ul(id=IDS["compareLegend"], className="compare-legend"),
            html.Ol(id=IDS["compareList"], className="compare-list"),
        ],
        id=IDS["compareView"],
        className="compare-view",
        hidden=True,
        **{"aria-live": "polite"},
    )


def shares() -> html.Details:
    """Count, share of UN members and share of world population per stance on the date."""
    columns = ("stance", "countries", "un", "population")
    head = html.Tr([html.Th(t(f"analyst.shares_{key}"), scope="col") for key in columns])
    return html.Details(
        [
            html.Summary(t("analyst.shares_summary")),
            html.Table([html.Thead(head), html.Tbody(id=IDS["sharesBody"])], className="shares-table"),
            html.P(id=IDS["sharesSource"], className="shares-source"),
            toggle(t("analyst_js.chartPopulation"), "chartPopulation", t("analyst.chart_population_title")),
        ],
        className="shares-wrap",
        open=False,
    )


def cite_export() -> html.Details:
    """The "cite this view" string and downloads of the visible state."""
    return html.Details(
        [
            html.Summary(t("analyst.cite_summary")),
            html.Span(t("analyst.cite_label"), className="cite-label"),
            html.P(id=IDS["citeText"], className="cite-text"),  # not an <output>: no announcement per step
            html.Button(t("analyst.download_csv"), id=IDS["exportCsv"], className="btn", n_clicks=0),
            html.Button(t("analyst.download_json"), id=IDS["exportJson"], className="btn", n_clicks=0),
        ],
        className="cite-export",
    )


def analyst_tools(story_label: str) -> html.Div:
    """Everything the analyst tools add to the page, placed under the date slider."""
    return html.Div(
        [
            html.Div(id=IDS["ticks"], className="slider-ticks", **{"aria-hidden": "true"}),
            # not a live region: it changes on every date step, which the date text already announces
            html.Div(id=IDS["changedToday"], className="changed-today"),
            tools_row(story_label),
            story_box(),
            compare_view(),
        ],
        id=IDS["section"],
        className="analyst",
    )
