"""Production serving: gunicorn with the settings of `dashboard.gunicorn_conf` (`--production`)."""

from __future__ import annotations

import importlib

from gunicorn.app.base import BaseApplication

CONFIG_MODULE = "dashboard.gunicorn_conf"


class Production(BaseApplication):
    """A gunicorn application that builds the app in each worker after the fork."""

    def load_config(self) -> None:
        """Our settings module first, then GUNICORN_CMD_ARGS, as `gunicorn -c` would apply them."""
        settings = vars(importlib.import_module(CONFIG_MODULE))
        for key, value in settings.items():
            if key in self.cfg.settings and not key.startswith("_"):
                self.cfg.set(key, value)
        args = self.cfg.parser().parse_args(self.cfg.get_cmd_args_from_env())
        for key, value in vars(args).items():
            if value is not None and key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self):
        """Build the WSGI app (in the worker, so each has its own data store)."""
        from dashboard.app import server  # honours WBW_EVENTS, WBW_FRAME_ANCESTORS, ...

        return server


def serve() -> int:
    """Run gunicorn in the foreground (HOST, PORT, WEB_CONCURRENCY and WBW_* from the environment)."""
    Production().run()
    return 0
