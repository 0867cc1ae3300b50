"""untranslated-catalog: a locale's interface catalog leaves messages untranslated.

What it does
    For every locale of ``meta.locales``, counts the interface messages (headings, labels,
    captions) that none of its catalogs translates, the desk's or the built-in one, and
    reports them once, with a few examples, in the locale's first catalog (the desk's): at
    the ``msgstr`` of its first entry left untranslated, or at its first line when the
    messages are missing from it altogether. A desk catalog that rewords a few labels of a
    built-in locale is complete through the built-in one and is not reported.

Why is this bad?
    An untranslated message falls back to English: a Dutch brief would read "Chronology"
    and "Sources (reliability)" between Dutch sentences. A catalog made with
    ``briefing i18n init`` starts with every message untranslated.

Example
    ```yaml
    meta:
      locales: [en, nl]     # locale/nl/LC_MESSAGES/messages.po: 175 messages, 54 translated
    ```

Use instead
    Translate every entry of ``locale/nl/LC_MESSAGES/messages.po`` (a translator's tool such
    as Poedit lists the empty ones), then check again.
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.catalogs import catalogs, msgstr_line, template_ids
from briefing.check.problem import Finding
from briefing.errors import Position

ID = "untranslated-catalog"
SEVERITY = "warning"
SUMMARY = "a locale's interface catalogs leave messages untranslated"
STAGE = "model"
USES_CONTEXT = True


def check(facts, document, context) -> Iterator[Finding]:
    wanted = template_ids()
    for i, locale in enumerate(facts.meta.locales):
        found = catalogs(locale, context.locales)
        if not found:
            continue  # missing-catalog says so
        translated = {_msgid(m) for _, catalog in found for m in catalog
                      if m.id and m.string and (all(m.string) if isinstance(m.string, tuple) else True)}
        missing = sorted(wanted - translated)
        if missing:
            path, catalog = found[0]
            examples = ", ".join(repr(m) for m in missing[:3])
            left = set(missing)
            first = next((m for m in catalog if m.id and _msgid(m) in left), None)  # in the file's order
            at = Position(msgstr_line(path, first.lineno), 1) if first is not None and first.lineno else Position(1, 1)
            yield Finding(("meta", "locales", i), f"{len(missing)} of {len(wanted)} interface messages have no "
                                                  f"{locale!r} translation (they would show in English), "
                                                  f"e.g. {examples}", position=at, file=str(path))


def _msgid(message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]
