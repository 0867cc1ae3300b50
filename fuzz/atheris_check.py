"""Coverage-guided fuzzing of the loader and the checker with atheris (libFuzzer for Python).

Each input is a fact base's bytes: ``briefing.load.load_bytes`` reads it, then
``briefing.check.run`` checks it. Only ``LoadError`` (with a position) and other
``BriefingError`` are expected answers; any other exception is a crash, and an input that
runs longer than ``-timeout`` seconds is a hang: libFuzzer then writes the input under
``-artifact_prefix`` and exits non-zero.

    .venv/bin/python fuzz/atheris_check.py -runs=200000 -max_total_time=600 -timeout=20

(``make fuzz`` runs it so, after the hypothesis examples.) The seed corpus is the shipped
fact base, the test and example bases and fuzz/seeds/*.yaml; they are copied into a fresh
working corpus (``FUZZ_CORPUS``, else a temporary folder) that the session grows. A
dictionary of the model's field names and literal values, derived from the model, is
passed to libFuzzer so mutations speak the schema's words. Any libFuzzer flag may be
given on the command line; a reproducer is replayed by passing the crash file alone.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import typing
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["briefing"]):
    import briefing.check.exceptions  # noqa: F401  (imported lazily by check.run: instrument it now)
    import briefing.check.rules.schema  # noqa: F401
    from briefing import check
    from briefing.errors import BriefingError, LoadError
    from briefing.load import load_bytes
    from briefing.model import FactBase, record_types

SEEDS = [ROOT / "facts.yaml", ROOT / "tests" / "data" / "harbour.yaml", *sorted(ROOT.glob("examples/*/facts.yaml")),
         *sorted((ROOT / "fuzz" / "seeds").glob("*.yaml"))]


def TestOneInput(data: bytes) -> None:
    try:
        document = load_bytes(data, "fuzz.yaml")
    except LoadError as error:
        if error.position is None:
            raise AssertionError(f"LoadError without a position: {error.format()}") from None
        return
    try:
        problems, _facts = check.run(document)
    except BriefingError:
        return
    for problem in problems:
        if problem.line < 1 or problem.column < 1:
            raise AssertionError(f"problem without a position: {problem.format()}")


def _words() -> list[str]:
    """libFuzzer dictionary entries: every field name of the model as a key, and the literal
    values its types allow, plus the YAML punctuation that changes structure."""
    words = {"meta:", "- ", ": ", "\n  ", "\n- ", "{", "}", "[", "]", "'", '"', "&a ", "*a", "!!str ", "<<: ",
             "~", "null", "true", "1e400", "-1", "0", ".nan", "#"}
    seen: set[type] = set()

    def visit(model: type) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            words.add(f"{name}: ")
            stack = [info.annotation]
            while stack:
                current = stack.pop()
                if typing.get_origin(current) is typing.Literal:
                    words.update(str(v) for v in typing.get_args(current))
                if isinstance(current, type) and hasattr(current, "model_fields"):
                    visit(current)
                stack.extend(a for a in typing.get_args(current) if not isinstance(a, (str, int)))

    visit(FactBase)
    for model in record_types():
        visit(model)
    words.update(["2020-01-01", "0999-12-31", "9999-12-31", "23:59", "24:00", "Europe/Oslo", "+14:00", "part_of: ",
                  "members: ", "ev-talks", "harbour", "alice", "src-gazette"])
    return sorted(words)


def _escaped(word: str) -> str:
    """A dictionary entry as libFuzzer reads it: printable ASCII as is, other bytes as \\xNN."""
    return "".join(chr(b) if 32 <= b < 127 and b not in b'"\\' else f"\\x{b:02x}" for b in word.encode("utf-8"))


def main(argv: list[str]) -> None:
    flags = [a for a in argv[1:] if a.startswith("-")]
    for flag in flags:  # libFuzzer does not create the folder it writes crashes and hangs to
        if flag.startswith("-artifact_prefix=") and flag.endswith("/"):
            Path(flag.split("=", 1)[1]).mkdir(parents=True, exist_ok=True)
    inputs = [a for a in argv[1:] if not a.startswith("-")]
    work = tempfile.mkdtemp(prefix="briefing-atheris-")
    if not any(f.startswith("-dict=") for f in flags):
        dictionary = Path(work) / "model.dict"
        dictionary.write_text("".join(f'"{_escaped(word)}"\n' for word in _words()))
        flags.append(f"-dict={dictionary}")
    if not inputs:  # a session: a fresh working corpus, seeded
        corpus = Path(os.environ.get("FUZZ_CORPUS") or Path(work) / "corpus")
        corpus.mkdir(parents=True, exist_ok=True)
        for seed in SEEDS:
            shutil.copyfile(seed, corpus / f"seed-{seed.parent.name}-{seed.name}")
        inputs = [str(corpus)]
    atheris.Setup([argv[0], *flags, *inputs], TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
