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
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefing import check
from briefing.errors import BriefingError

HOST = "127.0.0.1"  # loopback only: the preview is for the analyst at this machine

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

    def __init__(self, facts_path: Path, out_dir: Path, stream=sys.stdout, settings=None) -> None:
        from briefing.render.theme import Theme

        self.settings = settings
        self.theme = Theme.from_settings(settings) if settings is not None else Theme()
        self.facts_path = facts_path
        self.out_dir = out_dir
        self.stream = stream
        self.lock = threading.Lock()
        self.pages: dict[str, str] = {}
        self.problems: list[str] = []
        self.locales: list[str] = []
        self.version = 0
        self._pdf_thread: threading.Thread | None = None
        self._pdf_again = False

    def refresh(self) -> None:
        """Check and re-render the HTML of every locale; then rebuild PDFs in the background."""
        try:
            problems, facts = check.run_file(self.facts_path, context=check.Context.from_settings(self.settings))
            if self.settings is not None:
                problems = check.select(problems, facts, self.settings.select, self.settings.ignore,
                                        self.settings.severity)
            lines = [p.format() for p in problems]
            failed = facts is None or any(p.severity == "error" for p in problems)
        except BriefingError as error:  # the file could not be read at all
            lines, facts, failed = [error.format()], None, True
        pages = {}
        locales: list[str] = []
        if not failed:
            assert facts is not None  # facts is None only when failed
            locales = list(facts.meta.locales)
            from briefing.render.html import render_html

            facts_bytes = self.facts_path.read_bytes()
            try:
                from briefing.diff import since_previous

                previous = since_previous(facts, self.facts_path)
                pages = {locale: render_html(facts, locale, facts_bytes, self.theme, previous=previous)
                         for locale in facts.meta.locales}
            except BriefingError as error:  # a template error
                lines, failed = lines + [error.format()], True
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


def _handler(preview: Preview):
    class Handler(BaseHTTPRequestHandler):
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


def serve(facts_path: Path, out_dir: Path, port: int, stream=sys.stdout, settings=None) -> None:
    import watchfiles

    if not facts_path.is_file():
        raise BriefingError("fact base not found; nothing to watch", file=str(facts_path))
    preview = Preview(facts_path, out_dir, stream, settings)
    try:  # the port first: a taken one is reported before any build
        server = ThreadingHTTPServer((HOST, port), _handler(preview))
    except OSError as exc:
        raise BriefingError(f"cannot listen on {HOST}:{port}: {exc.strerror or exc}") from None
    # The file's state is taken before the first build: a save that lands before the
    # watcher is set up (or an event the watcher misses) is still seen at the next tick.
    last = _stamp(facts_path)
    preview.refresh()
    host, actual = server.server_address[:2]
    assert isinstance(host, str)  # an IPv4 server's address
    print(f"serving http://{host}:{actual}/ (Ctrl-C to stop)", file=stream, flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # The folders themselves, not their trees: the project folder holds .venv and .git.
    theme = preview.theme
    looks = [folder.resolve() for folder in (*theme.templates, *theme.locales)]
    watched = sorted({str(facts_path.resolve().parent)} | {str(p.parent) for p in theme.stylesheets}
                     | {str(folder) for root in looks for folder in (root, *root.rglob("*")) if folder.is_dir()})
    target = facts_path.resolve()
    try:
        for changes in watchfiles.watch(*watched, debounce=150, step=50, rust_timeout=500, yield_on_timeout=True,
                                        recursive=False):
            paths = {Path(p).resolve() for _, p in changes}
            stamp = _stamp(target)
            if stamp != last or any(p.is_relative_to(root) for p in paths for root in looks) \
                    or any(p in theme.stylesheets for p in paths):
                last = stamp
                preview.refresh()
    finally:
        server.shutdown()
