"""The machine's cores used, with the same results: text rules forked beside the model's
validation, and work whose child fails done again here."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from briefing import check, parallel

HARBOUR = (Path(__file__).parent / "data" / "harbour.yaml").read_text(encoding="utf-8")
# line 91 is the judgment's text; line 52 a credibility (see tests/rules/test_rules.py)
WITH_PROBLEMS = HARBOUR.replace("The accord will likely be ratified.", "The accord will like\u200bly be ratified.")


def test_a_base_with_problems_gives_the_same_problems_with_the_text_rules_beside(tmp_path, monkeypatch):
    path = tmp_path / "facts.yaml"
    path.write_text(WITH_PROBLEMS.replace("  edition: 1\n", "  edition: 1\n  answer: no\n", 1), encoding="utf-8")
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    alone, _ = check.run_file(path)
    monkeypatch.setattr(check, "SIDE_BY_SIDE_CHARACTERS", 0)
    beside, _ = check.run_file(path)
    assert beside == alone
    assert [(p.rule, p.line) for p in alone if p.rule in ("invisible-character", "yaml-1.1-scalar")] == [
        ("yaml-1.1-scalar", 6), ("invisible-character", 92)]  # the meta key added shifts the text down one line


def test_work_is_done_in_a_child_when_worthwhile():
    here = os.getpid()
    collect = parallel.alongside(lambda: os.getpid(), worthwhile=True)
    assert (collect() != here) == (parallel.cores() > 1)
    assert parallel.alongside(lambda: os.getpid(), worthwhile=False)() == here


def test_work_whose_child_fails_is_done_here():
    here = os.getpid()

    def fails_in_a_child():
        if os.getpid() != here:
            raise RuntimeError("a child that cannot finish")
        return ["done", 1]

    assert parallel.alongside(fails_in_a_child, worthwhile=True)() == ["done", 1]


def test_a_failure_of_the_work_itself_is_raised_here():
    def always_fails():
        raise ValueError("broken rule")

    with pytest.raises(ValueError, match="broken rule"):
        parallel.alongside(always_fails, worthwhile=True)()
