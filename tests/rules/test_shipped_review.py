"""The review of the shipped fact base against the five captured articles, as data: every
quotation is verbatim in a cited article and is marked truncated exactly when the article's
own quotation marks go on past it; translations of one remark that disagree are conflicts;
announced events past the brief's date say what became of them.

The articles are read from ../shared/sources (next to the main checkout); the expectations
below were written by reading them."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.check import run_file
from conftest import FACTS, ROOT

SOURCES = next((p for p in (ROOT.parent / "shared" / "sources", Path("/work/shared/sources")) if p.is_dir()), None)
OPENING, CLOSING = "«\"“", "»\"”"
SPACES = " \u00a0\u202f"


@pytest.fixture(scope="module")
def facts():
    _, facts = run_file(FACTS)
    assert facts is not None
    return facts


def _article(facts, source_id: str) -> str:
    source = facts.index()[source_id]
    return (SOURCES / source.archive).read_text(encoding="utf-8")


def _whole(article: str, quote: str) -> bool:
    """Whether some occurrence of ``quote`` is all the article holds between its quotation marks."""
    start = article.find(quote)
    while start >= 0:
        before = article[:start].rstrip(SPACES)[-1:]
        after = article[start + len(quote):].lstrip(SPACES)[:1]
        if before and before in OPENING and after and after in CLOSING:
            return True
        start = article.find(quote, start + 1)
    return False


@pytest.mark.skipif(SOURCES is None, reason="the captured articles are not on this machine")
def test_quotations_are_verbatim_and_marked_when_cut(facts):
    truncated = set()
    for statement in facts.statements:
        if statement.quote is None:
            continue
        articles = [_article(facts, s) for s in statement.sources if facts.index()[s].archive]
        assert any(statement.quote.text in a for a in articles), statement.id
        if statement.quote.truncated:
            truncated.add(statement.id)
        else:
            assert any(_whole(a, statement.quote.text) for a in articles), f"{statement.id} is cut short"
    # Putin's "C'est pour cela que nous sommes venus ici." goes on about Kim's interest in
    # rockets (002); Kim's 2024 "ont atteint un niveau sans précédent" is the middle of a
    # longer sentence (003)
    assert truncated == {"st-2023-putin-space", "st-2024-kim-unprecedented"}


def test_translations_of_one_remark_that_disagree_are_conflicts(facts):
    index = facts.index()
    cited = [[set(index[c].sources) for c in conflict.claims] for conflict in facts.conflicts]
    # Putin's answer on space: "coopération spatiale" (000) against helping "construire des
    # satellites" (002); Kim's lasting relations: "plan de 100 ans" (000) against "pour longtemps" (001)
    assert [{"src-lome-presstv"}, {"src-vietnamvn"}] in cited
    assert [{"src-vietnamvn"}, {"src-sputnik-afrique"}] in cited


def test_announced_events_past_the_brief_have_an_outcome(facts):
    # 000 and 004: Kim "devrait se rendre" to Komsomolsk-on-Amur and Vladivostok; 004: Lavrov
    # "devrait se rendre" in North Korea in October. No capture says what became of them.
    announced = {e.id: e.outcome for e in facts.events if e.status == "announced"}
    assert announced == {"ev-2023-onward-komsomolsk": "not-reported", "ev-2023-onward-vladivostok": "not-reported",
                         "ev-2023-lavrov-trip": "not-reported"}
