"""Production serving: gunicorn with N stateless workers (`python -m dashboard --production`)."""

from __future__ import annotations

from gunicorn.app.base import BaseApplication


class Production(BaseApplication):
    """A gunicorn application that builds the app in each worker after the fork."""

    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        """Apply our options to gunicorn's config."""
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        """Build the WSGI app (in the worker, so each has its own data store)."""
        from dashboard.app import server  # honours WBW_EVENTS, WBW_FRAME_ANCESTORS, ...

        return server


def options(host: str, port: int, workers: int) -> dict:
    """Gunicorn settings: threads for slow clients, bounded timeouts, access log to stdout."""
    return {
        "bind": f"{host}:{port}",
        "workers": max(1, workers),
        "threads": 4,
        "worker_class": "gthread",
        "timeout": 30,
        "graceful_timeout": 10,
        "keepalive": 5,
        "preload_app": False,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
    }


def serve(host: str, port: int, workers: int) -> int:
    """Run gunicorn in the foreground."""
    Production(options(host, port, workers)).run()
    return 0
