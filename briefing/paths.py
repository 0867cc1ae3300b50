"""Where the built-in theme (templates, stylesheet, figures' styles) and the interface
catalogs live: inside the installed package, found through importlib.resources, so a
non-editable install (pip, pipx, a pre-commit environment) has them too."""

from importlib import resources
from pathlib import Path

PACKAGE = Path(str(resources.files("briefing")))
THEME = PACKAGE / "theme"
LOCALES = PACKAGE / "locale"
SCAFFOLD = PACKAGE / "scaffold"
