"""Where the built-in theme (templates, stylesheet, figures' styles) and the interface
catalogs live: inside the installed package, found through importlib.resources, so a
non-editable install (pip, pipx, a pre-commit environment) has them too."""

from importlib import resources
from pathlib import Path

PACKAGE = Path(str(resources.files("briefing")))
THEME = PACKAGE / "theme"
LOCALES = PACKAGE / "locale"
SCAFFOLD = PACKAGE / "scaffold"


def catalog_paths(locale: str, folders) -> list[Path]:
    """The interface catalogs of ``locale`` (``<folder>/<locale>/LC_MESSAGES/messages.po``)
    along ``folders`` (the desk's first, the built-in ones last), most specific first: the
    locale's own in every folder, then its language's (``zh`` for ``zh_CN``), as gettext
    falls back. A desk may thus write ``zh_CN`` and get the built-in ``zh`` catalog."""
    names = [locale]
    language = locale.split("_")[0]
    if language != locale:
        names.append(language)
    found = [folder / name / "LC_MESSAGES" / "messages.po" for name in names for folder in folders]
    return [path for path in found if path.is_file()]
