"""The benchmark's block-style generator writes what analysts write, and it checks clean."""

from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import generate  # noqa: E402


def test_the_block_style_base_holds_the_flow_records_one_field_per_line(tmp_path):
    from briefing import check, load

    text = generate.generate_block(200, seed=3)
    flow = load.load_text(generate.generate(200, seed=3, words=5), "flow.yaml").data
    block = load.load_text(text, "block.yaml").data
    assert block == flow  # the same records, only written otherwise
    lines = text.splitlines()
    assert max(map(len, lines)) < 400 and not any(line.rstrip().endswith("}") for line in lines)
    assert "      en: " in text and "    sources: [src-" in text  # a locale per line, id lists inline
    path = tmp_path / "block.yaml"
    path.write_text(text, encoding="utf-8")
    problems, facts = check.run_file(path)
    assert facts is not None and problems == []  # clean, warnings included: the bench times a clean base
    assert len(text.encode()) / 200 > 1000  # about a kilobyte and a half per claim, like the shipped base
