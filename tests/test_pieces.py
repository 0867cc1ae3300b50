"""One large file parsed in pieces side by side gives the values of the whole parse, or gives up
(then the file is parsed whole): never other values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from briefing import parallel, yamlread


def whole(text: str):
    try:
        return yamlread.values(text)
    except yamlread.GaveUp:
        return None


@pytest.fixture(autouse=True)
def many_pieces(monkeypatch):
    monkeypatch.setattr(parallel, "cores", lambda: 4)  # eight pieces: cuts even in small texts


def test_a_block_file_is_cut_between_entries_and_joined_back():
    text = "meta:\n  title: T\n" + "events:\n" + "".join(f"  - id: e{i}\n    n: {i}\n" for i in range(40)) + \
        "sources:\n" + "".join(f"- id: s{i}\n" for i in range(40))
    cuts = parallel._cuts(text, 8)
    assert len(cuts) >= 6 and {section for _, section in cuts[1:]} <= {"events", "sources"}
    assert all(text[offset:].startswith(("  - id: e", "- id: s")) for offset, _ in cuts[1:])
    assert parallel.parse_pieces(text) == whole(text)
    assert parallel.parse_pieces(text)["events"][39] == {"id": "e39", "n": 39}


@pytest.mark.parametrize("text", [
    # a dash at the entries' indentation inside a quoted value spread over lines
    "events:\n" + "  - a: 1\n" * 30 + '  - b: "first line\n  - still the value"\n' + "  - a: 2\n" * 30,
    # a duplicate top-level key, in another piece
    "events:\n" + "  - a: 1\n" * 40 + "events:\n" + "  - a: 2\n" * 40,
    # a quoted top-level key: its entries are not cut under the previous section's name
    "events:\n" + "  - a: 1\n" * 10 + '"sources":\n' + "  - b: 1\n" * 60,
    # a mapping section whose first dash is a nested list's
    "vocabulary:\n  kinds:\n" + "    - k\n" * 40 + "  more:\n" + "    - m\n" * 40,
    "events:\n" + "  - a: yes\n" * 40,  # a YAML 1.1 reading: given up, reported by the whole parse
])
def test_what_a_piece_cannot_tell_is_left_to_the_whole_parse(text):
    assert parallel.parse_pieces(text) in (None, whole(text))
    if text.count("events:\n") == 2 or "yes" in text:
        assert parallel.parse_pieces(text) is None


_PLAIN = st.sampled_from(["x", "'q'", '"d"', "1", "{a: 1}", "", "'  - z'", "[1, 2]"])
_TRICKY = st.sampled_from(['"two\\n  - lines"', "|\n      block\n      - text", "[1,\n  - 2]", "no", "- y", "# c",
                          ">\n      folded", '"a\n  - b"'])
_ENTRY = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), _PLAIN), min_size=1, max_size=3,
                  unique_by=lambda field: field[0])
_SECTION = st.tuples(st.sampled_from(["events", "sources", "'q'", "meta", "statements"]), st.sampled_from(["", "  "]),
                     st.lists(_ENTRY, min_size=1, max_size=12))


@settings(max_examples=200, deadline=None)
@given(sections=st.lists(_SECTION, min_size=1, max_size=4, unique_by=lambda section: section[0]),
       tricky=st.none() | st.tuples(st.integers(min_value=0), _TRICKY))
def test_any_block_file_gives_the_whole_parse_s_values_or_none(sections, tricky):
    """Plain block files, and the same with one value a piece may misread if cut inside it."""
    lines = []
    for key, indent, entries in sections:
        lines.append(f"{key}:")
        for entry in entries:
            for number, (field, value) in enumerate(entry):
                lines.append(f"{indent}{'- ' if number == 0 else '  '}{field}: {value}")
    if tricky is not None:
        values = [n for n, line in enumerate(lines) if ": " in line]
        at = values[tricky[0] % len(values)]
        lines[at] = lines[at][:lines[at].index(": ") + 2] + tricky[1]
    text = "\n".join(lines) + "\n"
    found = parallel.parse_pieces(text)
    assert found is None or found == whole(text)


def test_the_shipped_base_checks_the_same_parsed_in_pieces(tmp_path, monkeypatch):
    from briefing import cache, check, parts
    from conftest import FACTS

    path = tmp_path / "facts.yaml"
    path.write_bytes(FACTS.read_bytes())
    monkeypatch.setenv("BRIEFING_CACHE", "0")
    whole_problems, whole_facts = check.run_file(path)
    monkeypatch.setattr(cache, "PARALLEL_BYTES", 0)
    source = parts.read(path)
    store = cache.for_source(source)
    store.prefetch(source.parts)
    assert len(store.prefetched) == 1  # the one file, in pieces
    problems, facts = check.run_file(path, source=source, parse=store.parse)
    assert problems == whole_problems and facts is not None and whole_facts is not None
    assert facts.model_dump() == whole_facts.model_dump()
