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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from briefing.errors import LoadError, Position

MAX_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 64

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

PathKey = tuple[str | int, ...]


class _StrictLoader(_Loader):  # type: ignore[misc, valid-type]
    """No implicit resolution at all: we resolve plain scalars ourselves."""

    yaml_implicit_resolvers: dict = {}


@dataclass
class Document:
    """A loaded fact base: its values, and where each value and key stands in the file."""

    file: str
    data: Any
    text: str
    positions: dict[PathKey, Position] = field(default_factory=dict)
    key_positions: dict[PathKey, Position] = field(default_factory=dict)
    ends: dict[PathKey, Position] = field(default_factory=dict)
    yaml11: dict[PathKey, tuple[str, str]] = field(default_factory=dict)
    """Plain scalars that YAML 1.1 tools would read as another type: path -> (text, type)."""

    def position(self, path: PathKey) -> Position:
        """Position of the value at ``path``, or of the nearest enclosing value known."""
        while path:
            found = self.positions.get(tuple(path))
            if found:
                return found
            path = path[:-1]
        return self.positions.get((), Position(1, 1))

    def key_position(self, path: PathKey) -> Position:
        """Position of the key that introduces ``path`` (falls back to the value's)."""
        return self.key_positions.get(tuple(path)) or self.position(path)


def load_file(path: str | Path, display_name: str | None = None) -> Document:
    """Read and parse ``path``; raise :class:`LoadError` with a position on any problem."""
    name = display_name or str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise LoadError("fact base not found", file=name) from None
    except IsADirectoryError:
        raise LoadError("fact base is a directory, not a file", file=name) from None
    except OSError as exc:
        raise LoadError(f"cannot read fact base: {exc.strerror}", file=name) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Document:
    if len(raw) > MAX_BYTES:
        raise LoadError(f"fact base is larger than {MAX_BYTES // (1024 * 1024)} MiB", file=name,
                        position=Position(1, 1), rule="yaml-limits")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(f"not valid UTF-8 (byte offset {exc.start})", file=name,
                        position=Position(line, column), rule="yaml-encoding") from None
    return load_text(text, name)


def load_text(text: str, name: str) -> Document:
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = exc.problem or exc.context or "invalid YAML"
        raise LoadError(f"YAML syntax error: {message}", file=name,
                        position=_position(mark) or Position(1, 1), rule="yaml-syntax") from None
    except yaml.YAMLError as exc:
        raise LoadError(f"YAML error: {exc}", file=name, position=Position(1, 1), rule="yaml-syntax") from None
    finally:
        loader.dispose()
    document = Document(file=name, data=None, text=text)
    if node is None:
        raise LoadError("fact base is empty", file=name, position=Position(1, 1), rule="yaml-syntax")
    document.data = _Builder(document).value(node, (), 0)
    return document


def _position(mark: Any) -> Position | None:
    if mark is None:
        return None
    return Position(mark.line + 1, mark.column + 1)


class _Builder:
    """Turns a composed node tree into values, recording positions and refusing the unsafe."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.seen: set[int] = set()

    def fail(self, message: str, node: yaml.Node, rule: str = "yaml-unsafe") -> LoadError:
        return LoadError(message, file=self.document.file, position=_position(node.start_mark), rule=rule)

    def value(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise self.fail(f"nesting deeper than {MAX_DEPTH} levels", node, "yaml-limits")
        if id(node) in self.seen:
            raise LoadError("aliases (*name) are not allowed in a fact base; write the value out",
                            file=self.document.file, position=_first_alias(self.document.text),
                            rule="yaml-unsafe")
        self.seen.add(id(node))
        self.document.positions[path] = _position(node.start_mark)  # type: ignore[assignment]
        self.document.ends[path] = _position(node.end_mark)  # type: ignore[assignment]
        if isinstance(node, yaml.ScalarNode):
            if node.tag != _STR:
                raise self.fail(f"explicit tag {node.tag!r} is not allowed", node)
            value = _scalar(node)
            if not node.style:
                surprise = _yaml11_reading(node.value, value)
                if surprise:
                    self.document.yaml11[path] = (node.value, surprise)
            return value
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise self.fail(f"explicit tag {node.tag!r} is not allowed", node)
            return [self.value(item, path + (i,), depth + 1) for i, item in enumerate(node.value)]
        if node.tag != _MAP:
            raise self.fail(f"explicit tag {node.tag!r} is not allowed", node)
        mapping: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise self.fail("mapping keys must be plain strings", key_node)
            key = key_node.value
            if key == "<<" and not key_node.style:
                raise self.fail("merge keys (<<) are not allowed in a fact base", key_node)
            if key in first_seen:
                first = first_seen[key].start_mark.line + 1
                raise self.fail(f"duplicate key {key!r} (first defined at line {first}); "
                                "YAML would silently keep only the last value", key_node, "duplicate-key")
            first_seen[key] = key_node
            self.document.key_positions[path + (key,)] = _position(key_node.start_mark)  # type: ignore[assignment]
            mapping[key] = self.value(value_node, path + (key,), depth + 1)
        return mapping


_YAML11 = yaml.resolver.Resolver()
_YAML11_TYPES = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date",
}
_OCTAL = re.compile(r"[-+]?0[0-7]+\Z")


def _yaml11_reading(text: str, value: Any) -> str | None:
    """The type a YAML 1.1 reader (PyYAML's default, many editors) would give ``text``,
    when it differs from ours; None when both agree."""
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))
    other = _YAML11_TYPES.get(tag)
    if other is None:
        return None
    if other == "boolean" and isinstance(value, bool):
        return None
    if other == "number" and isinstance(value, (int, float)) and not isinstance(value, bool) \
            and not _OCTAL.match(text) and _FLOAT.match(text.replace("_", "")) and "_" not in text:
        return None
    return other


def _first_alias(text: str) -> Position | None:
    """Where the first alias stands (the composer shares nodes, so only events know)."""
    for event in yaml.parse(text, Loader=_StrictLoader):
        if isinstance(event, yaml.AliasEvent):
            return _position(event.start_mark)
    return None


def _scalar(node: yaml.ScalarNode) -> Any:
    text = node.value
    if node.style:  # quoted or block scalar: always a string ('' or None means plain)
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _FLOAT.match(text):
        return float(text)
    return text
