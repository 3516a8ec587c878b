"""gunicorn's gevent worker, taking up to ACCEPT_PER_TURN waiting connections per turn of its loop.

With more than one worker, gunicorn lowers gevent's `max_accept` to 1, so that workers sharing
the listening socket take turns. But a busy worker's loop turn first serves every ready request:
with 100 busy connections a turn lasts about half a second, so it took one new connection per
half second, and of 200 viewers arriving together the last ones waited over 30 s in the
kernel's backlog before any worker read their request (the 200-viewer benchmark's timeouts).
A few connections per turn keeps the workers' shares even and empties a burst in a few turns.
"""

from __future__ import annotations

from gevent.server import StreamServer
from gunicorn.workers import ggevent

ACCEPT_PER_TURN = 16


class BurstStreamServer(StreamServer):
    """gevent's StreamServer with a fixed `max_accept` (gunicorn's `= 1` is ignored)."""

    @property
    def max_accept(self) -> int:
        """Connections accepted per readiness of the listening socket."""
        return ACCEPT_PER_TURN

    @max_accept.setter
    def max_accept(self, value: int) -> None:
        """Ignore gunicorn's lowering to 1 (see the module docstring)."""


class GeventWorker(ggevent.GeventWorker):
    """gunicorn's gevent worker serving through BurstStreamServer."""

    def run(self) -> None:
        """Serve until told to stop (this worker process's gunicorn uses BurstStreamServer)."""
        ggevent.StreamServer = BurstStreamServer  # the worker is its own process: nothing else sees it
        super().run()
