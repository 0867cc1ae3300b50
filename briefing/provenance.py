"""What a PDF brief was made from, written into its XMP metadata and read back.

Each PDF records the tool's version, a digest of the installed dependencies (the lock
file's pins as they were installed), the digests of the fact base (and of the previous
edition's, when the brief lists the changes since it), of the theme (templates, stylesheets,
catalogs) and its locale. With the fact base attached to the file (PDF/A-3), that is
enough for ``briefing verify`` to rebuild it and compare.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import asdict, dataclass, fields
from functools import lru_cache

NAMESPACE = "https://briefing.invalid/ns/provenance/1.0/"
FACTS_NAME = "facts.yaml"
PREVIOUS_PREFIX = "previous/"


@dataclass(frozen=True)
class Provenance:
    tool_version: str
    dependencies: str
    """SHA-256 of the installed distributions (name==version, sorted): the locked pins as installed."""
    facts: str
    """SHA-256 of the attached fact base."""
    previous: str
    """SHA-256 of the attached previous edition, or empty."""
    previous_name: str
    theme: str
    """SHA-256 of the templates, stylesheets and catalogs the brief was made with."""
    built_in_theme: str
    """"yes" when only the built-in theme was used (verify can rebuild it anywhere)."""
    locale: str
    listing: str = ""
    """"annex" for the whole brief as PDF (``brief.LOCALE.annex.pdf``, every record of every
    section); empty for the brief's own PDF. Absent from PDFs made before annexes existed."""


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@lru_cache(maxsize=1)
def dependencies_digest() -> str:
    from importlib import metadata

    pins = sorted({f"{(d.metadata['Name'] or '').lower()}=={d.version}" for d in metadata.distributions()
                   if (d.metadata["Name"] or "").lower() != "briefing"})
    return sha256("\n".join(pins).encode())


def stamp(pdf: bytes, provenance: Provenance) -> bytes:
    """``pdf`` with its provenance (and its language) added to the XMP metadata. Nothing
    else changes, and no date or editor is added, so the bytes stay reproducible."""
    import xml.etree.ElementTree as ElementTree

    import pikepdf

    ElementTree.register_namespace("briefing", NAMESPACE)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        with document.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:language"] = [provenance.locale]
            for name, value in asdict(provenance).items():
                if value or name != "listing":  # the brief's own PDF stays as it was before annexes
                    meta[f"{{{NAMESPACE}}}{name}"] = value
        _tidy_attachments(document)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)
    return out.getvalue()


def _tidy_attachments(document) -> None:
    """WeasyPrint lists each attachment twice in the catalog's /AF (once inline, once as an
    object) and types it application/octet-stream: keep one entry per file, and type a
    fact base as YAML, so PDF/A readers show what it is."""
    import pikepdf

    entries = list(document.Root.get("/AF", []))
    kept: dict[str, object] = {}
    for spec in sorted(entries, key=lambda s: not s.is_indirect):  # the shared object first
        kept.setdefault(str(spec.get("/UF", spec.get("/F", ""))), spec)
    if entries:
        document.Root.AF = pikepdf.Array(list(kept.values()))
    for name, spec in document.attachments.items():
        if name.endswith((".yaml", ".yml")):
            spec.get_file().obj.Subtype = pikepdf.Name("/application/yaml")


def read(pdf: bytes) -> tuple[Provenance | None, dict[str, bytes]]:
    """The provenance a PDF records (None if it records none) and its attached files."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        meta = document.open_metadata()
        values = {f.name: meta.get(f"{{{NAMESPACE}}}{f.name}") for f in fields(Provenance)}
        attached = {name: spec.get_file().read_bytes() for name, spec in document.attachments.items()}
    values = {name: value for name, value in values.items() if value is not None or name != "listing"}
    if any(value is None for value in values.values()):
        return None, attached
    return Provenance(**{k: str(v) for k, v in values.items()}), attached
