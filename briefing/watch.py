"""Live preview: check and re-render on every save, serve the HTML brief on loopback.

The page reloads itself when a new version is ready. When the fact base has errors the
page shows them, with file:line:col, over the last good brief; the terminal prints them
too. What is shown, and in which order the locales and the PDFs are rebuilt (the page
looked at first), is :mod:`briefing.preview`'s.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefing import parts
from briefing.errors import BriefingError
from briefing.preview import Preview, one_line

__all__ = ["Preview", "serve"]

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
            print(f"preview: a request failed: {one_line(error)}", file=sys.stderr, flush=True)


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


def serve(facts_path: Path, out_dir: Path, port: int, stream=sys.stdout, settings=None, debug: bool = False,
          pdfs: bool = True) -> None:
    import watchfiles

    if not facts_path.is_file() and not parts.is_folder(facts_path):
        raise BriefingError("fact base not found; nothing to watch", file=str(facts_path))
    preview = Preview(facts_path, out_dir, stream, settings, debug, pdfs)
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
        # A save is seen after 20 ms without another change (an editor's write and rename come
        # within a millisecond); a save caught half written is refused by the check and the
        # rest of it, a moment later, refreshes again.
        for changes in watchfiles.watch(*watched, debounce=150, step=20, rust_timeout=500, yield_on_timeout=True,
                                        recursive=False):
            paths = {Path(p).resolve() for _, p in changes}
            state = _state(target, looks, theme.stylesheets)
            if state != last or any(p.is_relative_to(root) for p in paths for root in looks) \
                    or any(p in theme.stylesheets for p in paths):
                last = state
                preview.refresh()
    finally:
        server.shutdown()
