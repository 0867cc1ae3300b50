"""One measurement in a fresh process (run by benchmarks/run.py; prints one JSON line).

    python benchmarks/measure.py STAGE FACTS [LOCALE] [--out FILE]

STAGE is what is timed; everything the stage needs beforehand is done first, untimed:
  parse     PyYAML's libyaml parser alone, events only (the floor of any PyYAML loader)
  load      read and parse the YAML into values with positions
  check     load + every checker rule (what `briefing check` does after start-up)
  html      template rendering of one locale (after load + check)
  pipeline  load + check + template rendering of one locale: everything we add before WeasyPrint
  pdf       our PDF stage for one locale: WeasyPrint with PDF/A-3b, tags, the attached fact
            base, the sandboxed fetcher and the glyph check
  floor     WeasyPrint alone on the same HTML: plain HTML(...).write_pdf(), default options
  checkdir  `briefing check`'s own path (a file or a folder of parts, through the cache unless
            BRIEFING_CACHE=0): what a cold or a warm check costs after start-up
  preview   the live preview: after a first refresh (untimed), one claim of one part is edited
            and the refresh that gives the new HTML of every locale is timed (PDFs not rebuilt)
Peak memory is the process's maximum resident set size (ru_maxrss), imports included.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    stage, facts_path = argv[0], Path(argv[1])
    locale = argv[2] if len(argv) > 2 and not argv[2].startswith("--") else None
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else None

    from briefing import check
    from briefing.load import load_file
    from briefing.model import PartialDate
    from briefing.render.html import render_html

    result: dict = {"stage": stage, "locale": locale}
    if stage in ("checkdir", "preview"):
        result["seconds"] = _checkdir(facts_path) if stage == "checkdir" else _preview(facts_path)
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    facts_bytes = facts_path.read_bytes()
    start = time.perf_counter()
    if stage == "parse":
        import yaml

        parser = yaml.CSafeLoader(facts_bytes.decode("utf-8"))
        while not isinstance(parser.get_event(), yaml.StreamEndEvent):
            pass
    elif stage == "load":
        load_file(facts_path)
    elif stage in ("check", "pipeline"):
        problems, facts = check.run(load_file(facts_path))
        assert facts is not None and not [p for p in problems if p.severity == "error"], "fact base has errors"
        if stage == "pipeline":
            render_html(facts, locale, facts_bytes)
    else:
        _, facts = check.run(load_file(facts_path))
        if stage == "html":
            start = time.perf_counter()
            render_html(facts, locale, facts_bytes)
        else:
            html = render_html(facts, locale, facts_bytes)
            if stage == "pdf":
                from briefing.render.pdf import render_pdf

                start = time.perf_counter()
                pdf = render_pdf(html, f"brief.{locale}.pdf", {"facts.yaml": facts_bytes},
                                 PartialDate(facts.meta.as_of).first_day)
            elif stage == "floor":
                from weasyprint import HTML

                from briefing.paths import TEMPLATES
                from briefing.render.pdf import SandboxFetcher

                start = time.perf_counter()
                pdf = HTML(string=html, base_url=TEMPLATES.as_uri() + "/",
                           url_fetcher=SandboxFetcher(TEMPLATES)).write_pdf()
            else:
                raise SystemExit(f"unknown stage {stage!r}")
            if out:
                out.write_bytes(pdf)
    result["seconds"] = time.perf_counter() - start
    result["peak_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def _checkdir(facts_path: Path) -> float:
    from briefing import check

    start = time.perf_counter()
    problems, facts = check.run_file(facts_path)
    assert facts is not None and not [p for p in problems if p.severity == "error"], "fact base has errors"
    return time.perf_counter() - start


def edit_one_claim(facts_path: Path) -> Path:
    """Change one character of the last event's credibility comment-free line in one part:
    the smallest edit an analyst makes (the part is the folder's events part, or the file)."""
    from briefing import parts

    files = parts.part_paths(facts_path) if facts_path.is_dir() else [facts_path]
    target = next((f for f in files if "events" in f.as_posix()), files[-1])
    text = target.read_text(encoding="utf-8")
    at = text.rindex("credibility: ") + len("credibility: ")
    target.write_text(text[:at] + ("3" if text[at] != "3" else "4") + text[at + 1:], encoding="utf-8")
    return target


def _preview(facts_path: Path) -> float:
    import io

    from briefing.watch import Preview

    preview = Preview(facts_path, facts_path.parent / "preview-out", io.StringIO())
    preview._rebuild_pdfs = lambda: None  # type: ignore[method-assign]  # the HTML is what is timed
    preview.refresh()
    edit_one_claim(facts_path)
    start = time.perf_counter()
    preview.refresh()
    seconds = time.perf_counter() - start
    assert not preview.problems, preview.problems[:3]
    return seconds


if __name__ == "__main__":
    main(sys.argv[1:])
