"""``briefing init`` and ``briefing i18n init``: a desk's project and its new catalogs.

``init`` copies the scaffold that ships in the package (a starter fact base, the
configuration, a pre-commit configuration, a CI workflow, a ``.gitignore``, and empty
``templates/`` and ``locale/`` folders that say what they are for). It never overwrites a
file: a folder that already holds any of them is refused, naming the file.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from briefing.errors import BriefingError
from briefing.paths import LOCALES, SCAFFOLD


def init(folder: Path, stream=sys.stdout) -> int:
    files = sorted(p for p in SCAFFOLD.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    clashes = [folder / p.relative_to(SCAFFOLD) for p in files if (folder / p.relative_to(SCAFFOLD)).exists()]
    if clashes:
        raise BriefingError(f"{clashes[0]} already exists; nothing was written (init starts a new desk folder)")
    schema_file = folder / "facts.schema.json"
    if schema_file.exists():
        raise BriefingError(f"{schema_file} already exists; nothing was written (init starts a new desk folder)")
    for source in files:
        target = folder / source.relative_to(SCAFFOLD)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        print(f"created {target}", file=stream)
    from briefing import schema

    schema_file.write_text(schema.text(), encoding="utf-8")  # the editors' completion, from this version's model
    print(f"created {schema_file}", file=stream)
    step = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    print(f"next: {step}briefing check && briefing build", file=stream)
    return 0


def new_catalog(locale: str, folder: Path, stream=sys.stdout) -> int:
    """Create ``folder/LOCALE/LC_MESSAGES/messages.po`` from the package's message template,
    with the plural rule Babel knows for the locale, ready to translate."""
    from babel import Locale, UnknownLocaleError
    from babel.messages.pofile import read_po, write_po

    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        raise BriefingError(f"{locale!r} is not a locale Babel knows (such as de, pt_BR)") from None
    target = folder / locale / "LC_MESSAGES" / "messages.po"
    if target.exists():
        raise BriefingError(f"{target} already exists; edit it (or remove it first)")
    with (LOCALES / "messages.pot").open("rb") as template:
        catalog = read_po(template, locale=parsed)
    catalog.locale = parsed
    catalog.revision_date = catalog.creation_date  # no clock in the file: two runs give the same bytes
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        write_po(out, catalog, width=76)
    print(f"created {target} ({len(catalog)} messages to translate, {catalog.num_plurals} plural forms)",
          file=stream)
    return 0
