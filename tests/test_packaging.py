"""The wheel carries data and assets, and the app runs from a venv outside the repo."""

import os
import site
import subprocess
import sys
import urllib.request
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT, free_port, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    output = built.stdout + built.stderr
    for warning in (
        "SetuptoolsDeprecationWarning",
        "SetuptoolsWarning",
        "BuildBackendWarning",
        "UserWarning",
        "WARNING",
    ):
        assert warning not in output, f"the build warns: {warning}"
    return next(out.glob("*.whl"))


def test_wheel_contains_packages_data_and_assets(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "dashboard/app.py",
        "dashboard/assets/wbw-1-core.js",
        "dashboard/assets/wbw-4-callbacks.js",
        "dashboard/assets/wbw-6-embed.js",
        "dashboard/embed_host.js",
        "dashboard/assets/style.css",
        "dashboard/assets/vendor/plotly-geo.min.js",
        "events/README.md",
        "events/data/europe.csv",
        "events/ingest/statements.py",
        "events/reference/officials.csv",
        "dashboard/editor.py",
        "geodata/data/world.geojson",
        "geodata/data/countries.csv",
        "geodata/data/world_110m.json",
        "geodata/data/PROVENANCE.json",
        "geodata/source/ne_50m_admin_0_countries.geojson.gz",
    ):
        assert required in names, required
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_serves_the_app_outside_the_repo(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # Dependencies come from the test environment (no network); the project only from the wheel.
    purelib = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(purelib, "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--ignore-installed", str(wheel)],
        check=True,
    )
    where = subprocess.run(
        [str(py), "-c", "import dashboard; print(dashboard.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(purelib)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.Popen(
        [str(py), "-m", "dashboard", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(base + "/healthz", timeout=90)
        page = urllib.request.urlopen(base + "/").read().decode()
        # the app's scripts ride in the page (inert until it starts); our stylesheet is inlined
        assert "/assets/wbw-4-callbacks.js" in page and ".region-btn[aria-pressed" in page
        for asset in ("wbw-4-callbacks.js", "style.css", "wbw-boot.js"):
            assert urllib.request.urlopen(f"{base}/assets/{asset}").status == 200, asset
    finally:
        proc.terminate()
        proc.communicate(timeout=15)


def test_vendored_plotly_geo_bundle_matches_its_provenance():
    import hashlib

    vendor = ROOT / "assets" / "vendor"
    bundle = (vendor / "plotly-geo.min.js").read_bytes()
    provenance = (vendor / "PROVENANCE.md").read_text()
    assert hashlib.sha256(bundle).hexdigest() in provenance
    version = bundle[:200].decode().split(" v", 1)[1].split()[0]
    assert f"| `plotly.js-geo-dist-min` | {version} |" in provenance
