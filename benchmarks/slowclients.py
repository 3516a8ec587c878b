"""Slow and idle clients against the production server: `python -m benchmarks.slowclients`.

Opens idle TCP connections (connect, send nothing) and slowloris connections (a partial request,
one more header line every few seconds), holds them for a bounded time, and meanwhile measures
a normal client (a fresh connection per `GET /healthz`). Then kills one worker under load and
checks that its replacement answers its share. Loopback only; every loop is bounded.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import statistics
import sys
import time
from dataclasses import dataclass, field

from benchmarks.load import HOST, start_production
from tests.servers import stop_server

PATH = "/healthz"


@dataclass
class SlowResult:
    """A normal client's latencies (ms) and failures while slow clients were held."""

    latencies: list[float] = field(default_factory=list)
    failures: int = 0
    slow_closed_by_server: int = 0
    slow_opened: int = 0

    def p(self, q: float) -> float:
        """The q-quantile of the latencies (ms); inf when nothing succeeded."""
        if not self.latencies:
            return float("inf")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def get(path: str, port: int, timeout: float) -> tuple[int, bytes]:
    """One request on a fresh connection; (status, body)."""

    async def run() -> tuple[int, bytes]:
        reader, writer = await asyncio.open_connection(HOST, port)
        try:
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
            await writer.drain()
            raw = await reader.read()
        finally:
            writer.close()
        head, _, body = raw.partition(b"\r\n\r\n")
        return int(head.split()[1]), body

    return await asyncio.wait_for(run(), timeout)


async def idle(port: int, until: float, result: SlowResult) -> None:
    """Connect and send nothing until `until` (or until the server closes us)."""
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError:
        return
    result.slow_opened += 1
    try:
        data = await asyncio.wait_for(reader.read(1), max(0.0, until - time.monotonic()))
        if data == b"" or data:
            result.slow_closed_by_server += 1
    except (TimeoutError, OSError):
        pass
    finally:
        writer.close()


async def slowloris(port: int, until: float, result: SlowResult, every: float = 2.0) -> None:
    """Send a request's headers one line every `every` seconds, never finishing them."""
    try:
        reader, writer = await asyncio.open_connection(HOST, port)
    except OSError:
        return
    result.slow_opened += 1
    try:
        writer.write(f"GET / HTTP/1.1\r\nHost: {HOST}\r\n".encode())
        await writer.drain()
        n = 0
        while time.monotonic() < until:
            try:
                data = await asyncio.wait_for(reader.read(1), every)
            except TimeoutError:
                data = None
            if data is not None:  # the server answered or closed the connection
                result.slow_closed_by_server += 1
                return
            n += 1
            writer.write(f"X-Slow-{n}: {n}\r\n".encode())
            await writer.drain()
    except OSError:
        result.slow_closed_by_server += 1
    finally:
        writer.close()


async def normal(port: int, until: float, result: SlowResult, every: float = 0.1) -> None:
    """A normal client: one fresh-connection request every `every` seconds until `until`."""
    while time.monotonic() < until:
        t0 = time.perf_counter()
        try:
            status, _ = await get(PATH, port, timeout=10)
            if status != 200:
                result.failures += 1
            else:
                result.latencies.append((time.perf_counter() - t0) * 1000)
        except (TimeoutError, OSError, ValueError, IndexError):
            result.failures += 1
        await asyncio.sleep(max(0.0, every - (time.perf_counter() - t0)))


def hold_slow_clients(port: int, idle_n: int = 200, loris_n: int = 50, seconds: float = 30.0) -> SlowResult:
    """Hold idle and slowloris connections for `seconds` while a normal client measures."""
    result = SlowResult()

    async def main() -> None:
        until = time.monotonic() + seconds
        slow = [idle(port, until, result) for _ in range(idle_n)]
        slow += [slowloris(port, until, result) for _ in range(loris_n)]
        tasks = [asyncio.create_task(t) for t in slow]
        await asyncio.sleep(1.0)  # let them connect and start their headers first
        await normal(port, until, result)
        await asyncio.gather(*tasks)

    asyncio.run(main())
    return result


def workers_of(master: int) -> list[int]:
    """The gunicorn workers (children) of a master process."""
    return [int(p) for p in open(f"/proc/{master}/task/{master}/children").read().split()]


def kill_one_worker(port: int, master: int, seconds: float = 15.0, clients: int = 8) -> dict:
    """Kill a worker under load; once its replacement answers, count answers per worker."""
    victim = workers_of(master)[0]
    per_worker: dict[int, int] = {}
    failures = 0
    errors: set[str] = set()
    phase = {"counting": False}

    async def client(stop: asyncio.Event) -> None:
        nonlocal failures
        while not stop.is_set():
            try:
                _, body = await get(PATH, port, timeout=10)
                pid = json.loads(body)["worker"]
                if phase["counting"]:
                    per_worker[pid] = per_worker.get(pid, 0) + 1
                elif pid not in (victim, *survivors):
                    phase["counting"] = True  # the replacement is up: count from here
            except (TimeoutError, OSError, ValueError, KeyError, IndexError) as err:
                failures += 1
                errors.add(type(err).__name__)
                await asyncio.sleep(0.05)  # a refused connection fails at once: do not spin

    survivors = [p for p in workers_of(master) if p != victim]

    async def main() -> float:
        stop = asyncio.Event()
        tasks = [asyncio.create_task(client(stop)) for _ in range(clients)]
        await asyncio.sleep(2.0)
        os.kill(victim, signal.SIGKILL)
        killed = time.monotonic()
        while not phase["counting"] and time.monotonic() - killed < 120:
            await asyncio.sleep(0.1)
        up = time.monotonic() - killed
        await asyncio.sleep(seconds if phase["counting"] else 0)
        stop.set()
        await asyncio.gather(*tasks)
        return up

    replaced_after = asyncio.run(main())
    total = sum(per_worker.values()) or 1
    return {
        "victim": victim,
        "replacement_answering_after_s": round(replaced_after, 1),
        "share_after": {pid: round(n / total, 2) for pid, n in per_worker.items()},
        "requests_counted": sum(per_worker.values()),
        "failures": failures,
        "errors": sorted(errors),
    }


def main() -> int:
    """Run both measurements and print them as JSON."""
    with socket.socket() as s:
        s.bind((HOST, 0))
        port = s.getsockname()[1]
    proc, _ = start_production(port)
    try:
        load = os.getloadavg()
        slow = hold_slow_clients(port, seconds=float(os.environ.get("SLOW_SECONDS", "30")))
        kill = kill_one_worker(port, proc.pid)
    finally:
        stop_server(proc)
    out = {
        "loadavg_before": [round(x, 2) for x in load],
        "normal_requests": len(slow.latencies) + slow.failures,
        "failures": slow.failures,
        "p50_ms": round(statistics.median(slow.latencies), 1) if slow.latencies else None,
        "p99_ms": round(slow.p(0.99), 1),
        "max_ms": round(max(slow.latencies), 1) if slow.latencies else None,
        "slow_connections_opened": slow.slow_opened,
        "slow_connections_closed_by_server": slow.slow_closed_by_server,
        "kill": kill,
    }
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
