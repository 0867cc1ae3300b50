"""A desk's configuration: found from the working folder upward, overridden by the command line.

Like yamllint's and Ruff's, the configuration is the first ``briefing.toml`` (or
``pyproject.toml`` with a ``[tool.briefing]`` table) in the working folder or one of its
parents. Paths in it are relative to its folder and must stay inside it. Every setting
remembers where it came from, for ``briefing config``. The ``[rules]`` table is checked
against the checker's rules in :mod:`briefing.rule_settings`.

```toml
facts = "facts.yaml"                  # or a folder of parts ("facts"), or a list of fact bases
out = "build"
templates = ["templates"]             # the desk's template folders, before the built-in theme
stylesheets = ["templates/house.css"] # appended after the built-in stylesheet
locales = ["locale"]                  # the desk's catalogs, before the built-in ones
marking = {en = "OFFICIAL", fr = "OFFICIEL"}        # default handling marking
portion_mark = {en = "(O)", fr = "(O)"}

[brief]
pdf_section_limit = 40                # records per long section in the PDF (0: all); the HTML has all

[rules]
select = ["unsourced-claim", "schema"]  # report only these
ignore = ["unused-record"]
severity = {unused-record = "error"}

[rules.options.confidence-basis]        # thresholds a desk may set differently (see `briefing rules ID`)
reliable = ["A", "B"]
```
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.errors import ConfigError, Position
from briefing.paths import LOCALES, THEME
from briefing.rule_settings import apply_rules

FILES = ("briefing.toml", "pyproject.toml")
_KEYS = {"facts", "out", "templates", "stylesheets", "locales", "marking", "portion_mark", "rules", "brief"}
DEFAULT_PDF_LIMIT = 40
"""Records per long section in the PDF: about what a two-minute reader takes in."""


@dataclass
class Settings:
    """The effective settings, each with where it came from."""

    root: Path
    file: Path | None = None
    facts: list[Path] = field(default_factory=lambda: [Path("facts.yaml")])
    out: Path = Path("build")
    templates: list[Path] = field(default_factory=list)
    stylesheets: list[Path] = field(default_factory=list)
    locales: list[Path] = field(default_factory=list)
    marking: dict[str, str] | None = None
    portion_mark: dict[str, str] | None = None
    select: set[str] | None = None
    ignore: set[str] = field(default_factory=set)
    severity: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    pdf_section_limit: int = DEFAULT_PDF_LIMIT
    """``[brief] pdf_section_limit``: records a long section prints in the PDF (0: all)."""
    origins: dict[str, str] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)

    @property
    def template_chain(self) -> tuple[Path, ...]:
        """The desk's template folders first, the built-in theme last."""
        return (*self.templates, THEME)

    @property
    def locale_chain(self) -> tuple[Path, ...]:
        """The desk's catalog folders first, the built-in catalogs last."""
        return (*self.locales, LOCALES)

    def origin(self, key: str) -> str:
        return self.origins.get(key, "default")

    def check_locales(self, locales: list[str]) -> None:
        """A desk marking must be given in every locale a brief is built in: a brief in another
        locale would silently carry the built-in (unclassified) marking."""
        for key in ("marking", "portion_mark"):
            texts = getattr(self, key)
            missing = [locale for locale in locales if texts and not texts.get(locale, "").strip()]
            if missing:
                raise ConfigError(f"{key} has no text for locale(s) {', '.join(missing)}, which the fact base is "
                                  "built in", file=str(self.file), position=self.positions.get(key))

    def override(self, key: str, value: Any) -> None:
        """A command-line option wins over the file."""
        setattr(self, key, value)
        self.origins[key] = "command line"


def find(start: Path) -> tuple[Path, dict] | None:
    """The nearest configuration from ``start`` upward: (file, its briefing table)."""
    for folder in (start, *start.parents):
        for name in FILES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            data = _parse(candidate)
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("briefing")
                if table is None:
                    continue
                return candidate, table
            return candidate, data
    return None


def load(start: Path | None = None) -> Settings:
    """The settings for work started in ``start`` (the working folder by default)."""
    start = (start or Path.cwd()).resolve()
    found = find(start)
    if found is None:
        return Settings(root=start)
    path, table = found
    # paths the file leaves out are the defaults, relative to the desk's folder like the rest
    settings = Settings(root=path.parent, file=path, facts=[path.parent / "facts.yaml"], out=path.parent / "build")
    _apply(settings, path, table)
    return settings


def _parse(path: Path) -> dict:
    from briefing.load import LoadError, read_bytes

    try:
        raw = read_bytes(path, str(path), what="configuration")
    except LoadError as error:
        raise ConfigError(error.message, file=str(path), position=error.position) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8", "replace")
        raise ConfigError(f"not valid UTF-8 (byte offset {exc.start})", file=str(path),
                          position=Position(before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        position = Position(int(match[1]), int(match[2])) if match else Position(1, 1)
        raise ConfigError(f"not valid TOML: {str(exc).split(' (at line')[0]}", file=str(path),
                          position=position) from None


def _apply(settings: Settings, path: Path, table: dict) -> None:
    where = KeyPositions(path)
    prefix = ("tool", "briefing") if path.name == "pyproject.toml" else ()
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"unknown setting {key!r} (known: {', '.join(sorted(_KEYS))})",
                              file=str(path), position=where.key(prefix, key))
        origin = f"{path.name}:{where.key(prefix, key).line}"
        if key == "rules":
            apply_rules(settings, path, where, prefix, value)
            continue
        if key == "brief":
            _brief(settings, path, where, prefix, value)
            continue
        if key in ("marking", "portion_mark"):
            if not (isinstance(value, dict) and all(isinstance(v, str) for v in value.values())):
                raise ConfigError(f"{key} must be a table of texts by locale, such as {{en = \"...\"}}",
                                  file=str(path), position=where.key(prefix, key))
            setattr(settings, key, dict(value))
        elif key == "out":
            settings.out = _path(settings.root, value, key, path, where.key(prefix, key), must_exist=False)
        else:
            items = [value] if isinstance(value, str) and key == "facts" else value
            if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
                raise ConfigError(f"{key} must be a list of paths" + (" or one path" if key == "facts" else ""),
                                  file=str(path), position=where.key(prefix, key))
            setattr(settings, key, [_path(settings.root, item, key, path, where.key(prefix, key),
                                          must_exist=key != "facts") for item in items])
        settings.origins[key] = origin
        settings.positions[key] = where.key(prefix, key)
    if settings.marking and not settings.portion_mark:
        # the built-in portion mark, (U//OS), would contradict a desk's own marking on every paragraph
        raise ConfigError("marking is set but portion_mark is not: give the short form that goes before each "
                          "paragraph too", file=str(path), position=settings.positions["marking"])


def _brief(settings: Settings, path: Path, where: KeyPositions, prefix: tuple, table: Any) -> None:
    """``[brief]``: how the printed brief is cut (the HTML always holds everything)."""
    if not isinstance(table, dict):
        raise ConfigError("brief must be a table ([brief])", file=str(path), position=where.key(prefix, "brief"))
    for key, value in table.items():
        at = where.key((*prefix, "brief"), key)
        if key != "pdf_section_limit":
            raise ConfigError(f"unknown setting brief.{key} (known: pdf_section_limit)", file=str(path), position=at)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ConfigError("brief.pdf_section_limit must be a whole number, 0 or more (0: no limit)",
                              file=str(path), position=at)
        settings.pdf_section_limit = value
        settings.origins[f"brief.{key}"] = f"{path.name}:{at.line}"


def _path(root: Path, value: Any, key: str, file: Path, position: Position, must_exist: bool) -> Path:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{key} must be a path", file=str(file), position=position)
    resolved = (root / value).resolve()
    if not resolved.is_relative_to(root.resolve()):
        raise ConfigError(f"{key}: {value!r} leads outside the desk's folder ({root})", file=str(file),
                          position=position)
    if must_exist and not resolved.exists():
        raise ConfigError(f"{key}: {value!r} does not exist", file=str(file), position=position)
    return resolved


class KeyPositions:
    """Positions of keys in a TOML file. tomllib keeps none, so the text is scanned: table
    headers set the current table, ``key =`` lines (and inline tables' keys) are found in it."""

    def __init__(self, path: Path) -> None:
        self.lines = path.read_text(encoding="utf-8").splitlines()  # already read and checked by _parse

    def key(self, table: tuple, key: str) -> Position:
        current: tuple = ()
        pattern = re.compile(rf'^\s*["\']?{re.escape(key)}["\']?\s*=')
        inline = re.compile(rf'[{{,]\s*["\']?{re.escape(key)}["\']?\s*=')
        for number, line in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
            if header:
                current = tuple(part.strip().strip('"') for part in header[1].split("."))
                continue
            if current == table and pattern.match(line):
                return Position(number, len(line) - len(line.lstrip()) + 1)
            # a dotted key under an enclosing table: `rules.ignore = [...]` at the top level
            if table[:len(current)] == current and len(table) > len(current):
                dotted = r"\s*\.\s*".join(map(re.escape, (*table[len(current):], key)))
                if re.match(rf"^\s*{dotted}\s*=", line):
                    return Position(number, len(line) - len(line.lstrip()) + 1)
            if current == table[:-1] and table and re.match(rf"^\s*{re.escape(table[-1])}\s*=", line):
                found = inline.search(line)
                if found:
                    return Position(number, line.index(key, found.start()) + 1)
        return Position(1, 1)
