"""missing-catalog: a locale of meta.locales has no interface catalog.

What it does
    For every locale listed in ``meta.locales``, looks for its interface catalog
    (``<locale>/LC_MESSAGES/messages.po``) in the desk's locale folders (the ``locales``
    setting of ``briefing.toml``) and in the built-in ones, and reports each locale that has
    none, at its entry in ``meta.locales``.

Why is this bad?
    The brief's headings, labels and dates come from that catalog: without it the build of
    that locale cannot run. Found here, every missing locale is named in one run, at its
    line, before anything is rendered.

Example
    ```yaml
    meta:
      locales: [en, nl]     # no Dutch catalog in the desk's folders or built in
    ```

Use instead
    Create the catalog (``briefing i18n init nl``), translate it, and keep it in the desk's
    locale folder; or remove the locale.
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding
from briefing.paths import catalog_paths

ID = "missing-catalog"
SEVERITY = "error"
SUMMARY = "a locale of meta.locales has no interface catalog"
STAGE = "model"
USES_CONTEXT = True


def check(facts, document, context) -> Iterator[Finding]:
    for i, locale in enumerate(facts.meta.locales):
        if not catalog_paths(locale, context.locales):  # zh_CN: its own, else the language's (zh)
            where = ", ".join(str(folder) for folder in context.locales)
            yield Finding(("meta", "locales", i), f"no interface catalog for locale {locale!r} in {where}; "
                                                  f"create one with 'briefing i18n init {locale}'")
