"""The build's worker processes: each locale rendered in a forked process of its own, owned
by the build and dying with it.

Apart from the build (:mod:`briefing.build`, which decides what to render and writes it)
because this is process plumbing with its own hazards: a worker inherits the loaded engine
and fonts by forking, sends its result back through a pipe, ignores the Ctrl-C meant for
its parent, asks the kernel to kill it when the build dies, and is stopped when another
worker fails, so that no worker outlives a build that was interrupted or killed. (Parsing a
large fact base on several cores, for ``check``, is :mod:`briefing.parallel`.)
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from briefing.errors import RenderError

J = TypeVar("J")  # what one render needs (the build's Job), passed whole to every worker
R = TypeVar("R")  # what one locale's render gives back


def in_workers(render: Callable[[J, str], R], job: J, locales: list[str],
               jobs: int | None) -> Iterator[tuple[str, R]]:
    """Yield (locale, ``render(job, locale)``) as each locale completes, in parallel where it helps.

    Each locale renders in a worker process of its own, forked (it inherits the loaded
    engine and fonts) and owned here: its result comes back through a pipe, and it dies
    with this process (see :func:`_worker`), so no worker outlives a build that was killed."""
    workers = min(len(locales), jobs or os.cpu_count() or 1)
    if workers <= 1:
        for locale in locales:
            yield locale, render(job, locale)
        return
    context = multiprocessing.get_context("fork")
    waiting = list(locales)
    running: dict[Connection, tuple[Any, str]] = {}  # result pipe -> (process, locale)
    parent = os.getpid()
    try:
        while waiting or running:
            while waiting and len(running) < workers:
                locale = waiting.pop(0)
                receiver, sender = context.Pipe(duplex=False)
                process = context.Process(target=_worker, args=(render, job, locale, sender, parent), daemon=True,
                                          name=f"briefing-render-{locale}")
                # the worker starts with SIGINT and SIGTERM held until it has set its own
                # handlers (it would otherwise run this process's, which raise)
                blocked = signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPTS)
                try:
                    process.start()
                finally:
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                sender.close()  # the worker's end: when it dies, reading gives EOF at once
                running[receiver] = (process, locale)
            ready = set(multiprocessing.connection.wait(list(running)))
            for receiver in [r for r in running if r in ready]:
                process, locale = running.pop(receiver)
                try:
                    message = receiver.recv()
                except (EOFError, OSError):  # it died without a word (killed, out of memory)
                    message = None
                finally:
                    receiver.close()
                    process.join(timeout=5)
                if message is None:
                    raise RenderError(f"the process rendering locale {locale!r} stopped unexpectedly "
                                      f"(exit code {process.exitcode}); nothing was written")
                failed, result, trace = message
                if failed:
                    raise result from _WorkerTraceback(trace)  # the worker's traceback, for --debug
                yield locale, result
    finally:
        # Ctrl-C, SIGTERM or an error here: the workers (which ignore SIGINT) are stopped, so
        # an interrupt sent to this process alone cannot leave it waiting on them.
        _stop([process for process, _ in running.values()])
        for receiver in running:
            receiver.close()


def _worker(render: Callable[[J, str], R], job: J, locale: str, sender, parent: int) -> None:
    """A worker process: render one locale, send back (failed, result or exception)."""
    _ignore_interrupts()
    _die_with_parent(parent)
    from briefing.outputs import close_inherited_locks

    close_inherited_locks()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPTS)  # held since the fork (see in_workers)
    try:
        message: tuple[bool, Any, str] = (False, render(job, locale), "")
    except BaseException as error:  # sent to the parent, which raises it
        message = (True, error, traceback.format_exc())
    try:
        sender.send(message)
    except Exception as error:  # an exception that does not pickle: its text, as a render error
        sender.send((True, RenderError(f"rendering locale {locale!r} failed: {type(error).__name__}: {error}"),
                     message[2]))
    finally:
        sender.close()


class _WorkerTraceback(Exception):
    """Where a worker failed: its traceback as text (shown with --debug)."""


def _ignore_interrupts() -> None:
    """In a worker: Ctrl-C (sent to the whole process group) is the parent's to handle, and
    SIGTERM gets its default action back (the parent's handler raises, which a worker must not)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux's PR_SET_PDEATHSIG;
    elsewhere a worker finishes its one locale and exits when sending to the gone parent fails).
    The parent may have died before the request was made: checked right after."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:
        os._exit(1)


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_INTERRUPTS = {signal.SIGINT, signal.SIGTERM}


def _stop(processes: list) -> None:
    """Stop worker processes: SIGTERM, then SIGKILL for any still there after a moment."""
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join(timeout=5)
