"""Every rule: a small bad fact base gives the exact (rule, line, column); a good variant is silent.

The base is tests/data/harbour.yaml (103 lines, clean). Variants replace or insert lines
of it; line numbers below refer to the base as printed by `cat -n` and were counted by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.check import run_file

BASE = (Path(__file__).parent.parent / "data" / "harbour.yaml").read_text(encoding="utf-8")


def variant(replace: dict[int, str] | None = None, insert: dict[int, str] | None = None, append: str = "") -> str:
    """Replace lines, insert text after lines (numbers of the base), append at the end."""
    lines = BASE.splitlines()
    for number, text in (replace or {}).items():
        lines[number - 1] = text
    for number in sorted(insert or {}, reverse=True):
        lines[number:number] = insert[number].splitlines()
    return "\n".join(lines) + "\n" + append


def found(tmp_path, text, rule):
    """Problems of ``rule`` in ``text`` (or in (text, {catalog locale: .po text}), for the rules
    that read a desk's interface catalogs, kept in tmp_path/locale)."""
    from briefing.check import Context
    from briefing.paths import LOCALES

    text, extra = text if isinstance(text, tuple) else (text, {})
    for name, content in extra.items():
        if name.endswith(".yaml"):  # another file beside the fact base (a previous edition)
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(content, encoding="utf-8")
    catalogs = {k: v for k, v in extra.items() if not k.endswith(".yaml")}
    for locale, po in catalogs.items():
        (tmp_path / "locale" / locale / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        (tmp_path / "locale" / locale / "LC_MESSAGES" / "messages.po").write_text(po, encoding="utf-8")
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8") if isinstance(text, str) else path.write_bytes(text)
    problems, _ = run_file(path, context=Context(locales=(tmp_path / "locale", LOCALES)))
    return [(p.line, p.column) for p in problems if p.rule == rule], problems


def catalog(entries: dict[str, str], locale: str = "nl") -> str:
    """A minimal catalog: a header with the locale's plural rule, then ``entries``."""
    head = (f'msgid ""\nmsgstr ""\n"Language: {locale}\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
            '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
    def entry(key, value) -> str:
        if isinstance(key, tuple):  # a message with a plural: both forms
            return (f'msgid "{key[0]}"\nmsgid_plural "{key[1]}"\nmsgstr[0] "{value[0]}"\n'
                    f'msgstr[1] "{value[1]}"\n\n')
        return f'msgid "{key}"\nmsgstr "{value}"\n\n'

    return head + "".join(entry(k, v) for k, v in entries.items())


def _template_messages() -> dict:
    """Every message of the template, translated by itself (a complete catalog)."""
    from babel.messages.pofile import read_po

    from briefing.paths import LOCALES

    with (LOCALES / "messages.pot").open("rb") as stream:
        return {m.id: m.id for m in read_po(stream) if m.id}


def test_base_is_clean(tmp_path):
    _, problems = found(tmp_path, BASE, None)
    assert [p.format() for p in problems] == []


BAD = [
    # the unclosed flow sequence swallows `sources` as an item; the ':' after it (col 12) is
    # the first character that cannot continue the sequence, so the parser stops there
    ("yaml-syntax", variant({50: "    participants: [alice, bob"}), [(50, 19)]),  # at the "[" left open
    # a control character: its own position, counted in characters though libyaml counts
    # bytes (five Cyrillic letters of two bytes each come before it: column 17 + 5)
    ("yaml-syntax", variant({30: '    name: {en: "\u0410\u043b\u0438\u0441\u0430\x07"}'}), [(30, 22)]),
    # a tab may not indent YAML: the error is at the tab itself
    ("yaml-syntax", variant({52: "\tcredibility: 2"}), [(52, 1)]),
    ("duplicate-key", variant({51: "    credibility: 2"}), [(52, 5)]),
    ("yaml-unsafe", variant({56: '    date: !!timestamp "2020-01-04"'}), [(56, 11)]),
    # the anchor is refused where it is set, before any alias can use it
    ("yaml-unsafe", variant({50: "    participants: &p [alice, bob]", 59: "    participants: *p"}), [(50, 19)]),
    ("yaml-unsafe", variant({50: "    participants: &p [alice, bob]"}), [(50, 19)]),
    ("yaml-encoding", variant({30: "    name: {en: Alic\udce9}"}).encode("utf-8", "surrogateescape"), [(30, 20)]),
    # the root mapping is level 1 and the k-th "[" (column 6 + k) is level k + 1: the first
    # level past 64 is the 64th bracket, column 70
    ("yaml-limits", variant(append="deep: " + "[" * 70 + "]" * 70 + "\n"), [(104, 70)]),
    ("yaml-1.1-scalar", variant({38: "    country: NO"}), [(38, 14)]),
    ("yaml-1.1-scalar", variant({48: "    date: 2020-01-03"}), [(48, 11)]),
    ("schema", variant({61: "    credibility: high"}), [(61, 18)]),
    ("schema", variant({61: "    credibilty: 2"}), [(53, 5), (61, 5)]),
    ("duplicate-id", variant({96: "  - id: accord"}), [(96, 9)]),
    ("unknown-reference", variant({74: "    giver: alicia"}), [(74, 12)]),
    # Oslo's clocks went from 02:00 to 03:00 on 29 March 2020: 02:30 never existed there (line 57, inserted)
    ("skipped-time", variant({56: '    date: "2020-03-29"'}, insert={56: '    time: "02:30"'}), [(57, 11)]),
    # a participant cites the sources that name it: a misspelt one is found (line 39, inserted)
    ("unknown-reference", variant(insert={38: "    sources: [src-gazette, src-gazete]"}), [(39, 28)]),
    ("unused-record", variant({60: "    sources: [src-gazette]", 77: "    sources: [src-gazette]",
                               102: "    sources: [src-gazette]"}), [(20, 9)]),
    ("unsourced-claim", variant({102: "    sources: []"}), [(102, 5)]),
    ("source-predates-event", variant({15: '    published: "2019-12-31"'}), [(51, 15), (60, 15), (69, 15), (87, 15)]),
    ("single-origin", variant({25: "    relays: [Port Agency]", 61: "    credibility: 1"}), [(61, 18)]),
    # an outlet described per locale is the same outlet wherever the same description is used
    ("single-origin", variant({17: "    relays: [{en: Port Agency}]", 25: "    relays: [{en: Port Agency}]",
                               61: "    credibility: 1"}), [(61, 18)]),
    # a statement carried by one outlet is one origin, whatever its two sources relay
    ("single-origin", variant({103: "    credibility: 1", 102: "    sources: [src-courier, src-gazette]"},
                              insert={101: "    carried_by: [Wire Service]"}), [(104, 18)]),
    ("missing-reliability", variant({26: "    note: {en: Regional.}"}), [(20, 9)]),
    ("url-scheme", variant({17: '    url: "javascript:alert(1)"'}), [(17, 10)]),
    ("url-scheme", variant({17: '    url: "file:///etc/passwd"'}), [(17, 10)]),
    ("event-outside-parent", variant({56: '    date: "2020-01-08"'}), [(56, 11)]),
    ("date-order", variant({49: '    end_date: "2020-01-02"'}), [(49, 15)]),
    ("part-longer-than-whole", variant({64: "    event: ev-visit"}, insert={70: (
        "  - id: dur-talks-long\n    event: ev-talks\n    measures: {en: Talks}\n    value: 3\n"
        "    unit: hour\n    sources: [src-gazette]\n    credibility: 2")}), [(74, 12)]),
    ("weekday-mismatch", variant({101: '    text: {en: "Bob welcomes the envoy on Friday, January 4, 2020."}'}), [(101, 43)]),
    ("ambiguous-time-zone", variant({49: '    time: "10:00"'}), [(49, 11)]),
    ("first-since", variant(insert={61: '    first_since: "2019"'}), [(62, 18)]),
    ("first-since", variant({46: "    kind: talks"}, insert={61: "    nth_in_years: {n: 3, years: 1}"}), [(62, 19)]),
    ("gift-participants", variant({59: "    participants: [alice]"}), [(75, 16)]),
    ("signatory-present", variant({59: "    participants: [alice]"}), [(86, 26)]),
    ("venue-country", variant(insert={43: "  - id: quay\n    name: {en: Quay}\n    country: FR\n    part_of: harbour"}), [(46, 14)]),
    ("unmarked-conflict", variant(insert={78: "    about: x", 103: "    about: x"}), [(105, 12)]),
    ("conflict-resolution", variant(append="conflicts:\n  - id: cf\n    topic: {en: X}\n    claims: [gift-map, st-1]\n"
                                           "    status: resolved\n    reason: {en: R.}\n"), [(108, 13)]),
    ("mixed-script", variant({76: "    item: {en: An old m\u0430p}"}), [(76, 23)]),
    ("invisible-character", variant({30: "    name: {en: Alice\u200bMartin}"}), [(30, 21)]),
    ("unbalanced-quotes", variant({101: '    text: {en: "Bob welcomes « the envoy."}'}), [(101, 16)]),
    # a German quotation opened with „ and never closed (before, any „ turned the check off)
    ("unbalanced-quotes", variant({101: '    text: {en: "Die Gruppe „Nachtfalter bekennt sich."}'}), [(101, 16)]),
    ("missing-locale", variant({41: '    name: {en: ""}'}), [(41, 11)]),
    # outlet names given per locale are texts too: "{" of the list item is column 14
    ("missing-locale", variant({17: '    relays: [{en: ""}]'}), [(17, 14)]),
    ("missing-locale", variant({41: "    name: {en: North Harbour, fr: Port Nord}"}), [(41, 31)]),
    # Alice (name at line 30, value column 11) without her original-script name, from a country
    # whose language is written in another script, from one with two scripts (Greek and Turkish
    # in Cyprus), from a country not given
    ("original-script-name", variant({31: "    spellings: [A. Martin]", 33: "    country: GR"}), [(30, 11)]),
    ("original-script-name", variant({31: "    spellings: [A. Martin]", 33: "    country: CY"}), [(30, 11)]),
    ("original-script-name", variant({31: "    spellings: [A. Martin]", 33: "    kind: person"}), [(30, 11)]),
    ("estimative-scale", variant({92: "    term: probable"}), [(92, 11)]),
    ("estimative-scale", variant({92: "    term: realistic-possibility"}, insert={94: (
        "  - id: jd-2\n    text: {en: T.}\n    term: very-likely\n    confidence: low\n    rests_on: [accord]")}),
     [(97, 11)]),
    ("judgment-basis", variant({94: "    rests_on: []"}), [(90, 9)]),
    # moderate and high confidence need a rationale (the value of `confidence`, column 17)
    ("judgment-rationale", variant({93: "    confidence: moderate"}), [(93, 17)]),
    ("judgment-rationale", variant({93: "    confidence: high"}), [(93, 17)]),
    # an end time before the start time on the same day (the venue gives the zone)
    ("date-order", variant(insert={56: '    time: "10:00"\n    end_time: "09:00"'}), [(58, 15)]),
    ("ambiguous-time-zone", variant(insert={48: '    end_time: "18:00"'}), [(49, 15)]),
    # a zone that is no IANA zone, and a path that must never reach the file system
    ("schema", variant({43: "    timezone: Europe/Osloo"}), [(43, 15)]),
    ("schema", variant({43: "    timezone: ../../etc/passwd"}), [(43, 15)]),
    ("schema", variant({43: '    timezone: "+15:00"'}), [(43, 15)]),
    # files of the zone database that are no zone
    ("schema", variant({43: "    timezone: posixrules"}), [(43, 15)]),
    ("schema", variant({43: "    timezone: posix/Europe/Oslo"}), [(43, 15)]),
    ("schema", variant(insert={56: '    time: "24:00"'}), [(57, 11)]),
    # locales with no interface catalog anywhere: every one named, at its entry in meta.locales
    ("missing-catalog", variant({7: "  locales: [en, nl, sw]"}), [(7, 17), (7, 21)]),  # neither is built in
    # a desk catalog: a misspelt placeholder, reported in the catalog at its msgstr (the header
    # is lines 1-5, a blank line, then the msgid at line 7 and the msgstr at line 8)
    ("catalog-placeholders", (variant({7: "  locales: [en, nl]"}),
                              {"nl": catalog({"Reported durations: %(event)s": "Gemelde duur: %(evnt)s"})}),
     [(8, 1)]),
    # a new locale's catalog with a single translation: the rest would show in English; none of
    # them is in the file, so the catalog's first line is given
    ("untranslated-catalog", (variant({7: "  locales: [en, nl]"}), {"nl": catalog({"Chronology": "Chronologie"})}),
     [(1, 1)]),
    # the first entry left empty (Chronology translated at lines 7-8, Sources empty at 10-11)
    ("untranslated-catalog", (variant({7: "  locales: [en, nl]"}),
                              {"nl": catalog({"Chronology": "Chronologie", "Sources": ""})}), [(11, 1)]),
    # meta.previous (inserted as line 7, its value at column 13): outside the folder; a file that
    # is not there; a previous edition whose text carries a bidi override (reported at the entry)
    ("previous-edition", variant(insert={6: '  previous: "../other-desk/facts.yaml"'}), [(7, 13)]),
    ("previous-edition", variant(insert={6: '  previous: "editions/facts-0.yaml"'}), [(7, 13)]),
    ("previous-edition", (variant(insert={6: '  previous: "editions/facts-1.yaml"'}),
                          {"editions/facts-1.yaml": BASE.replace("Harbour talks}", "Harbour \u202etalks}")}),
     [(7, 13), (7, 13)]),  # the title (line 2) and the talks' name (line 55) of the previous file
    # a previous edition the build could not compare with, reported at its place in that file:
    # broken YAML (the "[" left open, line 1, column 7), a credibility off the scale (line 52, column 18)
    ("previous-edition", (variant(insert={6: '  previous: "editions/facts-1.yaml"'}),
                          {"editions/facts-1.yaml": "meta: [\n"}), [(1, 7)]),
    ("previous-edition", (variant(insert={6: '  previous: "editions/facts-1.yaml"'}),
                          {"editions/facts-1.yaml": BASE.replace("    credibility: 2", "    credibility: 9", 1)}),
     [(52, 18)]),
    # an undeclared kind, one letter away from a built-in one: reported at the value
    ("unknown-kind", variant({46: "    kind: visti"}), [(46, 11)]),
    ("unknown-kind", variant({97: "    kind: warning"}), [(97, 11)]),
    # a declared kind lacks a label for a configured locale: the vocabulary's texts are texts too
    ("missing-locale", variant({46: "    kind: fire"}, append="vocabulary:\n  event_kinds:\n    fire: {fr: Incendie}\n"),
     [(106, 11), (106, 12)]),
    ("exception-reason", variant(insert={38: "    exceptions:\n      - rule: original-script-name"}), [(40, 15)]),
    # a loop is reported once, at the reference that closes it (the search starts from the first
    # record in the file): an event part of itself, with a time (its zone is looked up through
    # part_of: this used to hang the checker); the time moves part_of to line 59
    ("reference-cycle", variant({58: "    part_of: ev-talks"}, insert={56: '    time: "10:00"'}), [(59, 14)]),
    # two events part of each other: the visit (line 45) is followed first, so the talks close it
    ("reference-cycle", variant(insert={49: "    part_of: ev-talks"}), [(59, 14)]),
    # two venues: harbour (lines 40-44) is part of quay (45-48), which is part of harbour
    ("reference-cycle", variant(insert={43: "    part_of: quay\n  - id: quay\n    name: {en: Quay}\n"
                                            '    country: "NO"\n    part_of: harbour'}), [(48, 14)]),
    # a delegation that lists itself among its members ("[" is column 14)
    ("reference-cycle", variant({38: '    country: "NO"\n    kind: delegation\n    members: [bob]'}), [(40, 15)]),
    # the Arabic letter mark, a tag character, a Hangul filler, a zero-width joiner between Latin
    # letters, and a private-use character: each at its own column ("Alice" is columns 16-20)
    ("invisible-character", variant({30: "    name: {en: Alice\u061cMartin}"}), [(30, 21)]),
    ("invisible-character", variant({30: "    name: {en: Alice\U000e0041Martin}"}), [(30, 21)]),
    ("invisible-character", variant({30: "    name: {en: Alice\u3164Martin}"}), [(30, 21)]),
    ("invisible-character", variant({30: "    name: {en: Alice\u200dMartin}"}), [(30, 21)]),
    ("invisible-character", variant({30: "    name: {en: Alice\ue000Martin}"}), [(30, 21)]),
    # two in one text: each reported where it is
    ("invisible-character", variant({30: "    name: {en: A\u200bli\u202ece}"}), [(30, 17), (30, 20)]),
    # a noncharacter written as an escape: the text is not on the line as written, so the
    # value's own position (its opening quote, column 16) is given
    ("invisible-character", variant({30: '    name: {en: "Alice\\uFFFFMartin"}'}), [(30, 16)]),
    # written as such, libyaml refuses it before any rule runs
    ("yaml-syntax", variant({30: "    name: {en: Alice\uffffMartin}"}), [(30, 21)]),
    # "the n-th in 1000 years" of an event in 1999 reaches back to year 999
    ("first-since", variant({56: '    date: "1999-01-04"'}, insert={61: "    nth_in_years: {n: 1, years: 1000}"}),
     [(62, 33)]),
    # strict numbers: a boolean is not a number, a number must be finite, a year at most 9998
    ("schema", variant({61: "    credibility: true"}), [(61, 18)]),
    ("schema", variant({5: "  edition: true"}), [(5, 12)]),
    ("schema", variant({66: "    value: .inf"}), [(66, 12)]),
    ("schema", variant({66: "    value: 1e400"}), [(66, 12)]),
    ("schema", variant({66: "    value: .nan"}), [(66, 12)]),
    ("schema", variant(insert={61: "    nth_in_years: {n: 1, years: 1.5}"}), [(62, 33)]),
    ("schema", variant({48: '    date: "9999-01-01"'}), [(48, 11)]),
    ("schema", variant({48: '    date: "0999"'}), [(48, 11)]),
    # a name longer than 500 characters
    ("schema", variant({30: "    name: {en: " + "A" * 501 + "}"}), [(30, 16)]),
    ("unused-exception", variant(insert={38: "    exceptions:\n      - rule: original-script-name\n"
                                             "        reason: Known by this name only."}), [(40, 15)]),
    # st-1 carried by the wire service, which the courier relays: one origin however many cite it
    # (the carried_by line is inserted after 101, so credibility moves to line 104)
    ("single-origin", variant({102: "    sources: [src-courier, src-gazette]", 103: "    credibility: 1"},
                              insert={101: "    carried_by: [Wire Service]"}), [(104, 18)]),
    # --- analytic rigor (issue 16) ---
    # the accord (jd-1's only basis, line 94) rated 4: no credibly sourced basis for "moderate" (line 93, value col 17)
    ("confidence-basis", variant({88: "    credibility: 4", 93: "    confidence: moderate"}), [(93, 17)]),
    # "high" on the accord alone: one source (B), one origin, where two independent ones are needed
    ("confidence-basis", variant({93: "    confidence: high"}), [(93, 17)]),
    # the gazette graded F: the visit (52), the talks' duration (70) and the accord (88), each rated 2 on it
    # alone; the talks (61) also cite the courier (C) and stay silent
    ("credibility-basis", variant({18: "    reliability: F"}), [(52, 18), (70, 18), (88, 18)]),
    # a disputed conflict (appended: lines 104-109) whose versions are rated 3 and 4: st-1, the second
    # entry of `claims` on line 107, at column 24
    ("credibility-basis", variant({103: "    credibility: 4"},
                                  append="conflicts:\n  - id: cf\n    topic: {en: X}\n    claims: [gift-map, st-1]\n"
                                         "    status: disputed\n    reason: {en: Unclear.}\n"), [(107, 24)]),
    # carried by an outlet the courier does not relay (it relays Wire Service): its entry in sources,
    # pushed to line 103, column 15
    ("carried-by-relay", variant(insert={101: "    carried_by: [State Radio]"}), [(103, 15)]),
    # a direct source the statement does not cite (line 102, the id at column 22)
    ("carried-by-relay", variant(insert={101: "    direct_sources: [src-gazette]"}), [(102, 22)]),
    # the visit (3-4 January) still "announced" in a brief of 9 January: its status, inserted as line 48
    ("stale-announcement", variant(insert={47: "    status: announced"}), [(48, 13)]),
    # an estimative adverb in a statement's text, a catalog term in an event's name (value at column 16)
    ("estimative-in-fact", variant({101: "    text: {en: Bob says the talks will probably resume.}"}), [(101, 16)]),
    ("estimative-in-fact", variant({47: "    name: {en: A likely visit}"}), [(47, 16)]),
    # French through the built-in catalog ("probable", and "probablement" in its family): the fr value, col 45
    ("estimative-in-fact", variant({7: "  locales: [en, fr]",
                                    101: "    text: {en: Bob welcomes the envoy., fr: Bob accueille probablement l'envoyé.}"}),
     [(101, 45)]),
    # jd-1 rests on st-1 too (line 94, "st-1" at column 24), whose quotation (inserted line 102) is cut
    ("partial-quotation", variant({94: "    rests_on: [accord, st-1]"},
                                  insert={101: "    quote: {text: Welcome, lang: en, truncated: true}"}), [(94, 24)]),
    # a desk's German catalog: "wahrscheinlich" (likely, msgstr on line 8, word at column 9) is inside
    # "wahrscheinlich wahr" (probably true); the header takes lines 1-6, each entry three lines
    ("term-collision", (variant({7: "  locales: [en, de]"}),
                        {"de": catalog({"likely": "wahrscheinlich", "probably true": "wahrscheinlich wahr"})}),
     [(8, 9)]),
    # one word for two values: reported at the later scale's entry (credibility, msgstr line 11)
    ("term-collision", (variant({7: "  locales: [en, de]"}),
                        {"de": catalog({"unlikely": "unwahrscheinlich", "improbable": "Unwahrscheinlich"})}),
     [(11, 9)]),
]

GOOD = [
    # near misses: each is one step from the matching bad case above and must stay silent
    ("yaml-syntax", variant({50: "    participants: [alice, bob]  # closed: [ and ] balance"})),
    ("duplicate-key", variant(insert={51: "    note: {en: Two records may share key names.}"})),
    ("yaml-unsafe", variant({101: '    text: {en: "Bob welcomes the envoy *warmly* & hands over !!papers."}'})),
    ("yaml-encoding", ("\ufeff" + variant({13: "    publisher: Harbour Gazette — édition nord"})).encode("utf-8")),
    ("yaml-limits", variant(append="deep: " + "[" * 60 + "]" * 60 + "\n")),
    ("yaml-1.1-scalar", variant({38: "    country: NL"})),
    ("schema", variant({61: "    credibility: 3"})),
    ("duplicate-id", variant({96: "  - id: st-2"})),
    ("unknown-reference", variant({74: "    giver: bob", 75: "    recipient: alice"})),
    ("unused-record", variant({102: "    sources: [src-courier, src-gazette]"})),
    # an hour later it existed; 02:30 on 25 October 2020 existed twice (read as the first), not skipped
    ("skipped-time", variant({56: '    date: "2020-03-29"'}, insert={56: '    time: "03:30"'})),
    ("skipped-time", variant({56: '    date: "2020-10-25"'}, insert={56: '    time: "02:30"'})),
    # a source cited only by a participant is used: the brief cites it beside the participant's role
    ("unused-record", variant({60: "    sources: [src-gazette]", 77: "    sources: [src-gazette]",
                               102: "    sources: [src-gazette]"}, insert={38: "    sources: [src-courier]"})),
    ("unsourced-claim", variant({102: "    sources: [src-gazette]"})),
    ("missing-reliability", variant({26: "    reliability: E", 27: "    reliability_reason: {en: Often wrong.}"})),
    ("event-outside-parent", variant({56: '    date: "2020-01-03"'})),  # the visit's first day
    ("date-order", variant({49: '    end_date: "2020-01-03"'})),  # ends the day it starts
    ("part-longer-than-whole", variant({64: "    event: ev-visit"}, insert={70: (
        "  - id: dur-talks-short\n    event: ev-talks\n    measures: {en: Talks}\n    value: 1\n"
        "    unit: hour\n    sources: [src-gazette]\n    credibility: 2")})),
    ("gift-participants", variant({74: "    giver: bob", 75: "    recipient: alice"})),
    ("signatory-present", variant({59: "    participants: [bob, alice]", 86: "    signatories: [bob]"})),
    ("invisible-character", variant({30: "    name: {en: Alice Martín}"})),
    ("missing-locale", variant({41: "    name: {en: Nordhavn}"})),
    ("judgment-basis", variant({94: "    rests_on: [accord, ev-talks]"})),
    ("judgment-rationale", variant({93: "    confidence: moderate"},
                                   insert={94: "    rationale: {en: The gazette prints the accord.}"})),
    ("judgment-rationale", variant()),  # low confidence: no rationale needed
    ("date-order", variant(insert={56: '    time: "10:00"\n    end_time: "11:00"'})),
    ("missing-catalog", variant({7: "  locales: [en, fr]"})),  # French is built in
    ("missing-catalog", variant({7: "  locales: [en, zh_CN]"})),  # the built-in zh, as gettext falls back
    ("previous-edition", (variant(insert={6: '  previous: "editions/facts-1.yaml"'}), {"editions/facts-1.yaml": BASE})),
    ("catalog-placeholders", (variant({7: "  locales: [en, nl]"}),
                              {"nl": catalog({"Reported durations: %(event)s": "Gemelde duur: %(event)s"})})),
    # a desk's rewording of one built-in French label: French stays complete through the built-in catalog
    ("untranslated-catalog", (variant({7: "  locales: [en, fr]"}), {"fr": catalog({"Chronology": "Déroulé"}, "fr")})),
    ("untranslated-catalog", (variant({7: "  locales: [en, nl]"}), {"nl": catalog(_template_messages())})),
    ("date-order", variant(insert={48: '    time: "22:00"\n    end_time: "01:00"'})),  # ends the next day
    ("ambiguous-time-zone", variant(insert={48: '    time: "10:00"\n    timezone: "+01:00"'})),
    ("schema", variant({43: '    timezone: "-03:30"'}, insert={56: '    time: "23:59"\n    end_time: "23:59"'})),
    ("unknown-kind", variant({46: "    kind: fire", 97: "    kind: warning"},
                             append="vocabulary:\n  event_kinds:\n    fire: {en: Fire}\n"
                                    "  statement_kinds:\n    warning: {en: Warning}\n")),
    ("exception-reason", variant({36: "    spellings: [B. Berg]", 38: "    country: GR"}, insert={
        38: "    exceptions:\n      - rule: original-script-name\n        reason: Known by this name only."})),
    ("source-predates-event", variant({15: '    published: "2020-01"'})),
    ("single-origin", variant({61: "    credibility: 1"})),
    ("url-scheme", variant({17: '    url: "https://gazette.example/board"'})),
    ("weekday-mismatch", variant({101: '    text: {en: "Bob welcomes the envoy on Saturday, January 4, 2020."}'})),
    ("ambiguous-time-zone", variant(insert={61: '    time: "10:00"'})),
    ("first-since", variant({46: "    kind: talks"}, insert={61: '    first_since: "2020-01-03"\n'
                                                             "    nth_in_years: {n: 2, years: 1}"})),
    ("venue-country", variant(insert={43: '  - id: quay\n    name: {en: Quay}\n    country: "NO"\n    part_of: harbour'})),
    ("unmarked-conflict", variant(insert={78: "    about: x", 103: "    about: x"},
                                  append="conflicts:\n  - id: cf\n    topic: {en: X}\n    claims: [gift-map, st-1]\n"
                                         "    status: disputed\n    reason: {en: Unclear.}\n")),
    ("conflict-resolution", variant(append="conflicts:\n  - id: cf\n    topic: {en: X}\n    claims: [gift-map, st-1]\n"
                                           "    status: resolved\n    preferred: gift-map\n    reason: {en: R.}\n")),
    ("mixed-script", variant({76: "    item: {en: Карта and a map}"})),
    ("unbalanced-quotes", variant({101: '    text: {en: "Bob welcomes « the envoy »."}'})),
    # „ closed by “ (German) or ” (Polish); „ “ inside « » (Russian)
    ("unbalanced-quotes", variant({101: '    text: {en: "Die Gruppe „Nachtfalter“ bekennt sich."}'})),
    ("unbalanced-quotes", variant({101: '    text: {en: "Grupa „Nocna Ćma” przyznała się."}'})),
    ("unbalanced-quotes", variant({101: '    text: {en: "Группа «Ночная „Бабочка“» взяла ответственность."}'})),
    ("estimative-scale", variant({92: "    term: realistic-possibility"}, insert={94: (
        "  - id: jd-2\n    text: {en: T.}\n    term: likely\n    confidence: low\n    rests_on: [accord]")})),
    # Bob (from Greece) without his original-script name, excused: the exception is used
    ("unused-exception", variant({36: "    spellings: [B. Berg]", 38: "    country: GR"}, insert={
        38: "    exceptions:\n      - rule: original-script-name\n        reason: Known by this name only."})),
    ("original-script-name", variant({36: "    spellings: [B. Berg]", 38: "    country: GR"}, insert={
        38: "    exceptions:\n      - rule: original-script-name\n        reason: Known by this name only."})),
    # Alice from France, Bob from Norway: their names as written are the original ones
    ("original-script-name", variant({31: "    spellings: [A. Martin]", 36: "    spellings: [B. Berg]"})),
    # English is official in the United States de facto only: Latin script all the same
    ("original-script-name", variant({31: "    spellings: [A. Martin]", 33: "    country: US"})),
    # a chain without a loop: a venue part of a venue, an event part of an event (the base's own)
    ("reference-cycle", variant(insert={43: '  - id: quay\n    name: {en: Quay}\n    country: "NO"\n    part_of: harbour'})),
    ("reference-cycle", variant({38: '    country: "NO"\n    kind: delegation\n    members: [alice]'})),
    # Persian needs the zero-width non-joiner between letters; emoji sequences the joiner
    ("invisible-character", variant({30: "    name: {en: \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645}"})),
    ("invisible-character", variant({76: "    item: {en: A flag \U0001f3f3\ufe0f\u200d\U0001f308}"})),
    # a private-use character the record excuses
    ("invisible-character", variant({30: "    name: {en: Alice\ue000Martin}"}, insert={
        33: "    exceptions:\n      - rule: invisible-character\n        reason: The desk's font draws its logo."})),
    # the bounds themselves are accepted
    ("schema", variant({48: '    date: "1000-01-03"', 49: '    end_date: "9998-12-31"', 66: "    value: 1000000"},
                       insert={61: "    nth_in_years: {n: 1000, years: 1000}"})),
    ("schema", variant({30: "    name: {en: " + "A" * 500 + "}"})),
    # ... unless the gazette (Port Agency) had it first-hand: two origins
    ("single-origin", variant({102: "    sources: [src-courier, src-gazette]", 103: "    credibility: 1"},
                              insert={101: "    carried_by: [Wire Service]\n    direct_sources: [src-gazette]"})),
    # --- analytic rigor (issue 16) ---
    # high on two credibly sourced bases from independent origins (Port Agency; Wire Service)
    ("confidence-basis", variant({93: "    confidence: high", 94: "    rests_on: [accord, ev-talks]"})),
    # low asks nothing of its bases
    ("confidence-basis", variant({88: "    credibility: 4", 93: "    confidence: low"})),
    # F-graded gazette, its claims rated 3: possibly true, as far as it goes
    ("credibility-basis", variant({18: "    reliability: F", 52: "    credibility: 3", 70: "    credibility: 3",
                                   88: "    credibility: 3"})),
    # versions rated apart, the conflict saying why one is likelier
    ("credibility-basis", variant({103: "    credibility: 4"},
                                  append="conflicts:\n  - id: cf\n    topic: {en: X}\n    claims: [gift-map, st-1]\n"
                                         "    status: disputed\n    reason: {en: Unclear.}\n    exceptions:\n"
                                         "      - rule: credibility-basis\n"
                                         "        reason: The map is in the courier's photograph; the welcome is not.\n")),
    ("carried-by-relay", variant(insert={101: "    carried_by: [Wire Service]"})),
    ("carried-by-relay", variant(insert={101: "    carried_by: [State Radio]\n    direct_sources: [src-courier]"})),
    ("stale-announcement", variant(insert={47: "    status: announced\n    outcome: not-reported"})),
    # announced for January 2020, whose last day is after the brief's 9 January
    ("stale-announcement", variant({48: '    date: "2020-01"', 49: "    status: announced"})),
    # the analyst's note may weigh; "likeable" is no estimative word; "unlikely" in a quotation is the speaker's
    ("estimative-in-fact", variant({101: "    text: {en: Bob welcomes the envoy, likeable as ever.}"},
                                   insert={102: "    note: {en: He will probably stay.}\n"
                                                "    quote: {text: It is unlikely to rain, lang: en}"})),
    ("partial-quotation", variant({94: "    rests_on: [accord, st-1]"},
                                  insert={101: "    quote: {text: Welcome, lang: en, truncated: false}"})),
    ("term-collision", (variant({7: "  locales: [en, de]"}),
                        {"de": catalog({"likely": "wahrscheinlich", "probably true": "vermutlich zutreffend",
                                        "unlikely": "unwahrscheinlich", "improbable": "kaum glaubhaft"})})),
]


def test_catalog_problems_are_reported_in_the_catalog(tmp_path):
    # the translator fixes the .po file, so that is where a problem is: PATH:LINE:COL of its msgstr
    text = variant({7: "  locales: [en, nl]"})
    po = catalog({"Chronology": "Chronologie", "Reported durations: %(event)s": "Gemelde duur: %(evnt)s"})
    _, problems = found(tmp_path, (text, {"nl": po}), "catalog-placeholders")
    path = tmp_path / "locale" / "nl" / "LC_MESSAGES" / "messages.po"
    placeholder = [p.format() for p in problems if p.rule == "catalog-placeholders"]
    assert placeholder == [f"{path}:11:1: error [catalog-placeholders] the translation of 'Reported durations: "
                           "%(event)s' for 'nl': unknown named placeholder 'evnt'"]
    untranslated = [p for p in problems if p.rule == "untranslated-catalog"]
    assert [(p.file, p.line, p.column) for p in untranslated] == [(str(path), 1, 1)]


@pytest.mark.parametrize("rule, text, expected", BAD, ids=[f"{c[0]}-{i}" for i, c in enumerate(BAD)])
def test_rule_reports_exact_position(tmp_path, rule, text, expected):
    positions, problems = found(tmp_path, text, rule)
    assert positions == expected, [p.format() for p in problems]


@pytest.mark.parametrize("rule, text", GOOD, ids=[c[0] for c in GOOD])
def test_rule_is_silent_on_good_variant(tmp_path, rule, text):
    positions, problems = found(tmp_path, text, rule)
    assert positions == [], [p.format() for p in problems]


def test_every_rule_has_a_bad_case_and_a_good_one():
    from briefing.check.rules import REGISTRY

    assert {case[0] for case in BAD} == set(REGISTRY)
    assert {case[0] for case in GOOD} == set(REGISTRY)


def test_a_date_and_time_where_a_date_belongs_says_where_the_time_goes(tmp_path):
    # an event (line 48) has a time and a timezone field; an agreement (line 82) has neither
    _, problems = found(tmp_path, variant({48: '    date: "2020-01-03T10:00+01:00"'}), "schema")
    assert [(p.line, p.column, p.message) for p in problems if p.rule == "schema"] == [
        (48, 11, "date: this field takes a date only (YYYY, YYYY-MM or YYYY-MM-DD), not a time of day; give the "
                 "time in 'time' (and its zone in 'timezone' when the venue does not give one) "
                 "(got '2020-01-03T10:00+01:00')")]
    _, problems = found(tmp_path, variant({82: '    date: "2020-01-04T10:00"'}), "schema")
    assert [(p.line, p.message) for p in problems if p.rule == "schema"] == [
        (82, "date: this field takes a date only (YYYY, YYYY-MM or YYYY-MM-DD), not a time of day "
             "(got '2020-01-04T10:00')")]


def test_a_text_per_locale_where_one_text_belongs_is_named_so(tmp_path):
    # a source's publisher is written as the page shows it, once (line 13, "    publisher: " is 15 characters)
    _, problems = found(tmp_path, variant({13: "    publisher: {en: Harbour Gazette, fr: Gazette du port}"}), "schema")
    assert [(p.line, p.column, p.message) for p in problems if p.rule == "schema"] == [
        (13, 16, "publisher: a single text, the same in every locale (as the source gives it), not a text per locale")]
    # and the other way round: a participant's role is a text per locale (line 32)
    _, problems = found(tmp_path, variant({32: "    role: Envoy"}), "schema")
    assert [(p.line, p.column, p.message) for p in problems if p.rule == "schema"] == [
        (32, 11, "role: a text per locale, such as {en: ..., fr: ...}, not a single text (got 'Envoy')")]
    # a mapping of another kind keeps the schema's own words (an original name is {text, lang})
    _, problems = found(tmp_path, variant({31: "    original_name: Alice Martin"}), "schema")
    assert [p.message for p in problems if p.rule == "schema"] == [
        "original_name: Input should be a valid dictionary or instance of OriginalName (got 'Alice Martin')"]
    _, problems = found(tmp_path, variant({13: "    publisher: {name: Harbour Gazette}"}), "schema")
    assert [p.message for p in problems if p.rule == "schema"] == ["publisher: Input should be a valid string"]


def test_a_misspelt_reference_suggests_an_id_of_the_right_kind(tmp_path):
    # 'alic' is close to the participant 'alice'; 'src-courrier' to the source 'src-courier';
    # a gift's giver is a participant, so the source 'src-gazette' is never offered for it
    _, problems = found(tmp_path, variant({74: "    giver: alic"}), "unknown-reference")
    assert [p.message for p in problems] == ["giver refers to 'alic', which is not defined; did you mean 'alice'?"]
    _, problems = found(tmp_path, variant({77: "    sources: [src-courrier]"}), "unknown-reference")
    assert [p.message for p in problems] == [
        "sources refers to 'src-courrier', which is not defined; did you mean 'src-courier'?"]
    _, problems = found(tmp_path, variant({74: "    giver: src-gazete"}), "unknown-reference")
    assert [p.message for p in problems] == ["giver refers to 'src-gazete', which is not defined"]


def test_a_skipped_time_names_the_day_and_the_zone(tmp_path):
    _, problems = found(tmp_path, variant({56: '    date: "2020-03-29"'}, insert={56: '    time: "02:30"'}),
                        "skipped-time")
    assert [p.message for p in problems if p.rule == "skipped-time"] == [
        "'ev-talks': 02:30 on 2020-03-29 did not exist in Europe/Oslo (the clocks skipped that hour when summer "
        "time began): check the date, the time and the zone the source gives"]


def test_messages_name_the_other_place(tmp_path):
    _, problems = found(tmp_path, variant({96: "  - id: accord"}), "duplicate-id")
    assert "first defined at line 80" in next(p.message for p in problems if p.rule == "duplicate-id")
    _, problems = found(tmp_path, variant({61: "    credibilty: 2"}), "schema")
    assert "did you mean 'credibility'" in " ".join(p.message for p in problems)
    _, problems = found(tmp_path, variant(insert={49: "    part_of: ev-talks"}), "reference-cycle")
    assert [p.message for p in problems if p.rule == "reference-cycle"] == [
        "'ev-talks' is part of 'ev-visit' (line 45), which is part of 'ev-talks' itself: break the loop"]
