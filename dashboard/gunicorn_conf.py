"""gunicorn settings from the environment, used by `gunicorn dashboard.app:server` and `--production`.

The repository's `gunicorn.conf.py` imports this module, so plain `gunicorn dashboard.app:server`
run from the checkout picks it up; `python -m dashboard --production` loads it directly (an
installed wheel has no checkout). Every value passes `dashboard.config`, so a bad one stops the
master before any worker starts. `GUNICORN_CMD_ARGS` and command-line flags still override it.

Why gevent: each connection is a greenlet, so hundreds of idle or slowly-sending clients cost a
few kilobytes each instead of a thread; gunicorn closes a connection whose request line and
headers have not arrived within `keepalive` seconds (WBW_HEADER_TIMEOUT), which ends slowloris.
"""

from __future__ import annotations

import sys as _sys

from dashboard import config as _config
from dashboard import logs as _logs

# Only gunicorn settings are public names here: gunicorn treats every other one as a setting.
try:
    _env = _config.env_all()
except _config.ConfigError as _err:
    _sys.exit(f"who-backs-whom: {_err}")

bind = f"{_env['HOST']}:{_env['PORT']}"
workers = _env["WEB_CONCURRENCY"]
worker_class = "dashboard.gunicorn_worker.GeventWorker"  # gevent, taking bursts of connections
worker_connections = _env["WBW_WORKER_CONNECTIONS"]
keepalive = _env["WBW_HEADER_TIMEOUT"]  # gevent worker: idle keep-alive and request-header deadline
# A worker silent this long is killed and replaced. It covers the worker's boot too (building the
# app takes ~5 s, but 30-40 s on a saturated machine), so 30 s killed booting workers in a loop.
timeout = 90
graceful_timeout = 10
preload_app = False  # each worker builds its own app and data store after the fork
max_requests = 0
# Request size limits (gunicorn's defaults, stated): request line, header count and header size.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
accesslog = "-" if _env["WBW_ACCESS_LOG"] else None
errorlog = "-"
loglevel = _env["WBW_LOG_LEVEL"]
logconfig_dict = _logs.dict_config(_env["WBW_LOG_FORMAT"], _env["WBW_LOG_LEVEL"])
proc_name = "who-backs-whom"
control_socket_disable = True  # no runtime control socket (one shared path would clash between instances)
