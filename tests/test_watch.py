"""The live preview: edits show up in the served page, errors show over the last good brief,
and the server listens on loopback only."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from conftest import ROOT, SMALL

pytestmark = pytest.mark.pipeline


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    page = ""
    while time.monotonic() < deadline:
        page = fetch(url)
        if predicate(page):
            return page
        time.sleep(0.2)
    raise AssertionError(f"page never matched; last page ends with {page[-400:]!r}")


@pytest.fixture
def preview(tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "briefing", "watch", "--facts", str(facts), "--out",
                                str(tmp_path / "build"), "--port", "0"], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            match = re.search(r"serving (http://[\d.]+:\d+/)", line)
            url = match.group(1) if match else None
        assert url, "the preview never said where it serves"
        yield facts, url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_edits_appear_and_errors_show_over_the_last_good_brief(preview):
    facts, url = preview
    page = fetch(url)
    assert "Harbour board talks" in page and "fetch(\"/_version\")" in page
    facts.write_text(SMALL.replace("Harbour board talks", "Quayside negotiations"), encoding="utf-8")
    wait_for(url, lambda p: "Quayside negotiations" in p)
    broken = SMALL.replace("Harbour board talks", "Quayside negotiations").replace(
        "    participants: [alice]", "    participants: [bob]")
    facts.write_text(broken, encoding="utf-8")
    page = wait_for(url, lambda p: "briefing-errors" in p)
    assert re.search(r"facts\.yaml:30:20: error \[unknown-reference\] participants refers to &#x27;bob&#x27;", page)
    assert "Quayside negotiations" in page  # the last good brief is still under the errors
    facts.write_text(SMALL, encoding="utf-8")
    page = wait_for(url, lambda p: "briefing-errors" not in p and "Harbour board talks" in p)


def test_listens_on_loopback_only(preview):
    # Proven from the kernel's socket table rather than by connecting to another address:
    # the listening socket on our port must be bound to 127.0.0.1, not to 0.0.0.0 or an interface.
    _, url = preview
    host, port = re.match(r"http://([\d.]+):(\d+)/", url).groups()
    assert host == "127.0.0.1"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == int(port):  # 0A: LISTEN
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, little-endian; nothing else listens on this port


def test_a_save_during_start_up_is_not_lost(preview):
    # The fixture returns as soon as the server announces itself; saving right then used to
    # land before the file watcher was set up, and the preview never showed the edit.
    facts, url = preview
    facts.write_text(SMALL.replace("Harbour board talks", "Jetty talks"), encoding="utf-8")
    wait_for(url, lambda p: "Jetty talks" in p, timeout=15.0)


def test_a_request_for_another_host_name_gets_nothing(preview):
    # DNS rebinding: a web page whose host name now resolves to 127.0.0.1 must not read the brief
    _, url = preview
    request = urllib.request.Request(url, headers={"Host": "attacker.example"})
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=5)
    assert info.value.code == 403
    assert "<html" in fetch(url).lower()  # the same page by its loopback address is served


# --- a rebuild that fails in any way does not end the preview ----------------------------

def test_a_bug_in_rendering_shows_one_line_over_the_last_good_brief_and_recovers(tmp_path, monkeypatch):
    import io

    from briefing.render import html as html_module
    from briefing.watch import Preview

    facts = tmp_path / "facts.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    stream = io.StringIO()
    preview = Preview(facts, tmp_path / "build", stream)
    monkeypatch.setattr(preview, "_rebuild_pdfs", lambda: None)  # HTML only here
    preview.refresh()
    assert "Harbour board talks" in preview.page(None) and preview.problems == []
    good = preview.pages

    def bug(*args, **kwargs):
        raise RuntimeError("a bug in rendering\nwith a second line")

    real = html_module.render_html
    monkeypatch.setattr(html_module, "render_html", bug)
    facts.write_text(SMALL.replace("Harbour board talks", "Quayside negotiations"), encoding="utf-8")
    preview.refresh()  # must not raise
    assert preview.pages is good  # the last good brief is kept
    assert preview.problems == ["briefing: internal error: RuntimeError: a bug in rendering with a second line "
                                "(run with --debug for the traceback)"]
    page = preview.page(None)
    assert "briefing-errors" in page and "Harbour board talks" in page and "RuntimeError" in page
    assert "Traceback" not in stream.getvalue()
    monkeypatch.setattr(html_module, "render_html", real)  # "the file is fixed"
    preview.refresh()
    assert preview.problems == [] and "Quayside negotiations" in preview.page(None)
    assert "briefing-errors" not in preview.page(None)


def test_with_debug_the_terminal_gets_the_traceback(tmp_path, monkeypatch):
    import io

    from briefing.render import html as html_module
    from briefing.watch import Preview

    facts = tmp_path / "facts.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    stream = io.StringIO()
    preview = Preview(facts, tmp_path / "build", stream, debug=True)
    monkeypatch.setattr(preview, "_rebuild_pdfs", lambda: None)
    monkeypatch.setattr(html_module, "render_html", lambda *a, **k: 1 / 0)
    preview.refresh()
    assert "Traceback" in stream.getvalue() and len(preview.problems) == 1


@pytest.fixture
def desk(tmp_path):
    """A desk folder whose templates the preview watches, and a running preview of it."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "briefing.toml").write_text('facts = "facts.yaml"\nout = "build"\ntemplates = ["templates"]\n')
    (tmp_path / "facts.yaml").write_text(SMALL, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "briefing", "watch", "--port", "0"], cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            match = re.search(r"serving (http://[\d.]+:\d+/)", line)
            url = match.group(1) if match else None
        assert url, "the preview never said where it serves"
        yield tmp_path, url, process
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_save_that_breaks_rendering_keeps_the_preview_serving(desk):
    # a template that passes every check but fails while rendering (not a template error)
    folder, url, process = desk
    assert "Harbour board talks" in fetch(url)
    broken = folder / "templates" / "brief.html.j2"
    broken.write_text('{% extends "builtin/brief.html.j2" %}{% block cover %}{{ 1 // 0 }}{% endblock %}\n')
    page = wait_for(url, lambda p: "briefing-errors" in p)
    assert "template error: ZeroDivisionError" in page and "Harbour board talks" in page
    assert process.poll() is None
    broken.write_text('{% extends "builtin/brief.html.j2" %}\n')
    wait_for(url, lambda p: "briefing-errors" not in p and "Harbour board talks" in p)
    process.terminate()
    output, _ = process.communicate(timeout=10)
    assert "Traceback" not in output


def test_an_idle_connection_is_closed(preview):
    import socket

    from briefing.watch import IDLE_SECONDS

    _, url = preview
    host, port = re.match(r"http://([\d.]+):(\d+)/", url).groups()
    with socket.create_connection((host, int(port)), timeout=IDLE_SECONDS + 10) as connection:
        connection.sendall(b"GET / HTTP/1.1\r\n")  # and nothing more
        start = time.monotonic()
        assert connection.recv(1024) == b""  # closed by the server, not by our timeout
        assert time.monotonic() - start < IDLE_SECONDS + 5
    assert "<html" in fetch(url).lower()  # and the server still answers
