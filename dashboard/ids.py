"""Element ids: a contract with newsrooms, tests and tools. Extend, never rename."""

MAP = "map"
DATE_SLIDER = "date-slider"
DATE_TEXT = "date-text"
COUNTRY_PANEL = "country-panel"
PANEL_WRAP = "panel-wrap"  # the panel's box: hidden while no country is selected
PANEL_WHY = "panel-why"
PANEL_CLOSE = "panel-close"
STANCE_COUNTS = "stance-counts"
STANCE_CHART = "stance-chart"
TABLE = "stance-table"
TABLE_BODY = "table-body"
TABLE_FILTER = "table-filter"
TABLE_CSV = "table-csv"
TABLE_OPEN = "table-open"  # dcc.Store: set when the table is opened, so it fills then
TABLE_ROW = "table-row"  # pattern-matching type of the per-country row buttons
SORT = "sort"  # pattern-matching type of the column sort buttons
PREV_CHANGE = "prev-change"
NEXT_CHANGE = "next-change"
PLAY = "play"
PLAY_TIMER = "play-timer"
URL = "url"
HISTORY = "history"  # dcc.Store: the compact stance history sent once
BASE_MAP = "base-map"  # dcc.Store: the map figure skeleton the client recolours
SELECTED = "selected-country"  # dcc.Store: ISO3 of the open panel, or None
ROOT = "root"
EMBED_BUTTON = "embed-button"
EMBED_BOX = "embed-box"
EMBED_SNIPPET = "embed-snippet"  # the iframe + inline listener snippet; the other variants: embed_snippet_id
EMBED_CREDIT = "embed-credit"  # the one-line credit shown in embeds
EMBED_FULL_LINK = "embed-full-link"  # the credit's link to the full page for the current state
EMBED_PANEL_LINK = "embed-panel-link"  # embeds show the statement behind the colour; this links to all
EMBED_TABLE_LINK = "embed-table-link"  # "Show all countries": stands in for the table in embeds
DATA_UPDATED = "data-updated"
DATE_NOTICE = "date-notice"  # shown when ?date= is not a date of the data
VERSION = "app-version"


def embed_snippet_id(variant: str) -> str:
    """Id of the <pre> holding one embed variant's snippet ("inline" keeps the original id)."""
    return EMBED_SNIPPET if variant == "inline" else f"{EMBED_SNIPPET}-{variant}"


DATA_VERSION = "data-version"  # dcc.Store: {version, built_at, poll, base} of the data shown
LIVE_NOTICE = "live-notice"  # the quiet "Updated HH:MM" after a live update


def count_id(stance: str) -> str:
    """Id of the span holding the count of one stance."""
    return f"count-{stance}"


def region_id(region: str) -> str:
    """Id of the button that fits one region (`?region=`) to the map."""
    return f"region-{region}"


def contract() -> dict[str, str]:
    """Every element id by its Python name (the browser's copy: the JS retypes none)."""
    return {name: value for name, value in globals().items() if name.isupper() and isinstance(value, str)}
