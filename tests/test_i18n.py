"""Localization: complete catalogs for every configured locale, clear errors, real glyphs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from babel.messages.plurals import get_plural
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import FACTS, ROOT, SMALL

LOCALES = yaml.safe_load(FACTS.read_text(encoding="utf-8"))["meta"]["locales"]
CATALOGS = ROOT / "briefing" / "locale"
# The interface catalogs shipped with the tool (README, "Locales"); zh is Simplified Chinese,
# as Babel and CLDR name it (zh_Hant would be Traditional).
SHIPPED = ["ar", "de", "en", "es", "fr", "ja", "ko", "ru", "zh"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
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


def test_the_shipped_catalogs_are_these():
    found = sorted(p.parent.parent.name for p in CATALOGS.glob("*/LC_MESSAGES/messages.po"))
    assert found == SHIPPED
    assert set(LOCALES) <= set(SHIPPED)


@pytest.mark.parametrize("locale", SHIPPED)
def test_catalog_is_complete(locale, messages):
    path = CATALOGS / locale / "LC_MESSAGES" / "messages.po"
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


def read_catalog(locale: str):
    with (CATALOGS / locale / "LC_MESSAGES" / "messages.po").open("rb") as stream:
        return read_po(stream)  # no locale given: the plural rule is the file's own header


@pytest.mark.parametrize("locale", SHIPPED)
def test_catalog_declares_babels_plural_forms_and_keeps_every_placeholder(locale):
    catalog = read_catalog(locale)
    assert catalog.num_plurals == get_plural(locale).num_plurals, f"{locale}: Plural-Forms header"
    assert not catalog.fuzzy, f"{locale}: the header is still marked fuzzy"
    for message in catalog:
        if not message.id:
            continue
        wanted = sorted(PLACEHOLDER.findall(message.id if isinstance(message.id, str) else message.id[0]))
        for form in message.string if isinstance(message.string, tuple) else (message.string,):
            assert sorted(PLACEHOLDER.findall(form)) == wanted, f"{locale}: {form!r} for {message.id!r}"


# Latin-script words a translation may keep: acronyms of the scales and formats, the tool's
# name, the base map's data set (a proper name, credited as its publisher spells it), the
# citation marker, and Latin letters the template itself draws (degrees of a compass).
KEPT_LATIN = re.compile(r"%\(\w+\)[sd]|(?<![A-Za-z])(?:ICD|PHIA|UTC|PDF|HTML|briefing|sha256|Natural Earth)(?![A-Za-z])"
                        r"|\[n\]")


@pytest.mark.parametrize("locale", [locale for locale in SHIPPED if locale != "en"])
def test_no_english_is_left(locale):
    catalog = read_catalog(locale)
    for message in catalog:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, tuple) else (message.id,)
        words = re.findall(r"[A-Za-z]{2,}", KEPT_LATIN.sub("", english[0]))
        for form in message.string if isinstance(message.string, tuple) else (message.string,):
            if locale in ("ar", "ja", "ko", "ru", "zh"):  # another script: no Latin word left at all
                assert not re.search(r"[A-Za-z]{2,}", KEPT_LATIN.sub("", form)), f"{locale}: {form!r}"
            elif len(words) >= 3:  # a Latin script: a phrase of three words left as is is English
                assert form not in english, f"{locale}: {english[0]!r} is not translated"


# The grading words, as _labels.j2 uses them: a reader tells a judgment's estimative term from a
# source's grade or an information's credibility only if no two are spelt alike in a locale.
SCALE_WORDS = [
    "confirmed by other sources", "probably true", "possibly true", "doubtful", "improbable",
    "truth cannot be judged",  # Admiralty credibility 1–6
    "completely reliable", "usually reliable", "fairly reliable", "not usually reliable", "unreliable",
    "reliability cannot be judged",  # Admiralty reliability A–F
    "almost no chance", "very unlikely", "unlikely", "roughly even chance", "likely", "very likely",
    "almost certain",  # ICD 203
    "remote chance", "highly unlikely", "realistic possibility", "highly likely",  # PHIA, beyond ICD 203's
    "low confidence", "moderate confidence", "high confidence",
]


@pytest.mark.parametrize("locale", SHIPPED)
def test_scale_words_are_distinct_within_a_locale(locale):
    strings = {m.id: m.string for m in read_catalog(locale) if m.id in SCALE_WORDS}
    assert set(strings) == set(SCALE_WORDS)
    spelt: dict[str, str] = {}
    for word in SCALE_WORDS:
        shown = strings[word].strip().casefold()
        assert shown not in spelt, f"{locale}: {word!r} and {spelt[shown]!r} are both {strings[word]!r}"
        spelt[shown] = word


@pytest.mark.parametrize("locale", SHIPPED)
def test_no_scale_label_holds_another_scales_word(locale):
    # Whole words, as the term-collision rule reads them: de "wahrscheinlich" (likely) inside
    # "wahrscheinlich wahr" (credibility 2) tells the reader a source's claim has a probability.
    from briefing.check.scales import labels
    from briefing.paths import LOCALES

    shown = [(label.scale, " ".join(label.text.casefold().split())) for label in labels(locale, (LOCALES,))]
    inside = [(text, other) for scale, text in shown for other_scale, other in shown
              if other_scale != scale and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", other)]
    assert not inside, f"{locale}: {inside}"


def test_russian_needs_three_plural_forms():
    assert get_plural("ru").num_plurals == 3  # what the completeness test relies on


def run_build(tmp_path, text, *args):
    facts = tmp_path / "facts.yaml"
    facts.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "briefing", "build", "--facts", str(facts),
                           "--out", str(tmp_path / "out"), *args], cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_locale_without_catalog_is_reported_by_the_check_at_its_entry(tmp_path):
    # every missing locale in one run, at its place in meta.locales (line 7: "  locales: [en, nl, sw]"; Dutch and
    # Swahili ship no catalog)
    text = SMALL.replace("  locales: [en]", "  locales: [en, nl, sw]")
    text = text.replace("{en: ", "{nl: Tekst, sw: Maandishi, en: ")
    result = run_build(tmp_path, text, "--format", "html")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "[missing-catalog]" in line]
    assert [line.split(": error")[0] for line in lines] == [f"{tmp_path / 'facts.yaml'}:7:17",
                                                             f"{tmp_path / 'facts.yaml'}:7:21"]
    assert "'nl'" in lines[0] and "briefing i18n init nl" in lines[0]
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


# --------------------------------------------------------------------------------------
# A desk writing in any shipped locale needs no catalog of its own
# --------------------------------------------------------------------------------------

# Per new locale, written from its catalog by hand: the contents and chronology headings, the
# source count (one source: the plural form "one", in ar the singular after the numeral),
# and source grade B's meaning.
IN_THEIR_WORDS = {
    "ar": ["المحتويات", "التسلسل الزمني", "1 مصدر إعلامي", "موثوق عادةً"],
    "de": ["Inhalt", "Chronologie", "1 berichtende Quelle", "normalerweise zuverlässig"],
    "es": ["Índice", "Cronología", "1 fuente informativa", "normalmente fiable"],
    "ja": ["目次", "時系列", "報道情報源1件", "通常は信頼できる"],
    "zh": ["目录", "大事记", "1个报道来源", "通常可靠"],
}


@pytest.fixture(scope="module")
def built_in_new_locales(tmp_path_factory):
    """SMALL with meta.locales [ar, de, es, ja, zh] and every text given in each, built to HTML and PDF."""
    folder = tmp_path_factory.mktemp("new-locales")
    locales = ", ".join(IN_THEIR_WORDS)
    text = SMALL.replace("  locales: [en]", f"  locales: [{locales}]")
    text = re.sub(r"\{en: ([^}]*)\}", lambda m: "{" + ", ".join(f"{loc}: {m[1]}" for loc in IN_THEIR_WORDS) + "}",
                  text)
    result = run_build(folder, text)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "out"


@pytest.mark.pipeline
@pytest.mark.parametrize("locale", IN_THEIR_WORDS)
def test_new_locale_builds_html_in_its_own_words(locale, built_in_new_locales):
    html = (built_in_new_locales / f"brief.{locale}.html").read_text(encoding="utf-8")
    assert f'<html lang="{locale}"' in html
    for words in IN_THEIR_WORDS[locale]:
        assert words in html, f"{locale}: {words!r}"
    # no interface phrase fell back to English (the fact base's own texts are English here;
    # the stylesheet's comments are not interface text)
    body = re.sub(r"<style.*?</style>", "", html, flags=re.S)
    # (a phrase has words: a separator such as ", " is the same in many locales)
    english = [m for m in used_messages() if " " in m and "%(" not in m and any(c.isalpha() for c in m) and m in body]
    assert not english, f"{locale}: {english[:3]}"


@pytest.mark.pipeline
@pytest.mark.parametrize("locale", IN_THEIR_WORDS)
def test_new_locale_builds_a_pdf_with_its_headings(locale, built_in_new_locales):
    text = subprocess.run(["pdftotext", str(built_in_new_locales / f"brief.{locale}.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    contents, chronology = IN_THEIR_WORDS[locale][:2]
    assert contents in text and chronology in text, f"{locale}: {text[:300]!r}"


def test_a_regional_locale_falls_back_to_its_language_catalog(tmp_path):
    """zh_CN has no catalog of its own: the built-in zh is used, as gettext falls back; a
    regional locale of a language with no catalog at all is still refused."""
    text = re.sub(r"\{en: ([^}]*)\}", r"{en: \1, zh_CN: \1}", SMALL.replace("  locales: [en]", "  locales: [en, zh_CN]"))
    result = run_build(tmp_path, text)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (tmp_path / "out" / "brief.zh_CN.html").read_text(encoding="utf-8")
    assert "目录" in page and "大事记" in page  # "Contents", "Chronology" in Simplified Chinese
    assert '<html lang="zh-CN"' in page
    english = (tmp_path / "out" / "brief.en.html").read_text(encoding="utf-8")
    assert 'hreflang="zh-CN" lang="zh-CN"' in english  # BCP 47 in every attribute, as in <html lang>
    assert not re.search(r'lang="[^"]*_', page + english)
    (tmp_path / "pt").mkdir()
    refused = run_build(tmp_path / "pt", SMALL.replace("  locales: [en]", "  locales: [pt_BR]")
                        .replace("{en: ", "{pt_BR: "))
    assert refused.returncode == 1 and "no interface catalog for locale 'pt_BR'" in refused.stdout + refused.stderr
