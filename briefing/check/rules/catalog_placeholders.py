"""catalog-placeholders: a translation's placeholders differ from its message's.

What it does
    For every locale of ``meta.locales``, reads its interface catalogs (the desk's and the
    built-in one) and reports each translation whose ``%(name)s`` placeholders are not
    those of the English message: a misspelt name, or one left out. The problem is
    reported in the catalog, at the line of the translation's ``msgstr``.

Why is this bad?
    A misspelt placeholder stops the build of that locale with no position in the catalog;
    a dropped one silently drops a value from the brief (an end time, a count).

Example
    ```po
    msgid "%(date)s, from %(start)s to %(end)s"
    msgstr "%(date)s, von %(stat)s bis %(end)s"
    ```

Use instead
    ```po
    msgstr "%(date)s, von %(start)s bis %(end)s"
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.catalogs import catalogs, msgstr_line
from briefing.check.problem import Finding
from briefing.errors import Position

ID = "catalog-placeholders"
SEVERITY = "error"
SUMMARY = "a catalog translation's placeholders differ from its message's"
STAGE = "model"
USES_CONTEXT = True


def check(facts, document, context) -> Iterator[Finding]:
    for i, locale in enumerate(facts.meta.locales):
        for path, catalog in catalogs(locale, context.locales):
            for message in catalog:
                if not message.id or not message.string:
                    continue
                for error in message.check(catalog):
                    shown = message.id if isinstance(message.id, str) else message.id[0]
                    # in the catalog, where the translator fixes it (the locale's entry is the fact base's)
                    yield Finding(("meta", "locales", i), f"the translation of {shown!r} for {locale!r}: {error}",
                                  position=Position(msgstr_line(path, message.lineno), 1), file=str(path))
