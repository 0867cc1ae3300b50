"""A ``{`` or ``[`` (or a quotation mark) left open, placed where it opened.

The parser reports an unclosed flow mapping or list where it gave up: at the next key, often
lines below, or at the end of the file; an unclosed quotation runs to the end of the file.
The analyst must close the bracket or the quotation, so the problem is placed where it
opened, and its message names both places.
"""

from __future__ import annotations

from typing import Any, Callable

import yaml

from briefing.errors import Position
from briefing.yamlread import Parser, position

_FLOWS = {"while parsing a flow mapping": ("mapping", "{", "}"), "while parsing a flow sequence": ("list", "[", "]")}
_OPENING = {yaml.FlowMappingStartToken: ("mapping", "{", "}"), yaml.FlowSequenceStartToken: ("list", "[", "]")}
_CLOSING = (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def unclosed(exc: yaml.MarkedYAMLError, text: str,
             editor: Callable[[Position], Position] | None = None) -> tuple[Position, str] | None:
    """Where the bracket the error is about opened, and the message; None for any other error.
    ``editor`` maps YAML's positions to the editors' (lines broken at LF only)."""
    flow = _FLOWS.get(exc.context or "")
    if flow is not None and flow[2] in (exc.problem or ""):  # "expected ',' or '}'", in libyaml's or PyYAML's words
        opened, stopped = position(exc.context_mark), position(exc.problem_mark)
        if opened is None or stopped is None:
            return None
        opened, stopped = (editor(opened), editor(stopped)) if editor else (opened, stopped)
        noun, opening, closing = flow
        return opened, (f"the {noun} opened with '{opening}' at line {opened.line}, column {opened.column} is not "
                        f"closed (or lacks a ','): a ',' or '{closing}' was expected at line {stopped.line}, "
                        f"column {stopped.column}")
    if exc.context == "while scanning a quoted scalar" and "end of stream" in (exc.problem or ""):
        opened, end = position(exc.context_mark), position(exc.problem_mark)
        if opened is None or end is None:
            return None
        opened, end = (editor(opened), editor(end)) if editor else (opened, end)
        return opened, (f"the quoted text opened at line {opened.line}, column {opened.column} is not closed: "
                        f"the file ends at line {end.line}, column {end.column} before its closing quotation mark")
    if exc.context == "while parsing a flow node":  # the file ends right after "[" or ",": no bracket named
        found = _open_at_end(text, position(exc.problem_mark))
        if found is None:
            return None
        (noun, opening, closing), opened, end = found
        opened, end = (editor(opened), editor(end)) if editor else (opened, end)
        return opened, (f"the {noun} opened with '{opening}' at line {opened.line}, column {opened.column} is not "
                        f"closed: the file ends at line {end.line}, column {end.column} before its '{closing}'")
    return None


def _open_at_end(text: str, stopped: Position | None) -> tuple[tuple[str, str, str], Position, Position] | None:
    """The innermost bracket still open when the file ends, if the parser stopped at that end.
    Only the scanner runs (it accepts what the parser refused); this is read on an error only."""
    opened: list[Any] = []
    try:
        for token in yaml.scan(text, Loader=Parser):
            kind = type(token)
            if kind in _OPENING:
                opened.append(token)
            elif kind in _CLOSING and opened:
                opened.pop()
            elif kind is yaml.StreamEndToken:
                end = position(token.start_mark)
                if not opened or end != stopped or end is None:
                    return None
                start = position(opened[-1].start_mark)
                return (_OPENING[type(opened[-1])], start, end) if start else None
    except yaml.YAMLError:
        return None
    return None
