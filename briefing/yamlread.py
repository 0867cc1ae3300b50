"""The two ways a fact base's YAML becomes values, from the same parser (PyYAML over libyaml).

- :func:`values`: the values alone, as fast as the event stream allows. Every run uses it
  first: a clean fact base never needs a position, since positions are only ever read to
  report a problem.
- :class:`Builder`: the values with the position of every value and key, the scalars YAML 1.1
  would read otherwise, and every refusal with its message. It runs when :func:`values` meets
  anything it would refuse or report (it then gives up and says so), and later, on demand,
  when a problem must be placed (:meth:`briefing.load.Document.position`).

Both take the same decisions on the same events (which tags, anchors, aliases, keys, depths
and documents are refused; how a plain scalar resolves): what :func:`values` accepts, the
builder accepts with the same values (tests/test_load_paths.py compares them).
"""

from __future__ import annotations

from typing import Any

import yaml

from briefing.errors import LoadError, Position
from briefing.scalars import scalar as scalar_value, yaml11_reading

MAX_DEPTH = 64

PathKey = tuple[str | int, ...]

Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)



class GaveUp(Exception):
    """:func:`values` met something only :class:`Builder` may judge (a refusal, a YAML 1.1
    reading to report, a syntax error)."""


def values(text: str) -> Any:
    """The values of ``text``, or :class:`GaveUp`. The hot loop of a large load: one frame of
    locals per open container, no path and no position made for any value."""
    parser = Parser(text)
    try:
        return _values(parser.get_event)
    except yaml.YAMLError:
        raise GaveUp from None
    finally:
        parser.dispose()


def _values(get_event) -> Any:
    ScalarEvent, AliasEvent, StreamEndEvent = yaml.ScalarEvent, yaml.AliasEvent, yaml.StreamEndEvent
    MappingStartEvent, SequenceStartEvent = yaml.MappingStartEvent, yaml.SequenceStartEvent
    MappingEndEvent, SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
    DocumentStartEvent = yaml.DocumentStartEvent
    scalar, reading = scalar_value, yaml11_reading
    stack: list[tuple[Any, Any, bool]] = []
    container: Any = None
    key: Any = None
    in_map = False
    root: Any = GaveUp
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if (event.tag is not None and event.tag != "!") or event.anchor is not None:
                raise GaveUp
            text, style = event.value, event.style
            if in_map and key is None:
                if (text == "<<" and not style) or text in container:
                    raise GaveUp
                key = text
                continue
            if style:
                value = text
            else:
                value = scalar(text)
                if reading(text, type(value)):  # type: ignore[arg-type]  # type[Any] is Hashable
                    raise GaveUp
            if in_map:
                container[key] = value
                key = None
            elif container is not None:
                container.append(value)
            elif root is GaveUp:
                root = value
            else:
                raise GaveUp
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if (event.tag is not None and event.tag != "!") or event.anchor is not None \
                    or (in_map and key is None) or len(stack) >= MAX_DEPTH:
                raise GaveUp
            stack.append((container, key, in_map))
            in_map = kind is MappingStartEvent
            container, key = ({} if in_map else []), None
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            done = container
            container, key, in_map = stack.pop()
            if in_map:
                container[key] = done
                key = None
            elif container is not None:
                container.append(done)
            else:
                root = done
        elif kind is AliasEvent:
            raise GaveUp
        elif kind is DocumentStartEvent and root is not GaveUp:
            raise GaveUp
        elif kind is StreamEndEvent:
            break
    if root is GaveUp:  # an empty file
        raise GaveUp
    return root


def position(mark: Any) -> Position | None:
    if mark is None:
        return None
    return Position(mark.line + 1, mark.column + 1)


_ANCHOR = "anchors (&name) are not allowed in a fact base: each value is written out where it is used"


class Builder:
    """Builds values from parser events, recording positions and refusing the unsafe.

    Each open container is a frame ``[container, path, pending key]``; a mapping frame
    alternates key and value, holding the key until its value arrives.
    """

    def __init__(self, document) -> None:
        self.document = document
        self.stack: list[list] = []
        self.key_lines: list[dict[str, int]] = []

    def fail(self, message: str, mark, rule: str = "yaml-unsafe") -> LoadError:
        return LoadError(message, file=self.document.file, position=position(mark), rule=rule)

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
        scalar, reading = scalar_value, yaml11_reading
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
