"""Browser tests of the analyst tools: compare, story, own-only filter, shares, ticks, cite/export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import geodata
from dashboard import theme
from dashboard.analyst_layout import IDS
from dashboard.payload import day_range
from events import build_timeline, default_timeline, stances_on, with_basis
from events.analysis import changes_between, shares_on, transition_counts
from events.crisis import load_crisis

from .test_browser import NONE_RGB, computed_fill, load, state_fills

LOOK = theme.for_crisis(load_crisis())  # the shipped crisis's categories, labels and colours

pytestmark = pytest.mark.browser

A, B = "2019-03-01", "2021-01-07"


def path_style(page, iso3: str) -> dict:
    return page.evaluate(
        """(iso) => { const el = [...document.querySelectorAll('#map .choroplethlocation')]
            .find(e => e.__data__ && e.__data__.loc === iso && e.closest('g.trace').__data__[0].trace.name === 'states');
            const s = getComputedStyle(el);
            return {fill: s.fill, opacity: s.fillOpacity, changed: el.classList.contains('wbw-changed')}; }""",
        iso3,
    )


def names() -> dict[str, str]:
    states = geodata.load_boundaries()
    return dict(zip(states["iso3"], states["name"]))


def test_compare_marks_switchers_lists_them_and_keeps_the_url(watched, live_server):
    page = watched.page
    changes = changes_between(A, B, default_timeline())
    switched = set(changes["iso3"])
    steady = next(i for i in ("USA", "CAN", "BRA") if i not in switched)
    mover = changes.iloc[0]
    load(watched, f"{live_server}/?date={B}")
    plain = path_style(page, mover["iso3"]), path_style(page, steady)
    assert page.locator(f"#{IDS['compareView']}").is_hidden()
    page.fill(f"#{IDS['compareDate']}", A)
    page.wait_for_function("() => new URLSearchParams(location.search).get('compare') === '2019-03-01'")
    page.wait_for_selector(f"#{IDS['compareView']}", state="visible")
    moved, kept = path_style(page, mover["iso3"]), path_style(page, steady)
    # the switcher keeps its new stance's colour and is marked; an unchanged country is muted
    assert moved["fill"] == computed_fill(mover["to"]) and moved["changed"] and not plain[0]["changed"]
    assert float(kept["opacity"]) < 0.5 <= float(plain[1]["opacity"])
    items = page.locator(f"#{IDS['compareList']} li.switcher")
    assert items.count() == len(changes)
    listed = set(items.evaluate_all("els => els.map(e => e.dataset.iso3)"))
    assert listed == switched
    assert names()[mover["iso3"]] in page.inner_text(f"#{IDS['compareList']}")
    hrefs = page.locator(f"#{IDS['compareList']} a").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all(h.startswith(("http://", "https://")) for h in hrefs)
    legend = page.inner_text(f"#{IDS['compareLegend']}").replace("\n", " ")
    for row in transition_counts(changes).itertuples(index=False):
        label = f"{LOOK.labels[row[0]]} → {LOOK.labels[row[1]]}: {row[2]}"
        assert label in legend
    assert watched.callback_requests() == []  # comparing is clientside
    page.go_back()
    page.wait_for_selector(f"#{IDS['compareView']}", state="hidden")
    assert not path_style(page, mover["iso3"])["changed"]
    page.go_forward()
    page.wait_for_selector(f"#{IDS['compareView']}", state="visible")
    assert watched.errors == []


def test_compare_deep_link_opens_in_compare_mode(watched, live_server):
    load(watched, f"{live_server}/?date={B}&compare={A}")
    watched.page.wait_for_selector(f"#{IDS['compareView']}", state="visible")
    assert watched.page.get_attribute(f"#{IDS['compareToggle']}", "aria-pressed") == "true"
    assert watched.page.locator(f"#{IDS['compareList']} li.switcher").count() == len(
        changes_between(A, B, default_timeline())
    )


def test_an_embed_keeps_the_compare_view_without_the_tools(watched, live_server):
    page = watched.page
    mover = changes_between(A, B, default_timeline()).iloc[0]
    load(watched, f"{live_server}/?date={B}&compare={A}&embed=1")
    page.wait_for_selector(f"#{IDS['compareView']}", state="visible")
    assert path_style(page, mover["iso3"])["changed"]
    assert page.locator(f"#{IDS['compareToggle']}").is_hidden()


def test_story_steps_move_the_date_and_open_the_panel(watched, live_server):
    page = watched.page
    steps = history_story()
    load(watched, f"{live_server}/?story=1")
    page.wait_for_selector(f"#{IDS['storyBox']}", state="visible")
    assert page.inner_text(f"#{IDS['storyTitle']}") == steps[0]["title"]
    target = next(i for i, s in enumerate(steps) if i > 0 and s["country"])
    for _ in range(target):
        page.click(f"#{IDS['storyNext']}")
    step = steps[target]
    page.wait_for_function(
        "(iso) => window.wbwLib.current.day !== null && document.getElementById('date-text').textContent === iso",
        arg=page.evaluate("(d) => window.wbwLib.fmtDay(window.wbwHistory(), d)", step["day"]),
    )
    page.wait_for_selector("#panel-wrap", state="visible")
    page.wait_for_function(
        "(n) => document.querySelector('#country-panel h2')?.textContent === n", arg=names()[step["country"]]
    )
    assert page.inner_text(f"#{IDS['storyCaption']}") == step["caption"]
    assert page.get_attribute(f"#{IDS['storySource']}", "href") == step["sourceUrl"]
    assert f"step={target + 1}" in page.url
    assert_region(page, step["region"])
    other = next(i for i, s in enumerate(steps) if i > target and s["region"] and s["region"] != step["region"])
    for _ in range(other - target):
        page.click(f"#{IDS['storyNext']}")
    assert_region(page, steps[other]["region"])
    page.click(f"#{IDS['storyExit']}")
    page.wait_for_selector(f"#{IDS['storyBox']}", state="hidden")
    assert "story=" not in page.url
    assert watched.errors == []


def assert_region(page, name: str) -> None:
    """The map shows a region's view: its pressed button, the map's own longitudes, the URL."""
    page.wait_for_function(
        "(n) => document.getElementById('region-' + n).getAttribute('aria-pressed') === 'true'"
        " && document.querySelector('#map .js-plotly-plot').getAttribute('data-region') === n",
        arg=name,
    )
    lon = page.evaluate("() => document.querySelector('#map .js-plotly-plot')._fullLayout.geo.lonaxis.range")
    view = page.evaluate("(n) => window.wbwHistory().regions[n].geo.lonaxis.range", name)
    assert lon[0] <= view[0] + 1e-6 and lon[1] >= view[1] - 1e-6, (lon, view)  # the fitted view only grows
    page.wait_for_function("(n) => (new URL(location).searchParams.get('region') || 'world') === n", arg=name)


def history_story() -> list[dict]:
    from dashboard.analyst_payload import story_steps

    return story_steps(default_timeline(), day_range(default_timeline()))


def test_own_statements_only_drops_positions_set_by_a_bloc(watched, live_server):
    page = watched.page
    day = "2023-01-10"
    everything = dict(zip(*stances_on(day, default_timeline())[["iso3", "stance"]].T.values))
    own = dict(
        zip(*stances_on(day, build_timeline(with_basis(default_timeline().events, "own")))[["iso3", "stance"]].T.values)
    )
    only_joint = sorted(set(everything) - set(own))
    assert "BWA" in only_joint  # Botswana: coloured by the SADC's joint statement alone
    load(watched, f"{live_server}/?date={day}&country=BWA")
    assert path_style(page, "BWA")["fill"] == computed_fill(everything["BWA"])
    page.wait_for_selector("#country-panel .ev-basis")
    assert "Joint statement of a bloc" in page.inner_text("#country-panel")
    none_before = int(page.inner_text("#count-none"))
    page.click(f"#{IDS['ownOnly']}")
    page.wait_for_function("() => new URLSearchParams(location.search).get('own') === '1'")
    page.wait_for_function("(n) => document.getElementById('count-none').textContent !== n", arg=str(none_before))
    fills = state_fills(page)
    assert path_style(page, "BWA")["fill"] == NONE_RGB
    own_days = page.evaluate("() => window.wbwHistory().ownChangeDays.length")
    assert (
        page.locator(".slider-tick").count() == own_days < len(page.evaluate("() => window.wbwHistory().allChangeDays"))
    )
    assert all(fills[i] == NONE_RGB for i in only_joint if i in fills and i != "BWA")
    assert int(page.inner_text("#count-none")) == none_before + len(only_joint)
    page.click(f"#{IDS['ownOnly']}")
    page.wait_for_function("() => !new URLSearchParams(location.search).get('own')")
    page.wait_for_function("(n) => document.getElementById('count-none').textContent === n", arg=str(none_before))
    assert path_style(page, "BWA")["fill"] == computed_fill(everything["BWA"])
    assert watched.errors == []


def test_shares_table_and_population_chart_toggle(watched, live_server):
    page = watched.page
    day = "2019-02-05"
    load(watched, f"{live_server}/?date={day}")
    page.click(".shares-wrap summary")
    states = geodata.load_boundaries()
    expected = shares_on(day, default_timeline(), states[["iso3", "un_member", "pop_est"]])
    for row in expected.itertuples(index=False):
        text = page.inner_text(f"#{IDS['sharesBody']} tr[data-stance='{row.stance}']")
        assert f"\t{row.countries}\t" in text
        assert f"{row.un_members} ({row.un_share * 100:.1f}%)" in text
        assert f"({row.population_share * 100:.1f}%)" in text
    chart = "#stance-chart .js-plotly-plot"
    label = LOOK.labels["guaido"]
    guaido_last = f"() => document.querySelector('{chart}').data.find(t => t.name === {label!r}).y.slice(-1)[0]"
    counts = page.evaluate(guaido_last)
    page.click(f"#{IDS['chartPopulation']}")
    page.wait_for_function(f"() => document.querySelector('{chart}').dataset.measure === 'population'")
    last = page.evaluate(guaido_last)
    end = default_timeline().events["date"].max()
    assert last == int(shares_on(end, default_timeline(), states).set_index("stance").at["guaido", "population"])
    page.click(f"#{IDS['chartPopulation']}")
    page.wait_for_function(f"() => document.querySelector('{chart}').dataset.measure === 'countries'")
    assert page.evaluate(guaido_last) == counts
    assert watched.callback_requests() == []


def test_slider_ticks_and_the_changed_today_list(watched, live_server):
    page = watched.page
    day = "2019-01-23"
    load(watched, f"{live_server}/?date={day}")
    h_days = page.evaluate("() => window.wbwHistory().changeDays")
    ticks = page.locator(".slider-tick")
    assert ticks.count() == len(h_days) > 10
    rail = page.locator("#date-slider").bounding_box()
    xs = ticks.evaluate_all("els => els.map(e => e.getBoundingClientRect().x)")
    assert all(rail["x"] - 1 <= x <= rail["x"] + rail["width"] + 1 for x in xs)
    tl = default_timeline().changes
    today = sorted(set(tl.loc[tl["date"] == day, "iso3"]))
    buttons = page.locator(f"#{IDS['changedToday']} button[data-iso3]")
    assert sorted(buttons.evaluate_all("els => els.map(e => e.dataset.iso3)")) == today
    assert buttons.evaluate_all("els => els.filter(e => e.offsetParent !== null).length") == min(6, len(today))
    if len(today) > 6:
        page.click(f"#{IDS['changedToday']} .changed-more")
        page.wait_for_function("() => !document.querySelector('#changed-today .changed-more')")
        assert buttons.evaluate_all("els => els.filter(e => e.offsetParent !== null).length") == len(today)
    page.click(f"#{IDS['changedToday']} button[data-iso3='USA']")
    page.wait_for_function("() => document.querySelector('#country-panel h2')?.textContent === 'United States'")
    # the panel's strip: the USA's stance runs over the whole period, the date marked
    page.wait_for_selector(f"#{IDS['runs']} .run")
    usa = tl[tl["iso3"] == "USA"].sort_values("date", kind="stable")
    start = default_timeline().events["date"].min().normalize().replace(year=2019, month=1, day=10)
    expected = [theme.NONE] if usa["date"].iloc[0] > start else []
    for stance in usa["stance"]:
        if not expected or expected[-1] != stance:
            expected.append(stance)
    segments = page.locator(f"#{IDS['runs']} .run").evaluate_all("els => els.map(e => e.dataset.stance)")
    assert segments == expected
    assert page.locator(f"#{IDS['runs']} .run-now").count() == 1
    page.click("#next-change")
    page.wait_for_function("(d) => document.getElementById('date-text').textContent !== d", arg="23 Jan 2019")
    assert page.locator(f"#{IDS['changedToday']} button[data-iso3='USA']").count() == 0 or "USA" in set(
        tl.loc[tl["date"] == "2019-01-24", "iso3"]
    )


def test_cite_and_download_the_visible_state(watched, live_server):
    page = watched.page
    day = "2020-06-01"
    load(watched, f"{live_server}/?date={day}")
    page.click(".cite-export summary")
    cite = page.inner_text(f"#{IDS['citeText']}")
    version = page.evaluate("() => window.wbwHistory().dataVersion")
    assert version in cite and "1 Jun 2020" in cite and page.url in cite
    with page.expect_download() as info:
        page.click(f"#{IDS['exportCsv']}")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    expected = dict(zip(*stances_on(day, default_timeline())[["iso3", "stance"]].T.values))
    assert len(rows) == len(geodata.load_boundaries())
    for row in rows:
        if row["iso3"] != "VEN":
            assert row["stance"] == expected.get(row["iso3"], theme.NONE), row["iso3"]
        assert not row["source_url"] or row["source_url"].startswith(("http://", "https://"))
    assert any(r["quote"] for r in rows)
    with page.expect_download() as info:
        page.click(f"#{IDS['exportJson']}")
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data["date"] == day and data["dataVersion"] == version
    assert {r["iso3"]: r["stance"] for r in data["countries"]} == {r["iso3"]: r["stance"] for r in rows}
