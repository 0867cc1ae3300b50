"""The interface catalogs a fact base's locales will be rendered with, read once for the
rules that look into them (placeholders, untranslated messages)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from briefing.paths import LOCALES, catalog_paths


@lru_cache(maxsize=64)
def read(path: Path, mtime: float):
    """A catalog, parsed (``mtime`` is part of the key so an edited file is read again)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as stream:
        return read_po(stream, locale=path.parent.parent.name)


def catalogs(locale: str, folders: tuple[Path, ...]) -> list:
    """(path, catalog) along the chain for ``locale``, most specific first."""
    return [(path, read(path, path.stat().st_mtime)) for path in catalog_paths(locale, folders)]


def template_ids() -> set[str]:
    """Every message the built-in theme and code use (the template all catalogs follow)."""
    path = LOCALES / "messages.pot"
    return {m.id if isinstance(m.id, str) else m.id[0] for m in read(path, path.stat().st_mtime) if m.id}


def msgstr_line(path: Path, msgid_line: int) -> int:
    """The line of the ``msgstr`` that follows the ``msgid`` at ``msgid_line`` (Babel keeps only the latter)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number in range(msgid_line, min(len(lines), msgid_line + 20) + 1):
        if lines[number - 1].startswith("msgstr"):
            return number
    return msgid_line
