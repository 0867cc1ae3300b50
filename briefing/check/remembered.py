"""The results of the last `briefing check` of a fact base, kept so that checking it again
unchanged costs reading it, not checking it (what ruff and mypy do with their caches).

A result is kept in the fact base's ``.briefing-cache/`` (:mod:`briefing.cache`) under a key
made of everything a check depends on, so that nothing else can make it stale:

- the fact base: its name (problems carry it) and the SHA-256 of its bytes, every part with
  its path for a folder; and the previous edition it names, which the checker reads too (its
  digest is kept with the result and compared before the result is used);
- the rule settings (``[rules.options]``) and the interface catalogs the catalog rules read
  (the desk's folders and the built-in ones: each file's path, size and modification time);
- the tool: its version, and the path, size and modification time of every file of the
  installed package (a development copy changes without a new version), Python's version.

Only ``briefing check`` answers from it: a build always checks what it renders. The problems
are kept before the desk's selection (``--select``, ``--ignore``, severities), which is applied
to them as to fresh ones. An entry that fails its digest or its shape is ignored and rebuilt,
like a parsed part.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from functools import lru_cache
from pathlib import Path

from briefing.check.problem import Problem

_FIELDS = 8  # Problem's fields, in order


def check_path(path: Path, context) -> tuple[list[Problem], bool]:
    """The problems of the fact base at ``path`` and whether it could be typed: remembered
    when nothing it depends on changed, else found by :func:`briefing.check.run_file`."""
    from briefing import cache, parts
    from briefing.check import run_file

    source = parts.read(path)
    store = cache.for_source(source)
    if store.folder is None:  # BRIEFING_CACHE=0: nothing kept, the parts parsed side by side all the same
        store.prefetch(source.parts)
        problems, facts = run_file(path, context=context, source=source, parse=store.parse)
        return problems, facts is not None
    entry = f"{store.prefix}-result-{_key(source, context)}"
    store.used.add(entry)
    found = _decode(store.read_entry(entry))
    if found is not None:
        return found
    store.prefetch(source.parts)
    problems, facts = run_file(path, context=context, source=source, parse=store.parse)
    read_too = _previous_edition(path, facts)
    store.write_entry(entry, (facts is not None, [_fields(p) for p in problems],
                              [(str(other), _digest(other)) for other in read_too]))
    store.prune()
    return problems, facts is not None


def _previous_edition(path: Path, facts) -> list[Path]:
    """The other file a check reads: the previous edition (``meta.previous``), which the
    ``previous-edition`` rule loads and checks; a result stands only while it is unchanged."""
    previous = getattr(getattr(facts, "meta", None), "previous", None)
    if not previous:
        return []
    try:
        folder = path.resolve().parent
        target = (folder / previous).resolve()
    except (OSError, ValueError):
        return []
    return [target] if target.is_relative_to(folder) else []  # outside: refused whatever it holds


def _digest(path: Path) -> str:
    """The file's SHA-256, read the one safe way (never a pipe or a device, within the size
    limit); empty when it cannot be read: a result about that stands while it stays so."""
    from briefing.errors import LoadError
    from briefing.load import read_bytes

    try:
        return hashlib.sha256(read_bytes(path, str(path), what="previous edition")).hexdigest()
    except LoadError:
        return ""


def _fields(problem: Problem) -> tuple:
    return (problem.file, problem.line, problem.column, problem.rule, problem.severity, problem.message,
            problem.end_line, problem.end_column)


def _decode(values) -> tuple[list[Problem], bool] | None:
    """A remembered result, unless damaged or a file it read has changed since."""
    if not (isinstance(values, tuple) and len(values) == 3 and isinstance(values[0], bool)
            and isinstance(values[1], list) and isinstance(values[2], list)
            and all(isinstance(row, tuple) and len(row) == _FIELDS for row in values[1])
            and all(isinstance(row, tuple) and len(row) == 2 for row in values[2])):
        return None
    if any(_digest(Path(other)) != digest for other, digest in values[2]):
        return None
    try:
        return [Problem(*row) for row in values[1]], values[0]
    except TypeError:
        return None


def _key(source, context) -> str:
    digest = hashlib.sha256()
    digest.update(f"{source.name}\0{source.folder}\0".encode())
    digest.update(hashlib.sha256(source.bundle()).digest())
    digest.update(json.dumps(context.options, sort_keys=True, default=str).encode())
    for folder in context.locales:
        digest.update(_files_state(str(folder)).encode())
    digest.update(_tool_state().encode())
    return digest.hexdigest()


@lru_cache(maxsize=None)
def _tool_state() -> str:
    import briefing

    return f"{briefing.__version__}\0{sys.version}\0" + _files_state(str(Path(briefing.__file__).parent))


@lru_cache(maxsize=None)
def _files_state(folder: str) -> str:
    """Each file under ``folder``: its path, size and modification time (compiled caches aside)."""
    rows = []
    for top, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            try:
                info = os.stat(os.path.join(top, name))
            except OSError:
                continue
            rows.append(f"{os.path.relpath(os.path.join(top, name), folder)}\0{info.st_size}\0{info.st_mtime_ns}")
    return f"{folder}\n" + "\n".join(rows)
