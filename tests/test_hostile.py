"""Hostile input and failure: markup stays text, rendering reaches nothing it was not given,
a failed build changes nothing. Everything here runs the real loader, Jinja and WeasyPrint."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
import tracemalloc
from pathlib import Path

import pytest

from briefing.paths import THEME
from briefing.render.theme import Theme
from pypdf import PdfReader

from briefing.errors import LoadError, RenderError
from conftest import FACTS, ROOT, SMALL, normalize


# --- loading -------------------------------------------------------------------------

def test_alias_bomb_is_refused_at_once_with_bounded_memory():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))  # 10**10 leaves, in well under a kilobyte
    assert len(bomb) < 1000
    from briefing.load import load_text

    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(LoadError) as info:
        load_text(bomb, "bomb.yaml")
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # refused at its first anchor, before any alias can multiply it
    assert "anchors" in info.value.message and tuple(info.value.position) == (1, 4)
    assert elapsed < 0.5 and peak < 20 * 1024 * 1024


def test_oversized_file_is_refused_before_parsing(monkeypatch):
    from briefing import load

    monkeypatch.setattr(load, "MAX_BYTES", 1024)
    with pytest.raises(LoadError, match="larger than"):
        load.load_bytes(b"a: " + b"x" * 2000, "big.yaml")


# --- templates: fact text never becomes markup -----------------------------------------

INJECTED = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '<style>body{display:none}</style>',
            '{{ 7*7 }}']


@pytest.mark.pipeline
def test_markup_in_fact_text_stays_text_in_html_and_pdf(tmp_path):
    text = SMALL.replace("name: {en: Harbour board talks}",
                         'name: {en: "Talks ' + " ".join(INJECTED).replace('"', '\\"') + '"}')
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "build", "--facts", str(facts), "--out",
                             str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<img" not in html and "<style>body" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "{{ 7*7 }}" in html and ">49<" not in html
    pdf = normalize(" ".join(p.extract_text() for p in PdfReader(tmp_path / "out" / "brief.en.pdf").pages))
    for injected in INJECTED:
        assert injected in pdf


# --- the rendering sandbox --------------------------------------------------------------

class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    _Recorder.hits = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()


def render(html: str, root: Path):
    import datetime as dt

    from briefing.render.pdf import render_pdf

    return render_pdf(html, "test.pdf", {"facts.yaml": b"facts"}, dt.date(2020, 1, 1), roots=(root,))


@pytest.fixture
def root(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ok.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"/>')
    (tmp_path / "secret.txt").write_text("TOP-SECRET-CONTENT")
    os.symlink(tmp_path / "secret.txt", templates / "link.txt")
    return templates


@pytest.mark.parametrize("element", [
    '<img src="file:///etc/passwd">',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    '<img src="../secret.txt">',
    '<img src="link.txt">',
    '<object data="file:///etc/passwd"></object>',
])
def test_files_outside_the_templates_are_refused(root, element):
    with pytest.raises(RenderError) as info:
        render(f"<p>x</p>{element}", root)
    assert "refused to fetch" in info.value.message


def test_network_is_refused_and_never_contacted(root, server):
    for element in (f'<link rel="stylesheet" href="http://127.0.0.1:{server}/x.css">',
                    f'<style>@import url("http://127.0.0.1:{server}/y.css");</style>',
                    f'<img src="http://127.0.0.1:{server}/z.png">'):
        with pytest.raises(RenderError) as info:
            render(f"<p>x</p>{element}", root)
        assert f"http://127.0.0.1:{server}/" in info.value.message
    assert _Recorder.hits == []


def test_files_under_the_templates_are_served(root):
    assert render('<p>x</p><img src="ok.svg">', root).startswith(b"%PDF-")


# --- failed builds change nothing ------------------------------------------------------

def _previous(out: Path) -> dict[str, bytes]:
    out.mkdir(exist_ok=True)
    previous = {"brief.en.html": b"<p>last good</p>", "brief.en.pdf": b"%PDF-last-good"}
    for name, content in previous.items():
        (out / name).write_bytes(content)
    return previous


def _contents(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.mark.parametrize("stage", ["template", "pdf-engine", "interrupt", "write"])
def test_a_build_failing_at_any_stage_leaves_previous_outputs(tmp_path, monkeypatch, stage):
    from briefing import build as build_module
    from briefing import outputs
    from briefing.errors import BriefingError
    from briefing.render import html as html_module, pdf as pdf_module

    out = tmp_path / "out"
    previous = _previous(out)
    facts = tmp_path / "facts.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    if stage == "template":
        broken = tmp_path / "templates"
        broken.mkdir()
        (broken / "brief.html.j2").write_text("<p>{% for x in %}</p>\n")
        (broken / "brief.css").write_text("")
        original = html_module.render_html
        monkeypatch.setattr(html_module, "render_html",
                            lambda facts, locale, facts_bytes, theme, **k: original(
                                facts, locale, facts_bytes, Theme(templates=(broken, *theme.templates)), **k))
        expected = BriefingError
    elif stage == "pdf-engine":
        def fail(*args, **kwargs):
            raise RenderError("engine failed")
        monkeypatch.setattr(pdf_module, "render_pdf", fail)
        expected = RenderError
    elif stage == "interrupt":
        def interrupt(*args, **kwargs):
            raise KeyboardInterrupt
        monkeypatch.setattr(pdf_module, "render_pdf", interrupt)
        expected = KeyboardInterrupt
    else:  # the second rename fails (as on a full or read-only disk): the first is rolled back
        real_replace, calls = os.replace, []

        def flaky(src, dst):
            if str(src).endswith(".tmp"):
                calls.append(dst)
                if len(calls) == 2:
                    raise OSError(28, "No space left on device", str(dst))
            return real_replace(src, dst)
        monkeypatch.setattr(outputs.os, "replace", flaky)
        expected = BriefingError
    with pytest.raises(expected):
        build_module.build(facts, out)
    assert _contents(out) == previous  # byte-identical, and no temporary file left


def test_template_syntax_error_names_template_and_line(tmp_path):
    from briefing.load import load_text
    from briefing.model import parse
    from briefing.render.html import render_html

    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text("<p>ok</p>\n<p>{% if %}</p>\n")
    (templates / "brief.css").write_text("")
    facts = parse(load_text(SMALL, "facts.yaml").data)
    with pytest.raises(RenderError) as info:
        render_html(facts, "en", b"", Theme(templates=(templates, THEME)))
    assert info.value.format().startswith("templates/brief.html.j2:2:1: error: template syntax error")


def test_unwritable_output_folder_is_one_clear_message(tmp_path):
    if os.geteuid() == 0:
        target = Path("/proc/briefing-cannot-write-here")  # root may write anywhere else
    else:
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o500)
    facts = tmp_path / "facts.yaml"
    facts.write_text(SMALL, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "briefing", "build", "--facts", str(facts), "--out", str(target),
                             "--format", "html"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert result.stderr.startswith("error: cannot write outputs:") and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_second_build_waits_for_the_first(tmp_path):
    from briefing.outputs import build_lock

    out = tmp_path / "out"
    messages = []

    class Stream:
        def write(self, text):
            messages.append(text)

    with build_lock(out):
        from briefing.errors import BriefingError

        with pytest.raises(BriefingError, match="another build is still writing"):
            with build_lock(out, wait=0.3, stream=Stream()):
                pass
    assert "waiting" in "".join(messages)
    with build_lock(out, wait=0.3):  # released: the next build goes ahead at once
        pass


@pytest.mark.parametrize("template, stylesheet", [
    ('<pre>{% include "evil.j2" %}</pre>', None),   # a template that is a symlink to a secret
    ("<p>ok</p>", "evil"),                           # the inlined stylesheet is such a symlink
])
def test_template_symlinks_leading_outside_are_refused(tmp_path, template, stylesheet):
    from briefing.load import load_text
    from briefing.model import parse
    from briefing.render.html import render_html

    (tmp_path / "secret.txt").write_text("TOP-SECRET-CONTENT")
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "brief.html.j2").write_text(template)
    os.symlink(tmp_path / "secret.txt", templates / "evil.j2")
    if stylesheet:
        os.symlink(tmp_path / "secret.txt", templates / "brief.css")
    else:
        (templates / "brief.css").write_text("")
    facts = parse(load_text(SMALL, "facts.yaml").data)
    with pytest.raises(RenderError) as info:
        render_html(facts, "en", b"", Theme(templates=(templates, THEME)))
    assert "leads outside templates/" in info.value.message
    assert "TOP-SECRET" not in info.value.format()


def test_a_fact_base_cannot_excuse_a_script_url(tmp_path):
    from briefing.check import run_file

    text = SMALL.replace("sources:\n  - id:", "sources:\n  - id:", 1)
    path = tmp_path / "facts.yaml"
    marker = "    reliability: "
    assert marker in text
    path.write_text(text.replace(marker, '    url: "javascript:alert(1)"\n    exceptions: [{rule: url-scheme, '
                                         'reason: "needed"}]\n' + marker, 1), encoding="utf-8")
    problems, _ = run_file(path)
    rules = {p.rule for p in problems if p.severity == "error"}
    assert {"url-scheme", "exception-reason"} <= rules


@pytest.mark.parametrize("url, linked", [
    ("https://example.org/a", True), ("http://example.org", True),
    ("javascript:alert(1)", False), (" https://example.org", False), ("file:///etc/passwd", False),
    ("http://[abc/x", False), ("//example.org", False),
])
def test_only_web_addresses_become_links(url, linked):
    from briefing.render.html import web_address

    assert web_address(url) is linked


def test_a_refused_fetch_inside_svg_fails_the_build(root):
    # WeasyPrint's SVG drawing only logs a failed image; the build must not go on without it
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
           '<image href="file:///etc/passwd" width="10" height="10"/></svg>')
    with pytest.raises(RenderError) as info:
        render(f"<p>x</p>{svg}", root)
    assert "could not use a resource" in info.value.message or "refused to fetch" in info.value.message


@pytest.mark.pipeline
@pytest.mark.parametrize("delay", [0.8, 2.0])
def test_an_interrupt_sent_to_the_build_alone_ends_it_cleanly(tmp_path, delay):
    # SIGINT to the parent only (as `kill -INT` or a CI cancel sends it), while the locales
    # render in worker processes: the build must end promptly, without leftovers.
    import signal

    facts = tmp_path / "facts.yaml"
    facts.write_bytes(FACTS.read_bytes())  # several locales, so workers render them
    out = tmp_path / "out"
    command = [sys.executable, "-m", "briefing", "build", "--facts", str(facts), "--out", str(out), "--quiet",
               "--locale", "en", "--locale", "fr"]
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, timeout=300)
    before = _contents(out)
    child = subprocess.Popen(command + ["--force", "--jobs", "2"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=60)  # a hang fails here
    assert child.returncode in (0, 130), err
    assert "Traceback" not in err
    assert _contents(out) == before  # same inputs: old or new, the bytes are the same; nothing left over
