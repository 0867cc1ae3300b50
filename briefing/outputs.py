"""Writing outputs all-or-nothing: temporary files in the same folder, renamed when complete."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing.errors import BriefingError


def _file_mode() -> int:
    """The mode an ordinary new file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every output, or none: all are staged before any is renamed into place."""
    staged: list[tuple[str, Path]] = []
    mode = _file_mode()
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
        for temporary, target in staged:
            os.replace(temporary, target)
        staged.clear()
    except OSError as exc:
        raise BriefingError(f"cannot write outputs: {exc.strerror} ({exc.filename or ''})") from None
    finally:
        for temporary, _ in staged:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
