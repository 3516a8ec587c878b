"""gunicorn reads this file from the working directory: `gunicorn dashboard.app:server`."""

from dashboard.gunicorn_conf import *  # noqa: F403
