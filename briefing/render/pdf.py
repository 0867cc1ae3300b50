"""PDF rendering through WeasyPrint, in a sandbox: it reaches nothing it was not given."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML, Attachment
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from briefing.errors import RenderError
from briefing.render import tagging
from briefing.render.theme import Theme
from briefing.render.words import drop_joiners, keep_korean_words


class FetchRefused(FatalURLFetchingError):
    """A resource outside the sandbox was requested: the build must stop."""


class SandboxFetcher(URLFetcher):
    """Serves data: URIs and files under the theme's template folders; refuses everything else."""

    def __init__(self, roots: tuple[Path, ...] = Theme().templates) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.roots = tuple(root.resolve() for root in roots)

    def fetch(self, url, headers=None):
        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if any(path.is_relative_to(root) for root in self.roots) and path.is_file():
                return super().fetch(url, headers)
        raise FetchRefused(f"refused to fetch {url!r}: only files under the template folders and data: URIs may be used")


class _EngineWarnings(logging.Handler):
    """Collects the WeasyPrint warnings that mean the PDF lacks something: '.notdef glyph
    rendered' (a missing character) and 'Failed to load/render …' (a resource it skipped,
    e.g. a fetch refused inside an SVG, which WeasyPrint would otherwise only log)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.missing_glyphs: list[str] = []
        self.failed: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ".notdef" in message:
            self.missing_glyphs.append(message)
        elif message.startswith("Failed to"):
            self.failed.append(" ".join(message.split()))


PDF_VARIANT = "pdf/a-3b"


def render_pdf(html: str, name: str, inputs: dict[str, bytes], as_of: dt.date,
               roots: tuple[Path, ...] = Theme().templates, provenance=None) -> bytes:
    """Lay out ``html`` and return PDF/A-3 bytes that carry the files they were built from
    (``inputs``: the fact base, and the previous edition's when the brief lists changes).

    Every date inside the file comes from ``as_of``, never from the clock, so two builds of
    the same inputs give the same bytes. Refused fetches and missing glyphs are errors.
    ``provenance`` (see :mod:`briefing.provenance`) is written into the XMP metadata.
    """
    from weasyprint import LOGGER

    moment = dt.datetime(as_of.year, as_of.month, as_of.day, tzinfo=dt.timezone.utc)
    # fontTools stamps font subsets with the current time unless this is set.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(moment.timestamp())))
    fetcher = SandboxFetcher(roots)
    tagging.install()
    missing = _EngineWarnings()
    LOGGER.addHandler(missing)
    try:
        # Korean words kept whole in the PDF (WeasyPrint ignores word-break: keep-all)
        document = HTML(string=keep_korean_words(html), base_url=roots[0].as_uri() + "/", url_fetcher=fetcher)
        attachments = [Attachment(file_obj=io.BytesIO(content), name=file_name, url_fetcher=fetcher,
                                  description="An input this brief was built from",
                                  created=moment, modified=moment, relationship="Source")
                       for file_name, content in inputs.items()]
        options = {"pdf_variant": PDF_VARIANT, "pdf_tags": True, "attachments": attachments,
                   "presentational_hints": False}
        laid_out = document.render(**options)
        drop_joiners(laid_out)  # the joiners shape lines, not the outline's titles
        pdf = laid_out.write_pdf(**options)
    except FetchRefused as exc:
        raise RenderError(f"{name}: {exc}") from None
    finally:
        LOGGER.removeHandler(missing)
    if missing.missing_glyphs:
        raise RenderError(f"{name}: a character has no glyph in the available fonts "
                          f"({missing.missing_glyphs[0]})")
    if missing.failed:
        raise RenderError(f"{name}: the PDF engine could not use a resource ({missing.failed[0][:300]})")
    pdf = tagging.repair(pdf)
    if provenance is not None:
        from briefing.provenance import stamp as record

        pdf = record(pdf, provenance)
    return pdf
