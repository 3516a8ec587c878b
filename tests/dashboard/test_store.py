"""The data store's watcher: under gevent, builds and loads run off the hub (requests keep being served)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

from dashboard.store import off_hub
from events.loader import DEFAULT_DATA_DIR

from ..conftest import ROOT

HEADER = (
    (DEFAULT_DATA_DIR / "europe.csv").read_text().splitlines()[0].replace(",summary_es,", ",")
)  # optional column left out
ROW = (
    "20190201-tuv-hub,2019-02-01,day,TUV,guaido,statement,Test actor,A test record.,,Test,https://example.org/h,,own,\n"
)

# In a gevent-patched process (as in a gunicorn gevent worker), the build is held inside `derive`
# until a greenlet on the hub releases it. If the build ran on the hub, that greenlet could never
# run and the build would give up waiting: the watcher would have stalled every request.
SCRIPT = """
from gevent import monkey

monkey.patch_all()
import json, sys
from pathlib import Path

import gevent

from dashboard import build, store

events, out = Path(sys.argv[1]), Path(sys.argv[2])
data = store.DataStore(events, check_seconds=0.2, build_dir=out)
first = data.current().version
gate = monkey.get_original("_thread", "allocate_lock")()
gate.acquire()
seen = {"started": False, "released_by_hub": None}
real_derive = build.derive


def derive(*args):
    seen["started"] = True
    seen["released_by_hub"] = gate.acquire(timeout=20)
    return real_derive(*args)


build.derive = derive
(events / "zz-hub.csv").write_text(HEADER + "\\n" + ROW)
ticks = 0
for _ in range(1200):  # this loop is a greenlet on the hub, as a request would be
    gevent.sleep(0.05)
    ticks += 1
    if seen["started"] and gate.locked() and seen["released_by_hub"] is None:
        gate.release()
    if data.current().version != first:
        break
print(json.dumps({**seen, "ticks": ticks, "switched": data.current().version != first}))
"""


def test_gevent_watcher_builds_off_the_hub(tmp_path):
    events = tmp_path / "events"
    events.mkdir()
    shutil.copy(DEFAULT_DATA_DIR / "europe.csv", events / "europe.csv")
    script = f"HEADER = {HEADER!r}\nROW = {ROW!r}\n" + textwrap.dedent(SCRIPT)
    done = subprocess.run(
        [sys.executable, "-c", script, str(events), str(tmp_path / "build")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["started"] and result["released_by_hub"] is True and result["switched"], result


def test_off_hub_runs_inline_without_gevent_patching():
    import threading

    assert off_hub(threading.get_ident) == threading.get_ident()
