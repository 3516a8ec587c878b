"""Logging set-up shared by the dev server and gunicorn: plain text or one JSON object a line.

`WBW_LOG_FORMAT=json` writes `{"time", "pid", "level", "logger", "message", ...}`; fields passed
with `extra={"event": ..., ...}` (for example on a data reload) become keys of that object.
"""

from __future__ import annotations

import json
import logging
import logging.config
import time
from typing import Any

from dashboard import config

TEXT_FORMAT = "%(asctime)s [%(process)d] %(levelname)s %(name)s: %(message)s"
# Attributes every LogRecord has; anything else on a record came from `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), pid, level, logger, message, extras."""

    converter = time.gmtime

    def format(self, record: logging.LogRecord) -> str:
        """The record as a JSON line."""
        out: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S") + f".{int(record.msecs):03d}Z",
            "pid": record.process,
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            out["exception"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str, ensure_ascii=False)


def dict_config(fmt: str | None = None, level: str | None = None) -> dict:
    """A logging.config dictionary for the app's, gunicorn's error and access loggers."""
    fmt = fmt or config.env("WBW_LOG_FORMAT")
    level = (level or config.env("WBW_LOG_LEVEL")).upper()
    formatter = {"()": JsonFormatter} if fmt == "json" else {"format": TEXT_FORMAT}
    handler = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stderr"}
    access = {"class": "logging.StreamHandler", "formatter": "main", "stream": "ext://sys.stdout"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"main": formatter},
        "handlers": {"main": handler, "access": access},
        "root": {"handlers": ["main"], "level": level},
        "loggers": {
            "gunicorn.error": {"handlers": ["main"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }


def configure(fmt: str | None = None, level: str | None = None) -> None:
    """Configure logging for this process (the dev server; gunicorn uses `dict_config`)."""
    logging.config.dictConfig(dict_config(fmt, level))
