"""Writing outputs all-or-nothing: temporary files in the same folder, renamed when complete."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from briefing.errors import BriefingError


def write_all(outputs: dict[Path, bytes]) -> None:
    """Write every output, or none: all are staged before any is renamed into place."""
    staged: list[tuple[str, Path]] = []
    try:
        for target, content in outputs.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged.append((temporary, target))
            with os.fdopen(handle, "wb") as stream:
                stream.write(content)
                stream.flush()
                os.fsync(stream.fileno())
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
