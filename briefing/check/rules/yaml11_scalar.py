"""yaml-1.1-scalar: an unquoted value that YAML 1.1 tools would read as another type.

What it does
    briefing reads plain scalars the YAML 1.2 way: ``no``, ``on``, ``1:30``, ``017`` and
    ``2023-09-13`` stay text. Many editors, linters and scripts still read YAML 1.1, where
    the same values become ``false``, ``true``, ``90``, ``15`` and a date object. This rule
    reports every such value so that the file means one thing to every tool.

Why is this bad?
    A fact base outlives its tools. The day someone loads it with another reader,
    ``answer: no`` silently becomes ``false`` and ``duration: 1:30`` becomes ninety.

Example
    ```yaml
    time: 10:30
    as_of: 2024-06-19
    ```

Use instead
    ```yaml
    time: "10:30"
    as_of: "2024-06-19"
    ```
"""

from __future__ import annotations

from typing import Iterator

from briefing.check.problem import Finding

ID = "yaml-1.1-scalar"
SEVERITY = "warning"
SUMMARY = "an unquoted value that YAML 1.1 tools read as a boolean, number or date"
STAGE = "document"


def check_document(document) -> Iterator[Finding]:
    for path, (text, other) in document.yaml11.items():
        ours = _value(document.data, path)
        if len(text) > 40:  # a value this long is named by its start
            text = text[:37] + "..."
        ours = repr(ours) if len(repr(ours)) <= 40 else "text"
        yield Finding(path, f"{text} is read here as {ours}, but YAML 1.1 tools read it as a "
                            f"{other}: quote it (\"{text}\") so every tool reads the same value")


def _value(data, path):
    for part in path:
        data = data[part]
    return data
