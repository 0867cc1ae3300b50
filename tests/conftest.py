"""Shared fixtures: a small hand-written fact base, and one real build of the shipped brief."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts.yaml"

# A small, valid fact base about another meeting. Line numbers are on the right so that
# tests can state by hand where a problem must be reported.
SMALL = """\
meta:
  title: {en: Harbour talks}
  subject: {en: A meeting about a harbour.}
  desk: Test Desk
  edition: 1
  as_of: "2020-01-02"
  locales: [en]
  summary:
    - text: {en: Alice met the harbour board.}
      claims: [ev-1]
sources:
  - id: src-1
    publisher: Harbour Gazette
    title: Board meets envoy
    published: "2020-01-01"
    language: en
    reliability: B
    reliability_reason: {en: Long record of accurate reporting.}
participants:
  - id: alice
    name: {en: Alice Martin}
    original_name: {text: Alice Martin, lang: en}
    role: {en: Envoy}
    country: FR
events:
  - id: ev-1
    kind: talks
    name: {en: Harbour board talks}
    date: "2020-01-01"
    participants: [alice]
    sources: [src-1]
    credibility: 2
"""


def edit(text: str, line: int, new: str) -> str:
    """Replace one line (counted from 1) of ``text``."""
    lines = text.splitlines()
    lines[line - 1] = new
    return "\n".join(lines) + "\n"


def normalize(text: str) -> str:
    """Collapse the spaces typographers use (no-break, narrow, thin) and line breaks."""
    text = re.sub(r"[\u00a0\u202f\u2009]", " ", text)
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """Build the shipped brief once, for real (HTML and PDF, every locale)."""
    from briefing.build import build

    out = tmp_path_factory.mktemp("build")
    build(FACTS, out)
    return out


def dump_yaml(data) -> str:
    """Plain data as YAML the fact-base loader reads (YAML 1.2 spellings: 1e400 is its one way
    to write infinity, .nan not-a-number), for tests that generate fact bases."""
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def number(dumper, value: float):
        text = ("1e400" if value > 0 else "-1e400") if value in (float("inf"), float("-inf")) else (
            ".nan" if value != value else repr(value))
        return dumper.represent_scalar("tag:yaml.org,2002:float", text)

    Dumper.add_representer(float, number)
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10**9)
