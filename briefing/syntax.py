"""YAML syntax errors as an analyst reads them: placed where the fix goes, in the editor's count.

- A ``{`` or ``[`` left open is reported where it opened. The parser reports it where it gave
  up: at the next key, often lines below, or at the end of the file. The analyst must close
  the bracket, so the problem is placed at the bracket, and its message names both places.
- A quotation mark left open runs to the end of the file: it is reported where it opened.
- A tab where YAML wants spaces is named as such (libyaml says "cannot start any token").
- YAML also breaks lines at CR, NEL, LS and PS; editors and git count only LF (CRLF is one
  break): positions are mapped to the editors' count (:class:`EditorLines`).
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Callable

import yaml

from briefing.errors import Position
from briefing.yamlread import Parser, position

_FLOWS = {"while parsing a flow mapping": ("mapping", "{", "}"), "while parsing a flow sequence": ("list", "[", "]")}
_OPENING = {yaml.FlowMappingStartToken: ("mapping", "{", "}"), yaml.FlowSequenceStartToken: ("list", "[", "]")}
_CLOSING = (yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def explained(exc: yaml.MarkedYAMLError, text: str,
              editor: Callable[[Position], Position] | None = None) -> tuple[Position, str]:
    """Where a syntax error is to be fixed, and what to say about it."""
    found = unclosed(exc, text, editor)
    if found:
        return found
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "invalid YAML"
    if _tab_at(text, mark):  # libyaml's words for it ("cannot start any token") do not say "tab"
        message += " (a tab character: YAML indents with spaces only)"
    where = position(mark) or Position(1, 1)
    opened = _quote_left_open(text, where.line)
    if opened is not None:
        opened = editor(opened) if editor else opened
        message += f" (is the quotation opened at line {opened.line}, column {opened.column} closed?)"
    return (editor(where) if editor else where), message


_VALUE_QUOTE = re.compile(r"""(?:^\s*-\s+|:\s+|[\[{,]\s*)(["'])""")


def _quote_left_open(text: str, line: int, reach: int = 30) -> Position | None:
    """The nearest of the ``reach`` lines before ``line`` (1-based) where a quoted value opens
    and does not close: a quotation left open there runs on, and the parser fails lines below,
    where the next quotation mark closes it. A guess, offered in the message only."""
    lines = text.split("\n", line)[:line - 1]
    for number in range(len(lines), max(len(lines) - reach, 0), -1):
        found = _VALUE_QUOTE.search(lines[number - 1])
        if found and not _closed(lines[number - 1], found.end(1), found.group(1)):
            return Position(number, found.start(1) + 1)
    return None


def _closed(line: str, start: int, quote: str) -> bool:
    """Whether the quotation opened just before ``start`` closes on this line (a double quote
    may be escaped with a backslash; a single one is doubled inside single quotes)."""
    i = start
    while i < len(line):
        char = line[i]
        if quote == '"' and char == "\\":
            i += 2
            continue
        if char == quote:
            if quote == "'" and line[i + 1:i + 2] == "'":
                i += 2
                continue
            return True
        i += 1
    return False


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


class EditorLines:
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
