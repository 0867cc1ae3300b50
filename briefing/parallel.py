"""Use the machine's cores: a folder's parts parsed side by side, the text rules run beside the
model's validation.

A large fact base kept as a folder is many parts that parse independently; one process parses
one core's worth. Here worker processes (forked, so they start in milliseconds and already hold
the loader) parse the parts and hand back their values as :mod:`marshal` bytes, which this
process reads back far faster than it could parse the YAML. Positions are not passed: they are
made from the part's text when a problem needs one, as after any parse.

Only where forking is safe: on a system that forks, from a process with a single thread (the
live preview, with its server threads, parses in its own process as before). Anything that
stops the workers (no fork, a resource limit) leaves the parts to be parsed here.
"""

from __future__ import annotations

import marshal
import multiprocessing
import os
import re
import threading
from typing import Any, Callable, Sequence

from briefing.errors import LoadError
from briefing.load import load_bytes
from briefing.perf import gc_paused

_JOBS: Sequence = ()  # the parts to parse, inherited by the forked workers (never pickled to them)


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_all(parts: Sequence) -> list[tuple | None]:
    """For each part (a :class:`briefing.parts.Part`), its ``(values, YAML 1.1 readings)``, or
    None when it was not parsed here (it failed to load, or no worker could run)."""
    global _JOBS
    count = min(cores(), len(parts))
    if count < 2 or threading.active_count() > 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [None] * len(parts)
    _JOBS = parts
    found: list[tuple | None] = []
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool, gc_paused():
            for raw in pool.imap(_parse, range(len(parts)), chunksize=1):
                found.append(None if raw is None else marshal.loads(raw))
    except OSError:
        return [None] * len(parts)
    finally:
        _JOBS = ()
    return found


def _parse(index: int) -> bytes | None:
    part = _JOBS[index]
    try:
        document = load_bytes(part.content, part.name)
    except LoadError:  # reported by the parent's own parse, with its message
        return None
    return marshal.dumps((document.data, document.yaml11))


def alongside(work: Callable[[], Any], worthwhile: bool) -> Callable[[], Any]:
    """Start ``work`` (a function whose result :mod:`marshal` can write) in a forked child and
    return a function that waits for its result, while this process goes on with something
    else; when it is not ``worthwhile``, forking is not safe here, or the child fails, ``work``
    runs in this process (so the result is the same either way, only sooner)."""
    if not worthwhile or cores() < 2 or threading.active_count() > 1 or not hasattr(os, "fork"):
        result = work()
        return lambda: result
    try:
        reading, writing = os.pipe()
        child = os.fork()
    except OSError:
        result = work()
        return lambda: result
    if child == 0:  # the child: do the work, hand it back, and leave without running anything else
        status = 1
        try:
            os.close(reading)
            payload = marshal.dumps(work())
            with os.fdopen(writing, "wb") as out:
                out.write(payload)
            status = 0
        finally:
            os._exit(status)
    os.close(writing)

    def collect() -> Any:
        with os.fdopen(reading, "rb") as stream:
            payload = stream.read()
        _, status = os.waitpid(child, 0)
        if status == 0:
            try:
                return marshal.loads(payload)
            except (ValueError, EOFError, TypeError):
                pass
        return work()

    return collect


_NOT_ONE_MAPPING = re.compile(r"^(?:---|\.\.\.|%)", re.MULTILINE)  # documents, directives: parsed whole
_TOP_LINE = re.compile(r"\n(?=[^ \t#\r\n-]|-[^ \t\r\n])")  # a line that starts a top-level entry
_TOP_KEY = re.compile(r"([^'\"\-?:\s][^:#\n]*):[ \t]*(?:#[^\n]*)?\n")  # a plain key, its value below
_FIRST_ENTRY = re.compile(r"(?:[ \t]*(?:#[^\n]*)?\n)*( *)- ")  # blank and comment lines, then a dash


def parse_one(part) -> tuple | None:
    """A large part's ``(values, YAML 1.1 readings)`` parsed in pieces (:func:`parse_pieces`),
    or None: then it is parsed whole, as a text that is not UTF-8 or breaks lines otherwise
    than with LF must be (positions are remapped) and as any refusal is reported."""
    from briefing.load import OTHER_BREAKS, without_bom

    content = without_bom(part.content)
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if OTHER_BREAKS.search(text):
        return None
    data = parse_pieces(text)
    return None if data is None else (data, {})  # a piece gives up on any YAML 1.1 reading to report


def parse_pieces(text: str) -> Any:
    """The values of one large file, parsed in pieces side by side, or None when it cannot be
    cut safely or a piece gives up (then the file is parsed whole, which reports what it must).

    The cuts fall before an entry of a top-level list written in block style (a line holding
    the list's dash at the list's own indentation), and each piece after the first is read
    with its section's key put back above it. Such a line is always an entry in block YAML;
    should it lie inside a quoted or flow value spread over lines, the piece before it ends in
    the middle of that value and fails to parse, and the file is parsed whole."""
    if _NOT_ONE_MAPPING.search(text) or "\t" in text:
        return None
    count = cores()
    cuts = _cuts(text, count * 2)
    if len(cuts) < 2:
        return None
    pieces = []
    for number, (start, section) in enumerate(cuts):
        end = cuts[number + 1][0] if number + 1 < len(cuts) else len(text)
        pieces.append((f"{section}:\n" if section else "") + text[start:end])
    global _JOBS
    _JOBS = pieces
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool, gc_paused():
            found = [None if raw is None else marshal.loads(raw) for raw in pool.imap(_piece, range(len(pieces)))]
    except OSError:
        return None
    finally:
        _JOBS = ()
    return _joined(found, [section for _, section in cuts])


def _cuts(text: str, wanted: int) -> list[tuple[int, str]]:
    """Where to cut ``text``: (offset, the section a piece continues, "" for the first piece).
    Only inside a section whose key stands alone on its line with a block list right below."""
    tops = [0] + [found.end() for found in _TOP_LINE.finditer(text)] + [len(text)]
    size = max(len(text) // wanted, 1)
    cuts, last = [(0, "")], 0
    for start, end in zip(tops, tops[1:], strict=False):
        key = _TOP_KEY.match(text, start, end)
        first = _FIRST_ENTRY.match(text, key.end(), end) if key else None
        if key is None or first is None:
            continue
        entry = "\n" + first.group(1) + "- "  # an entry of this list: a dash at its indentation
        at = text.find(entry, max(first.end(), last + size) - 1, end)
        while at != -1:
            cuts.append((at + 1, key.group(1)))
            last = at + 1
            at = text.find(entry, last + size - 1, end)
    return cuts


def _piece(index: int) -> bytes | None:
    from briefing.yamlread import GaveUp, values

    try:
        with gc_paused():  # as load_text parses: the collector would rescan every value made so far
            data = values(_JOBS[index])
    except GaveUp:
        return None
    return marshal.dumps(data) if isinstance(data, dict) else None


def _joined(found: list, continued: list[str]) -> dict | None:
    """The pieces' mappings as one: a continued section's entries join the list before them;
    any other key met twice is a duplicate the whole parse must report."""
    joined: dict = {}
    for data, section in zip(found, continued, strict=True):
        if data is None:
            return None
        for key, value in data.items():
            if key == section and next(iter(data)) == key:
                if not (isinstance(joined.get(key), list) and isinstance(value, list)):
                    return None
                joined[key].extend(value)
            elif key in joined:
                return None
            else:
                joined[key] = value
    return joined
