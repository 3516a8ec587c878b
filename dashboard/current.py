"""The data behind the current request: the app's store (set by `create_app`) and its data.

Routes, the API and callbacks read the data through here, so none of them imports `app.py`
(which imports them): the modules form no circle.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import flask

if TYPE_CHECKING:
    from dashboard.store import AppData, DataStore

STORE_KEY = "WBW_STORE"


def set_store(server: flask.Flask, store: DataStore) -> None:
    """Attach an app's data store to its Flask server."""
    server.config[STORE_KEY] = store


def get_store() -> DataStore:
    """The current app's data store (inside a request)."""
    return flask.current_app.config[STORE_KEY]


def get_data() -> AppData:
    """The current app's data (inside a request), reloaded if the events files changed."""
    return get_store().current()
