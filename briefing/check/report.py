"""Output formats for problems: text for people, json for tools, github and sarif for CI."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from briefing import __version__
from briefing.check.problem import Problem

FORMATS = ("text", "json", "github", "sarif")
_COLOURS = {"error": "\033[31m", "warning": "\033[33m"}
_RESET, _BOLD = "\033[0m", "\033[1m"


def summary(problems: list[Problem], file: str) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return (f"{errors} error{'s' if errors != 1 else ''}, "
            f"{warnings} warning{'s' if warnings != 1 else ''} in {file}")


def text(problems: list[Problem], file: str, colour: bool = False, with_summary: bool = True) -> str:
    """One line per problem (``file:line:col: severity [rule] message``), then the summary line
    unless ``with_summary`` is false (``check --quiet``)."""
    lines = []
    for p in problems:
        if colour:
            lines.append(f"{_BOLD}{p.file}:{p.line}:{p.column}:{_RESET} {_COLOURS[p.severity]}{p.severity}"
                         f"{_RESET} [{p.rule}] {p.message}")
        else:
            lines.append(p.format())
    if with_summary:
        lines.append(summary(problems, file))
    return "\n".join(lines)


def as_json(problems: list[Problem], file: str) -> str:
    return json.dumps([{
        "file": p.file, "line": p.line, "column": p.column,
        "end_line": p.end_line, "end_column": p.end_column,
        "rule": p.rule, "severity": p.severity, "message": p.message,
    } for p in problems], ensure_ascii=False, indent=2)


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem], file: str) -> str:
    """GitHub Actions workflow commands: one annotation per problem, on its line."""
    lines = []
    for p in problems:
        props = [f"file={_escape_property(p.file)}", f"line={p.line}", f"col={p.column}"]
        if p.end_line:
            props += [f"endLine={p.end_line}", f"endColumn={p.end_column}"]
        props.append(f"title={_escape_property(p.rule)}")
        lines.append(f"::{p.severity} {','.join(props)}::{_escape_data(p.message)}")
    return "\n".join(lines)


_SRCROOT = "%SRCROOT%"


def _artifact(file: str, root: Path) -> dict[str, str]:
    """Where a problem's file is, for SARIF: relative to the working folder (``%SRCROOT%``) when
    it lies under it, so that code scanning finds it in the checked-out repository wherever the
    runner put it; else an absolute file URI (a previous edition or a catalog elsewhere)."""
    path = Path(os.path.abspath(root / file))  # no symlink followed: the path as the desk named it
    if path.is_relative_to(root):
        return {"uri": quote(path.relative_to(root).as_posix()), "uriBaseId": _SRCROOT}  # spaces and the like escaped
    return {"uri": path.as_uri()}


def sarif(problems: list[Problem], file: str, rules: Iterable, root: Path | None = None) -> str:
    """SARIF 2.1.0, with the whole rule catalogue under tool.driver.rules; files are given
    relative to ``root`` (default: the working folder), declared as ``%SRCROOT%``."""
    root = Path(os.path.abspath(root or Path.cwd()))
    catalogue = list(rules)
    index = {rule.ID: i for i, rule in enumerate(catalogue)}
    results = []
    for p in problems:
        region: dict[str, int | None] = {"startLine": p.line, "startColumn": p.column}
        if p.end_line:
            region.update(endLine=p.end_line, endColumn=p.end_column)
        results.append({
            "ruleId": p.rule,
            "ruleIndex": index[p.rule],
            "level": p.severity,
            "message": {"text": p.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": _artifact(p.file, root),
                "region": region,
            }}],
        })
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "columnKind": "unicodeCodePoints",  # columns count characters, as the text output does
            # an absolute directory URI ends with a slash (SARIF 2.1.0, 3.14.14)
            "originalUriBaseIds": {_SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
            "tool": {"driver": {
                "name": "briefing",
                "version": __version__,
                "informationUri": "https://example.invalid/briefing",
                "rules": [{
                    "id": rule.ID,
                    "name": rule.ID,
                    "shortDescription": {"text": rule.SUMMARY},
                    "fullDescription": {"text": (rule.__doc__ or "").strip()},
                    "help": {"text": (rule.__doc__ or "").strip()},
                    "defaultConfiguration": {"level": rule.SEVERITY},
                } for rule in catalogue],
            }},
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2)
