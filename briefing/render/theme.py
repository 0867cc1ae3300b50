"""The look and words of a brief: a chain of template folders and of catalog folders (the
desk's first, the built-in ones last), extra stylesheets, and the desk's default markings.

Like MkDocs' ``custom_dir``, a desk overrides one partial, one block of the skeleton or only
the stylesheet by putting a file of the same name in its own folder; a catalog in its own
folder adds a locale or rewords a few labels of a built-in one.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from briefing.errors import RenderError
from briefing.config import DEFAULT_PDF_LIMIT
from briefing.paths import LOCALES, THEME, catalog_paths


@dataclass(frozen=True)
class Theme:
    templates: tuple[Path, ...] = (THEME,)
    stylesheets: tuple[Path, ...] = ()
    locales: tuple[Path, ...] = (LOCALES,)
    marking: dict[str, str] | None = None
    portion_mark: dict[str, str] | None = None
    pdf_limit: int = DEFAULT_PDF_LIMIT
    """How many records of a long section the PDF prints (0: all); the HTML prints all."""

    @classmethod
    def from_settings(cls, settings) -> "Theme":
        return cls(templates=settings.template_chain, stylesheets=tuple(settings.stylesheets),
                   locales=settings.locale_chain, marking=settings.marking, portion_mark=settings.portion_mark,
                   pdf_limit=settings.pdf_section_limit)

    def built_in(self, locale: str) -> bool:
        """Whether the desk's folders change nothing for this locale (they may hold only READMEs)."""
        return self.digest(locale) == BUILT_IN.digest(locale)

    def catalogs(self, locale: str) -> list[Path]:
        """The catalogs of ``locale`` along the chain, most specific first."""
        return catalog_paths(locale, self.locales)

    def has_catalog(self, locale: str) -> bool:
        return bool(self.catalogs(locale))

    def translations(self, locale: str) -> Translations:
        """``locale``'s catalogs compiled in memory (no .mo file is kept), the desk's entries
        over the built-in ones."""
        catalogs = self.catalogs(locale)
        if not catalogs:
            places = ", ".join(str(folder) for folder in self.locales)
            raise RenderError(f"no translation catalog for locale {locale!r}: expected "
                              f"{locale}/LC_MESSAGES/messages.po in {places} (see README, 'Adding a locale')")
        merged: Translations | None = None
        for path in reversed(catalogs):  # the built-in first; each desk catalog over it
            with path.open("rb") as po_file:
                catalog = read_po(po_file, locale=locale)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            compiled = Translations(fp=buffer)
            merged = compiled if merged is None else merged.merge(compiled)
        assert merged is not None
        return merged

    def digest(self, locale: str) -> str:
        """A digest of every file of the theme a locale's brief is made from."""
        digest = hashlib.sha256()
        for folder in self.templates:
            for path in sorted(p for p in folder.rglob("*") if p.is_file() and _used(p)):
                digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
        for path in (*self.stylesheets, *self.catalogs(locale)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        # the desk's default markings and PDF limit change the brief as much as a template does
        digest.update(json.dumps([self.marking, self.portion_mark], sort_keys=True).encode())
        if self.pdf_limit != DEFAULT_PDF_LIMIT:  # the default leaves earlier digests as they were
            digest.update(f"pdf_limit={self.pdf_limit}".encode())
        return digest.hexdigest()


def _used(path: Path) -> bool:
    """Whether a file in a template folder can change a brief (notes and caches cannot)."""
    return path.suffix not in (".md", ".txt", ".pyc") and not path.name.startswith(".")


BUILT_IN = Theme()
"""The built-in theme alone: what a brief looks like with no desk folders."""
