"""The build: load, check, render every locale in memory, then write all outputs at once."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing import check
from briefing.errors import BriefingError, CheckFailed
from briefing.model import FactBase, PartialDate


def load_and_check(facts_path: Path, stream=sys.stderr) -> FactBase:
    """Load and check; print every problem; raise :class:`CheckFailed` when any is an error."""
    problems, facts = check.run_file(facts_path)
    for problem in problems:
        print(problem.format(), file=stream)
    errors = sum(p.severity == "error" for p in problems)
    if errors or facts is None:
        raise CheckFailed(f"{errors} error(s) in the fact base; nothing was built", file=str(facts_path))
    return facts


def build(facts_path: Path, out_dir: Path, locales: list[str] | None = None,
          formats: tuple[str, ...] = ("html", "pdf"), stream=sys.stderr) -> list[Path]:
    """Build the brief for each locale; return the written paths."""
    facts = load_and_check(facts_path, stream)
    from briefing.render.html import render_html

    if "pdf" in formats:
        try:
            from briefing.render.pdf import render_pdf
        except OSError as exc:  # WeasyPrint loads Pango through cffi at import time
            raise BriefingError(f"the PDF engine cannot load its system libraries ({exc}); run 'make setup' "
                                "or install Pango: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0") from None
    wanted = locales or list(facts.meta.locales)
    unknown = [locale for locale in wanted if locale not in facts.meta.locales]
    if unknown:
        raise BriefingError(f"locale(s) {', '.join(unknown)} not configured in meta.locales "
                            f"({', '.join(facts.meta.locales)})", file=str(facts_path))
    facts_bytes = facts_path.read_bytes()
    from briefing.outputs import build_lock, write_all

    with build_lock(out_dir, stream=stream):
        outputs: dict[Path, bytes] = {}
        for locale in wanted:
            html = render_html(facts, locale, facts_bytes)
            if "html" in formats:
                outputs[out_dir / f"brief.{locale}.html"] = html.encode("utf-8")
            if "pdf" in formats:
                outputs[out_dir / f"brief.{locale}.pdf"] = render_pdf(
                    html, f"brief.{locale}.pdf", facts_bytes, PartialDate(facts.meta.as_of).first_day)
        write_all(outputs)
    return list(outputs)
