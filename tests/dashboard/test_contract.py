"""The JS takes element ids from Python (dashboard/ids.py, in the page's contract block)."""

import json
import re

from dashboard import ids
from dashboard.app import create_app
from events.crisis import load_crisis

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


CRISES = [load_crisis(), *(load_crisis(p) for p in sorted((ROOT / "crises").iterdir()) if p.is_dir())]
# geodata names countries by nature (its boundary decisions name Taiwan); the crisis code must not
CODE = sorted([*(ROOT / "dashboard").glob("*.py"), *(ROOT / "events").glob("*.py")])


def crisis_literals(text: str) -> list[str]:
    """Quoted stance values, subject codes and subject names of any crisis file found in `text`."""
    words = {s for c in CRISES for s in (*c.stance_values(), c.subject)}
    names = {n for c in CRISES for n in c.texts["subject_label"].values()}
    forms = [
        rf"[\"'](?:{'|'.join(map(re.escape, sorted(words)))})[\"']",  # "guaido", 'TWN'
        rf"[\"'][^\"'\n]*\b(?:{'|'.join(map(re.escape, sorted(names)))})\b",  # "Venezuela is the subject…"
        r"[\"']count-[\"']",  # the legend count ids are the payload's `countIds`
    ]
    return [m.group(0) for form in forms for m in re.finditer(form, text)]


def test_no_script_retypes_a_stance_value_a_subject_or_its_name():
    found = {path.name: hits for path in ASSETS if (hits := crisis_literals(path.read_text(encoding="utf-8")))}
    assert not found, found


def test_no_python_module_names_a_stance_value_a_subject_or_its_name():
    found = {
        str(path.relative_to(ROOT)): hits
        for path in CODE
        if (hits := crisis_literals(path.read_text(encoding="utf-8")))
    }
    assert not found, found


def test_the_contract_check_sees_a_retyped_stance_order():
    assert crisis_literals('var order = ["guaido", "maduro", "none"];') == ['"guaido"', '"maduro"']
    assert crisis_literals('text: "Venezuela is the subject"') and crisis_literals("set_props('count-' + s)")
