"""The JS takes element ids from Python (dashboard/ids.py, in the page's contract block)."""

import json
import re

from dashboard import ids
from dashboard.app import create_app

from ..conftest import ROOT

ASSETS = sorted((ROOT / "assets").glob("wbw-*.js"))


def test_the_page_carries_every_id_in_its_contract_block():
    page = create_app().server.test_client().get("/").get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="wbw-contract">(.*?)</script>', page)
    assert block and json.loads(block.group(1))["ids"] == ids.contract()
    assert ids.contract()["PANEL_WRAP"] == "panel-wrap" and ids.contract()["MAP"] == "map"


def test_no_script_retypes_an_element_id():
    values = "|".join(re.escape(v) for v in sorted(ids.contract().values(), key=len, reverse=True))
    forms = [
        rf"getElementById\(\s*[\"'](?:{values})[\"']",  # document.getElementById("map")
        rf"[\"'][^\"'\n]*#(?:{values})(?![\w-])",  # a selector "#map .js-plotly-plot"
        rf"set_props\(\s*[\"'](?:{values})[\"']",  # dash_clientside.set_props("play", ...)
        rf"[\"'](?:{values})\.\w+[\"']",  # a prop id "stance-chart.clickData"
    ]
    found = [
        f"{path.name}:{text[: m.start()].count(chr(10)) + 1}: {m.group(0)}"
        for path in ASSETS
        for text in [path.read_text(encoding="utf-8")]
        for form in forms
        for m in re.finditer(form, text)
    ]
    assert not found, found
