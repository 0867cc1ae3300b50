"""original-script-name: a person without a name in its original script.

What it does
    Reports a person (not a delegation or organization) with no ``original_name``, unless
    the person's ``country`` writes in Latin script only: when every language the Unicode
    CLDR lists as official there (through Babel) is written in Latin script, a French or
    German official's name as the reporting spells it is already the original, and nothing
    is asked. A person whose country has a language in another script (Greece, Serbia,
    India, Cyprus...), or whose country is not given, is reported: nothing in the record
    says the name was not transliterated.

Why is this bad?
    Names reach the desk transliterated several ways (Giorgos, Yiorgos, Georgios
    Papadopoulos). The name in its own script (Γιώργος Παπαδόπουλος) is the one fixed
    point a reader, a translator or a search can rely on.

Example
    ```yaml
    - id: harbour-master
      name: {fr: Yórgos Papadópoulos, en: Giorgos Papadopoulos}
      country: GR
    ```

Use instead
    ```yaml
      original_name: {text: Γιώργος Παπαδόπουλος, lang: el}
    ```

    A person from a country that writes in Latin script only needs none:

    ```yaml
    - id: prefect
      name: {en: Claire Dubois}
      country: FR
    ```
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator, Mapping

from briefing.check.problem import Finding

ID = "original-script-name"
SEVERITY = "warning"
SUMMARY = "a person has no name in its original script"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    for person in facts.participants:
        if person.kind == "person" and person.original_name is None and not _latin_only(person.country):
            yield Finding(person.path + ("name",), f"{person.id!r} has no original_name (the name in its own script)")


@lru_cache(maxsize=None)
def _latin_only(country: str | None) -> bool:
    """Whether every official or de facto official language of ``country`` is written in Latin
    script, from CLDR's data (a country it knows no language of is not: the name is asked for)."""
    if country is None:
        return False
    from babel.core import get_global
    from babel.languages import get_official_languages

    languages = get_official_languages(country, de_facto=True)  # de facto: English in the United States
    likely = get_global("likely_subtags")
    return bool(languages) and all(_script(language, likely) == "Latn" for language in languages)


def _script(language: str, likely: Mapping[str, str]) -> str | None:
    """The script a CLDR language code is written in: its own script subtag (``sr_Latn``), else
    the most likely one (``sr`` → ``sr_Cyrl_RS``)."""
    for code in (language, likely.get(language, "")):
        subtags = code.split("_")
        if len(subtags) > 1 and len(subtags[1]) == 4:
            return subtags[1]
    return None
