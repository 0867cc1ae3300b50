"""briefing as a desk installs it: a wheel, installed (not editable) in a fresh virtual
environment outside the checkout, used in a folder that holds only a desk's files.

The fresh environment gets its dependencies from the checkout's locked environment through a
path entry (no download), and briefing itself only from the wheel: nothing can be found in
the source tree, which is what a pipx, CI or pre-commit install sees.
"""

from __future__ import annotations

import re
import shutil
import site
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.pipeline


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    # from a copy of the sources: setuptools leaves its own build/ folder where it builds,
    # and the checkout's build/ holds the briefs
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".venv", "build", ".git", "*.egg-info",
                                                                "__pycache__", ".hypothesis", ".pytest_cache"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(work), str(source)], check=True, capture_output=True, timeout=300)
    return next(work.glob("briefing-*.whl"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """The bin folder of a fresh environment holding briefing from its wheel."""
    work = tmp_path_factory.mktemp("install")
    subprocess.run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(work / "venv")],
                   check=True, capture_output=True, timeout=300)
    purelib = next((work / "venv" / "lib").glob("python3*/site-packages"))
    # the locked dependencies, not briefing: the checkout's editable hook lives in a .pth file,
    # and .pth files are not read from a path added this way
    (purelib / "locked-dependencies.pth").write_text(site.getsitepackages()[0] + "\n")
    bin_dir = work / "venv" / "bin"
    subprocess.run([str(bin_dir / "pip"), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True, timeout=300, cwd=work)
    return bin_dir


def run(bin_dir: Path, desk: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "briefing"), *args], cwd=desk, capture_output=True, text=True,
                          timeout=timeout)


def test_the_wheel_carries_the_theme_catalogs_and_scaffold(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("briefing/theme/brief.html.j2", "briefing/theme/brief.css", "briefing/theme/sections/chronology.html.j2",
                   "briefing/theme/figures/timeline.html.j2", "briefing/theme/figures/world/countries-50m.json",
                   "briefing/theme/figures/text-widths.json", "briefing/locale/messages.pot",
                   "briefing/locale/ko/LC_MESSAGES/messages.po", "briefing/model/claims.py",
                   "briefing/scaffold/facts.yaml", "briefing/scaffold/.github/workflows/brief.yml",
                   "briefing/scaffold/.pre-commit-config.yaml", "briefing/scaffold/.gitignore"):
        assert needed in names, needed


def test_briefing_runs_from_the_wheel_alone(installed, tmp_path):
    where = subprocess.run([str(installed / "python"), "-c", "import briefing, briefing.paths as p; "
                            "print(briefing.__file__); print(p.THEME / 'brief.html.j2')"],
                           cwd=tmp_path, capture_output=True, text=True, check=True).stdout.splitlines()
    assert not where[0].startswith(str(ROOT))       # the installed copy, not the checkout
    assert Path(where[1]).is_file()                  # the built-in theme is package data
    desk = tmp_path / "desk"
    desk.mkdir()
    assert run(installed, desk, "init").returncode == 0
    checked = run(installed, desk, "check")
    assert checked.returncode == 0 and "0 errors, 0 warnings" in checked.stdout
    built = run(installed, desk, "build", "--quiet")
    assert built.returncode == 0, built.stderr
    assert (desk / "build" / "brief.en.pdf").read_bytes().startswith(b"%PDF-")
    html = (desk / "build" / "brief.en.html").read_text(encoding="utf-8")
    assert "<h1>Power cut in the harbour district</h1>" in html  # the starter's title
    verified = run(installed, desk, "verify", "build/brief.en.pdf")
    assert verified.returncode == 0 and "identical" in verified.stdout, verified.stdout + verified.stderr


def test_the_preview_serves_from_the_wheel(installed, tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    run(installed, desk, "init")
    preview = subprocess.Popen([str(installed / "briefing"), "watch", "--port", "0"], cwd=desk,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        address = None
        deadline = time.monotonic() + 120
        while address is None and time.monotonic() < deadline:
            line = preview.stdout.readline()
            found = re.search(r"serving (http://127\.0\.0\.1:\d+/)", line)
            address = found.group(1) if found else None
        assert address, "the preview never said where it serves"
        page = urllib.request.urlopen(address, timeout=30).read().decode("utf-8")
        assert "Power cut in the harbour district" in page
    finally:
        preview.terminate()
        preview.wait(timeout=30)


def test_the_pre_commit_hook_checks_a_repository_of_fact_bases(installed, tmp_path):
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]
    # pre-commit installs a `language: python` hook from the repository (pip install ., not
    # editable) and runs its entry with the matching files
    assert hook["language"] == "python" and hook["entry"] == "briefing check"
    repo = tmp_path / "repo"
    (repo / "a").mkdir(parents=True)
    run(installed, repo / "a", "init")
    broken = (repo / "a" / "facts.yaml").read_text(encoding="utf-8").replace("    credibility: 2\n", "", 1)
    (repo / "b").mkdir()
    (repo / "b" / "facts.yaml").write_text(broken, encoding="utf-8")
    files = [f for f in ("a/facts.yaml", "b/facts.yaml") if re.search(hook["files"], f)]
    assert files == ["a/facts.yaml", "b/facts.yaml"]
    result = subprocess.run([str(installed / hook["entry"].split()[0]), *hook["entry"].split()[1:], *files],
                            cwd=repo, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert re.search(r"^b/facts\.yaml:\d+:\d+: error \[schema\] missing required field 'credibility'",
                     result.stdout, re.M), result.stdout
    assert "a/facts.yaml:" not in result.stdout
