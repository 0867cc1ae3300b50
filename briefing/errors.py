"""Expected failures: each carries its exit code and renders its own one-line message."""

from __future__ import annotations

from typing import NamedTuple


class Position(NamedTuple):
    """A place in a text file, counted from 1 like editors do (a tuple: cheap to make by the million)."""

    line: int
    column: int


class BriefingError(Exception):
    """A failure the user can act on: shown as one message, never as a traceback."""

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None,
                 position: Position | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.position = position

    def format(self) -> str:
        where = self.file or ""
        if self.file and self.position:
            where = f"{self.file}:{self.position.line}:{self.position.column}"
        return f"{where}: error: {self.message}" if where else f"error: {self.message}"


class LoadError(BriefingError):
    """The fact base could not be read or parsed.

    With a ``rule`` (a problem in the file's content: syntax, duplicate key, unsafe YAML)
    it is reported like any other problem; without one (missing or unreadable file) the
    check could not run at all.
    """

    exit_code = 2

    def __init__(self, message: str, *, file: str | None = None, position: Position | None = None,
                 rule: str | None = None) -> None:
        super().__init__(message, file=file, position=position)
        self.rule = rule


class ConfigError(BriefingError):
    """The configuration file (``briefing.toml``, :mod:`briefing.config`) is wrong: one message
    at its position, exit 2."""

    exit_code = 2


class CheckFailed(BriefingError):
    """The checker found errors; rendering is refused."""

    exit_code = 1


class RenderError(BriefingError):
    """A template or the PDF engine failed."""

    exit_code = 1
