"""Functions that return the page's components. No callbacks here."""

from __future__ import annotations

import datetime as dt

from dash import dcc, html

from dashboard import ids, theme
from dashboard.analyst_layout import analyst_tools
from dashboard.i18n import current as page_language
from dashboard.i18n import day_text
from dashboard.i18n import text as t
from dashboard.payload import DayRange
from dashboard.version import version

PROJECT = "who-backs-whom"


def slider_marks(days: DayRange, key_dates: list[dt.date], min_gap: int = 120) -> dict[int, dict]:
    """The first day, year starts, then key dates (most important first) at least `min_gap` days apart."""
    marks = {0: {"label": day_text(days.start)}}
    for year in range(days.start.year + 1, days.end.year + 1):
        index = days.index(dt.date(year, 1, 1))
        if index >= min_gap // 4:
            marks[index] = {"label": str(year)}
    for day in key_dates:
        index = days.index(day)
        if 0 <= index < days.days and all(abs(index - other) >= min_gap for other in marks):
            marks[index] = {"label": day_text(day)}
    return dict(sorted(marks.items()))


def swatch(history: dict, category: str) -> html.Span:
    """A legend swatch: the category's colour and pattern, exactly as on the map (from the payload)."""
    background = history["swatches"][history["categories"].index(category)]
    return html.Span(className="swatch", style={"background": background})


def legend(history: dict) -> html.Ul:
    """The legend: swatch, label and live count per category, then the crisis's subject and the territories."""
    labels = dict(zip(history["categories"], history["labels"]))
    items = [
        html.Li(
            [
                swatch(history, name),
                html.Span(labels[name], className="legend-label"),
                html.Span("0", id=count_id, className="legend-count"),
            ],
            className=f"legend-item legend-{name}",
        )
        for name, count_id in zip(history["legend"], history["countIds"])
    ]
    items.append(
        html.Li(
            [
                swatch(history, theme.SUBJECT),
                html.Span(t("page.subject_legend", subject=history["subjectLabel"]), className="legend-label"),
            ],
            className="legend-item legend-subject",
        )
    )
    items.append(
        html.Li(
            [
                html.Span(className="swatch", style={"background": theme.CONTEXT_COLOUR}),
                html.Span(t("page.context_legend"), className="legend-label"),
            ],
            className="legend-item legend-context",
        )
    )
    return html.Ul(items, id=ids.STANCE_COUNTS, className="legend", **{"aria-label": t("page.legend_label")})


def controls(days: DayRange, key_dates: list[dt.date]) -> html.Div:
    """Date slider with play, previous/next change buttons and the current date as text."""
    return html.Div(
        [
            html.Div(
                [
                    html.Button(
                        t("controls.play"), id=ids.PLAY, className="btn", n_clicks=0, **{"aria-pressed": "false"}
                    ),
                    html.Button(
                        t("controls.prev"),
                        id=ids.PREV_CHANGE,
                        className="btn",
                        n_clicks=0,
                        title=t("controls.prev_title"),
                    ),
                    html.Output(
                        days.end.isoformat(), id=ids.DATE_TEXT, className="date-text", **{"aria-live": "polite"}
                    ),
                    html.Button(
                        t("controls.next"),
                        id=ids.NEXT_CHANGE,
                        className="btn",
                        n_clicks=0,
                        title=t("controls.next_title"),
                    ),
                ],
                className="control-row",
            ),
            html.P(id=ids.DATE_NOTICE, className="date-notice", role="status", hidden=True),
            dcc.Slider(
                id=ids.DATE_SLIDER,
                min=0,
                max=days.days - 1,
                step=1,
                value=days.days - 1,
                marks=slider_marks(days, key_dates),
                updatemode="drag",
                included=True,
                allow_direct_input=False,
                tooltip=None,
            ),
            dcc.Interval(id=ids.PLAY_TIMER, interval=80, disabled=True, n_intervals=0),
        ],
        className="controls",
    )


TABLE_COLUMNS = (
    ("name", "country"),
    ("stance", "stance"),
    ("since", "since"),
    ("iso3", "iso3"),
)  # catalogue keys: table.*


def table() -> html.Div:
    """Every state with its stance on the slider date: the accessible alternative to the map.

    A plain HTML table filled in the browser: sortable (column buttons), filterable, every row's
    country a button (Tab / arrow keys, Enter opens its panel), with a CSV download of the API.
    """
    header = html.Tr(
        [
            html.Th(
                html.Button(t(f"table.{label}"), id={"type": ids.SORT, "col": col}, className="sort-btn", n_clicks=0),
                scope="col",
                **{"data-col": col},
            )
            for col, label in TABLE_COLUMNS
        ]
    )
    return html.Div(
        [
            html.Div(
                [
                    html.Label(t("table.filter"), htmlFor=ids.TABLE_FILTER),
                    dcc.Input(
                        id=ids.TABLE_FILTER,
                        type="search",
                        value="",
                        debounce=False,
                        placeholder=t("table.filter_placeholder"),
                        autoComplete="off",
                    ),
                    html.A(
                        t("table.download"),
                        id=ids.TABLE_CSV,
                        href="api/stances.csv",
                        download="stances.csv",
                        className="btn",
                    ),
                ],
                className="table-tools",
            ),
            html.Table([html.Thead(header), html.Tbody(id=ids.TABLE_BODY)], id=ids.TABLE, className="stance-table"),
            dcc.Store(id=ids.TABLE_OPEN, data=0),
        ]
    )


# The Embed dialog's variants, in the order the `embed` clientside callback fills them; each
# one's title and help text are the catalogue's `embed.<key>_title` and `embed.<key>_help`.
EMBED_VARIANTS = (("script",), ("pym",), ("amp",), ("url",), ("fixed",), ("inline",))


def embed_box() -> html.Div:
    """The embed dialog: every variant's snippet with a copy button."""
    variants = [
        html.Div(
            [
                html.H3(t(f"embed.{key}_title")),
                html.P(t(f"embed.{key}_help")),
                html.Pre(id=ids.embed_snippet_id(key), className="snippet"),
                html.Button(
                    t("embed.copy"), className="btn copy-btn", n_clicks=0, **{"data-copy": ids.embed_snippet_id(key)}
                ),
                html.Span(className="copy-status", role="status"),
            ],
            className=f"embed-variant embed-variant-{key}",
        )
        for key, *_ in EMBED_VARIANTS
    ]
    return html.Div(
        [html.P(t("embed.intro")), *variants],
        id=ids.EMBED_BOX,
        className="embed-box",
        hidden=True,
    )


def embed_credit() -> html.Div:
    """Shown only in embeds: a link standing in for the table, and the one-line credit."""
    return html.Div(
        [
            html.A(t("embed.show_all"), id=ids.EMBED_TABLE_LINK, href="./", target="_blank", rel="noopener"),
            html.P(
                [
                    t("embed.credit"),
                    html.A(t("embed.full_page"), id=ids.EMBED_FULL_LINK, href="./", target="_blank", rel="noopener"),
                ],
                id=ids.EMBED_CREDIT,
            ),
        ],
        className="embed-only",
    )


def panel() -> html.Section:
    """The side panel: a country's statements with sources, filled on selection.

    A labelled region inside `main` (not a live region: focus moves into it when it opens, and
    the date output is the page's one polite announcement of a date change).
    """
    return html.Section(
        [
            html.Button(
                "×", id=ids.PANEL_CLOSE, className="panel-close", n_clicks=0, **{"aria-label": t("panel.close")}
            ),
            html.P(id=ids.PANEL_WHY, className="panel-why"),
            html.Div(id=ids.COUNTRY_PANEL, className="panel-body"),
            html.A(
                t("panel.every_statement"),
                id=ids.EMBED_PANEL_LINK,
                href="./",
                target="_blank",
                rel="noopener",
                className="embed-only",
            ),
        ],
        className="panel",
        hidden=True,
        id=ids.PANEL_WRAP,
        tabIndex="-1",
        **{"aria-label": t("panel.label")},
    )


def region_buttons(views: dict[str, dict]) -> html.Div:
    """One button per region view (`?region=`); assets/wbw-6-region.js fits the map to it."""
    return html.Div(
        [
            html.Button(
                view["label"],
                id=ids.region_id(name),
                className="btn region-btn",
                n_clicks=0,
                **{"data-region": name, "aria-pressed": "true" if name == "world" else "false"},
            )
            for name, view in views.items()
        ],
        className="region-row",
        role="group",
        **{"aria-label": t("page.regions_label")},
    )


def page(
    days: DayRange,
    key_dates: list[dt.date],
    history: dict,
    base_map: dict,
    base_chart: dict,
    map_config: dict,
    loaded_at: str,
    live: dict | None = None,
) -> html.Div:
    """The whole page."""
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.DATA_VERSION, data=live or {}),
            dcc.Store(id=ids.HISTORY, data=history),
            dcc.Store(id=ids.BASE_MAP, data=base_map),
            # "" rather than None: a Store whose data is None re-sets it on mount, which would
            # fire the panel callback (a server request) on every page load.
            dcc.Store(id=ids.SELECTED, data=""),
            html.Header(
                [
                    html.H1(history["title"]),
                    html.P(history["lede"], className="lede"),
                ],
                className="page-header",
            ),
            html.Main(
                [
                    controls(days, key_dates),
                    analyst_tools(history["storyLabel"]),
                    legend(history),
                    html.Div(
                        [
                            html.Div(
                                [
                                    region_buttons(history["regions"]),
                                    dcc.Graph(
                                        id=ids.MAP,
                                        figure=base_map,
                                        config=map_config,
                                        className="map-graph",
                                        style={"height": "var(--map-h)"},
                                    ),
                                ],
                                className="map-wrap",
                            ),
                            panel(),
                        ],
                        className="main",
                    ),
                    dcc.Graph(
                        id=ids.STANCE_CHART,
                        figure=base_chart,
                        config={"displayModeBar": False, "responsive": True, "locale": page_language()},
                        className="chart-graph",
                        style={"height": "150px"},
                    ),
                    html.Details([html.Summary(t("page.table_summary")), table()], className="table-wrap"),
                    embed_credit(),
                ],
                className="content",
            ),
            html.Footer(
                [
                    html.Button(t("footer.embed"), id=ids.EMBED_BUTTON, className="btn", n_clicks=0),
                    html.Span(t("footer.data_updated", when=loaded_at), id=ids.DATA_UPDATED, className="updated"),
                    html.Span(id=ids.LIVE_NOTICE, className="live-notice", role="status"),
                    html.Span(
                        t("footer.credits"),
                        className="credits",
                    ),
                    html.Span(f" · v{version()}", id=ids.VERSION, className="version"),
                    embed_box(),
                ],
                className="page-footer",
            ),
        ],
        id=ids.ROOT,
        className="root",
    )
