"""Labels that qualify a word are whole messages, so they agree in gender and number in French,
Russian, German, Spanish and Arabic: an event's kind with its status, a conflict's status, a
judgment's confidence.

The expected forms are written by hand (French: visite, cérémonie, signature, réunion are
feminine, entretiens plural; Russian: поездка, церемония, встреча feminine, подписание,
событие neuter, переговоры plural; German: Besuch, Vorfall masculine, Reise, Zeremonie,
Besichtigung, Unterzeichnung feminine, Gipfeltreffen, Bankett, Treffen, Ereignis neuter,
Gespräche plural, and a predicative level uninflected; Spanish: cumbre, visita, ceremonia, firma,
reunión feminine, conversaciones feminine plural; Arabic: a feminine noun, or a plural of things,
takes عنها after مُعلَن, a masculine one عنه), and read back from briefs built for real.
"""

from __future__ import annotations

import html as markup
import re

import pytest

from conftest import normalize

KINDS = ["summit", "visit", "travel", "talks", "ceremony", "tour", "banquet", "signing", "meeting", "incident",
         "other"]

ANNOUNCED = {
    "fr": {"summit": "Sommet annoncé", "visit": "Visite officielle annoncée", "travel": "Déplacement annoncé",
           "talks": "Entretiens annoncés", "ceremony": "Cérémonie annoncée", "tour": "Visite annoncée",
           "banquet": "Banquet annoncé", "signing": "Signature annoncée", "meeting": "Réunion annoncée",
           "incident": "Incident annoncé", "other": "Événement annoncé"},
    "ru": {"summit": "Объявленный саммит", "visit": "Объявленный визит", "travel": "Объявленная поездка",
           "talks": "Объявленные переговоры", "ceremony": "Объявленная церемония", "tour": "Объявленный осмотр",
           "banquet": "Объявленный банкет", "signing": "Объявленное подписание", "meeting": "Объявленная встреча",
           "incident": "Объявленный инцидент", "other": "Объявленное событие"},
    "de": {"summit": "Angekündigtes Gipfeltreffen", "visit": "Angekündigter Besuch", "travel": "Angekündigte Reise",
           "talks": "Angekündigte Gespräche", "ceremony": "Angekündigte Zeremonie",
           "tour": "Angekündigte Besichtigung", "banquet": "Angekündigtes Bankett",
           "signing": "Angekündigte Unterzeichnung", "meeting": "Angekündigtes Treffen",
           "incident": "Angekündigter Vorfall", "other": "Angekündigtes Ereignis"},
    "es": {"summit": "Cumbre anunciada", "visit": "Visita oficial anunciada", "travel": "Desplazamiento anunciado",
           "talks": "Conversaciones anunciadas", "ceremony": "Ceremonia anunciada", "tour": "Recorrido anunciado",
           "banquet": "Banquete anunciado", "signing": "Firma anunciada", "meeting": "Reunión anunciada",
           "incident": "Incidente anunciado", "other": "Acontecimiento anunciado"},
    "ar": {"summit": "قمة مُعلَن عنها", "visit": "زيارة رسمية مُعلَن عنها", "travel": "تنقّل مُعلَن عنه",
           "talks": "محادثات مُعلَن عنها", "ceremony": "مراسم مُعلَن عنها", "tour": "جولة مُعلَن عنها",
           "banquet": "مأدبة مُعلَن عنها", "signing": "توقيع مُعلَن عنه", "meeting": "اجتماع مُعلَن عنه",
           "incident": "حادثة مُعلَن عنها", "other": "حدث مُعلَن عنه"},
}
# Locales whose texts the second base gives (the French texts, copied: only the labels are read).
GENDERED = ["de", "es", "ar"]
LOCALES = ["fr", "ru", *GENDERED]
# A kind the fact base declares has a label whose gender the catalog cannot know: it keeps its
# label and gets a badge that agrees with no word (a noun).
BADGE = {"fr": "annonce", "ru": "анонс", "de": "angekündigt", "es": "anuncio", "ar": "إعلان مسبق"}
CONFLICT = {"fr": ("divergence non tranchée", "divergence tranchée"), "ru": ("спор не решён", "спор решён"),
            "de": ("ungeklärter Widerspruch", "geklärter Widerspruch"),
            "es": ("discrepancia sin resolver", "discrepancia resuelta"), "ar": ("تباين لم يُحسم", "تباين محسوم")}
CONFIDENCE = {"fr": ["Confiance analytique : faible.", "Confiance analytique : modérée.",
                     "Confiance analytique : élevée."],
              "ru": ["Степень уверенности: низкая.", "Степень уверенности: умеренная.",
                     "Степень уверенности: высокая."],
              "de": ["Analytisches Vertrauen: gering.", "Analytisches Vertrauen: mittel.",
                     "Analytisches Vertrauen: hoch."],
              "es": ["Confianza analítica: baja.", "Confianza analítica: moderada.", "Confianza analítica: alta."],
              "ar": ["الثقة التحليلية: منخفضة.", "الثقة التحليلية: متوسطة.", "الثقة التحليلية: عالية."]}


def _events() -> str:
    rows = []
    for i, kind in enumerate(KINDS + ["fire"]):
        rows.append(f"""  - id: ev-{kind}
    kind: {kind}
    status: announced
    name: {{fr: Événement {i}, ru: Событие {i}}}
    date: "2020-0{1 + i % 9}-1{i % 10}"
    sources: [src-1]
    credibility: 3""")
    return "\n".join(rows)


BASE = f"""\
meta:
  title: {{fr: Essai, ru: Проба}}
  subject: {{fr: Des événements annoncés., ru: Объявленные события.}}
  desk: Test Desk
  edition: 1
  as_of: "2019-12-01"
  locales: [fr, ru]
  summary:
    lead: jd-low
    points:
      - text: {{fr: Une visite est annoncée., ru: Объявлен визит.}}
        claims: [ev-visit]
vocabulary:
  event_kinds:
    fire: {{fr: Incendie, ru: Пожар}}
sources:
  - id: src-1
    publisher: Gazette
    title: Annonces
    published: "2019-11-30"
    language: fr
    reliability: B
    reliability_reason: {{fr: Journal sérieux., ru: Серьёзная газета.}}
events:
{_events()}
judgments:
  - id: jd-low
    text: {{fr: La visite aura probablement lieu., ru: "Визит, вероятно, состоится."}}
    term: likely
    confidence: low
    rests_on: [ev-visit]
  - id: jd-moderate
    text: {{fr: Le sommet aura probablement lieu., ru: "Саммит, вероятно, состоится."}}
    term: likely
    confidence: moderate
    rationale: {{fr: Une source fiable., ru: Один надёжный источник.}}
    rests_on: [ev-summit]
  - id: jd-high
    text: {{fr: La réunion aura très probablement lieu., ru: Встреча очень вероятно состоится.}}
    term: very-likely
    confidence: high
    rationale: {{fr: Une source fiable., ru: Один надёжный источник.}}
    key_assumptions: [{{fr: Le calendrier tient., ru: График соблюдается.}}]
    implications: [{{fr: Un accord suivra., ru: Последует соглашение.}}]
    indicators: [{{fr: Une date est fixée., ru: Назначена дата.}}]
    rests_on: [ev-meeting]
    exceptions: [{{rule: confidence-basis, reason: "Labels only: high confidence is needed to print its wording."}}]
conflicts:
  - id: cf-1
    topic: {{fr: Date de la visite, ru: Дата визита}}
    claims: [ev-visit, ev-tour]
    status: disputed
    reason: {{fr: Rien ne tranche., ru: Ничто не решает.}}
  - id: cf-2
    topic: {{fr: Date du sommet, ru: Дата саммита}}
    claims: [ev-summit, ev-talks]
    status: resolved
    preferred: ev-summit
    reason: {{fr: Source plus proche., ru: Источник ближе.}}
"""


@pytest.fixture(scope="module")
def briefs(tmp_path_factory):
    from briefing.build import build

    # BASE in fr and ru, then the same base in the gendered new locales, each text the French one
    gendered = BASE.replace("locales: [fr, ru]", f"locales: [{', '.join(GENDERED)}]")
    gendered = re.sub(r"\{fr: (\"[^\"]*\"|[^,}]*), ru: (?:\"[^\"]*\"|[^}]*)\}",
                      lambda m: "{" + ", ".join(f"{locale}: {m[1]}" for locale in GENDERED) + "}", gendered)
    briefs = {}
    for name, text, locales in (("labels", BASE, ("fr", "ru")), ("gendered", gendered, GENDERED)):
        folder = tmp_path_factory.mktemp(name)
        (folder / "facts.yaml").write_text(text, encoding="utf-8")
        build(folder / "facts.yaml", folder / "out", formats=("html",))
        briefs.update({locale: (folder / "out" / f"brief.{locale}.html").read_text(encoding="utf-8")
                       for locale in locales})
    return briefs


def _spans(html: str, css_class: str) -> list[str]:
    return [markup.unescape(text) for text in re.findall(rf'<span class="{css_class}">([^<]*)</span>', html)]


@pytest.mark.parametrize("locale", LOCALES)
def test_announced_kind_is_one_label_that_agrees(briefs, locale):
    labels = _spans(briefs[locale], "event-kind announced")
    assert sorted(labels) == sorted(ANNOUNCED[locale].values())


@pytest.mark.parametrize("locale, declared", [("fr", "Incendie"), ("ru", "Пожар"), *[(locale, "Incendie")
                                                                                for locale in GENDERED]])
def test_declared_kind_keeps_its_label_and_a_badge_that_agrees_with_nothing(briefs, locale, declared):
    assert _spans(briefs[locale], "event-kind") == [declared]
    assert _spans(briefs[locale], "status") == [BADGE[locale]]


@pytest.mark.parametrize("locale", LOCALES)
def test_conflict_status_is_a_phrase_of_its_own(briefs, locale):
    disputed, resolved = CONFLICT[locale]
    assert _spans(briefs[locale], "status disputed") == [disputed]
    assert _spans(briefs[locale], "status resolved") == [resolved]


@pytest.mark.parametrize("locale", LOCALES)
def test_confidence_level_agrees_with_its_noun(briefs, locale):
    text = normalize(briefs[locale])
    assert [level for level in CONFIDENCE[locale] if level in text] == CONFIDENCE[locale]


# A judgment's assumptions, implications and indicators are printed where given, each under
# its heading, after the likelihood, the confidence and its rationale.
PARTS = {"fr": ["Probabilité : très probable.", "Confiance analytique : élevée.", "Une source fiable.",
                "Hypothèses clés", "Le calendrier tient.", "Conséquences", "Un accord suivra.",
                "Indicateurs à surveiller", "Une date est fixée."],
         "ru": ["Оценка вероятности: очень вероятно.", "Степень уверенности: высокая.", "Один надёжный источник.",
                "Ключевые допущения", "График соблюдается.", "Последствия", "Последует соглашение.",
                "Признаки, за которыми следить", "Назначена дата."],
         "de": ["Wahrscheinlichkeit: sehr wahrscheinlich.", "Analytisches Vertrauen: hoch.", "Une source fiable.",
                "Zentrale Annahmen", "Le calendrier tient.", "Folgen", "Un accord suivra.",
                "Zu beobachtende Indikatoren", "Une date est fixée."],
         "es": ["Probabilidad: muy probable.", "Confianza analítica: alta.", "Une source fiable.", "Supuestos clave",
                "Le calendrier tient.", "Implicaciones", "Un accord suivra.", "Indicadores que vigilar",
                "Une date est fixée."],
         "ar": ["تقدير الاحتمال: مرجَّح جدًا.", "الثقة التحليلية: عالية.", "Une source fiable.",
                "الافتراضات الرئيسية", "Le calendrier tient.", "التداعيات", "Un accord suivra.",
                "مؤشرات ينبغي رصدها", "Une date est fixée."]}


@pytest.mark.parametrize("locale", LOCALES)
def test_judgment_parts_are_printed_in_order(briefs, locale):
    text = normalize(re.sub(r"<[^>]+>", " ", briefs[locale]))
    at = text.index(PARTS[locale][0])
    for part in PARTS[locale]:
        assert part in text[at:], part
        at = text.index(part, at)
