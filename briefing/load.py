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

Values are built straight from the C parser's event stream (no node tree), which is
what makes a fact base of 100,000 claims load in seconds rather than minutes.
"""

from __future__ import annotations

import os
import bisect
import re
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import LoadError, Position
from briefing.perf import gc_paused

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded fact base: its values, and where each value and key stands in the file."""

    file: str
    data: Any
    text: str
    positions: dict[PathKey, int] = field(default_factory=dict)
    key_positions: dict[PathKey, int] = field(default_factory=dict)
    ends: dict[PathKey, int] = field(default_factory=dict)
    """Positions are stored packed, ``line << 32 | column`` (1-based), one small int per
    value instead of a tuple of two: a third of the memory on a 100,000-claim base. The
    accessors below return :class:`Position`."""
    strings: list[tuple[PathKey, str]] = field(default_factory=list)
    """Every string value with its path, in document order (text rules read this)."""
    yaml11: dict[PathKey, tuple[str, str]] = field(default_factory=dict)
    """Plain scalars that YAML 1.1 tools would read as another type: path -> (text, type)."""

    def position(self, path: PathKey) -> Position:
        """Position of the value at ``path``, or of the nearest enclosing value known."""
        while path:
            found = self.positions.get(tuple(path))
            if found:
                return _unpack(found)
            path = path[:-1]
        return _unpack(self.positions.get((), _pack(1, 1)))

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
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        # columns count characters (as the SARIF output declares), not the bytes before the bad one
        column = len(raw[raw.rfind(b"\n", 0, exc.start) + 1:exc.start].decode("utf-8", "replace")) + 1
        raise LoadError(f"not valid UTF-8 (byte offset {exc.start})", file=name,
                        position=Position(line, column), rule="yaml-encoding") from None
    return load_text(text, name)


def load_text(text: str, name: str) -> Document:
    document = Document(file=name, data=None, text=text)
    # YAML also breaks lines at CR, NEL, LS and PS; editors and git count only LF (CRLF is one
    # break). Positions are mapped to the editors' count when the text holds any of those.
    lines = _EditorLines(text) if _OTHER_BREAKS.search(text) else None
    try:
        parser = _Parser(text)
        try:
            with gc_paused():
                document.data = _Builder(document).build(parser)
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        if _tab_at(text, mark):  # libyaml's words for it ("cannot start any token") do not say "tab"
            message += " (a tab character: YAML indents with spaces only)"
        position = _position(mark) or Position(1, 1)
        raise LoadError(f"YAML syntax error: {message}", file=name,
                        position=lines.editor(position) if lines else position, rule="yaml-syntax") from None
    except LoadError as error:
        if lines and error.position:
            error.position = lines.editor(error.position)
        raise
    except yaml.reader.ReaderError as exc:  # a character YAML forbids; it knows only the offset
        # libyaml counts bytes of the UTF-8 text; the pure-Python reader counts characters
        before = (text.encode("utf-8")[:exc.position].decode("utf-8", "ignore")
                  if _Parser is not yaml.SafeLoader else text[:exc.position])
        position = Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)
        raise LoadError(f"character U+{exc.character:04X} is not allowed in YAML (control characters must be "
                        "removed, or written as an escape in a double-quoted string)", file=name,
                        position=position, rule="yaml-syntax") from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise LoadError(f"YAML error: {message}", file=name, position=Position(1, 1), rule="yaml-syntax") from None
    if lines:
        for table in (document.positions, document.key_positions, document.ends):
            for path, packed in table.items():
                where = lines.editor(_unpack(packed))
                table[path] = _pack(where.line, where.column)
    return document


_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _EditorLines:
    """Maps YAML's (line, column) to the editors' and git's, which break lines at LF only."""

    def __init__(self, text: str) -> None:
        breaks = re.finditer("\r\n|[\n\r\x85\u2028\u2029]", text)
        self.yaml_starts = [0] + [match.end() for match in breaks]
        self.newlines = [match.start() for match in re.finditer("\n", text)]

    def editor(self, position: Position) -> Position:
        index = self.yaml_starts[min(position.line, len(self.yaml_starts)) - 1] + position.column - 1
        line = bisect.bisect_left(self.newlines, index)  # the LFs before the index
        start = self.newlines[line - 1] + 1 if line else 0
        return Position(line + 1, index - start + 1)


def _tab_at(text: str, mark) -> bool:
    """Whether the error's line is indented with a tab or the error sits on one."""
    if mark is None:
        return False
    lines = text.split("\n", mark.line + 1)
    if mark.line >= len(lines):
        return False
    line = lines[mark.line]
    indent = line[:len(line) - len(line.lstrip(" \t"))]
    return "\t" in indent or line[mark.column:mark.column + 1] == "\t"


def _position(mark: Any) -> Position | None:
    if mark is None:
        return None
    return Position(mark.line + 1, mark.column + 1)


_ANCHOR = "anchors (&name) are not allowed in a fact base: each value is written out where it is used"


class _Builder:
    """Builds values from parser events, recording positions and refusing the unsafe.

    Each open container is a frame ``[container, path, pending key]``; a mapping frame
    alternates key and value, holding the key until its value arrives.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.stack: list[list] = []
        self.key_lines: list[dict[str, int]] = []

    def fail(self, message: str, mark, rule: str = "yaml-unsafe") -> LoadError:
        return LoadError(message, file=self.document.file, position=_position(mark), rule=rule)

    def _expecting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1][0], dict) and self.stack[-1][2] is None

    def _next_path(self) -> PathKey:
        if not self.stack:
            return ()
        container, path, _, key_path = self.stack[-1]
        return path + (len(container),) if isinstance(container, list) else key_path

    def _attach(self, value: Any) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        if isinstance(frame[0], list):
            frame[0].append(value)
        else:
            frame[0][frame[2]] = value
            frame[2] = None

    def _key(self, event) -> None:
        key = event.value
        mark = event.start_mark
        if key == "<<" and not event.style:
            raise self.fail("merge keys (<<) are not allowed in a fact base", mark)
        lines = self.key_lines[-1]
        if key in lines:
            raise self.fail(f"duplicate key {key!r} (first defined at line {lines[key]}); "
                            "YAML would silently keep only the last value", mark, "duplicate-key")
        lines[key] = mark.line + 1
        frame = self.stack[-1]
        frame[2] = key
        frame[3] = path = frame[1] + (key,)  # made once, shared by every table that records the value
        self.document.key_positions[path] = (mark.line + 1) << 32 | (mark.column + 1)

    def build(self, parser) -> Any:
        """Consume ``parser`` (a PyYAML parser) event by event. The hot loop of a large
        load: containers are open frames on a stack, lookups are kept in locals."""
        document = self.document
        positions, ends, surprises = document.positions, document.ends, document.yaml11
        strings = document.strings
        stack = self.stack
        get_event = parser.get_event
        ScalarEvent, AliasEvent = yaml.ScalarEvent, yaml.AliasEvent
        MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
        MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
        DocumentStartEvent, StreamEndEvent = yaml.DocumentStartEvent, yaml.StreamEndEvent
        scalar, reading = _scalar, _yaml11_reading
        seen_root = False
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                if event.tag is not None and event.tag != "!":
                    raise self.fail(f"explicit tag {event.tag!r} is not allowed", event.start_mark)
                if event.anchor is not None:
                    raise self.fail(_ANCHOR, event.start_mark)
                if stack:
                    frame = stack[-1]
                    container = frame[0]
                    if type(container) is dict:
                        if frame[2] is None:
                            self._key(event)
                            continue
                        path = frame[3]
                    else:
                        path = frame[1] + (len(container),)
                else:
                    frame, path = None, ()
                style = event.style
                text = event.value
                value = text if style else scalar(text)
                start, end = event.start_mark, event.end_mark
                positions[path] = (start.line + 1) << 32 | (start.column + 1)
                ends[path] = (end.line + 1) << 32 | (end.column + 1)
                if type(value) is str:
                    strings.append((path, value))
                if not style:
                    surprise = reading(text, type(value))  # type: ignore[arg-type]  # mypy: type[Any] is not Hashable
                    if surprise:
                        surprises[path] = (text, surprise)
                if frame is None:
                    self.root = value
                    seen_root = True
                elif type(container) is dict:
                    container[frame[2]] = value
                    frame[2] = None
                else:
                    container.append(value)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.tag is not None and event.tag != "!":
                    raise self.fail(f"explicit tag {event.tag!r} is not allowed", event.start_mark)
                if event.anchor is not None:
                    raise self.fail(_ANCHOR, event.start_mark)
                if self._expecting_key():
                    raise self.fail("mapping keys must be plain strings", event.start_mark)
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", event.start_mark, "yaml-limits")
                path = self._next_path()
                positions[path] = (event.start_mark.line + 1) << 32 | (event.start_mark.column + 1)
                if kind is MappingStartEvent:
                    stack.append([{}, path, None, None])
                    self.key_lines.append({})
                else:
                    stack.append([[], path, None, None])
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                container, path, _, _ = stack.pop()
                if kind is MappingEndEvent:
                    self.key_lines.pop()
                ends[path] = (event.end_mark.line + 1) << 32 | (event.end_mark.column + 1)
                self._attach(container)
                seen_root = seen_root or not stack
            elif kind is AliasEvent:
                raise self.fail("aliases (*name) are not allowed in a fact base; write the value out",
                                event.start_mark)
            elif kind is DocumentStartEvent and seen_root:
                raise self.fail("a fact base is one YAML document; remove the second '---'",
                                event.start_mark, "yaml-syntax")
            elif kind is StreamEndEvent:
                break
        if not seen_root:
            raise LoadError("fact base is empty", file=document.file, position=Position(1, 1), rule="yaml-syntax")
        return self.root


_YAML11 = yaml.resolver.Resolver()
_YAML11_TYPES = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date",
}
_OCTAL = re.compile(r"[-+]?0[0-7]+\Z")


@lru_cache(maxsize=65536)
def _yaml11_reading(text: str, ours: type) -> str | None:
    """The type a YAML 1.1 reader (PyYAML's default, many editors) would give ``text``,
    when it differs from ours; None when both agree. Memoised: values repeat a lot."""
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))
    other = _YAML11_TYPES.get(tag)
    if other is None:
        return None
    if other == "boolean" and ours is bool:
        return None
    if other == "number" and ours in (int, float) and not _OCTAL.match(text) and "_" not in text:
        return None
    return other


def _scalar(text: str) -> Any:
    """A plain scalar, resolved as in YAML 1.2's core schema (quoted ones stay strings)."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: no fact base means that
            return text
    if _FLOAT.match(text):
        return float(text)
    return text
