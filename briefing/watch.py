"""Live preview: check and re-render on every save, serve the HTML brief on loopback.

The page reloads itself when a new version is ready. When the fact base has errors the
page shows them, with file:line:col, over the last good brief; the terminal prints them
too. PDFs are rebuilt in a background thread so they never delay the HTML.
"""

from __future__ import annotations

import html as html_escape
import json
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefing import check, parts
from briefing.errors import BriefingError

HOST = "127.0.0.1"  # loopback only: the preview is for the analyst at this machine
IDLE_SECONDS = 10  # an open connection that sends no request in this time is closed


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    debug = False

    def handle_error(self, request, client_address) -> None:
        """A request that failed (a browser that went away, mostly): never a traceback on
        the terminal, unless --debug."""
        error = sys.exc_info()[1]
        if self.debug:
            super().handle_error(request, client_address)
        elif error is not None and not isinstance(error, (ConnectionError, TimeoutError)):
            print(f"preview: a request failed: {_one_line(error)}", file=sys.stderr, flush=True)

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


class Preview:
    """The state the server shows: last good HTML per locale, current problems, a version."""

    def __init__(self, facts_path: Path, out_dir: Path, stream=sys.stdout, settings=None,
                 debug: bool = False) -> None:
        from briefing.render.theme import Theme

        self.settings = settings
        self.theme = Theme.from_settings(settings) if settings is not None else Theme()
        self.facts_path = facts_path
        self.out_dir = out_dir
        self.stream = stream
        self.debug = debug
        self.lock = threading.Lock()
        self.pages: dict[str, str] = {}
        self.problems: list[str] = []
        self.locales: list[str] = []
        self.version = 0
        self._pdf_thread: threading.Thread | None = None
        from briefing import cache

        self.parsed = cache.Memory()  # the parts as last parsed: a save re-parses only the part it changed
        self._pdf_again = False

    def refresh(self) -> None:
        """Check and re-render the HTML of every locale; then rebuild PDFs in the background.
        Whatever fails (a bug in rendering included) is shown over the last good brief: the
        preview keeps serving, and comes back with the next good save."""
        try:
            lines, failed, pages, locales = self._render()
        except Exception as error:
            lines, failed, pages, locales = [self._failure(error)], True, {}, []
        for line in lines:
            print(line, file=self.stream, flush=True)
        with self.lock:
            if not failed:
                self.pages, self.locales = pages, locales
            self.problems = lines if failed else []
            self.version += 1
        state = "errors: showing the last good brief" if failed else "brief updated"
        print(f"[{self.version}] {state}", file=self.stream, flush=True)
        if not failed:
            self._rebuild_pdfs()

    def _render(self) -> tuple[list[str], bool, dict[str, str], list[str]]:
        """(problem lines, failed, page per locale, locales)."""
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
            return [error.format()], True, {}, []
        if failed:
            return lines, True, {}, []
        assert facts is not None  # facts is None only when failed
        from briefing.diff import since_previous
        from briefing.render.html import render_html

        try:
            facts_bytes = source.bundle()  # the bytes checked are the bytes fingerprinted
            previous = since_previous(facts, self.facts_path)
            pages = {locale: render_html(facts, locale, facts_bytes, self.theme, previous=previous)
                     for locale in facts.meta.locales}
        except BriefingError as error:  # a template error, an unreadable previous edition
            return lines + [error.format()], True, {}, []
        return lines, False, pages, list(facts.meta.locales)

    def _failure(self, error: Exception) -> str:
        """One line for an unexpected failure; the traceback too, on the terminal, with --debug."""
        if self.debug:
            traceback.print_exception(error, file=self.stream)
        return _one_line(error)

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
        with self.lock:
            if not self.pages:
                body = "<p>No brief could be built yet.</p>"
                document = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>briefing</title></head><body>{body}</body></html>"
            else:
                locale = locale or self.locales[0]
                if locale not in self.pages:
                    return None
                document = self.pages[locale]
            extra = _RELOAD % self.version
            if self.problems:
                extra = _OVERLAY % html_escape.escape("\n".join(self.problems)) + extra
        return document.replace("</body>", extra + "</body>", 1)


def _one_line(error: BaseException) -> str:
    if isinstance(error, BriefingError):
        return " ".join(error.format().split())
    text = " ".join(str(error).split())
    text = text if len(text) <= 300 else text[:299] + "…"
    return f"briefing: internal error: {type(error).__name__}: {text} (run with --debug for the traceback)"


def _handler(preview: Preview):
    class Handler(BaseHTTPRequestHandler):
        timeout = IDLE_SECONDS  # a connection that sends nothing is closed after this (socket timeout)

        def do_GET(self):  # noqa: N802 - http.server's naming
            # Only requests addressed to this loopback server: a page elsewhere that points
            # its own host name at 127.0.0.1 (DNS rebinding) gets nothing.
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            if host not in ("127.0.0.1", "localhost"):
                return self._send(403, "text/plain; charset=utf-8", "forbidden host")
            path = self.path.split("?", 1)[0]
            if path == "/_version":
                return self._send(200, "application/json", json.dumps({"version": preview.version}))
            locale = None
            if path.startswith("/brief.") and path.endswith(".html"):
                locale = path[len("/brief."):-len(".html")]
            elif path not in ("/", "/index.html"):
                return self._send(404, "text/plain; charset=utf-8", "not found")
            document = preview.page(locale)
            if document is None:
                return self._send(404, "text/plain; charset=utf-8", f"no locale {locale!r}")
            return self._send(200, "text/html; charset=utf-8", document)

        def _send(self, status: int, kind: str, body: str) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    return Handler


def _stamp(path: Path) -> tuple[int, int, int] | None:
    """What identifies a version of the file: modification time, size, inode."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size, stat.st_ino


def _state(facts: Path, looks: list[Path], stylesheets) -> dict[Path, tuple[int, int, int] | None]:
    """The stamp of every file the brief is made from (fact base, templates, catalogs, style sheets)."""
    files = [*(parts.part_paths(facts) if parts.is_folder(facts) else [facts]), *stylesheets]
    for root in looks:
        try:
            files += [path for path in root.rglob("*") if path.is_file()]
        except OSError:
            pass
    return {path: _stamp(path) for path in files}


def serve(facts_path: Path, out_dir: Path, port: int, stream=sys.stdout, settings=None, debug: bool = False) -> None:
    import watchfiles

    if not facts_path.is_file() and not parts.is_folder(facts_path):
        raise BriefingError("fact base not found; nothing to watch", file=str(facts_path))
    preview = Preview(facts_path, out_dir, stream, settings, debug)
    try:  # the port first: a taken one is reported before any build
        server = _Server((HOST, port), _handler(preview))
        server.debug = debug
    except OSError as exc:
        raise BriefingError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    # The files' state is taken before the first build: a save that lands before the
    # watcher is set up (or an event the watcher misses) is still seen at the next tick.
    theme = preview.theme
    looks = [folder.resolve() for folder in (*theme.templates, *theme.locales)]
    target = facts_path.resolve()
    last = _state(target, looks, theme.stylesheets)
    preview.refresh()
    host, actual = server.server_address[:2]
    assert isinstance(host, str)  # an IPv4 server's address
    print(f"serving http://{host}:{actual}/ (Ctrl-C to stop)", file=stream, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # The folders themselves, not their trees: the project folder holds .venv and .git.
    folders = [target, *(p for p in target.rglob("*") if p.is_dir() and not p.name.startswith("."))] \
        if parts.is_folder(target) else []  # a folder fact base: every folder of parts
    watched = sorted({str(facts_path.resolve().parent)} | {str(p.parent) for p in theme.stylesheets}
                     | {str(folder) for folder in folders}
                     | {str(folder) for root in looks for folder in (root, *root.rglob("*")) if folder.is_dir()})
    try:
        for changes in watchfiles.watch(*watched, debounce=150, step=50, rust_timeout=500, yield_on_timeout=True,
                                        recursive=False):
            paths = {Path(p).resolve() for _, p in changes}
            state = _state(target, looks, theme.stylesheets)
            if state != last or any(p.is_relative_to(root) for p in paths for root in looks) \
                    or any(p in theme.stylesheets for p in paths):
                last = state
                preview.refresh()
    finally:
        server.shutdown()
