"""The build: load, check, render the locales that need it (in parallel), then write all at once.

Each output records a digest of everything it was made from (fact base, templates,
package code, its locale's catalog) in ``.briefing-manifest.json`` next to it; an output
whose digest is unchanged is not rendered again. The manifest is written with the
outputs, all or nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from briefing import __version__, check
from briefing.errors import BriefingError, CheckFailed, RenderError
from briefing.model import FactBase, PartialDate
from briefing.paths import PACKAGE
from briefing.render.theme import Theme

MANIFEST = ".briefing-manifest.json"


def load_and_check(facts_path: Path, stream=sys.stderr, settings=None) -> FactBase:
    """Load and check; print every problem; raise :class:`CheckFailed` when any is an error.
    The desk's rule selection and severities (``settings``) apply, as they do to ``check``."""
    problems, facts = check.run_file(facts_path, context=check.Context.from_settings(settings))
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
    theme: Theme
    formats: tuple[str, ...]
    previous: Any = None
    previous_name: str = ""


def _render_locale(job: Job, locale: str) -> list[tuple[str, bytes, float]]:
    """Render one locale's outputs: [(file name, content, seconds)]. Runs in a worker process."""
    from briefing.render.html import render_html

    start = time.perf_counter()
    html = render_html(job.facts, locale, job.facts_bytes, job.theme, previous=job.previous)
    rendered = [(f"brief.{locale}.html", html.encode("utf-8"), time.perf_counter() - start)]
    if "pdf" in job.formats:
        from briefing.provenance import FACTS_NAME, PREVIOUS_PREFIX, Provenance, dependencies_digest, sha256
        from briefing.render.pdf import render_pdf

        start = time.perf_counter()
        inputs = {FACTS_NAME: job.facts_bytes}
        previous_bytes = job.previous[2] if job.previous else b""
        if job.previous:
            inputs[PREVIOUS_PREFIX + job.previous_name] = previous_bytes
        provenance = Provenance(tool_version=__version__, dependencies=dependencies_digest(),
                                facts=sha256(job.facts_bytes), previous=sha256(previous_bytes) if job.previous else "",
                                previous_name=job.previous_name, theme=job.theme.digest(locale),
                                built_in_theme="yes" if job.theme.built_in(locale) else "no", locale=locale)
        pdf = render_pdf(html, f"brief.{locale}.pdf", inputs, PartialDate(job.facts.meta.as_of).first_day,
                         job.theme.templates, provenance)
        rendered.append((f"brief.{locale}.pdf", pdf, time.perf_counter() - start))
    return [item for item in rendered if item[0].rsplit(".", 1)[1] in job.formats]


def build(facts_path: Path, out_dir: Path, locales: list[str] | None = None,
          formats: tuple[str, ...] = ("html", "pdf"), stream=sys.stderr,
          progress: Callable[[str], None] | None = None, jobs: int | None = None,
          force: bool = False, settings=None) -> list[Path]:
    """Build the brief for each locale; return the paths written (unchanged outputs are skipped).
    ``settings`` (:mod:`briefing.config`) gives the desk's theme and rule selection."""
    facts = load_and_check(facts_path, stream, settings)
    theme = Theme.from_settings(settings) if settings is not None else Theme()
    wanted = locales or list(facts.meta.locales)
    unknown = [locale for locale in wanted if locale not in facts.meta.locales]
    if unknown:
        raise BriefingError(f"locale(s) {', '.join(unknown)} not configured in meta.locales "
                            f"({', '.join(facts.meta.locales)})", file=str(facts_path))
    facts_bytes = facts_path.read_bytes()
    from briefing.diff import since_previous

    previous = since_previous(facts, facts_path)
    job = Job(facts, facts_bytes, theme, formats, previous, facts.meta.previous or "")
    digests = input_digests(facts_bytes, wanted, theme, previous[2] if previous else b"")
    from briefing.outputs import build_lock, write_all

    with build_lock(out_dir, stream=stream):
        manifest = _read_manifest(out_dir)
        pending = [locale for locale in wanted if force or any(
            manifest.get(f"brief.{locale}.{fmt}") != digests[locale] or not (out_dir / f"brief.{locale}.{fmt}").exists()
            for fmt in formats)]
        if pending:  # the engines load only when there is something to render (a second or so)
            _load_engines(formats)
        outputs: dict[Path, bytes] = {}
        for locale, items in _render_all(job, pending, jobs):
            for name, content, seconds in items:
                outputs[out_dir / name] = content
                manifest[name] = digests[locale]
                if progress:
                    progress(f"{name:<20} {seconds:5.1f} s")
        if outputs:
            outputs[out_dir / MANIFEST] = json.dumps(manifest, indent=1, sort_keys=True).encode()
            write_all(outputs)
    return [path for path in outputs if path.name != MANIFEST]


def _load_engines(formats: tuple[str, ...]) -> None:
    """Import the renderers before workers fork (they share them), checking the PDF engine."""
    if "pdf" in formats:
        try:
            import briefing.render.pdf  # noqa: F401
        except OSError as exc:  # WeasyPrint loads Pango through cffi at import time
            raise BriefingError(f"the PDF engine cannot load its system libraries ({exc}); run 'make setup' "
                                "or install Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0") from None
    import briefing.render.html  # noqa: F401


def _render_all(job: Job, locales: list[str], jobs: int | None):
    """Yield (locale, rendered outputs) as each locale completes, in parallel where it helps."""
    workers = min(len(locales), jobs or os.cpu_count() or 1)
    if workers <= 1:
        for locale in locales:
            yield locale, _render_locale(job, locale)
        return
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context("fork")  # workers inherit the loaded engine and fonts
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_interrupts)
    futures = {pool.submit(_render_locale, job, locale): locale for locale in locales}
    try:
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BrokenProcessPool:
        _stop(pool)
        raise RenderError("a rendering process stopped unexpectedly; nothing was written") from None
    except BaseException:
        # Ctrl-C (or an error) in this process: the workers ignore SIGINT and are stopped
        # here, so an interrupt sent to this process alone cannot leave it waiting on them.
        _stop(pool)
        raise
    pool.shutdown()


def _ignore_interrupts() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(timeout=5)


def _read_manifest(out_dir: Path) -> dict[str, str]:
    try:
        return json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
