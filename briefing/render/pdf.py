"""PDF rendering through WeasyPrint, in a sandbox: it reaches nothing it was not given."""

from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher

from briefing.errors import RenderError
from briefing.paths import TEMPLATES


class FetchRefused(FatalURLFetchingError):
    """A resource outside the sandbox was requested: the build must stop."""


class SandboxFetcher(URLFetcher):
    """Serves data: URIs and files under the templates folder; refuses everything else."""

    def __init__(self, root: Path = TEMPLATES) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)
        self.root = root.resolve()

    def fetch(self, url, headers=None):
        scheme = urlparse(url).scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = Path(unquote(urlparse(url).path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return super().fetch(url, headers)
        raise FetchRefused(f"refused to fetch {url!r}: only files under templates/ and data: URIs may be used")


class _MissingGlyphs(logging.Handler):
    """Collects WeasyPrint's '.notdef glyph rendered' warnings: each is a missing character."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if ".notdef" in message:
            self.messages.append(message)


def render_pdf(html: str, name: str, root: Path = TEMPLATES) -> bytes:
    """Lay out ``html`` and return the PDF bytes; fail on refused fetches and missing glyphs."""
    from weasyprint import LOGGER

    missing = _MissingGlyphs()
    LOGGER.addHandler(missing)
    try:
        document = HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=SandboxFetcher(root))
        pdf = document.write_pdf()
    except FetchRefused as exc:
        raise RenderError(f"{name}: {exc}") from None
    finally:
        LOGGER.removeHandler(missing)
    if missing.messages:
        raise RenderError(f"{name}: a character has no glyph in the available fonts "
                          f"({missing.messages[0]})")
    return pdf
