"""A fact base as committed at a git revision (``briefing diff --since REV``): a file's blob, or
a folder's ``*.yaml`` blobs, each refused by its size before it is read, like any fact base."""

from __future__ import annotations

import subprocess
from pathlib import Path

from briefing import load, parts
from briefing.errors import BriefingError


GIT_TIMEOUT = 60


def read_revision(path: Path, revision: str) -> bytes:
    """The committed content of ``path`` at a git revision: a blob, refused by its size
    before it is read, like any fact base. The revision is only ever a revision: one
    starting with '-' is refused, and ``--end-of-options`` comes before it anyway."""
    return _read_revision(path, revision, folder=False)  # type: ignore[return-value]


def read_revision_parts(path: Path, revision: str) -> parts.Source:
    """A fact base folder as committed at a git revision: its parts, each read like
    :func:`read_revision` reads a file."""
    found = _read_revision(path, revision, folder=True)
    name = f"{path}@{revision}"
    if isinstance(found, bytes):  # a file at that revision, a folder since
        return parts.read(path, name, found)
    if not found:
        raise BriefingError(f"{_text(name)} holds no *.yaml file at that revision")
    return parts.Source(path, name, tuple(parts.Part(relative, f"{name}/{relative}", found[relative])
                                          for relative in sorted(found)), True)


def _read_revision(path: Path, revision: str, folder: bool) -> bytes | dict[str, bytes]:
    if not revision or revision.startswith("-") or any(_invisible(c) for c in revision):
        raise BriefingError(f"not a git revision: '{_text(revision)}' (a revision cannot be empty or start "
                            "with '-')")
    shown = f"{_text(str(path))} at revision {_value(revision)}"
    try:
        top = _git(["rev-parse", "--show-toplevel"], path.resolve().parent).decode().strip()
        relative = path.resolve().relative_to(Path(top).resolve())
        name = f"{revision}:{relative.as_posix()}"
        kind = _git(["cat-file", "-t", "--end-of-options", name], top).decode().strip()
        if folder and kind == "tree":
            return _tree_parts(top, name, f"{path}@{revision}")
        if kind != "blob":
            raise BriefingError(f"cannot read {shown}: it is a {kind}, not a file")
        # the object itself from here on: what was measured is what is read
        blob = _git(["rev-parse", "--verify", "--end-of-options", name], top).decode().strip()
        if int(_git(["cat-file", "-s", blob], top)) > load.MAX_BYTES:
            raise load.too_large(f"{path}@{revision}")
        return _git(["cat-file", "blob", blob], top)
    except _GitFailed as failed:
        raise BriefingError(f"cannot read {shown}: {failed}") from None
    except (OSError, ValueError) as exc:
        raise BriefingError(f"cannot read {shown}: {exc}") from None


def _tree_parts(top: str, tree: str, shown: str) -> dict[str, bytes]:
    """The ``*.yaml`` blobs of a committed folder (hidden names skipped, as on disk), each
    refused by its size before it is read."""
    found = {}
    for entry in _git(["ls-tree", "-r", "-z", "--end-of-options", tree], top).split(b"\0"):
        if not entry:
            continue
        info, relative = entry.decode("utf-8", "replace").split("\t", 1)
        mode, kind, blob = info.split()
        if kind != "blob" or mode == "120000" or not relative.endswith(".yaml") \
                or any(step.startswith(".") for step in relative.split("/")):
            continue
        if int(_git(["cat-file", "-s", blob], top)) > load.MAX_BYTES:
            raise load.too_large(f"{shown}/{relative}")
        found[relative] = _git(["cat-file", "blob", blob], top)
    return found


class _GitFailed(Exception):
    pass


def _git(arguments: list[str], folder: Path | str) -> bytes:
    """Run git; its output, or :class:`_GitFailed` with its last line of error."""
    try:
        result = subprocess.run(["git", *arguments], cwd=folder, stdin=subprocess.DEVNULL, capture_output=True,
                                timeout=GIT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise _GitFailed(f"git did not answer within {GIT_TIMEOUT} s") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise _GitFailed(_text(message[-1] if message else f"git exited with {result.returncode}"))
    return result.stdout


def _text(text: str) -> str:
    from briefing.diff import _escape

    return _escape(text)


def _value(value) -> str:
    from briefing.diff import _show

    return _show(value)


def _invisible(char: str) -> bool:
    from briefing.diff import _hidden

    return _hidden(char)
