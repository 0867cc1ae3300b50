"""HTML rendering: Jinja2 with autoescape, through the theme's chain of template folders, with
the gettext catalogs compiled at build time."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import jinja2
from babel.support import Translations

from briefing.errors import Position, RenderError
from briefing.model import Claim, FactBase
from briefing.render.formatting import Formatter
from briefing.render.theme import BUILT_IN, Theme
from briefing.render.view import Brief
from briefing.render.words import direction, language_tag, mark_directions

TEMPLATE = "brief.html.j2"
BUILT_IN_PREFIX = "builtin"
"""Names under this prefix always resolve to the built-in theme, so a desk's own
``brief.html.j2`` can ``{% extends "builtin/brief.html.j2" %}`` and override one block."""


class Stopped(Exception):
    """A render given up half way because its ``stop`` said so (not an error)."""


def _write(template: jinja2.Template, stop: Callable[[], bool] | None, **context: Any) -> str:
    """``template.render(**context)``, asking ``stop`` between the pieces Jinja writes."""
    if stop is None:
        return template.render(**context)
    pieces = []
    for piece in template.generate(**context):
        if stop():
            raise Stopped
        pieces.append(piece)
    return "".join(pieces)


class Prepared:
    """One theme made ready to render, per locale: its catalogs compiled, its Jinja environment
    (which compiles each template once and keeps it) and its stylesheet. A long-lived process
    (the live preview) keeps one, so that a save re-renders the brief without compiling the
    theme again (half a second a locale); whatever file of the theme changes, added or
    removed (any template folder, the locale's catalogs, the stylesheets), the locale is
    prepared afresh. Thread-safe: two threads may prepare the same locale, one of them is kept."""

    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self._kept: dict[str, tuple[tuple, tuple[Translations, jinja2.Environment, str]]] = {}

    def get(self, locale: str) -> tuple[Translations, jinja2.Environment, str]:
        stamp = self._stamp(locale)
        kept = self._kept.get(locale)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        locale_translations = self.theme.translations(locale)
        ready = locale_translations, environment(locale_translations, self.theme), stylesheet(self.theme)
        self._kept[locale] = stamp, ready
        return ready

    def _stamp(self, locale: str) -> tuple:
        """Every file the locale's page may be made from, with its size, time and inode."""
        files = [path for folder in self.theme.templates for path in sorted(folder.rglob("*"))]
        files += [*self.theme.stylesheets, *self.theme.catalogs(locale)]
        found: list[tuple] = []
        for path in files:
            try:
                stat = path.stat()
            except OSError:
                found.append((str(path), None))
                continue
            found.append((str(path), stat.st_mtime_ns, stat.st_size, stat.st_ino))
        return tuple(found)


def environment(locale_translations: Translations, theme: Theme = BUILT_IN) -> jinja2.Environment:
    folders = [_TemplatesOnly(folder) for folder in theme.templates]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader([*folders, jinja2.PrefixLoader({BUILT_IN_PREFIX: folders[-1]})]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(locale_translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["css_string"] = css_string
    env.filters["sentence"] = sentence
    env.filters["language_tag"] = language_tag
    env.filters["direction"] = direction
    env.tests["web_address"] = web_address
    env.tests["claim"] = lambda record: isinstance(record, Claim)
    return env


class _TemplatesOnly(jinja2.FileSystemLoader):
    """Loads templates from one template folder only: a symlink there that leads elsewhere
    is refused, so no template can pull an outside file into the brief."""

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
        raise RenderError(f"refused to read {path.name!r}: it leads outside {root.name}/ (to {resolved})",
                          file=f"{root.name}/{path.name}")
    return resolved


def stylesheet(theme: Theme) -> str:
    """The first ``brief.css`` along the template chain, then the desk's extra stylesheets."""
    for folder in theme.templates:
        if (folder / "brief.css").exists() or (folder / "brief.css").is_symlink():
            parts = [_inside(folder / "brief.css", folder.resolve()).read_text(encoding="utf-8")]
            break
    else:
        raise RenderError("no brief.css in the template folders")
    for extra in theme.stylesheets:
        parts.append(_inside(extra, extra.parent.resolve()).read_text(encoding="utf-8"))
    return "\n".join(parts)


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


def render_html(facts: FactBase, locale: str, facts_bytes: bytes, theme: Theme = BUILT_IN, previous=None,
                for_print: bool = False, prepared: Prepared | None = None,
                stop: Callable[[], bool] | None = None) -> str:
    """One locale's brief; ``previous`` is what :func:`briefing.diff.since_previous` gives.
    ``for_print``: the page the PDF is laid out from, its long sections cut to the theme's
    ``pdf_limit`` (:mod:`briefing.render.shortlist`); the HTML brief holds everything.
    ``prepared``: ``theme``'s catalogs and templates kept from an earlier render (the live
    preview's); ``stop``: asked as the page is written, and :class:`Stopped` is raised when it
    says yes (the page is no longer wanted: a newer save is being rendered)."""
    locale_translations, env, style = (prepared or Prepared(theme)).get(locale)
    formatter = Formatter(locale, locale_translations.gettext)
    brief = Brief(facts, locale, formatter, facts_bytes, previous, defaults=theme,
                  limit=theme.pdf_limit if for_print else 0)
    shown = theme.templates[0].name
    try:
        template = env.get_template(TEMPLATE)
        html = _write(template, stop, brief=brief, fmt=formatter, stylesheet=style)
        # macro definitions leave blank lines before the doctype
        return mark_directions(html.lstrip(), locale)
    except jinja2.TemplateSyntaxError as exc:
        where = Path(exc.filename).parent.name if exc.filename else shown
        raise RenderError(f"template syntax error: {exc.message}", file=f"{where}/{exc.name or TEMPLATE}",
                          position=Position(exc.lineno, 1)) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template not found: {exc.name!r} (looked in {', '.join(str(t) for t in theme.templates)})",
                          file=f"{shown}/{TEMPLATE}") from None
    except jinja2.TemplateError as exc:
        raise RenderError(f"template error: {exc}", file=f"{shown}/{TEMPLATE}") from None
    except RecursionError:
        raise RenderError("template error: templates include or extend each other without end",
                          file=f"{shown}/{TEMPLATE}") from None
    except UnicodeDecodeError as exc:
        raise RenderError(f"template error: a template is not UTF-8 (byte offset {exc.start})",
                          file=f"{shown}/{TEMPLATE}") from None
    except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # an expression in a template failed (a division by zero, a bad index): the template's
        # fault as far as the reader of the message can act on it
        raise RenderError(f"template error: {type(exc).__name__}: {exc}", file=f"{shown}/{TEMPLATE}") from None
