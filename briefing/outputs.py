"""Writing outputs all-or-nothing, one build at a time.

Every output is first written to a temporary file in its own folder. Only when all are
complete are they renamed into place; should a rename fail part-way, the outputs already
replaced are restored from hard-link backups, so the folder holds either the complete
new set or the complete old one. Ctrl-C is held off during the renames.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import signal
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


@contextlib.contextmanager
def build_lock(out_dir: Path, wait: float = LOCK_WAIT_SECONDS, stream=sys.stderr) -> Iterator[None]:
    """Serialize builds that write to the same folder. The lock file lives in the system's
    temporary folder, so ``out_dir`` holds nothing but outputs."""
    key = hashlib.sha256(str(out_dir.resolve()).encode()).hexdigest()[:16]
    path = Path(tempfile.gettempdir()) / f"briefing-{key}.lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"briefing: another build is writing to {out_dir}; waiting (up to {wait:.0f} s)…", file=stream)
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
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


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


def _block_interrupts():
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    except (AttributeError, ValueError):  # not the main thread, or no such call here
        return None


def _restore_interrupts(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
