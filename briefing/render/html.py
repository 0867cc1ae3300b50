"""HTML rendering: Jinja2 with autoescape and gettext catalogs compiled at build time."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from briefing.errors import Position, RenderError
from briefing.model import Claim, FactBase
from briefing.paths import LOCALES, TEMPLATES
from briefing.render.formatting import Formatter
from briefing.render.view import Brief

TEMPLATE = "brief.html.j2"


def translations(locale: str, locales_dir: Path = LOCALES) -> Translations:
    """Compile ``locale``'s .po catalog in memory (no .mo file is kept in the tree)."""
    po_path = locales_dir / locale / "LC_MESSAGES" / "messages.po"
    if not po_path.is_file():
        raise RenderError(f"no translation catalog for locale {locale!r}: expected "
                          f"{po_path.relative_to(locales_dir.parent)} (see README, 'Adding a locale')")
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


def environment(locale_translations: Translations, templates_dir: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_TemplatesOnly(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(locale_translations, newstyle=True)
    env.filters["css_string"] = css_string
    env.filters["sentence"] = sentence
    env.tests["web_address"] = web_address
    env.tests["claim"] = lambda record: isinstance(record, Claim)
    return env


class _TemplatesOnly(jinja2.FileSystemLoader):
    """Loads templates from ``templates/`` only: a symlink there that leads elsewhere is
    refused, so no template can pull an outside file into the brief."""

    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root.resolve()

    def get_source(self, environment, template):
        source, filename, uptodate = super().get_source(environment, template)
        _inside(Path(filename), self.root)
        return source, filename, uptodate


def _inside(path: Path, root: Path) -> Path:
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        raise RenderError(f"refused to read {path.name!r}: it leads outside templates/ (to {resolved})",
                          file=f"templates/{path.name}")
    return resolved


def web_address(url: str) -> bool:
    """Whether ``url`` may become a link: http(s) with a host. Anything else is shown as text,
    whatever the checker was told (a second guard behind the url-scheme rule)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and url == url.strip()


def sentence(text: str) -> str:
    """End ``text`` with one full stop: a Russian date already ends in "г."."""
    return text if text.endswith(".") else text + "."


def css_string(value: str) -> str:
    """Escape text for the inside of a double-quoted CSS string: everything but letters,
    digits and spaces becomes a hex escape, so no value can end the string or the style."""
    return "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in str(value))


def render_html(facts: FactBase, locale: str, facts_bytes: bytes, templates_dir: Path = TEMPLATES,
                locales_dir: Path = LOCALES, previous=None) -> str:
    """One locale's brief; ``previous`` is what :func:`briefing.diff.since_previous` gives."""
    locale_translations = translations(locale, locales_dir)
    env = environment(locale_translations, templates_dir)
    formatter = Formatter(locale, locale_translations.gettext)
    brief = Brief(facts, locale, formatter, facts_bytes, previous)
    try:
        template = env.get_template(TEMPLATE)
        stylesheet = _inside(templates_dir / "brief.css", templates_dir.resolve()).read_text(encoding="utf-8")
        html = template.render(brief=brief, fmt=formatter, stylesheet=stylesheet)
        return html.lstrip()  # macro definitions leave blank lines before the doctype
    except jinja2.TemplateSyntaxError as exc:
        raise RenderError(f"template syntax error: {exc.message}", file=f"templates/{exc.name or TEMPLATE}",
                          position=Position(exc.lineno, 1)) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name!r} (templates are read from templates/ only)",
                          file=f"templates/{TEMPLATE}") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"template error: {exc}", file=f"templates/{TEMPLATE}") from None
