"""Problems are plain, sortable data, counted from 1 like editors count."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.errors import Position


@dataclass(frozen=True)
class Finding:
    """What a rule reports: where (a path in the document, or a position) and what."""

    path: tuple
    message: str
    at_key: bool = False
    position: Position | None = None
    file: str | None = None  # a problem in another file than the fact base (an interface catalog)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    rule: str
    severity: str
    message: str
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)

    def format(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.severity} [{self.rule}] {self.message}"


def indefinite(noun: str) -> str:
    """``noun`` with its English indefinite article: "an event", "an ICD 203", "a flood"."""
    vowel_sound = noun[:1].lower() in "aeio" or noun.startswith("ICD")  # "a UK", "a unit"
    return f"{'an' if vowel_sound else 'a'} {noun}"
