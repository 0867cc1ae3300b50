"""``briefing split FACTS DIR``: turn a single-file fact base into a folder of parts.

The file is cut by its lines, never re-written: comments, quoting and layout stay as the
analysts wrote them, and every line of the file lands in exactly one part. Each section goes
to a part of its own (``DIR/meta.yaml``, ``DIR/sources.yaml``); a list section longer than
``size`` records, written in block style, is cut into numbered parts (``DIR/events/001.yaml``),
or with ``by_year`` into one part per run of records of the same year
(``DIR/events/001-2023.yaml``). The numbers keep the parts in the file's order, which is the
order the folder is read in (:mod:`briefing.parts`).

One line may change: the editors' schema line (``# yaml-language-server: $schema=...``) the
file opens with. Every part gets one, naming the part schema (``part.schema.json``, written
beside the file's schema when it is not there yet): the fact base's own schema would flag a
part that holds no ``meta`` or ``sources``, and the file's relative path would lead nowhere
from inside the folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from briefing.errors import BriefingError
from briefing.load import Document, load_bytes, read_bytes

SPLIT_LIMIT = 1024 * 1024 * 1024  # 1 GiB: sixteen times the limit of one part

_DATE = re.compile(r"([0-9]{4})(-[0-9]{2}){0,2}\Z")
_MODELINE = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)\s*\Z")


def split(facts_path: Path, folder: Path, size: int = 1000, by_year: bool = False) -> list[Path]:
    """Write the parts of ``facts_path`` into ``folder`` (which must not hold any yet); return them."""
    # a file over the per-part limit is what split is for: it may read one up to SPLIT_LIMIT
    document = load_bytes(read_bytes(facts_path, limit=SPLIT_LIMIT), str(facts_path), limit=SPLIT_LIMIT)
    if not isinstance(document.data, dict) or not document.data:
        raise BriefingError("only a fact base whose top level is a mapping of sections can be split",
                            file=str(facts_path))
    if folder.exists() and any(folder.iterdir()):
        raise BriefingError("the folder is not empty; split writes into a new or empty folder", file=str(folder))
    lines = document.text.split("\n")
    sections = list(document.data)
    starts = [document.key_position((section,)).line - 1 for section in sections]
    starts[0] = 0  # the file's opening comments go with its first section
    for number in range(1, len(starts)):  # the comment lines just above a section's key go with it
        while starts[number] - 1 > starts[number - 1] and lines[starts[number] - 1].lstrip().startswith("#"):
            starts[number] -= 1
    parts: dict[str, list[str]] = {}
    for number, section in enumerate(sections):
        end = starts[number + 1] if number + 1 < len(sections) else len(lines)
        for name, chunk in _cut(document, section, lines, starts[number], end, size, by_year):
            parts[name] = chunk
    if parts and lines and lines[-1] == "":
        last = list(parts)[-1]
        parts[last] = parts[last][:-1]  # the file's final newline ends every part instead
    modeline = _MODELINE.match(lines[0]) if lines else None
    part_schema = _part_schema(facts_path, modeline.group(1)) if modeline else None
    written = []
    for name, chunk in parts.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if part_schema is not None:
            line = f"# yaml-language-server: $schema={Path(os.path.relpath(part_schema, path.parent)).as_posix()}"
            chunk = [line] + (chunk[1:] if chunk and _MODELINE.match(chunk[0]) else chunk)
        path.write_text("\n".join(chunk) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _part_schema(facts_path: Path, named: str) -> Path | None:
    """Where the part schema is for a file whose schema line names ``named``: beside that
    schema, written there from this version's model if it is not (None for a URL: the desk
    publishes its schemas itself)."""
    if "://" in named:
        return None
    beside = (facts_path.parent / named).parent / "part.schema.json"
    if not beside.exists():
        from briefing import schema

        beside.parent.mkdir(parents=True, exist_ok=True)
        beside.write_text(schema.text(part=True), encoding="utf-8")
    return beside


def _cut(document: Document, section: str, lines: list[str], start: int, end: int, size: int,
         by_year: bool) -> list[tuple[str, list[str]]]:
    """A section's lines [start, end) as (part name, lines): one part, or its records in chunks."""
    records = document.data[section]
    key_line = document.key_position((section,)).line - 1
    whole = [(f"{section}.yaml", lines[start:end])]
    if not isinstance(records, list) or not records or (len(records) <= size and not by_year):
        return whole
    firsts = [_first_line(document, lines, (section, index), key_line) for index in range(len(records))]
    if firsts[0] <= key_line or not all(lines[line].lstrip().startswith(("-", "#")) for line in firsts):
        return whole  # a flow-style list ([a, b]) is kept in one part
    header, groups = lines[start:key_line + 1], _groups(records, size, by_year)
    if not lines[key_line].rstrip().endswith(":") or "#" in lines[key_line]:
        return whole  # something after the key besides the list: keep it as written
    chunks = []
    for number, (first, last, year) in enumerate(groups, start=1):
        stop = firsts[last + 1] if last + 1 < len(records) else end
        body = lines[key_line + 1 if number == 1 else firsts[first]:stop]
        chunks.append((f"{section}/{number:03d}{'-' + year if year else ''}.yaml",
                       (header if number == 1 else [lines[key_line]]) + body))
    return chunks


def _first_line(document: Document, lines: list[str], path: tuple, key_line: int) -> int:
    """The first line of a record: the line of its dash, with the comment lines just above it."""
    line = document.position(path).line - 1
    while line > key_line + 1 and lines[line - 1].lstrip().startswith("#"):
        line -= 1
    return line


def _groups(records: list, size: int, by_year: bool) -> list[tuple[int, int, str]]:
    """Runs of records (first index, last index, year or ""): at most ``size`` each, and with
    ``by_year`` a new run wherever the year of the records' first date changes."""
    groups: list[tuple[int, int, str]] = []
    first, year = 0, _year(records[0]) if by_year else ""
    for index in range(1, len(records)):
        this = (_year(records[index]) or year) if by_year else ""
        if index - first >= size or this != year:
            groups.append((first, index - 1, year))
            first, year = index, this
    groups.append((first, len(records) - 1, year))
    return groups


def _year(record) -> str:
    """The year of a record's first date-valued field, if it has one."""
    if isinstance(record, dict):
        for value in record.values():
            found = _DATE.match(value) if isinstance(value, str) else None
            if found:
                return found.group(1)
    return ""
