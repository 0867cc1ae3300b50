"""Accessibility of the HTML brief, read back from real builds: the theme's fixes for what axe-core
and the Nu HTML Checker found (`make validate` runs those checkers themselves in CI; these tests
need neither Chromium nor Java). Styles are resolved as a browser on a screen would: the rules
that match an element, outside print-only media, by specificity then order."""

from __future__ import annotations

from pathlib import Path

import cssselect2
import pytest
import tinycss2
import tinyhtml5

from briefing.build import build
from conftest import FACTS, SMALL

LOCALES = ("en", "fr", "ru", "ko")
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def briefs(tmp_path_factory) -> dict[str, cssselect2.ElementWrapper]:
    """The shipped brief's HTML in every locale, parsed."""
    out = tmp_path_factory.mktemp("a11y")
    build(FACTS, out, formats=("html",))
    return {locale: _parse(out / f"brief.{locale}.html") for locale in LOCALES}


def _parse(path: Path) -> cssselect2.ElementWrapper:
    return cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(path.read_text(encoding="utf-8")))


def _screen_rules(root: cssselect2.ElementWrapper):
    """(selector list, declarations) of the page's style sheet that apply on a screen."""
    style = next(root.query_all("style")).etree_element.text
    def walk(rules):
        for rule in rules:
            if rule.type == "qualified-rule":
                yield rule.prelude, rule.content
            elif rule.type == "at-rule" and rule.lower_at_keyword == "media":
                media = tinycss2.serialize(rule.prelude).strip().lower()
                if media in ("screen", "all"):
                    yield from walk(tinycss2.parse_blocks_contents(rule.content))
    yield from walk(tinycss2.parse_stylesheet(style, skip_comments=True, skip_whitespace=True))


def screen_style(root: cssselect2.ElementWrapper, element: cssselect2.ElementWrapper, name: str) -> str | None:
    """The cascaded value of one property on an element, on screen (author styles only)."""
    best: tuple[tuple[int, int, int], int] | None = None
    value = None
    for order, (prelude, content) in enumerate(_screen_rules(root)):
        selectors = cssselect2.compile_selector_list(prelude)
        specificities = [s.specificity for s in selectors if s.test(element)]
        if not specificities:
            continue
        for declaration in tinycss2.parse_blocks_contents(content, skip_whitespace=True, skip_comments=True):
            if declaration.type == "declaration" and declaration.lower_name == name:
                rank = (max(specificities), order)
                if best is None or rank >= best:
                    best, value = rank, tinycss2.serialize(declaration.value).strip()
    return value


def _text(element: cssselect2.ElementWrapper) -> str:
    return "".join(element.etree_element.itertext()).strip()


@pytest.mark.parametrize("locale", LOCALES)
def test_language_links_are_underlined_not_told_apart_by_colour_alone(briefs, locale):
    root = briefs[locale]
    links = list(root.query_all("nav.languages a"))
    assert len(links) == 3  # the three other editions
    for link in links:
        assert "underline" in (screen_style(root, link, "text-decoration") or "")


@pytest.mark.parametrize("locale", LOCALES)
def test_handling_banners_are_inside_the_header_and_footer_landmarks(briefs, locale):
    root = briefs[locale]
    banners = list(root.query_all(".banner"))
    assert len(banners) == 2
    landmarks = []
    for banner in banners:
        nearest_first = reversed(banner.ancestors)
        landmark = next(a for a in nearest_first if a.local_name in ("header", "footer", "body"))
        # a header or footer is the page's banner or contentinfo landmark when body is its parent
        assert landmark.parent is not None and landmark.parent.local_name == "body"
        landmarks.append(landmark.local_name)
    assert landmarks == ["header", "footer"]


@pytest.mark.parametrize("locale", LOCALES)
def test_contents_links_are_targets_at_least_24px_high_on_screen(briefs, locale):
    root = briefs[locale]
    links = list(root.query_all("nav.toc a"))
    assert len(links) == 12  # one per section of the shipped brief
    for link in links:
        assert screen_style(root, link, "display") == "inline-block"  # min-height does not apply to inline boxes
        assert screen_style(root, link, "min-height") == "24px"


def test_each_direction_of_gifts_is_its_own_row_group(briefs):
    tables = list(briefs["en"].query_all("table.gifts"))
    groups = []
    for table in tables:
        headed = {}
        for body in table.query_all("tbody"):
            headers = list(body.query_all('th[scope="rowgroup"]'))
            rows = list(body.query_all("tr"))
            assert len(headers) == 1, "one direction per row group"
            assert int(headers[0].etree_element.get("rowspan")) == len(rows)
            headed[_text(headers[0])] = len(rows)
        groups.append(headed)
    # facts.yaml: the 2023 exchange has three gifts from Putin to Kim and one back; the earlier
    # occasions one sword each way.
    assert groups == [{"Vladimir Putin → Kim Jong Un": 3, "Kim Jong Un → Vladimir Putin": 1},
                      {"Vladimir Putin → Kim Jong Un": 1, "Kim Jong Un → Vladimir Putin": 1}]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_agreements_other_name_carries_its_sources_language(briefs, locale):
    # facts.yaml: the pact's other name comes from its one source, a French article
    spans = [e for e in briefs[locale].query_all("dl.record dd span")
             if _text(e) == "Accord de Partenariat Stratégique Global"]
    assert [span.etree_element.get("lang") for span in spans] == ["fr"]


def _agreement_base(second_source_language: str | None) -> str:
    sources = "[src-1, src-2]" if second_source_language else "[src-1]"
    extra_source = (f"  - id: src-2\n    publisher: Hafenblatt\n    title: Vertrag\n    published: \"2020-01-01\"\n"
                    f"    language: {second_source_language}\n    reliability: B\n"
                    f"    reliability_reason: {{en: Long record.}}\n") if second_source_language else ""
    base = SMALL.replace("participants:\n", extra_source + "participants:\n", 1)
    return base + f"""\
venues:
  - id: harbour
    name: {{en: Harbour hall}}
    country: FR
agreements:
  - id: pact
    name: {{en: Harbour pact}}
    other_names: ["Le pacte du port"]
    date: "2020-01-01"
    venue: harbour
    parties: [FR, DE]
    sources: {sources}
    credibility: 2
"""


@pytest.mark.parametrize("second_language, expected", [(None, ["en"]), ("de", [None])])
def test_an_other_name_takes_the_language_its_sources_share_or_none(tmp_path, second_language, expected):
    facts = tmp_path / "facts.yaml"
    facts.write_text(_agreement_base(second_language), encoding="utf-8")
    build(facts, tmp_path / "out", formats=("html",))
    root = _parse(tmp_path / "out" / "brief.en.html")
    spans = [e for e in root.query_all("dl.record dd span") if _text(e) == "Le pacte du port"]
    assert [span.etree_element.get("lang") for span in spans] == expected


@pytest.mark.parametrize("locale", LOCALES)
def test_no_link_hides_inside_a_graphic_shown_as_an_image(briefs, locale):
    root = briefs[locale]
    for svg in root.query_all("svg"):
        links = list(svg.query_all("a"))
        if links:  # the timeline: its labels link to the table's rows, so it is a group they stay in
            assert svg.etree_element.get("role") == "group"
        else:
            assert svg.etree_element.get("role") == "img"
        assert svg.etree_element.get("aria-labelledby")
    # the figures' labels, and the timeline's links to the table's rows, are HTML text over the
    # drawings, so both drawings are images and the links stay reachable
    assert [svg.etree_element.get("role") for svg in root.query_all("svg")] == ["img", "img"]
    label_links = [a.etree_element.get("href") for a in root.query_all("figure.timeline a")]
    assert label_links and all(href.startswith("#event-") for href in label_links)
