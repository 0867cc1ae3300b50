"""previous-edition: meta.previous must name a readable previous edition inside the fact base's folder, that loads, follows the schema and whose texts are clean.

What it does
    When ``meta.previous`` names the previous edition's fact base (the brief then lists
    the changes since it), reports a path that leaves the fact base's folder (absolute, or
    through ``..``), a file that does not exist, and, in a previous edition that loads, every
    text that carries a character no fact base may carry (as ``invisible-character`` does
    for the current edition), naming the previous file's line and column.

Why is this bad?
    The changes section prints the previous edition's records (what was removed or
    changed): an unchecked file would bring a bidirectional override or a control
    character into the brief. A path outside the folder would let a fact base make the
    build read any file of the machine.

Example
    ```yaml
    meta:
      previous: "../../other-desk/facts.yaml"
    ```

Use instead
    Keep the previous edition next to the fact base, e.g. ``editions/facts-1.yaml``, and
    ``previous: "editions/facts-1.yaml"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from briefing.check.problem import Finding

ID = "previous-edition"
SEVERITY = "error"
SUMMARY = "meta.previous leaves the fact base's folder, names no file the build could compare with, or its texts carry forbidden characters"
STAGE = "model"


def check(facts, document) -> Iterator[Finding]:
    previous = facts.meta.previous
    if not previous:
        return
    where = ("meta", "previous")
    folder = Path(document.file).resolve().parent
    try:
        target = (folder / previous).resolve()
        present = target.exists()
    except (OSError, ValueError) as exc:  # a name too long, a NUL byte
        yield Finding(where, f"meta.previous {previous[:60]!r} is not a usable path: {getattr(exc, 'strerror', exc)}")
        return
    if Path(previous).is_absolute() or not target.is_relative_to(folder):
        yield Finding(where, f"meta.previous {previous!r} leads outside the fact base's folder ({folder}): keep "
                             "the previous edition beside the fact base")
        return
    if not present:
        yield Finding(where, f"meta.previous {previous!r} does not exist (looked for {target})")
        return
    from briefing.check.rules import invisible_character
    from briefing.load import load_bytes, read_bytes
    from briefing.errors import LoadError

    from briefing.diff import Refused, load_facts
    from briefing.errors import Position

    # what the build will compare with must pass here too (a check that passes while the build
    # refuses the previous edition would let CI go green over a brief that cannot be made):
    # each problem is reported at its place in the previous file
    try:
        content = read_bytes(target, str(target), what="previous edition")
        old = load_bytes(content, str(target))
        load_facts(content, str(target))
    except Refused as refused:
        for problem in refused.found:
            yield Finding(where, f"in the previous edition, it cannot be compared: [{problem.rule}] {problem.message}",
                          position=Position(problem.line, problem.column), file=problem.file)
        return
    except LoadError as error:
        if error.position is None:  # not read at all: a pipe, a folder
            yield Finding(where, f"the previous edition cannot be read: {error.message}")
        else:
            yield Finding(where, f"in the previous edition, it cannot be compared: {error.message}",
                          position=error.position, file=error.file or str(target))
        return
    for finding in invisible_character.check_document(old):
        position = finding.position or old.position(finding.path)
        yield Finding(where, f"in the previous edition, {target.name}:{position.line}:{position.column}: "
                             f"{finding.message}")
