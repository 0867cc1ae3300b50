"""What the live preview shows: the last good page of each locale, the problems of the last
save, and a version the page polls to reload itself (the server and the file watching are
in :mod:`briefing.watch`).

A save is checked first (an error blocks the render), then the locale the analyst looked at
last is rendered and shown; the other locales follow in a background thread, and the PDFs
after them. A newer save stops that thread between two pieces of a page, so it never holds
up the page being looked at. A page not rendered yet when it is asked for is rendered for
that request: no page of an older save is served as the current one.
"""

from __future__ import annotations

import html as html_escape
import sys
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing import check, parts
from briefing.errors import BriefingError

_RELOAD = """<script>
(function () {
  var seen = %d;
  setInterval(function () {
    fetch("/_version").then(function (r) { return r.json(); }).then(function (v) {
      if (v.version !== seen) { location.reload(); }
    }).catch(function () {});
  }, 700);
})();
</script>"""

_OVERLAY = ('<div id="briefing-errors" role="alert" style="position:fixed;top:0;left:0;right:0;z-index:9;'
            'background:#fff4f4;border-bottom:3px solid #b00;padding:1em;font:13px/1.5 monospace;'
            'max-height:45vh;overflow:auto;white-space:pre-wrap">'
            '<strong>The fact base has errors; showing the last good brief.</strong>\n%s</div>')


@dataclass
class _Round:
    """One clean save: what each locale's page of it is rendered from, and how far that went."""

    save: int
    """The save it was checked for (see ``Preview._saves``): a newer save stops its renders."""
    facts: Any
    facts_bytes: bytes
    previous: Any
    locales: list[str]
    done: set[str] = field(default_factory=set)
    failed: set[str] = field(default_factory=set)
    locks: dict[str, threading.Lock] = field(default_factory=dict)
    """One render of a locale at a time: the request that wants it waits for the one under way."""

    def settled(self) -> bool:
        return self.done | self.failed >= set(self.locales)


class Preview:
    """The state the server shows: last good HTML per locale, current problems, a version.

    A save is checked, then the page the analyst looked at last is rendered and the version
    goes up (the browser reloads it); the other locales follow in a background thread. A page
    asked for before its locale's turn is rendered for that request: no page of an older save
    is served once the version says a newer one is ready."""

    def __init__(self, facts_path: Path, out_dir: Path, stream=sys.stdout, settings=None,
                 debug: bool = False, pdfs: bool = True) -> None:
        from briefing import cache
        from briefing.render.html import Prepared
        from briefing.render.theme import Theme

        self.settings = settings
        self.theme = Theme.from_settings(settings) if settings is not None else Theme()
        self.prepared = Prepared(self.theme)  # catalogs and compiled templates, kept between saves
        self.facts_path = facts_path
        self.out_dir = out_dir
        self.stream = stream
        self.debug = debug
        self.pdfs = pdfs  # False: the HTML alone (the benchmark's preview)
        self.lock = threading.Lock()
        self._pages: dict[str, str] = {}
        self._round: _Round | None = None  # the last clean save, while some locale of it is left to render
        self._saves = 0
        self.viewed: list[str] = []  # locales in the order they were last asked for, the latest first
        self.problems: list[str] = []
        self.locales: list[str] = []
        self.version = 0
        self._pdf_thread: threading.Thread | None = None
        self.parsed = cache.Memory()  # the parts as last parsed: a save re-parses only the part it changed
        self._pdf_again = False

    @property
    def pages(self) -> dict[str, str]:
        """The last good page of every locale (those still to render are rendered first)."""
        current = self._round
        if current is not None:
            for locale in current.locales:
                self._fill(current, locale)
        return self._pages

    def refresh(self) -> None:
        """Check, render the locale looked at last and show it; the other locales and the PDFs
        follow in the background. Whatever fails (a bug in rendering included) is shown over the
        last good brief: the preview keeps serving, and comes back with the next good save."""
        with self.lock:
            self._saves += 1  # the previous save's background renders stop here
            save = self._saves
        try:
            lines, failed, rendered = self._render(save)
        except Exception as error:
            lines, failed, rendered = [self._failure(error)], True, None
        for line in lines:
            print(line, file=self.stream, flush=True)
        with self.lock:
            if rendered is not None:
                current, locale, page = rendered
                self._pages = {other: self._pages[other] for other in current.locales if other in self._pages}
                self._pages[locale] = page
                self._round, self.locales = current, current.locales
            self.problems = lines if failed else []
            self.version += 1
        state = "errors: showing the last good brief" if failed else "brief updated"
        print(f"[{self.version}] {state}", file=self.stream, flush=True)
        if rendered is not None:
            threading.Thread(target=self._background, args=(rendered[0],), daemon=True,
                             name="briefing-preview-locales").start()

    def _render(self, save: int) -> tuple[list[str], bool, tuple[_Round, str, str] | None]:
        """(problem lines, failed, (the round, the locale rendered first, its page) when it is good)."""
        try:
            source = parts.read(self.facts_path)
            problems, facts = check.run_file(self.facts_path, context=check.Context.from_settings(self.settings),
                                             source=source, parse=self.parsed.parse)
            self.parsed.done()
            if self.settings is not None:
                problems = check.select(problems, facts, self.settings.select, self.settings.ignore,
                                        self.settings.severity)
            lines = [p.format() for p in problems]
            failed = facts is None or any(p.severity == "error" for p in problems)
        except BriefingError as error:  # the file could not be read at all
            return [error.format()], True, None
        if failed:
            return lines, True, None
        assert facts is not None  # facts is None only when failed
        from briefing.diff import since_previous

        try:
            facts_bytes = source.bundle()  # the bytes checked are the bytes fingerprinted
            current = _Round(save, facts, facts_bytes, since_previous(facts, self.facts_path),
                             list(facts.meta.locales))
            locale = self._first(current.locales)
            page = self._page(current, locale)
        except BriefingError as error:  # a template error, an unreadable previous edition
            return lines + [error.format()], True, None
        current.done.add(locale)
        return lines, False, (current, locale, page)

    def _first(self, locales: list[str]) -> str:
        """The locale to render first: the one asked for last (else the first, which / shows)."""
        with self.lock:
            return next((locale for locale in self.viewed if locale in locales), locales[0])

    def _page(self, current: _Round, locale: str, stop=None) -> str:
        from briefing.render import html  # looked up at each render: tests replace render_html

        return html.render_html(current.facts, locale, current.facts_bytes, self.theme, previous=current.previous,
                                prepared=self.prepared, stop=stop)

    def _fill(self, current: _Round, locale: str, stop=None) -> None:
        """Render ``locale``'s page of ``current`` unless it is done (or failed, or ``stop`` says
        the save is outdated); a failure is shown like a failed save's problems."""
        from briefing.render.html import Stopped

        with self.lock:
            lock = current.locks.setdefault(locale, threading.Lock())
        with lock:
            if locale in current.done or locale in current.failed:
                return
            try:
                page, lines = self._page(current, locale, stop), []
            except Stopped:
                return
            except BriefingError as error:
                page, lines = "", [error.format()]
            except Exception as error:
                page, lines = "", [self._failure(error)]
            for line in lines:
                print(line, file=self.stream, flush=True)
            with self.lock:
                (current.failed if lines else current.done).add(locale)
                if current is self._round:
                    if lines:  # shown over every page, as a failed save's problems are
                        self.problems = self.problems + lines
                        self.version += 1
                        print(f"[{self.version}] errors: showing the last good brief", file=self.stream, flush=True)
                    else:
                        self._pages[locale] = page
                if current.settled():  # nothing left to render: the fact base need not stay in memory
                    current.facts = current.previous = None
                    current.facts_bytes = b""

    def _background(self, current: _Round) -> None:
        """The save's other locales, those asked for most recently first; then its PDFs."""
        def outdated() -> bool:
            return self._saves != current.save

        with self.lock:
            order = sorted(current.locales, key=lambda locale: self.viewed.index(locale) if locale in self.viewed
                           else len(self.viewed))
        for locale in order:
            if outdated():
                return
            self._fill(current, locale, stop=outdated)
        if self.pdfs and not outdated() and not current.failed:
            self._rebuild_pdfs()

    def _failure(self, error: Exception) -> str:
        """One line for an unexpected failure; the traceback too, on the terminal, with --debug."""
        if self.debug:
            traceback.print_exception(error, file=self.stream)
        return one_line(error)

    def _rebuild_pdfs(self) -> None:
        if self._pdf_thread and self._pdf_thread.is_alive():
            self._pdf_again = True
            return

        def work():
            from briefing.build import build

            while True:
                self._pdf_again = False
                try:
                    written = build(self.facts_path, self.out_dir, formats=("pdf",), stream=self.stream,
                                    settings=self.settings)
                    if written:
                        print(f"PDF rebuilt: {', '.join(p.name for p in written)}", file=self.stream, flush=True)
                except BriefingError as error:
                    print(f"PDF not rebuilt: {error.format()}", file=self.stream, flush=True)
                except Exception as error:  # a bug: one line, and the preview goes on
                    print(f"PDF not rebuilt: {self._failure(error)}", file=self.stream, flush=True)
                if not self._pdf_again:
                    break

        self._pdf_thread = threading.Thread(target=work, daemon=True)
        self._pdf_thread.start()

    def page(self, locale: str | None) -> str | None:
        """The page of ``locale`` (None: the first) as the server sends it; None for no such locale."""
        with self.lock:
            if self.locales:
                locale = locale or self.locales[0]
                if locale not in self.locales:
                    return None
                self.viewed = [locale, *(other for other in self.viewed if other != locale)]
            current = self._round
        if locale and current is not None and locale in current.locales:
            self._fill(current, locale)  # not rendered yet: now, for this request
        with self.lock:
            document = self._pages.get(locale) if locale else None
            if document is None:
                body = "<p>No brief could be built yet.</p>"
                document = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>briefing</title></head><body>{body}</body></html>"
            extra = _RELOAD % self.version
            if self.problems:
                extra = _OVERLAY % html_escape.escape("\n".join(self.problems)) + extra
        return document.replace("</body>", extra + "</body>", 1)


def one_line(error: BaseException) -> str:
    if isinstance(error, BriefingError):
        return " ".join(error.format().split())
    text = " ".join(str(error).split())
    text = text if len(text) <= 300 else text[:299] + "…"
    return f"briefing: internal error: {type(error).__name__}: {text} (run with --debug for the traceback)"
