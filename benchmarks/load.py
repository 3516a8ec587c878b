"""Server figures against the production server, on loopback only, bounded in count and time."""

from __future__ import annotations

import asyncio
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.servers import launch

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only


@dataclass
class LoadResult:
    """Latencies (ms), errors and memory samples of one load run."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    memory_mb: list[list[float]] = field(default_factory=list)  # per sample, per worker

    @property
    def throughput(self) -> float:
        """Requests per second."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def start_production(port: int, workers: int = 2) -> tuple[subprocess.Popen, float]:
    """Start `python -m dashboard --production`; return it and the cold-start seconds."""
    t0 = time.monotonic()
    argv = [sys.executable, "-m", "dashboard", "--production", "--host", HOST, "--port", str(port)]
    proc = launch([*argv, "--workers", str(workers)], f"http://{HOST}:{port}/healthz", timeout=120, poll=0.05)
    return proc, time.monotonic() - t0


def worker_rss_mb(master: int) -> list[float]:
    """Resident memory (MB) of each gunicorn worker (children of the master)."""
    out = []
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                out.append(int(line.split()[1]) / 1024)
    return out


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> int:
    """One keep-alive GET with gzip accepted; returns the status code."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept-Encoding: gzip\r\n\r\n".encode())
    await writer.drain()
    status_line = await reader.readline()
    status = int(status_line.split()[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.decode().partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    return status


async def viewer(port: int, paths: list[str], until: float, result: LoadResult) -> None:
    """One simulated viewer looping over `paths` on one connection until `until`."""
    reader, writer = await asyncio.open_connection(HOST, port)
    try:
        while time.monotonic() < until:
            for path in paths:
                t0 = time.perf_counter()
                try:
                    status = await asyncio.wait_for(fetch(reader, writer, path), timeout=30)
                except (TimeoutError, OSError, ValueError, asyncio.IncompleteReadError):
                    result.errors += 1
                    writer.close()
                    reader, writer = await asyncio.open_connection(HOST, port)
                    continue
                result.latencies.append((time.perf_counter() - t0) * 1000)
                if status >= 400:
                    result.errors += 1
    finally:
        writer.close()


async def sample_memory(master: int, until: float, result: LoadResult, every: float = 5.0) -> None:
    """Record worker memory every few seconds during the run."""
    while time.monotonic() < until:
        result.memory_mb.append(worker_rss_mb(master))
        await asyncio.sleep(every)
    result.memory_mb.append(worker_rss_mb(master))


def run_load(port: int, master: int, clients: int, seconds: float, paths_for) -> LoadResult:
    """`clients` concurrent viewers for `seconds` (bounded), each looping over paths_for(i)."""
    result = LoadResult()

    async def main() -> None:
        until = time.monotonic() + seconds
        t0 = time.monotonic()
        tasks = [viewer(port, paths_for(i), until, result) for i in range(clients)]
        await asyncio.gather(sample_memory(master, until, result), *tasks)
        result.seconds = time.monotonic() - t0

    asyncio.run(main())
    return result


def random_date(rng: random.Random) -> str:
    """A random date within the data's range (which starts on 10 January 2019)."""
    day = f"{rng.randint(2019, 2022)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return max(day, "2019-01-10")  # earlier dates are outside the range: a 400 since the range check


def viewer_paths(i: int) -> list[str]:
    """What one simulated viewer loads: the page, its layout and the API for a date."""
    rng = random.Random(i)
    return ["/", "/_dash-layout", f"/api/stances.csv?date={random_date(rng)}"]


def cpu_count() -> int:
    """Cores available to this process."""
    return len(os.sched_getaffinity(0))
