"""Load a fact base from YAML into plain Python values, keeping the position of each one.

One loader serves the checker and the renderer. It accepts a strict, safe subset of
YAML and refuses the rest with a message naming line and column:

- plain scalars resolve as in YAML 1.2's core schema (``true``/``false``, ``null``,
  decimal numbers); everything else stays a string, so ``no``, ``1:30`` and
  ``2023-09-13`` are never turned into a boolean, 90 or a date behind the analyst's back;
- explicit tags (``!!python/object``, custom ``!tags``) are refused;
- a duplicate mapping key is refused (PyYAML would silently keep the last value);
- merge keys (``<<``) and aliases are refused, which also defuses "alias bombs";
- input must be UTF-8 (a byte-order mark is tolerated), within size and depth limits.

Values are built straight from the C parser's event stream (no node tree). Positions are
found when first asked for: a clean fact base never needs one, and recording a position and
a path for each of a large base's million values cost more than parsing it
(:mod:`briefing.yamlread` has both ways).
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from briefing import syntax
from briefing.errors import LoadError, Position
from briefing.perf import gc_paused
from briefing.yamlread import MAX_DEPTH, Builder, GaveUp, Parser, PathKey, values

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Document", "LoadError", "load_bytes", "load_file", "load_text",
           "read_bytes"]

MAX_BYTES = 64 * 1024 * 1024



class Document:
    """A loaded fact base: its values, and where each value and key stands in the file.

    The tables of positions are stored packed, ``line << 32 | column`` (1-based), one small
    int per value instead of a tuple of two; the accessors return :class:`Position`. They are
    made on first use, by parsing the text again with positions: the values never change.
    """

    def __init__(self, file: str, data: Any, text: str, yaml11: dict | None = None,
                 tables: tuple[dict, dict, dict] | None = None) -> None:
        self.file, self.data, self.text = file, data, text
        self.yaml11: dict[PathKey, tuple[str, str]] = yaml11 or {}
        """Plain scalars that YAML 1.1 tools would read as another type: path -> (text, type)."""
        self._tables = tables
        self._strings: list[tuple[PathKey, str]] | None = None

    def tables(self) -> tuple[dict[PathKey, int], dict[PathKey, int], dict[PathKey, int]]:
        """Positions of values, of keys, and ends of values (made on first use)."""
        if self._tables is None:
            exact = _with_positions(self.text, self.file)  # the text was parsed once already: it parses
            self._tables = exact.tables()
        return self._tables

    @property
    def positions(self) -> dict[PathKey, int]:
        return self.tables()[0]

    @property
    def key_positions(self) -> dict[PathKey, int]:
        return self.tables()[1]

    @property
    def ends(self) -> dict[PathKey, int]:
        return self.tables()[2]

    @property
    def strings(self) -> list[tuple[PathKey, str]]:
        """Every string value with its path, in document order (text rules read this)."""
        if self._strings is None:
            self._strings = []
            strings_of(self.data, (), self._strings)
        return self._strings

    def position(self, path: PathKey) -> Position:
        """Position of the value at ``path``, or of the nearest enclosing value known."""
        positions = self.positions
        while path:
            found = positions.get(tuple(path))
            if found:
                return _unpack(found)
            path = path[:-1]
        return _unpack(positions.get((), _pack(1, 1)))

    def key_position(self, path: PathKey) -> Position:
        """Position of the key that introduces ``path`` (falls back to the value's)."""
        found = self.key_positions.get(tuple(path))
        return _unpack(found) if found else self.position(path)

    def end(self, path: PathKey) -> Position | None:
        """Position just after the value at ``path``, when the parser reported it."""
        found = self.ends.get(tuple(path))
        return _unpack(found) if found else None

    # A fact base kept as a folder (:mod:`briefing.parts`) answers these per part.
    def file_of(self, path: PathKey) -> str:
        """The file the value at ``path`` is written in."""
        return self.file

    def text_of(self, path: PathKey) -> str:
        """The text of the file the value at ``path`` is written in."""
        return self.text

    def where(self, path: PathKey, seen_from: PathKey) -> str:
        """How a message at ``seen_from`` names the place of ``path``: "line 12" in the same
        file, "facts/sources.yaml:12" in another part of a folder."""
        line = self.position(path).line
        file = self.file_of(path)
        return f"line {line}" if file == self.file_of(seen_from) else f"{file}:{line}"


def strings_of(value: Any, path: PathKey, found: list) -> None:
    """Collect the strings under ``value`` in document order (a mapping keeps its keys' order)."""
    if type(value) is dict:
        for key, item in value.items():
            if type(item) is str:
                found.append((path + (key,), item))
            elif type(item) is dict or type(item) is list:
                strings_of(item, path + (key,), found)
    elif type(value) is list:
        for index, item in enumerate(value):
            if type(item) is str:
                found.append((path + (index,), item))
            elif type(item) is dict or type(item) is list:
                strings_of(item, path + (index,), found)
    elif type(value) is str:
        found.append((path, value))


def _pack(line: int, column: int) -> int:
    return line << 32 | column


def _unpack(packed: int) -> Position:
    return Position(packed >> 32, packed & 0xFFFFFFFF)


def read_bytes(path: str | Path, display_name: str | None = None, what: str = "fact base",
               limit: int | None = None) -> bytes:
    """The bytes of ``path``, read the one safe way every input is read: only a regular file
    (a FIFO would block, a device such as /dev/zero never ends), refused by its size before
    any byte is read, and never more than :data:`MAX_BYTES` read whatever the file claims.
    Raises :class:`LoadError` (the size refusal with the ``yaml-limits`` rule and a position)."""
    name = display_name or str(path)
    limit = MAX_BYTES if limit is None else limit  # read when called: a test may lower MAX_BYTES
    try:
        mode = os.stat(path).st_mode  # a device is not even opened (opening some has effects)
        if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
            raise LoadError(f"{what} is not a regular file (a device or a pipe?)", file=name)
        # O_NONBLOCK: should the path turn into a FIFO after the check, opening it cannot block
        flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        raise LoadError(f"{what} not found", file=name) from None
    except OSError as exc:
        raise LoadError(f"cannot read {what}: {exc.strerror}", file=name) from None
    try:
        info = os.fstat(descriptor)  # the file opened, not the one checked: no race
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(f"{what} is a directory, not a file", file=name)
        if not stat.S_ISREG(info.st_mode):
            raise LoadError(f"{what} is not a regular file (a device or a pipe?)", file=name)
        if info.st_size > limit:
            raise too_large(name, what, limit)
        chunks, left = [], limit + 1  # a file growing meanwhile is still cut at the limit
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise LoadError(f"cannot read {what}: {exc.strerror}", file=name) from None
    finally:
        os.close(descriptor)
    raw = b"".join(chunks)
    if len(raw) > limit:
        raise too_large(name, what, limit)
    return raw


def too_large(name: str, what: str = "fact base", limit: int | None = None) -> LoadError:
    """The refusal of an input over ``limit`` (a problem at 1:1, rule ``yaml-limits``)."""
    limit = MAX_BYTES if limit is None else limit
    return LoadError(f"{what} is larger than {limit // (1024 * 1024)} MiB", file=name,
                     position=Position(1, 1), rule="yaml-limits")


def load_file(path: str | Path, display_name: str | None = None) -> Document:
    """Read (through :func:`read_bytes`) and parse ``path``; raise :class:`LoadError` with a
    position on any problem."""
    name = display_name or str(path)
    return load_bytes(read_bytes(path, name), name)


def load_bytes(raw: bytes, name: str, limit: int | None = None) -> Document:
    limit = MAX_BYTES if limit is None else limit
    if len(raw) > limit:
        raise too_large(name, limit=limit)
    raw = without_bom(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # columns count characters (as the SARIF output declares), not the bytes before the bad one
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
        raise LoadError(f"not valid UTF-8 (byte offset {exc.start})", file=name,
                        position=Position(line, column), rule="yaml-encoding") from None
    return load_text(text, name)


def without_bom(raw: bytes) -> bytes:
    """A file's bytes without its UTF-8 byte-order mark, which is tolerated, never part of the text."""
    return raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw


def load_text(text: str, name: str) -> Document:
    """Parse ``text`` (named ``name`` in messages): the values first, the positions only when
    asked for or when the text holds anything to refuse or report (then in one go, with the
    message and its position)."""
    if not OTHER_BREAKS.search(text):  # other line breaks: positions are remapped, keep one path
        try:
            with gc_paused():
                return Document(name, values(text), text)
        except GaveUp:
            pass
    return _with_positions(text, name)


def _with_positions(text: str, name: str) -> Document:
    document = _Recording(name, text)
    # YAML also breaks lines at CR, NEL, LS and PS; editors and git count only LF (CRLF is one
    # break). Positions are mapped to the editors' count when the text holds any of those.
    lines = syntax.EditorLines(text) if OTHER_BREAKS.search(text) else None
    try:
        parser = Parser(text)
        try:
            with gc_paused():
                document.data = Builder(document).build(parser)
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        where, message = syntax.explained(exc, text, lines.editor if lines else None)
        raise LoadError(f"YAML syntax error: {message}", file=name, position=where, rule="yaml-syntax") from None
    except LoadError as error:
        if lines and error.position:
            error.position = lines.editor(error.position)
        raise
    except yaml.reader.ReaderError as exc:  # a character YAML forbids; it knows only the offset
        # libyaml counts bytes of the UTF-8 text; the pure-Python reader counts characters
        before = (text.encode("utf-8")[:exc.position].decode("utf-8", "ignore")
                  if Parser is not yaml.SafeLoader else text[:exc.position])
        at = Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        raise LoadError(f"character U+{exc.character:04X} is not allowed in YAML (control characters must be "
                        "removed, or written as an escape in a double-quoted string)", file=name,
                        position=at, rule="yaml-syntax") from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise LoadError(f"YAML error: {message}", file=name, position=Position(1, 1), rule="yaml-syntax") from None
    if lines:
        for table in (document.positions, document.key_positions, document.ends):
            for path, packed in table.items():
                where = lines.editor(_unpack(packed))
                table[path] = _pack(where.line, where.column)
    return document


class _Recording(Document):
    """A document whose tables the :class:`Builder` fills as it parses."""

    def __init__(self, file: str, text: str) -> None:
        super().__init__(file, None, text, {}, ({}, {}, {}))
        self._strings = []


OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
