import pytest

from dashboard import callbacks
from dashboard.app import create_app


@pytest.fixture(scope="module")
def app():
    return create_app()


def texts(component) -> list[str]:
    out = []

    def walk(c):
        if isinstance(c, str):
            out.append(c)
        elif isinstance(c, list | tuple):
            for x in c:
                walk(x)
        elif hasattr(c, "children"):
            walk(c.children)

    walk(component)
    return out


def test_panel_lists_country_events_in_date_order(app):
    with app.server.test_request_context("/"):
        children = callbacks.panel_children("BOL")
    assert children[0].children == "Bolivia"
    items = children[1].children
    dates = [li.children[0].dateTime for li in items]
    assert dates == sorted(dates)
    assert any("Morales" in " ".join(texts(li)) for li in items)


def test_panel_links_open_safely(app):
    with app.server.test_request_context("/"):
        children = callbacks.panel_children("ESP")
    for li in children[1].children:
        link = li.children[-1]
        assert link.target == "_blank" and "noopener" in link.rel
        assert link.href.startswith(("http://", "https://"))


@pytest.mark.parametrize("bad", [None, "", "ZZZ", "<script>", "esp"])
def test_panel_for_unknown_country_is_empty(app, bad):
    with app.server.test_request_context("/"):
        assert callbacks.panel_children(bad) == []
