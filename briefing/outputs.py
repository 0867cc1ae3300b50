"""Writing outputs all-or-nothing, one build at a time.

Every output is first written to a temporary file in its own folder. Only when all are
complete are they renamed into place; should a rename fail part-way, the outputs already
replaced are restored from hard-link backups, so the folder holds either the complete
new set or the complete old one. Ctrl-C is held off during the renames.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import signal
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

from briefing.errors import BriefingError

LOCK_WAIT_SECONDS = 120


def _file_mode() -> int:
    """The mode an ordinary new file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


LOCK_NAME = ".briefing.lock"
# What a killed write phase can leave behind (see _write): ".brief.en.pdf.k3j9x_2a.tmp",
# ".briefing-manifest.json.4242.bak". Nothing else in the folder is ever touched.
_LEFTOVER = re.compile(r"\.(brief\.[A-Za-z0-9_@-]+(\.annex)?\.(html|pdf)|briefing-manifest\.json)\.[A-Za-z0-9_]+\.(tmp|bak)\Z")

_held: set[int] = set()  # descriptors of the locks this process holds (a forked worker closes them)


class Terminated(KeyboardInterrupt):
    """SIGTERM during a build: unwinds like Ctrl-C (workers stopped, temporary files removed,
    lock released, outputs untouched) and is reported the same way."""


@contextlib.contextmanager
def build_lock(out_dir: Path, wait: float = LOCK_WAIT_SECONDS, stream=sys.stderr) -> Iterator[None]:
    """Serialize builds that write to the same folder, with a lock file in it
    (``.briefing.lock``, removed again when the build ends).

    The lock is an ``flock`` on that file: the kernel releases it when its holder exits,
    however it exits (SIGKILL included), so a lock left by a dead build never blocks the
    next one; that build finds the file, takes the lock at once and says so. The file is
    opened without following a symbolic link and must be a regular file, so nothing
    planted at its path is written to. While it is held, SIGTERM ends the build like
    Ctrl-C does, and leftovers of a build killed while writing are removed first."""
    created = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle, previous_holder = _acquire(out_dir, wait, stream)
    except OSError as exc:
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        where = f" ({exc.filename})" if exc.filename else ""
        raise BriefingError(f"cannot write outputs: {exc.strerror or exc}{where}") from None
    except BaseException:
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
        raise
    _held.add(handle)
    try:
        with contextlib.suppress(OSError):  # only for messages: a full disk must not stop the build here
            os.ftruncate(handle, 0)
            os.write(handle, f"{os.getpid()}\n".encode())
        if previous_holder:
            print(f"briefing: a build (process {previous_holder}) ended without releasing the lock on "
                  f"{out_dir}; taking it over", file=stream)
        _remove_leftovers(out_dir, stream)
        with _sigterm_raises():
            yield
    finally:
        # Removed while still held: whoever waits on this file sees it is gone and locks
        # the new one (see _acquire), so two builds never both hold "the" lock.
        with contextlib.suppress(OSError):
            os.unlink(out_dir / LOCK_NAME)
        _held.discard(handle)
        os.close(handle)  # releases the flock
        if created:
            with contextlib.suppress(OSError):
                out_dir.rmdir()  # only if the build left it empty


def _acquire(out_dir: Path, wait: float, stream) -> tuple[int, str]:
    """Open and flock the lock file; return its descriptor and the process id a dead
    holder left in it ("" when there was none)."""
    path = out_dir / LOCK_NAME
    deadline = None
    while True:
        try:
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise BriefingError(f"refusing the build lock {path}: it is a symbolic link (nothing was "
                                    "changed; remove it if you did not put it there)") from None
            raise
        try:
            info = os.fstat(handle)
            if not stat.S_ISREG(info.st_mode):
                raise BriefingError(f"refusing the build lock {path}: it is not a regular file (nothing was changed)")
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if deadline is None:
                    holder = _holder(handle)
                    who = f"another build (process {holder})" if holder else "another build"
                    print(f"briefing: {who} is writing to {out_dir}; waiting (up to {wait:.0f} s)…", file=stream)
                    deadline = time.monotonic() + wait
                while True:
                    try:
                        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() > deadline:
                            raise BriefingError(f"another build is still writing to {out_dir} after {wait:.0f} s; "
                                                "gave up (nothing was changed)") from None
                        time.sleep(0.1)
            # The holder we waited for removes the file before releasing it: lock the file
            # now at the path, not a removed one.
            try:
                current = os.lstat(path)
            except FileNotFoundError:
                current = None
            if current is None or (current.st_dev, current.st_ino) != (info.st_dev, info.st_ino):
                os.close(handle)
                continue
            return handle, _holder(handle) if deadline is None else ""
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(handle)
            raise


def _holder(handle: int) -> str:
    """The process id written in the lock file by the build that holds (or held) it."""
    try:
        text = os.pread(handle, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""
    return text if text.isdigit() else ""


def _remove_leftovers(out_dir: Path, stream) -> None:
    """Temporary files and backups of a build killed while writing (SIGKILL, power loss):
    never outputs, only names the write phase makes. Called under the lock."""
    removed = 0
    with os.scandir(out_dir) as entries:
        for entry in entries:
            if _LEFTOVER.match(entry.name) and not entry.is_dir(follow_symlinks=False):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    removed += 1
    if removed:
        print(f"briefing: removed {removed} leftover file(s) of an interrupted build from {out_dir}", file=stream)


def close_inherited_locks() -> None:
    """In a forked worker: let go of the parent's lock descriptors, so that no worker can
    ever hold the build lock (the parent's copy keeps it)."""
    for handle in list(_held):
        with contextlib.suppress(OSError):
            os.close(handle)
    _held.clear()


@contextlib.contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises :class:`Terminated` (once) in the main thread; elsewhere (the live
    preview's background builds) signals are left alone."""
    fired = False

    def handler(signum, frame):
        nonlocal fired
        if not fired:
            fired = True
            raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every output, or none."""
    staged: list[tuple[str, Path]] = []
    backups: dict[Path, str | None] = {}
    replaced: list[Path] = []
    mode = _file_mode()
    # Ctrl-C and SIGTERM wait until the folder is complete and tidy (a second or less):
    # an interrupt in the middle would leave temporary files or backups behind.
    blocked = _block_interrupts()
    try:
        _write(outputs, staged, backups, replaced, mode)
    finally:
        _restore_interrupts(blocked)


def _write(outputs, staged, backups, replaced, mode) -> None:
    try:
        for target, content in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((temporary, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temporary, mode)
        for _, target in staged:
            backups[target] = None
            if target.exists():
                backup = str(target.parent / f".{target.name}.{os.getpid()}.bak")  # under the build lock
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(backup)
                os.link(target, backup)
                backups[target] = backup
        try:
            for temporary, target in staged:
                os.replace(temporary, target)
                replaced.append(target)
        except OSError:
            for target in replaced:  # put the previous set back
                if backups[target]:
                    os.replace(backups[target], target)
                else:
                    os.unlink(target)
            raise
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        raise BriefingError(f"cannot write outputs: {exc.strerror or exc}{where}") from None
    finally:
        leftovers = [temporary for temporary, _ in staged] + [b for b in backups.values() if b]
        for leftover in leftovers:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(leftover)


@contextlib.contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back while modules are imported: an interrupt raised inside
    Python's import machinery is printed as an ignored exception with a traceback and lost.
    A signal that arrives meanwhile is delivered when the block ends, in ordinary code."""
    blocked = _block_interrupts()
    try:
        yield
    finally:
        _restore_interrupts(blocked)


def _block_interrupts():
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, ValueError):  # not the main thread, or no such call here
        return None


def _restore_interrupts(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
