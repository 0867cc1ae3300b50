"""A fact base kept as a folder: each ``*.yaml`` file under it is one part, read and parsed on
its own, then merged into one document that the checker and the renderer treat like a file
(how the parts merge: :mod:`briefing.merge`).

- parts are taken in path order (``facts/2023/events.yaml`` before ``facts/sources.yaml``);
- the per-file size limit applies to each part; files and folders whose names start with a
  dot (``.git``, ``.briefing-cache``) are not parts, and symbolic links are not followed;
- what a PDF carries is the folder's parts under ``facts/``, each with its path, and the
  brief's digests are made from the parts' paths and bytes (:meth:`Source.bundle`).
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from briefing.errors import LoadError
from briefing.load import Document, load_bytes, read_bytes
from briefing.merge import merge

ATTACHMENT_FOLDER = "facts/"
"""Where a folder's parts go among a PDF's attachments (``facts/sources.yaml``...)."""


@dataclass(frozen=True)
class Part:
    relative: str
    """The part's path inside the folder, with ``/`` (the file's own name for a single file)."""
    name: str
    """How messages name it: the folder as given, then the relative path."""
    content: bytes
    refused: LoadError | None = None
    """Why the part could not be read as a fact base (over the size limit), reported as its problem."""


@dataclass(frozen=True)
class Source:
    """A fact base as read from disk: one file, or the parts of a folder."""

    path: Path
    name: str
    parts: tuple[Part, ...]
    folder: bool

    def bundle(self) -> bytes:
        """The bytes the brief's digests are made of: a single file's own bytes, or each part's
        relative path, length and bytes in order (renaming or moving a part changes it)."""
        if not self.folder:
            return self.parts[0].content
        return bundle({part.relative: part.content for part in self.parts})

    def attachments(self) -> dict[str, bytes]:
        """What the PDF carries: ``facts.yaml``, or every part under ``facts/`` with its path."""
        from briefing.provenance import FACTS_NAME

        if not self.folder:
            return {FACTS_NAME: self.parts[0].content}
        return {ATTACHMENT_FOLDER + part.relative: part.content for part in self.parts}


def is_folder(path: Path) -> bool:
    return path.is_dir() and not path.is_symlink()


def part_paths(folder: Path) -> list[Path]:
    """Every ``*.yaml`` file under ``folder``, in path order, hidden names and links skipped."""
    found = []
    for top, folders, files in os.walk(folder, followlinks=False):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(top) / name for name in files
                  if name.endswith(".yaml") and not name.startswith(".") and not os.path.islink(Path(top) / name)]
    return sorted(found, key=lambda path: path.relative_to(folder).as_posix())  # as bundle() sorts


def read(path: Path, display_name: str | None = None, content: bytes | None = None) -> Source:
    """Read a fact base: a file (``content``: its bytes, when already read) or a folder."""
    name = display_name or str(path)
    if content is None and is_folder(path):
        parts = tuple(_read_part(file, file.relative_to(path).as_posix(), f"{name}/{file.relative_to(path).as_posix()}")
                      for file in part_paths(path))
        if not parts:
            raise LoadError("this folder holds no *.yaml file: a fact base folder has one file per part", file=name)
        return Source(path, name, parts, True)
    if content is not None:
        return Source(path, name, (Part(path.name, name, content),), False)
    return Source(path, name, (_read_part(path, path.name, name),), False)


def _read_part(path: Path, relative: str, name: str) -> Part:
    """A part's bytes; a refusal that is a problem of its content (its size) is kept as its problem."""
    try:
        return Part(relative, name, read_bytes(path, name))
    except LoadError as error:
        if error.rule is None:
            raise
        return Part(relative, name, b"", error)


def bundle(parts: dict[str, bytes]) -> bytes:
    """A folder's parts as one byte string (relative path -> bytes, taken in path order)."""
    joined = bytearray()
    for relative in sorted(parts):
        joined += f"{relative}\0{len(parts[relative])}\0".encode() + parts[relative]
    return bytes(joined)


def from_attachments(attached: dict[str, bytes]) -> dict[str, bytes] | None:
    """The parts a PDF carries under ``facts/`` (relative path -> bytes), or None if it carries none.
    A name that would lead out of the folder, or is not a part's name, is refused."""
    found = {name[len(ATTACHMENT_FOLDER):]: content for name, content in attached.items()
             if name.startswith(ATTACHMENT_FOLDER)}
    for relative in found:
        steps = relative.split("/")
        if not relative.endswith(".yaml") or any(step in ("", ".", "..") or step.startswith(".") or "\\" in step
                                                 for step in steps):
            raise LoadError(f"the attached part {relative!r} is not a part's name (a relative path to a .yaml file)")
    return found or None


def load(source: Source, parsed=None) -> tuple[Document | None, list[LoadError]]:
    """Parse every part (``parsed``: a function ``Part -> Document`` that may answer from a
    cache) and merge them; the load problems of every part come back together."""
    parse = parsed or _parse
    if not source.folder:
        try:
            return parse(source.parts[0]), []
        except LoadError as error:
            return None, [error]
    documents, errors = [], []
    for part in source.parts:
        try:
            documents.append(parse(part))
        except LoadError as error:
            errors.append(error)
    if errors:
        return None, errors
    return merge(source.name, documents)


def _parse(part: Part) -> Document:
    if part.refused is not None:
        raise part.refused
    return load_bytes(part.content, part.name)


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
