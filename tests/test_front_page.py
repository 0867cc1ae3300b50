"""The brief's front page: the desk's lead judgment first, then a sourcing note whose numbers
are counted from the fact base; likelihood and confidence as separate statements (ICD 203).

Expected counts are worked out by hand from the five captured articles and the grades the
shipped facts.yaml gives them (see the comments), never read from a build.
"""

from __future__ import annotations

import subprocess

import pytest

from conftest import normalize


def first_page(built, locale: str) -> str:
    pdf = built / f"brief.{locale}.pdf"
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return normalize(text)


# The five reporting sources, numbered in the order facts.yaml lists them, and their grades:
#   [1] 000 Vietnam.vn (reprinting Người Đưa Tin)   C  relays TASS, Sputnik, Chosun Ilbo, KCNA, ...
#   [2] 001 Sputnik Afrique                         D  relays KCNA, Peskov
#   [3] 002 Lomé site "avec Press TV"               F  relays Press TV, Kremlin, White House NSC, ...
#   [4] 003 Turkish site, French edition            F  relays Kremlin, North Korean media
#   [5] 004 unnamed site citing AFP                 F  relays AFP, Peskov, KCNA, TASS, Sputnik, Yonhap
# so 1 C, 1 D, 3 F, and every one relays other outlets (none is first-hand).
#
# The lead judgment, jd-pact-deepens, rests on the mutual-assistance provision, Putin's
# statement on it and Kim's promise of support: all three cite article 003 alone, source [4],
# graded F. The treaty and its provision cite only that article, which relays others: its
# text is not among the sources.
#
# Key claims: the lead judgment's three plus the bottom line's points (pact-2024 and the
# provision; the 2023 summit, Vladivostok 2019, the two talk lengths; the two rifles, the
# invitation and its acceptance; the US arms-talks claim and Peskov on military ties),
# the provision counted once: 3 + 2 + 4 + 4 + 2 - 1 = 14.
# On a single source (one article each): the 2-hour length (002), the treaty and its
# provision (003), Putin's and Kim's 2024 statements (003), the US claim (002) and Peskov's
# remark (004): 7. On several sources but one origin: the invitation and the acceptance,
# each cited by three articles but carried by KCNA: 2.
# Origins: every one of the five articles is cited by a key claim; no two have the same
# `relays` list and none relays a single outlet, so (briefing.sourcing.same_origin) each is
# its own origin: 5.
NOTE = {
    "en": ["Sourcing: 5 reporting sources: 1 graded C (fairly reliable), 1 graded D (not usually reliable), "
           "and 3 graded F (reliability cannot be judged).",
           "All of them relay other outlets; none is a first-hand account.",
           "The lead judgment rests on a single source, [4] Site d'information turc, édition française, graded F.",
           "The bottom line rests on 14 key claims, from 5 independent origins.",
           "7 of them rest on a single source.",
           "2 more rest on several sources that share one origin.",
           "No source gives the agreement's own text (Comprehensive Strategic Partnership Agreement)."],
    "fr": ["5 sources d'information : 1 cotée C (assez fiable), 1 cotée D (généralement peu fiable) "
           "et 3 cotées F (fiabilité impossible à évaluer).",
           "Toutes relaient d'autres médias ; aucune n'est un récit de première main.",
           "Le jugement principal repose sur une source unique, [4] Site d'information turc, édition française, "
           "cotée F.",
           "L'essentiel repose sur 14 affirmations clés, issues de 5 origines indépendantes.",
           "7 d'entre elles reposent sur une source unique.",
           "2 autres reposent sur plusieurs sources qui partagent une même origine.",
           "Aucune source ne donne le texte même de l'accord (Accord de partenariat stratégique global)."],
}
LEAD = {
    "en": ("LEAD JUDGMENT", "With the 2024 mutual-assistance clause, the rapprochement begun at Vostochny probably "
           "moves from declared cooperation to a formal defense commitment.",
           "Likelihood: likely. Analytic confidence: low."),
    "fr": ("JUGEMENT PRINCIPAL", "Avec la clause d'assistance mutuelle de 2024, le rapprochement engagé à "
           "Vostotchny passe probablement d'une coopération déclarée à un engagement de défense formel.",
           "Probabilité : probable. Confiance analytique : faible."),
}
HEADING = {"en": "Bottom line and key judgments", "fr": "L'essentiel et jugements clés"}


@pytest.mark.parametrize("locale", ["en", "fr"])
def test_first_page_leads_with_the_judgment_then_the_sourcing_note(built, locale):
    page = first_page(built, locale)
    label, judgment, estimate = LEAD[locale]
    # the section's heading appears twice on page one: in the contents, then over the section
    body = page[page.rindex(HEADING[locale]) + len(HEADING[locale]):]
    assert body.lstrip().startswith(label)  # the lead judgment comes first, before any reported fact
    assert judgment in body and estimate in body
    assert body.index(judgment) < body.index(estimate) < body.index(NOTE[locale][0])
    at = 0
    for sentence in NOTE[locale]:  # every sentence, in this order, on page one
        assert sentence in body[at:], sentence
        at = body.index(sentence, at)


@pytest.mark.parametrize("locale, piled", [("en", "Likely · low confidence"), ("fr", "Probable · confiance faible")])
def test_likelihood_and_confidence_are_separate_statements(built, locale, piled):
    html = normalize((built / f"brief.{locale}.html").read_text(encoding="utf-8"))
    assert piled not in html
    estimates = [line for line in html.split('<p class="estimate">')[1:]]
    assert len(estimates) == 3  # three judgments in facts.yaml, each with its own two statements
    for estimate in estimates:
        assert estimate.count('<span class="likelihood">') == 1 and estimate.count('<span class="confidence">') == 1


def test_reported_facts_follow_the_lead_and_the_note(built):
    html = (built / "brief.en.html").read_text(encoding="utf-8")
    summary = html[html.index('<section id="summary">'):html.index('<section id="chronology">')]
    lead, note = summary.index('class="judgments lead-judgment"'), summary.index('class="sourcing-note"')
    facts = summary.index('class="facts-block"')
    assert lead < note < facts < summary.index("Other key judgments")
    # the lead is not printed a second time among the other judgments
    assert summary.count("formal defense commitment") == 1
