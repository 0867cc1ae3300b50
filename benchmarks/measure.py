"""One measurement in a fresh process (run by benchmarks/run.py; prints one JSON line).

    python benchmarks/measure.py STAGE FACTS [LOCALE] [--out FILE]

STAGE is what is timed; everything the stage needs beforehand is done first, untimed:
  parse     PyYAML's libyaml parser alone, events only (the floor of any PyYAML loader)
  load      read and parse the YAML into values with positions
  check     load + every checker rule (what `briefing check` does after start-up)
  html      template rendering of one locale (after load + check)
  pipeline  load + check + template rendering of one locale: everything we add before WeasyPrint
  pdf       our PDF stage for one locale, as `briefing build` makes the brief's PDF: from the page
            laid out for print (long sections cut to the theme's limit), WeasyPrint with PDF/A-3b,
            tags, the attached fact base, the sandboxed fetcher and the glyph check
  brief     the whole brief PDF of one locale, as a build makes it: load + check + the page laid
            out for print + the pdf stage (the issue-17 target for a 10,000-claim base)
  annex     the pdf stage for the full listing (`briefing build --format annex`): every record
  floor     WeasyPrint alone on the page the pdf stage lays out: plain HTML(...).write_pdf(), default options
  checkdir  `briefing check`'s own path (a file or a folder of parts, through the cache unless
            BRIEFING_CACHE=0): what a cold or a warm check costs after start-up
  preview   the live preview as the analyst meets it: `briefing watch`'s server (serve(), PDFs
            off) runs in a process of its own; every locale's page is fetched once, the
            viewed locale (the first) last, so the server knows which page is looked at and
            has nothing left to render. Then the last event's name is edited, in every
            locale (one record of one part). Timed: from the moment the edited file is written
            to the moment the server serves the viewed page with the edit in it (the version
            it reports has gone up and the page it sends holds the edited name): the server
            prints "[N] brief updated" as it switches to the new page, and the page is then
            fetched to prove it. The file watcher's delay, the check and the render all count.
            Also reported, untimed by the target: "all_seconds", until every locale's page
            holds the edit (the others are rendered in the background or for the request)
Peak memory is the process's maximum resident set size (ru_maxrss), imports included.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


def main(argv: list[str]) -> None:
    stage, facts_path = argv[0], Path(argv[1])
    locale = argv[2] if len(argv) > 2 and not argv[2].startswith("--") else None
    out = Path(argv[argv.index("--out") + 1]) if "--out" in argv else None

    from briefing import check
    from briefing.check import rules  # noqa: F401 - imported when first used: here, untimed
    from briefing.load import load_file
    from briefing.model import PartialDate
    from briefing.render.html import render_html

    result: dict = {"stage": stage, "locale": locale}
    if stage == "preview":
        result["seconds"], result["all_seconds"] = _preview(facts_path)
        result["peak_mib"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the server's
        print(json.dumps(result))
        return
    if stage == "checkdir":
        result["seconds"] = _checkdir(facts_path)
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
    elif stage in ("check", "pipeline", "brief"):
        problems, facts = check.run(load_file(facts_path))
        assert facts is not None and not [p for p in problems if p.severity == "error"], "fact base has errors"
        if stage == "pipeline":
            render_html(facts, locale, facts_bytes)
        elif stage == "brief":
            from briefing.render.pdf import render_pdf

            printed = render_html(facts, locale, facts_bytes, for_print=True)
            pdf = render_pdf(printed, f"brief.{locale}.pdf", {"facts.yaml": facts_bytes},
                             PartialDate(facts.meta.as_of).first_day)
            if out:
                out.write_bytes(pdf)
    else:
        _, facts = check.run(load_file(facts_path))
        if stage == "html":
            start = time.perf_counter()
            render_html(facts, locale, facts_bytes)
        else:
            html = render_html(facts, locale, facts_bytes, for_print=stage != "annex")
            if stage in ("pdf", "annex"):
                from briefing.render.pdf import render_pdf

                start = time.perf_counter()
                name = f"brief.{locale}.annex.pdf" if stage == "annex" else f"brief.{locale}.pdf"
                pdf = render_pdf(html, name, {"facts.yaml": facts_bytes},
                                 PartialDate(facts.meta.as_of).first_day)
            elif stage == "floor":
                from weasyprint import HTML

                from briefing.render.pdf import SandboxFetcher
                from briefing.render.theme import Theme

                roots = Theme().templates  # the built-in theme, as render_pdf reads it

                start = time.perf_counter()
                pdf = HTML(string=html, base_url=roots[0].as_uri() + "/",
                           url_fetcher=SandboxFetcher(roots)).write_pdf()
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


_SERVE = """
import sys
from pathlib import Path
from briefing.watch import serve
serve(Path(sys.argv[1]), Path(sys.argv[2]), 0, pdfs=False)
"""


def edit_one_name(facts_path: Path, locales: list[str], mark: str) -> tuple[Path, str]:
    """Add ``mark`` to the last event's name in every locale (in the folder's events part, or
    the file): an edit of one record that every page shows (chronology, timeline), so each
    page can be seen to hold it. Returns the part edited and its text before the edit."""
    from briefing import parts

    files = parts.part_paths(facts_path) if facts_path.is_dir() else [facts_path]
    target = next((f for f in files if "events" in f.as_posix()), files[-1])
    text = original = target.read_text(encoding="utf-8")
    events = re.search(r"^events:\n", text, re.M)
    assert events, f"no events in {target}"
    after = re.search(r"^\S", text[events.end():], re.M)  # the next top-level key, if any
    stop = events.end() + after.start() if after else len(text)
    last = text.rindex("\n  - id: ", events.start(), stop)
    for locale in locales:
        # its name in the locale, block style (a line of its own) or flow style ({fr: "…", en: "…"})
        name = re.compile(rf'\bname:.*?\b{locale}: "(?:[^"\\]|\\.)*', re.S).search(text, last, stop)
        assert name, f"the last event of {target} has no name in {locale}"
        text = text[:name.end()] + f" {mark}" + text[name.end():]
        stop += len(mark) + 1
    target.write_text(text, encoding="utf-8")
    return target, original


def _get(url: str, timeout: float = 60) -> str:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read().decode("utf-8")


def _preview(facts_path: Path) -> tuple[float, float]:
    """(edit to the viewed page served with the edit, edit to every locale's page with it)."""
    locales = _locales(facts_path)
    viewed, mark = locales[0], f"Edited{os.getpid()}"
    edited: tuple[Path, str] | None = None
    server = subprocess.Popen([sys.executable, "-c", _SERVE, str(facts_path), str(facts_path.parent / "preview-out")],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        while url is None:
            line = server.stdout.readline() if server.stdout else ""
            if not line:
                raise SystemExit("bench: the preview stopped before serving")
            found = re.search(r"serving (http://[\d.]+:\d+/)", line)
            url = found.group(1) if found else None
        for locale in [*locales[1:], viewed]:  # the viewed page last: the one the server renders first
            _get(f"{url}brief.{locale}.html", timeout=900)  # the first build of a large base: not timed
        time.sleep(1.0)  # whatever the first build left in the background is done
        version = json.loads(_get(url + "_version"))["version"]
        assert mark not in _get(f"{url}brief.{viewed}.html")
        edited = edit_one_name(facts_path, locales, mark)
        start = time.perf_counter()
        # The server says "[N] brief updated" once the new page is the one it serves; reading
        # that line costs it nothing, where polling it over HTTP takes the render's CPU.
        # A save caught half written (the periodic look at the files can land mid-write) is
        # refused by the check ("errors"); the page counts once a refresh shows the edit.
        while True:
            line = server.stdout.readline() if server.stdout else ""
            if not line or time.perf_counter() - start > 300:
                raise SystemExit("bench: the preview never showed the edit")
            updated = re.match(r"\[(\d+)\] brief updated", line)
            if updated and int(updated.group(1)) > version:
                seen = time.perf_counter() - start
                page = _get(f"{url}brief.{viewed}.html")
                if mark in page and f"var seen = {updated.group(1)};" in page:
                    break
        for locale in locales[1:]:
            while mark not in _get(f"{url}brief.{locale}.html"):
                time.sleep(0.02)
        return seen, time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(timeout=30)
        if edited:  # the base as it was, for the next run
            edited[0].write_text(edited[1], encoding="utf-8")


def _locales(facts_path: Path) -> list[str]:
    from briefing import check

    _, facts = check.run_file(facts_path)
    assert facts is not None, "fact base has errors"
    return list(facts.meta.locales)


if __name__ == "__main__":
    main(sys.argv[1:])
