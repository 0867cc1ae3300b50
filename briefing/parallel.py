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
