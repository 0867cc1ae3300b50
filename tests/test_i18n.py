"""Localization: complete catalogs for every configured locale, clear errors, real glyphs."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml
from babel.messages.plurals import get_plural
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import FACTS, ROOT, SMALL

LOCALES = yaml.safe_load(FACTS.read_text(encoding="utf-8"))["meta"]["locales"]
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def used_messages() -> set:
    """Every message the templates and code use, extracted now (not from the committed .pot)."""
    method_map = [("briefing/theme/**.j2", "jinja2"), ("briefing/**.py", "python")]
    options = {"briefing/theme/**.j2": {"extensions": "jinja2.ext.i18n", "trimmed": "true", "silent": "false"}}
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.fixture(scope="module")
def messages():
    found = used_messages()
    assert len(found) > 100  # the extractor really read the templates
    return found


@pytest.mark.parametrize("locale", LOCALES)
def test_catalog_is_complete(locale, messages):
    path = ROOT / "briefing" / "locale" / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as stream:
        catalog = read_po(stream, locale=locale)
    present = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalog if m.id}
    missing = sorted(messages - set(present))
    assert not missing, f"{locale} lacks {missing[:5]}"
    plurals = get_plural(locale).num_plurals
    for key in messages:
        message = present[key]
        assert not message.fuzzy, f"{locale}: fuzzy {key!r}"
        if isinstance(message.string, tuple):
            assert len(message.string) == plurals, f"{locale}: {key!r} needs {plurals} plural forms"
            assert all(form.strip() for form in message.string), f"{locale}: empty plural form in {key!r}"
        else:
            assert message.string.strip(), f"{locale}: empty translation of {key!r}"
        assert not list(message.check(catalog)), f"{locale}: placeholders differ in {key!r}"


def test_russian_needs_three_plural_forms():
    assert get_plural("ru").num_plurals == 3  # what the completeness test relies on


def run_build(tmp_path, text, *args):
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "briefing", "build", "--facts", str(facts),
                           "--out", str(tmp_path / "out"), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_locale_without_catalog_is_reported_by_the_check_at_its_entry(tmp_path):
    # every missing locale in one run, at its place in meta.locales (line 7: "  locales: [en, de, sw]")
    text = SMALL.replace("  locales: [en]", "  locales: [en, de, sw]")
    text = text.replace("{en: ", "{de: Text, sw: Maandishi, en: ")
    result = run_build(tmp_path, text, "--format", "html")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "[missing-catalog]" in line]
    assert [line.split(": error")[0] for line in lines] == [f"{tmp_path / 'facts.yaml'}:7:17",
                                                             f"{tmp_path / 'facts.yaml'}:7:21"]
    assert "'de'" in lines[0] and "briefing i18n init de" in lines[0]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_unconfigured_locale_is_a_clear_error(tmp_path):
    result = run_build(tmp_path, SMALL, "--locale", "fr")
    assert result.returncode != 0
    assert "locale(s) fr not configured in meta.locales (en)" in result.stderr


@pytest.mark.pipeline
def test_character_without_glyph_fails_the_build(tmp_path):
    # U+1F9CC (TROLL, Unicode 14) is an assigned symbol the checker lets through, and no
    # installed font draws it (`fc-list ':charset=1f9cc'` lists none).
    result = run_build(tmp_path, SMALL.replace("Harbour board talks", "Harbour board talks \U0001F9CC"))
    assert result.returncode != 0
    assert "has no glyph" in result.stderr and "U+1F9CC" in result.stderr
    assert not (tmp_path / "out").exists()
