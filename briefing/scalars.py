"""How a plain scalar of a fact base reads: as YAML 1.2's core schema reads it, and whether a
YAML 1.1 reader (PyYAML's default, many editors and linters) would read it as something else."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import yaml

_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


_YAML11 = yaml.resolver.Resolver()
_YAML11_TYPES = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:timestamp": "date",
}
_OCTAL = re.compile(r"[-+]?0[0-7]+\Z")


@lru_cache(maxsize=65536)
def yaml11_reading(text: str, ours: type) -> str | None:
    """The type a YAML 1.1 reader (PyYAML's default, many editors) would give ``text``,
    when it differs from ours; None when both agree. Memoised: values repeat a lot."""
    tag = _YAML11.resolve(yaml.ScalarNode, text, (True, False))
    other = _YAML11_TYPES.get(tag)
    if other is None:
        return None
    if other == "boolean" and ours is bool:
        return None
    if other == "number" and ours in (int, float) and not _OCTAL.match(text) and "_" not in text:
        return None
    return other


def scalar(text: str) -> Any:
    """A plain scalar, resolved as in YAML 1.2's core schema (quoted ones stay strings)."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        try:
            return int(text)
        except ValueError:  # more digits than Python converts: no fact base means that
            return text
    if _FLOAT.match(text):
        return float(text)
    return text
