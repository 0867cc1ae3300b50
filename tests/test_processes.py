"""Process hygiene of a build: render workers die with the build, whatever kills it; the
build lock lives in the output folder, follows no symbolic link, and outlives no build;
leftovers of a killed write phase are removed by the next build."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from briefing.workers import in_workers
from briefing.errors import BriefingError, RenderError
from briefing.outputs import LOCK_NAME, build_lock
from conftest import FACTS, ROOT


def _contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()} if out.exists() else {}


def _children(pid: int) -> set[int]:
    """Live processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie no longer runs nor holds anything


# --- the real thing: SIGTERM or SIGKILL to the build alone, while workers render ------------

@pytest.mark.pipeline
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("previous", [False, True])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_no_worker_outlives_a_killed_build_and_the_next_build_proceeds(tmp_path, sig, previous):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefing", "build", "--facts", str(FACTS), "--out", str(out), "--quiet"]
    if previous:
        subprocess.run(command + ["--format", "html"], cwd=ROOT, check=True, capture_output=True, timeout=300)
    before = _contents(out)
    build = subprocess.Popen(command + ["--format", "pdf", "--force", "--jobs", "2", "--locale", "en",
                                        "--locale", "fr"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        workers: set[int] = set()
        deadline = time.monotonic() + 120
        while len(workers) < 2 and time.monotonic() < deadline and build.poll() is None:
            workers |= _children(build.pid)
            time.sleep(0.02)
        assert len(workers) >= 2, "the build never started its workers"
        time.sleep(0.3)  # well into rendering
        build.send_signal(sig)  # to the build process alone, not its group
        _, err = build.communicate(timeout=30)  # a hang fails here
    finally:
        if build.poll() is None:
            build.kill()
    deadline = time.monotonic() + 5
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "a render worker outlived the build"
    assert "Traceback" not in err
    if sig == signal.SIGTERM:
        assert build.returncode == 130, err
        assert err.strip().splitlines()[-1].startswith("briefing: interrupted")
        assert _contents(out) == before  # byte-identical, lock file and all (none)
    else:
        assert build.returncode == -signal.SIGKILL
        # the one trace of a killed build: its lock file, which holds no lock (the kernel let go)
        assert {k: v for k, v in _contents(out).items() if k != LOCK_NAME} == before
    start = time.monotonic()
    after = subprocess.run(command + ["--format", "html", "--locale", "en"], cwd=ROOT, capture_output=True,
                           text=True, timeout=120)
    assert after.returncode == 0, after.stderr
    assert time.monotonic() - start < 60  # no waiting on a lock
    assert "another build" not in after.stderr
    assert (out / "brief.en.html").exists() and not (out / LOCK_NAME).exists()


# --- the workers, in process ------------------------------------------------------------

def _fake_render(job, locale):
    if locale == "boom":
        raise ValueError("bad value in a worker")
    if locale == "crash":
        os._exit(3)
    if locale == "slow":
        time.sleep(60)
    return [(f"brief.{locale}.html", locale.encode() + str(os.getppid()).encode(), 0.0)]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_each_locale_renders_in_a_worker_of_this_process():
    results = dict(in_workers(_fake_render, None, ["en", "fr", "ru"], 2))
    assert {locale: items[0][1] for locale, items in results.items()} == {
        locale: locale.encode() + str(os.getpid()).encode() for locale in ("en", "fr", "ru")}
    assert not _children(os.getpid())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_worker_error_is_raised_here_and_the_other_workers_are_stopped():
    start = time.monotonic()
    with pytest.raises(ValueError, match="bad value in a worker") as info:
        list(in_workers(_fake_render, None, ["slow", "boom"], 2))
    assert time.monotonic() - start < 15  # "slow" was stopped, not waited for
    assert "Traceback" in str(info.value.__cause__)  # the worker's traceback, for --debug
    assert not _children(os.getpid())


@pytest.mark.skipif(not hasattr(os, "fork"), reason="workers are forked")
def test_a_worker_that_dies_is_a_render_error():
    with pytest.raises(RenderError, match="stopped unexpectedly .exit code 3.; nothing was written"):
        list(in_workers(_fake_render, None, ["crash", "en"], 2))
    assert not _children(os.getpid())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_worker_asks_to_die_with_its_parent():
    # a grandchild that asks for PR_SET_PDEATHSIG, whose parent then exits: it must go too
    code = ("import os, sys, time\n"
            "from briefing.workers import _die_with_parent\n"
            "parent = os.getpid()\n"
            "child = os.fork()\n"
            "if child == 0:\n"
            "    _die_with_parent(parent)\n"
            "    time.sleep(60)\n"
            "    os._exit(0)\n"
            "print(child, flush=True)\n"
            "time.sleep(0.5)\n"
            "os._exit(0)\n")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=30)
    grandchild = int(result.stdout)
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)


# --- the lock ---------------------------------------------------------------------------------

def test_the_lock_lives_in_the_output_folder_and_is_gone_after(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with build_lock(out):
        assert (out / LOCK_NAME).read_text().strip() == str(os.getpid())
    assert list(out.iterdir()) == []


def test_a_folder_made_for_the_lock_is_removed_if_nothing_was_written(tmp_path):
    with build_lock(tmp_path / "new" / "out"):
        pass
    assert not (tmp_path / "new" / "out").exists()


def test_a_symbolic_link_at_the_lock_path_is_refused_and_not_followed(tmp_path):
    out, target = tmp_path / "out", tmp_path / "victim"
    out.mkdir()
    target.write_text("precious")
    (out / LOCK_NAME).symlink_to(target)
    with pytest.raises(BriefingError, match="refusing the build lock .*: it is a symbolic link"):
        with build_lock(out):
            pytest.fail("the build went ahead")
    assert target.read_text() == "precious" and (out / LOCK_NAME).is_symlink()


def test_a_fifo_at_the_lock_path_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / LOCK_NAME)
    with pytest.raises(BriefingError, match="not a regular file"):
        with build_lock(out):
            pytest.fail("the build went ahead")


def test_a_lock_left_by_a_dead_build_is_taken_over_with_a_message(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / LOCK_NAME).write_text("999999\n")  # a SIGKILLed build's: the kernel released its flock
    stream = io.StringIO()
    start = time.monotonic()
    with build_lock(out, wait=5, stream=stream):
        pass
    assert time.monotonic() - start < 1
    assert "process 999999" in stream.getvalue() and "taking it over" in stream.getvalue()
    assert not (out / LOCK_NAME).exists()


def test_a_waiting_build_names_the_holder(tmp_path):
    out = tmp_path / "out"
    stream = io.StringIO()
    with build_lock(out):
        with pytest.raises(BriefingError, match="still writing"):
            with build_lock(out, wait=0.2, stream=stream):
                pass
    assert f"another build (process {os.getpid()}) is writing" in stream.getvalue()


def test_leftovers_of_a_killed_write_phase_are_removed_and_nothing_else(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    leftovers = [".brief.en.pdf.k3j9x_2a.tmp", ".brief.fr.html.abc12345.tmp", ".brief.en.pdf.4242.bak",
                 ".briefing-manifest.json.q1w2e3r4.tmp", ".briefing-manifest.json.4242.bak"]
    kept = {"brief.en.pdf": b"%PDF", "notes.tmp": b"mine", ".brief.en.pdf.bak": b"mine too",
            ".other.x1.tmp": b"not ours", ".briefing-manifest.json": b"{}"}
    for name in leftovers:
        (out / name).write_bytes(b"partial")
    for name, content in kept.items():
        (out / name).write_bytes(content)
    stream = io.StringIO()
    with build_lock(out, stream=stream):
        assert {p.name for p in out.iterdir()} == set(kept) | {LOCK_NAME}
    assert _contents(out) == kept
    assert "removed 5 leftover file(s)" in stream.getvalue()


def test_sigterm_during_a_build_unwinds_like_ctrl_c(tmp_path):
    from briefing.outputs import Terminated

    out = tmp_path / "out"
    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(KeyboardInterrupt) as info:
        with build_lock(out):
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(5)
            pytest.fail("SIGTERM did not end the build")
    assert isinstance(info.value, Terminated)
    assert signal.getsignal(signal.SIGTERM) == before  # only around the build
    assert not out.exists()
