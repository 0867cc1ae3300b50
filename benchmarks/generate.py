"""A valid, realistic synthetic fact base of N claims, deterministic for a given seed.

Proportions follow the shipped fact base: per 100 claims about 30 events, 15 durations,
10 gifts, 5 agreements (with a provision each), 40 statements; one source per 20 claims,
one participant per 10, one venue per 25, one judgment and one conflict per 100. Every
text is given in all four locales. The output checks clean.

    python benchmarks/generate.py 10000 --seed 1 > /tmp/facts-10k.yaml
"""

from __future__ import annotations

import argparse
import json
import random
import sys

LOCALES = ("fr", "en", "ru", "ko")
WORDS = {
    "fr": "réunion accord délégation port frontière sommet visite échange ministre cérémonie".split(),
    "en": "meeting accord delegation port border summit visit exchange minister ceremony".split(),
    "ru": "встреча соглашение делегация порт граница саммит визит обмен министр церемония".split(),
    "ko": "회의 협정 대표단 항구 국경 정상회담 방문 교환 장관 의식".split(),
}
COUNTRIES = ["FR", "DE", "JP", "BR", "IN", "ZA", "MX", "KR", "RU", "US"]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def localized(rng: random.Random, words: int = 6) -> str:
    picks = [rng.randrange(10) for _ in range(words)]
    return "{" + ", ".join(f"{loc}: {q(' '.join(WORDS[loc][i] for i in picks).capitalize() + '.')}"
                           for loc in LOCALES) + "}"


def generate(claims: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    n_sources = max(5, claims // 20)
    n_people = max(4, claims // 10)
    n_venues = max(2, claims // 25)
    n_events = max(2, claims * 30 // 100)
    n_durations = claims * 15 // 100
    n_gifts = claims * 10 // 100
    n_agreements = max(1, claims * 5 // 200)  # each also carries one provision (a claim)
    n_conflicts = max(1, claims // 100)
    n_judgments = max(1, claims // 100)
    n_statements = max(0, claims - n_events - n_durations - n_gifts - 2 * n_agreements - 2 * n_conflicts)
    out = ["meta:", f"  title: {localized(rng, 3)}", f"  subject: {localized(rng)}", "  desk: Synthetic Desk",
           "  edition: 1", '  as_of: "2030-12-31"', f"  locales: [{', '.join(LOCALES)}]", "  summary:",
           f"    - text: {localized(rng)}", "      claims: [ev-0]", "sources:"]
    for i in range(n_sources):
        out += [f"  - id: src-{i}", f"    publisher: {q(f'Publisher {i}')}", f"    title: {q(f'Report {i}')}",
                '    published: "2022-01-01"', "    language: en", f"    relays: [{q(f'Agency {i % 7}')}]",
                f"    reliability: {'ABCDEF'[i % 6]}", f"    reliability_reason: {localized(rng, 4)}"]
    out.append("participants:")
    for i in range(n_people):
        out += [f"  - id: p-{i}", f"    name: {localized(rng, 2)}", f"    original_name: {{text: {q(f'Person {i}')}, lang: en}}",
                f"    role: {localized(rng, 2)}", f"    country: {COUNTRIES[i % len(COUNTRIES)]}"]
    out.append("venues:")
    for i in range(n_venues):
        out += [f"  - id: v-{i}", f"    name: {localized(rng, 2)}", f"    country: {COUNTRIES[i % len(COUNTRIES)]}",
                f"    coordinates: {{lat: {rng.uniform(-60, 60):.2f}, lon: {rng.uniform(-170, 170):.2f}}}",
                "    timezone: UTC", f"    sources: [src-{i % n_sources}]"]

    def cite() -> str:
        first = rng.randrange(n_sources)
        return f"[src-{first}, src-{(first + 1) % n_sources}]"

    def people() -> tuple[int, int]:
        a = rng.randrange(n_people)
        return a, (a + 1 + rng.randrange(n_people - 1)) % n_people

    event_people: list[tuple[int, int]] = []
    event_venue: list[int] = []
    out.append("events:")
    for i in range(n_events):
        a, b = people()
        event_people.append((a, b))
        venue = rng.randrange(n_venues)
        event_venue.append(venue)
        out += [f"  - id: ev-{i}", f"    kind: {rng.choice(['summit', 'visit', 'talks', 'ceremony'])}",
                f"    name: {localized(rng, 3)}", f"    date: \"2021-{1 + i % 12:02d}-{1 + i % 28:02d}\"",
                f"    venue: v-{venue}", f"    participants: [p-{a}, p-{b}]", f"    sources: {cite()}",
                f"    credibility: {2 + i % 4}"]
    out.append("durations:")
    for i in range(n_durations):
        out += [f"  - id: dur-{i}", f"    event: ev-{i % n_events}", f"    measures: {localized(rng, 2)}",
                f"    value: {1 + i % 9}", f"    unit: {rng.choice(['minute', 'hour'])}",
                f"    sources: {cite()}", "    credibility: 2"]
    for i in range(n_conflicts):  # two versions of one fact, recorded as a conflict
        for version in (0, 1):
            out += [f"  - id: dur-c{i}-{version}", f"    about: length-{i}", f"    event: ev-{i % n_events}",
                    f"    measures: {localized(rng, 2)}", f"    value: {2 + version * 3}", "    unit: hour",
                    "    qualifier: more-than", f"    sources: [src-{(i + version) % n_sources}]", "    credibility: 3"]
    out.append("gifts:")
    for i in range(n_gifts):
        a, b = event_people[i % n_events]
        out += [f"  - id: gift-{i}", f"    event: ev-{i % n_events}", f"    giver: p-{a}", f"    recipient: p-{b}",
                f"    item: {localized(rng, 3)}", f"    sources: {cite()}", "    credibility: 3"]
    out.append("agreements:")
    for i in range(n_agreements):
        a, b = event_people[i % n_events]
        event = i % n_events
        out += [f"  - id: ag-{i}", f"    name: {localized(rng, 3)}", f"    date: \"2021-{1 + event % 12:02d}-{1 + event % 28:02d}\"",
                f"    venue: v-{event_venue[event]}", f"    event: ev-{event}", "    parties: [FR, DE]",
                f"    signatories: [p-{a}, p-{b}]", f"    sources: {cite()}", "    credibility: 2",
                "    provisions:", f"      - id: prov-{i}", f"        text: {localized(rng)}",
                f"        sources: {cite()}", "        credibility: 3"]
    out.append("statements:")
    for i in range(n_statements):
        out += [f"  - id: st-{i}", f"    kind: {rng.choice(['quotation', 'reaction', 'announcement'])}",
                f"    speaker: p-{rng.randrange(n_people)}", f"    event: ev-{i % n_events}",
                f"    text: {localized(rng, 8)}", f"    quote: {{text: {q(f'Quote number {i}')}, lang: en}}",
                f"    sources: {cite()}", "    credibility: 3"]
    out.append("judgments:")
    for i in range(n_judgments):
        out += [f"  - id: jd-{i}", f"    text: {localized(rng)}", "    term: likely", "    confidence: moderate",
                f"    rests_on: [st-{i % max(n_statements, 1)}, ev-{i % n_events}]"]
    out.append("conflicts:")
    for i in range(n_conflicts):
        out += [f"  - id: cf-{i}", f"    topic: {localized(rng, 3)}", f"    claims: [dur-c{i}-0, dur-c{i}-1]",
                "    status: disputed", f"    reason: {localized(rng, 5)}"]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claims", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.stdout.write(generate(args.claims, args.seed))


if __name__ == "__main__":
    main()
