"""A fact base kept as a folder: each ``*.yaml`` file under it is one part, read and parsed on
its own, then merged into one document that the checker and the renderer treat like a file.

The merge is simple enough to predict by eye:

- parts are taken in path order (``facts/2023/events.yaml`` before ``facts/sources.yaml``);
- a section that is a list in every part where it appears (``sources``, ``events``...) is
  the concatenation of its parts' lists, in that order;
- any other section (``meta``, ``vocabulary``) sits in exactly one part: a second one is a
  ``duplicate-key`` problem naming both places;
- the per-file size limit applies to each part; files and folders whose names start with a
  dot (``.git``, ``.briefing-cache``) are not parts, and symbolic links are not followed.

Every position stays a place in its own part: a problem is reported at ``PART:LINE:COL``.
"""

from __future__ import annotations

import bisect
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from briefing.errors import LoadError, Position
from briefing.load import Document, PathKey, load_bytes, read_bytes, strings_of

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


def merge(name: str, documents: list[Document]) -> tuple[Document | None, list[LoadError]]:
    """One document from parsed parts, or the problems that stop the merge."""
    merged = Merged(name, documents)
    return (merged, []) if not merged.problems else (None, merged.problems)


class Merged(Document):
    """The parts of a folder seen as one document. Values are the merged ones; every position
    is looked up in the part the value comes from (a path is translated, never copied: the
    parts' tables of positions are used as they are)."""

    def __init__(self, name: str, parts: list[Document]) -> None:
        self.file, self.text, self.parts = name, "", parts
        self._strings: list[tuple[PathKey, str]] | None = None
        self.problems: list[LoadError] = []
        self._starts: dict[str, tuple[list[int], list[int]]] = {}  # list section -> (first index, part)
        self._owner: dict[str, int] = {}  # any other section -> its part
        data: dict[str, Any] = {}
        for number, part in enumerate(parts):
            if not isinstance(part.data, dict):
                self.problems.append(LoadError("a fact base part must be a mapping of sections (meta:, sources:, "
                                               "events:...)", file=part.file, position=part.position(()),
                                               rule="yaml-syntax"))
                continue
            for section, value in part.data.items():
                self._add(data, number, section, value)
        self.data = data
        self._shift: list[dict[str, int]] = [{} for _ in parts]  # part -> section -> its first merged index
        for section, (firsts, owners) in self._starts.items():
            for first, number in zip(firsts, owners, strict=True):
                self._shift[number][section] = first

    def _add(self, data: dict[str, Any], number: int, section: str, value: Any) -> None:
        starts = self._starts.get(section)
        if starts is not None and isinstance(value, list):
            starts[0].append(len(data[section]))
            starts[1].append(number)
            data[section].extend(value)
            return
        first = starts[1][0] if starts is not None else self._owner.get(section)
        if first is not None:
            where = self.parts[first]
            self.problems.append(LoadError(
                f"section {section!r} is already defined (first defined at {where.file}:"
                f"{where.key_position((section,)).line}); " + ("a list section may be split across parts, "
                                                               "but each part's must be a list"
                                                               if starts is not None else
                                                               "this section sits in exactly one part"),
                file=self.parts[number].file, position=self.parts[number].key_position((section,)),
                rule="duplicate-key"))
            return
        data[section] = list(value) if isinstance(value, list) else value  # a copy: the part's list stays whole
        if isinstance(value, list):
            self._starts[section] = ([0], [number])
        else:
            self._owner[section] = number

    # Views over the parts' own tables, each made when a part is first asked (see Document).
    @property
    def positions(self) -> dict[PathKey, int]:
        return _Positions(self, "position")  # type: ignore[return-value]

    @property
    def key_positions(self) -> dict[PathKey, int]:
        return _Positions(self, "key_position")  # type: ignore[return-value]

    @property
    def ends(self) -> dict[PathKey, int]:
        return _Positions(self, "end")  # type: ignore[return-value]

    def locate(self, path: PathKey) -> tuple[Document, PathKey]:
        """The part a merged path lies in, and the path inside that part."""
        if not path:
            return self.parts[0], path
        section = str(path[0])  # a top-level key: always a string
        starts = self._starts.get(section)
        if starts is None:
            return self.parts[self._owner.get(section, 0)], path
        if len(path) == 1 or not isinstance(path[1], int):
            return self.parts[starts[1][0]], path
        slot = max(bisect.bisect_right(starts[0], path[1]) - 1, 0)
        return self.parts[starts[1][slot]], (section, path[1] - starts[0][slot], *path[2:])

    def _merged_path(self, number: int, path: PathKey) -> PathKey:
        shift = self._shift[number].get(str(path[0])) if path else None
        if shift and len(path) > 1 and isinstance(path[1], int):
            return (path[0], path[1] + shift, *path[2:])
        return path

    def position(self, path: PathKey) -> Position:
        part, local = self.locate(tuple(path))
        return part.position(local)

    def key_position(self, path: PathKey) -> Position:
        part, local = self.locate(tuple(path))
        return part.key_position(local)

    def end(self, path: PathKey) -> Position | None:
        part, local = self.locate(tuple(path))
        return part.end(local)

    def file_of(self, path: PathKey) -> str:
        return self.locate(tuple(path))[0].file

    def text_of(self, path: PathKey) -> str:
        return self.locate(tuple(path))[0].text

    @property  # type: ignore[override]
    def strings(self) -> list[tuple[PathKey, str]]:  # type: ignore[override]
        if self._strings is None:  # made once: several text rules read it
            found: list[tuple[PathKey, str]] = []
            for number, part in enumerate(self.parts):  # each part's strings in its order, at merged paths
                for section, value in part.data.items():
                    shift = self._shift[number].get(section, 0)
                    if isinstance(value, list) and section in self._starts:
                        for index, item in enumerate(value):
                            strings_of(item, (section, index + shift), found)
                    else:
                        strings_of(value, (section,), found)
            self._strings = found
        return self._strings

    @property  # type: ignore[override]
    def yaml11(self) -> dict[PathKey, tuple[str, str]]:  # type: ignore[override]
        return {self._merged_path(number, path): found
                for number, part in enumerate(self.parts) for path, found in part.yaml11.items()}

    @yaml11.setter
    def yaml11(self, value) -> None:
        pass


class _Positions:
    """A read-only view of one table of positions (``path in document.key_positions``) over
    the parts, answering in the packed form the single-file tables use."""

    def __init__(self, merged: Merged, table: str) -> None:
        self.merged, self.table = merged, {"position": "positions", "key_position": "key_positions",
                                           "end": "ends"}[table]

    def _lookup(self, path: PathKey) -> int | None:
        part, local = self.merged.locate(tuple(path))
        return getattr(part, self.table).get(local)

    def __contains__(self, path: object) -> bool:
        return isinstance(path, tuple) and self._lookup(path) is not None

    def get(self, path: PathKey, default: int | None = None) -> int | None:
        found = self._lookup(path)
        return default if found is None else found

    def __iter__(self) -> Iterator[PathKey]:
        for number, part in enumerate(self.merged.parts):
            for path in getattr(part, self.table):
                yield self.merged._merged_path(number, path)


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
