"""Where the project's templates and translation catalogs live."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
LOCALES = PROJECT / "locale"
