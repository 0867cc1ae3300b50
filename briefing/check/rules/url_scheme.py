"""url-scheme: a URL that is not http or https.

What it does
    Reports any source ``url`` whose scheme is not ``http`` or ``https`` (``javascript:``,
    ``file:``, ``data:``, …) or that has no host.

Why is this bad?
    The brief turns URLs into links. A ``javascript:`` link runs code in the reader's
    browser; a ``file:`` link points into the reader's own disk. Neither is a source.

Example
    ```yaml
    url: "javascript:alert(1)"
    ```

Use instead
    ```yaml
    url: "https://example.org/article"
    ```
"""

from __future__ import annotations

from typing import Iterator
from urllib.parse import urlsplit

from briefing.check.problem import Finding

ID = "url-scheme"
SEVERITY = "error"
SUMMARY = "a URL whose scheme is not http or https"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for source in facts.sources:
        if source.url is None:
            continue
        try:
            parts = urlsplit(source.url.strip())
        except ValueError as exc:  # e.g. an unclosed "[" in the host
            yield Finding(source.path + ("url",), f"URL {source.url!r} is malformed ({exc})")
            continue
        if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
            yield Finding(source.path + ("url",), f"URL {source.url!r} is not an http(s) address; "
                                                  "only http and https links may appear in a brief")
