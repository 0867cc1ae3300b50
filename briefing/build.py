"""The build: load, check, render the locales that need it (in parallel), then write all at once.

Each output records a digest of everything it was made from (fact base, templates,
package code, its locale's catalog) in ``.briefing-manifest.json`` next to it; an output
whose digest is unchanged is not rendered again. The manifest is written with the
outputs, all or nothing.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from briefing import __version__, check
from briefing.errors import BriefingError, CheckFailed
from briefing.model import FactBase, PartialDate
from briefing.paths import PACKAGE
from briefing.render.theme import Theme
from briefing.workers import in_workers

MANIFEST = ".briefing-manifest.json"


def load_and_check(facts_path: Path, stream=sys.stderr, settings=None, content: bytes | None = None,
                   source=None) -> FactBase:
    """Load and check (``content``: a file's bytes, or ``source``: what :func:`briefing.parts.read`
    read, when already read); print every problem;
    raise :class:`CheckFailed` when any is an error. The desk's rule selection and severities
    (``settings``) apply, as they do to ``check``."""
    problems, facts = check.run_file(facts_path, context=check.Context.from_settings(settings), content=content,
                                     source=source)
    if settings is not None:
        problems = check.select(problems, facts, settings.select, settings.ignore, settings.severity)
    for problem in problems:
        print(problem.format(), file=stream)
    errors = sum(p.severity == "error" for p in problems)
    if errors or facts is None:
        raise CheckFailed(f"{errors} error(s) in the fact base; nothing was built", file=str(facts_path))
    return facts


def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(str(path.relative_to(PACKAGE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def input_digests(facts_bytes: bytes, locales: list[str], theme: Theme, previous: bytes = b"") -> dict[str, str]:
    """Per locale, a digest of every input its outputs are made from (the previous edition's
    fact base included, when the brief lists the changes since it)."""
    code = _code_digest()
    facts = hashlib.sha256(facts_bytes + b"\0" + previous).hexdigest()
    return {locale: hashlib.sha256(f"{facts}:{code}:{theme.digest(locale)}".encode()).hexdigest()
            for locale in locales}


@dataclass(frozen=True)
class Job:
    """Everything one locale's render needs, passed to a worker process whole."""

    facts: FactBase
    facts_bytes: bytes
    """The fact base's bytes (a folder's: :meth:`briefing.parts.Source.bundle`), for its digest."""
    theme: Theme
    formats: tuple[str, ...]
    previous: Any = None
    previous_name: str = ""
    attachments: dict[str, bytes] | None = None
    """The files the PDF carries (a folder's parts with their paths); default: ``facts_bytes``."""


SUFFIXES = {"html": "html", "pdf": "pdf", "annex": "annex.pdf"}
"""Each output format and how its file ends: ``brief.en.html``, ``brief.en.pdf`` and, on request,
``brief.en.annex.pdf``: the whole brief as PDF, every record of every section (what the HTML
lists, where the brief's PDF prints the first ones of a long section)."""


def _render_locale(job: Job, locale: str) -> list[tuple[str, bytes, float]]:
    """Render one locale's outputs: [(file name, content, seconds)]. Runs in a worker process."""
    from briefing.render.html import render_html

    start = time.perf_counter()
    html = render_html(job.facts, locale, job.facts_bytes, job.theme, previous=job.previous)
    rendered = [(f"brief.{locale}.html", html.encode("utf-8"), time.perf_counter() - start)]
    if "pdf" in job.formats or "annex" in job.formats:
        from briefing.provenance import FACTS_NAME, PREVIOUS_PREFIX, Provenance, dependencies_digest, sha256
        from briefing.render.pdf import render_pdf

        inputs = dict(job.attachments or {FACTS_NAME: job.facts_bytes})
        previous_bytes = job.previous[2] if job.previous else b""
        if job.previous:
            inputs[PREVIOUS_PREFIX + job.previous_name] = previous_bytes
        provenance = Provenance(tool_version=__version__, dependencies=dependencies_digest(),
                                facts=sha256(job.facts_bytes), previous=sha256(previous_bytes) if job.previous else "",
                                previous_name=job.previous_name, theme=job.theme.digest(locale),
                                built_in_theme="yes" if job.theme.built_in(locale) else "no", locale=locale)
        as_of = PartialDate(job.facts.meta.as_of).first_day
        if "pdf" in job.formats:
            start = time.perf_counter()
            # the same page unless a section is longer than the PDF prints (then cut, with a line saying so)
            printed = render_html(job.facts, locale, job.facts_bytes, job.theme, previous=job.previous,
                                  for_print=True)
            pdf = render_pdf(printed, f"brief.{locale}.pdf", inputs, as_of, job.theme.templates, provenance)
            rendered.append((f"brief.{locale}.pdf", pdf, time.perf_counter() - start))
        if "annex" in job.formats:
            start = time.perf_counter()
            annex = render_pdf(html, f"brief.{locale}.annex.pdf", inputs, as_of, job.theme.templates,
                               replace(provenance, listing="annex"))
            rendered.append((f"brief.{locale}.annex.pdf", annex, time.perf_counter() - start))
    wanted = {f"brief.{locale}.{SUFFIXES[fmt]}" for fmt in job.formats}
    return [item for item in rendered if item[0] in wanted]


def build(facts_path: Path, out_dir: Path, locales: list[str] | None = None,
          formats: tuple[str, ...] = ("html", "pdf"), stream=sys.stderr,
          progress: Callable[[str], None] | None = None, jobs: int | None = None,
          force: bool = False, settings=None) -> list[Path]:
    """Build the brief for each locale; return the paths written (unchanged outputs are skipped).
    ``settings`` (:mod:`briefing.config`) gives the desk's theme and rule selection."""
    from briefing import parts

    source = parts.read(facts_path)  # read once: the checked bytes are the rendered and attached ones
    refused = next((part.refused for part in source.parts if part.refused is not None), None)
    if refused is not None:  # not even read (over the size limit): the build cannot run
        raise refused
    facts_bytes = source.bundle()
    facts = load_and_check(facts_path, stream, settings, source=source)
    theme = Theme.from_settings(settings) if settings is not None else Theme()
    wanted = locales or list(facts.meta.locales)
    if settings is not None and not facts.meta.marking:
        settings.check_locales(wanted)
    unknown = [locale for locale in wanted if locale not in facts.meta.locales]
    if unknown:
        raise BriefingError(f"locale(s) {', '.join(unknown)} not configured in meta.locales "
                            f"({', '.join(facts.meta.locales)})", file=str(facts_path))
    from briefing.diff import since_previous

    previous = since_previous(facts, facts_path)
    job = Job(facts, facts_bytes, theme, formats, previous, facts.meta.previous or "", source.attachments())
    digests = input_digests(facts_bytes, wanted, theme, previous[2] if previous else b"")
    from briefing.outputs import build_lock, write_all

    with build_lock(out_dir, stream=stream):
        manifest = _read_manifest(out_dir)
        # what was written, by its SHA-256: an output damaged or replaced since is rendered again
        kept = manifest.get("written")
        written: dict[str, str] = dict(kept) if isinstance(kept, dict) else {}
        pending = [locale for locale in wanted if force or any(
            manifest.get(name) != digests[locale] or written.get(name) != _file_digest(out_dir / name)
            for name in (f"brief.{locale}.{SUFFIXES[fmt]}" for fmt in formats))]
        if pending:  # the engines load only when there is something to render (a second or so)
            _load_engines(formats)
        outputs: dict[Path, bytes] = {}
        for locale, items in in_workers(_render_locale, job, pending, jobs):
            for name, content, seconds in items:
                outputs[out_dir / name] = content
                manifest[name] = digests[locale]
                written[name] = hashlib.sha256(content).hexdigest()
                if progress:
                    progress(f"{name:<20} {seconds:5.1f} s")
        if outputs:
            manifest["written"] = written
            outputs[out_dir / MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True).encode()
            write_all(outputs)
    return [path for path in outputs if path.name != MANIFEST]


def _load_engines(formats: tuple[str, ...]) -> None:
    """Import the renderers before workers fork (they share them), checking the PDF engine."""
    from briefing.outputs import interrupts_held

    with interrupts_held():
        if "pdf" in formats or "annex" in formats:
            try:
                import briefing.provenance  # noqa: F401
                import briefing.render.pdf  # noqa: F401
                import pikepdf  # noqa: F401
            except OSError as exc:  # WeasyPrint loads Pango through cffi at import time
                raise BriefingError(f"the PDF engine cannot load its system libraries ({exc}); run 'make setup' or "
                                    "install Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0") from None
        import briefing.render.html  # noqa: F401


def _file_digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:  # absent: rendered again
        return None


def _read_manifest(out_dir: Path) -> dict:
    try:
        return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
