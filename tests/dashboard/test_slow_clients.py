"""Slow and idle clients against the real gunicorn server cannot starve a normal client."""

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks.slowclients import hold_slow_clients

from ..conftest import start_server, stop_server

pytestmark = pytest.mark.slow
HEADER_TIMEOUT = 3


@pytest.fixture(scope="module")
def production():
    proc, base = start_server(
        "--production", "--workers", "1", env={"WBW_HEADER_TIMEOUT": str(HEADER_TIMEOUT), "WBW_ACCESS_LOG": "0"}
    )
    yield proc, int(base.rsplit(":", 1)[1])
    stop_server(proc)


def test_idle_and_slowloris_connections_do_not_starve_a_normal_client(production):
    """15 idle + 15 slowloris connections held 12 s: every normal request succeeds within seconds.

    Under the old gthread set-up (4 threads a worker, no header deadline) these 30 connections
    held every thread: normal requests timed out after 10 s and almost none succeeded.
    """
    _, port = production
    # a thread of its own: its asyncio loop must not meet the browser tests' loop in this thread
    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(hold_slow_clients, port, idle_n=15, loris_n=15, seconds=12).result()
    assert result.slow_opened == 30
    assert result.failures == 0
    assert len(result.latencies) >= 20  # one request every 0.1 s, with a generous allowance for a busy machine
    assert max(result.latencies) < 5000
    # the server closed every slow connection at its header deadline, well before the 12 s were up
    assert result.slow_closed_by_server == 30
