"""The parts of a folder merged into one document, which the checker and the renderer treat
like a file's.

The merge is simple enough to predict by eye:

- parts are taken in path order (``facts/2023/events.yaml`` before ``facts/sources.yaml``);
- a section that is a list in every part where it appears (``sources``, ``events``...) is
  the concatenation of its parts' lists, in that order;
- any other section (``meta``, ``vocabulary``) sits in exactly one part: a second one is a
  ``duplicate-key`` problem naming both places.

Every position stays a place in its own part: a problem is reported at ``PART:LINE:COL``.
The merged document copies no table of positions; it translates a merged path into its
part's. Apart from reading the parts (:mod:`briefing.parts`) because that translation is
the subtle half of a folder: every rule and message goes through it.
"""

from __future__ import annotations

import bisect
from typing import Any, Iterator

from briefing.errors import LoadError, Position
from briefing.load import Document, PathKey, strings_of


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
