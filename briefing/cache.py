"""A cache of parsed parts, so that re-checking after an edit parses only what changed.

Each part of a fact base (the one file, or each file of a folder: :mod:`briefing.parts`) is
parsed once per content: its values (and the scalars YAML 1.1 reads otherwise) are kept in
``.briefing-cache/`` next to the fact base, under a key made of the part's name, its bytes
and the tool (its version and the loader's own code). Positions are not kept: they are found
again, from the part's text, when a problem must be placed. Any edit, a rename, an upgrade
gives another key; the cache is never asked whether it is stale.

An entry is plain values (dicts, lists, tuples, strings, numbers) written with :mod:`marshal`,
behind a SHA-256 of those bytes: an entry that does not match its digest, does not decode, or
does not have the expected shape is ignored and rebuilt. :mod:`marshal` is not meant for data
an attacker made; the digest catches damage (a truncated write, a flipped bit), and anyone able
to write into the cache could as well edit the fact base next to it, so nothing is trusted
that the fact base's own folder does not already trust. No pickle: loading an entry never
runs code.

The folder holds a ``.gitignore`` of its own (it is never committed) and may be deleted at any
time. Entries of a fact base's former contents are removed after each run.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing import parallel
from briefing.load import Document, load_bytes, without_bom
from briefing.parts import Part, Source

FOLDER = ".briefing-cache"
_MAGIC = b"briefing-parsed-part 2\n"
_DIGEST = 32
PARALLEL_BYTES = 8 * 1024 * 1024
"""Parts to parse under this many bytes in all are parsed in this process: starting workers
and passing the values back costs more than it saves (about 0.5 s of parsing)."""


@lru_cache(maxsize=1)
def tool_key() -> str:
    """What a parsed part depends on besides its bytes: the tool's version, the loader's code
    (a development copy changes without a new version), Python's and marshal's versions."""
    from briefing import __version__, load, scalars, yamlread

    code = b"".join(Path(str(module.__file__)).read_bytes() for module in (load, yamlread, scalars))
    return hashlib.sha256(f"{__version__}\0{sys.version}\0{marshal.version}\0".encode() + code).hexdigest()


class PartCache:
    """Parsed parts on disk for one fact base (``None`` folder: nothing kept)."""

    def __init__(self, folder: Path | None, source_name: str) -> None:
        self.folder = folder
        self.prefix = hashlib.sha256(source_name.encode()).hexdigest()[:12]  # one fact base's entries
        self.hits = self.misses = 0
        self.used: set[str] = set()
        self._entries: dict[int, str] = {}  # id of a part of this run -> its entry's name
        self.prefetched: dict[str, tuple] = {}  # entry -> (values, YAML 1.1 readings) parsed by the workers

    def parse(self, part: Part) -> Document:
        """The part's document, from the cache when an entry for these bytes is sound."""
        if part.refused is not None:
            raise part.refused
        entry = self._entry(part)
        self.used.add(entry)
        document = self._read(entry, part)
        if document is not None:
            self.hits += 1
            return document
        self.misses += 1
        found = self.prefetched.pop(entry, None)
        document = load_bytes(part.content, part.name) if found is None else _document(part, found)
        self._write(entry, document)  # a part that fails to load is not kept
        return document

    def prefetch(self, parts: tuple[Part, ...]) -> None:
        """Parse, side by side on the machine's cores, the parts the cache does not hold, when
        there is enough of them to repay starting the workers; :meth:`parse` then takes their
        values from here. A part that fails is left to :meth:`parse`, which reports it."""
        missing = [part for part in parts if part.refused is None and not self._has(self._entry(part))]
        if sum(len(part.content) for part in missing) < PARALLEL_BYTES:
            return
        if len(missing) == 1:  # one large file: in pieces
            found = parallel.parse_one(missing[0])
            if found is not None:
                self.prefetched[self._entry(missing[0])] = found
            return
        for part, found in zip(missing, parallel.parse_all(missing), strict=True):
            if found is not None:
                self.prefetched[self._entry(part)] = found

    def _entry(self, part: Part) -> str:
        entry = self._entries.get(id(part))
        if entry is None:  # hashed once per run: a large part's bytes take a while
            key = hashlib.sha256(f"{tool_key()}\0{part.name}\0".encode() + part.content).hexdigest()
            entry = self._entries[id(part)] = f"{self.prefix}-{key}"
        return entry

    def _has(self, entry: str) -> bool:
        return self.folder is not None and (self.folder / entry).exists()

    def _read(self, entry: str, part: Part) -> Document | None:
        values = self.read_entry(entry)
        if not (isinstance(values, tuple) and len(values) == 2 and isinstance(values[1], dict)):
            return None
        return _document(part, values)

    def _write(self, entry: str, document: Document) -> None:
        self.write_entry(entry, (document.data, document.yaml11))  # no positions: most runs never ask for one

    def read_entry(self, entry: str) -> object | None:
        """The values kept under ``entry``, or None when there are none or they are damaged."""
        if self.folder is None:
            return None
        try:
            raw = (self.folder / entry).read_bytes()
        except OSError:
            return None
        digest, payload = raw[len(_MAGIC):len(_MAGIC) + _DIGEST], raw[len(_MAGIC) + _DIGEST:]
        if not raw.startswith(_MAGIC) or hashlib.sha256(payload).digest() != digest:
            return None
        try:
            return marshal.loads(payload)
        except (ValueError, EOFError, TypeError):
            return None

    def write_entry(self, entry: str, values: Any) -> None:
        """Keep ``values`` (plain values only) under ``entry``, atomically; a cache that cannot
        be written is simply not kept."""
        if self.folder is None:
            return
        try:
            payload = marshal.dumps(values)
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text("# briefing's cache of parsed fact bases: safe to delete, never committed\n*\n")
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".entry-")
            with os.fdopen(handle, "wb") as out:
                out.write(_MAGIC + hashlib.sha256(payload).digest() + payload)
            os.replace(temporary, self.folder / entry)
        except (OSError, ValueError):
            return

    def prune(self) -> None:
        """Remove this fact base's entries that the last run did not use (former contents)."""
        if self.folder is None:
            return
        try:
            for path in self.folder.glob(f"{self.prefix}-*"):
                if path.name not in self.used:
                    path.unlink(missing_ok=True)
        except OSError:
            pass


def _document(part: Part, values: tuple) -> Document:
    """A part's document from its kept values (its positions are made when first asked for)."""
    data, yaml11 = values
    content = without_bom(part.content)
    return Document(part.name, data, content.decode("utf-8"), yaml11)


def for_source(source: Source) -> PartCache:
    """The cache of a fact base: ``.briefing-cache/`` in the folder that holds it (the folder's
    parent for a fact base kept as a folder). ``BRIEFING_CACHE=0`` turns it off."""
    if os.environ.get("BRIEFING_CACHE", "1") == "0":
        return PartCache(None, source.name)
    return PartCache(source.path.resolve().parent / FOLDER, source.name)


class Memory:
    """Parsed parts kept in memory between runs (the live preview): a part whose bytes did not
    change is not parsed again, nor read from disk."""

    def __init__(self, disk: PartCache | None = None) -> None:
        self.disk = disk
        self.kept: dict[tuple[str, bytes], Document] = {}
        self.now: dict[tuple[str, bytes], Document] = {}
        self.parsed = 0

    def parse(self, part: Part) -> Document:
        if part.refused is not None:
            raise part.refused
        key = (part.name, hashlib.sha256(part.content).digest())
        document = self.kept.get(key)
        if document is None:
            self.parsed += 1
            document = self.disk.parse(part) if self.disk is not None else load_bytes(part.content, part.name)
        self.now[key] = document
        return document

    def done(self) -> None:
        """End of a run: keep only the parts it used."""
        self.kept, self.now = self.now, {}
