"""Write briefing/theme/figures/text-widths.json: the advance width of every character the
figure labels' fonts cover, so label placement measures text the same way on every machine.

Run after changing the fonts the figures name (briefing/theme/brief.css, figure rules):

    .venv/bin/python tools/text_widths.py

Widths are in thousandths of an em, regular and bold. For each character the first font of
the chain that has it gives its width; for scripts whose font the page may pick either way
(Arabic: Noto Sans Arabic or DejaVu Sans) the wider of the two, so an estimate errs on the
side of more room. Han, kana and Hangul are not listed: Noto Sans CJK sets them one em wide.
"""

from __future__ import annotations

import json
from pathlib import Path

from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "briefing" / "theme" / "figures" / "text-widths.json"
NOTO = Path("/usr/share/fonts/truetype/noto")
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# Each group: fonts whose widths are compared (the widest wins) for the characters they cover,
# in the order the page's font chain reaches them.
CHAIN = {
    "regular": [[NOTO / "NotoSans-Regular.ttf"],
                [NOTO / "NotoSansArabic-Regular.ttf", DEJAVU / "DejaVuSans.ttf"],
                [NOTO / "NotoSansHebrew-Regular.ttf"],
                [DEJAVU / "DejaVuSans.ttf"]],
    "bold": [[NOTO / "NotoSans-Bold.ttf"],
             [NOTO / "NotoSansArabic-Bold.ttf", DEJAVU / "DejaVuSans-Bold.ttf"],
             [NOTO / "NotoSansHebrew-Bold.ttf"],
             [DEJAVU / "DejaVuSans-Bold.ttf"]],
}
LAST = 0x2FFF   # beyond: CJK, one em wide, and private or rare ranges left to the default


def _advances(path: Path) -> dict[int, int]:
    font = TTFont(path, lazy=True)
    per_em = font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {cp: round(metrics[name][0] * 1000 / per_em)
            for cp, name in font.getBestCmap().items() if cp <= LAST or 0xFB50 <= cp <= 0xFEFF}


def widths(chain: list[list[Path]]) -> dict[int, int]:
    found: dict[int, int] = {}
    for group in chain:
        tables = [_advances(path) for path in group]
        for cp in sorted(set().union(*tables)):
            if cp not in found:
                found[cp] = max(table.get(cp, 0) for table in tables)
    return found


def runs(table: dict[int, int]) -> list[list]:
    """[first code point, [widths of it and the following ones]]: compact and still readable."""
    out: list[list] = []
    for cp in sorted(table):
        if out and out[-1][0] + len(out[-1][1]) == cp:
            out[-1][1].append(table[cp])
        else:
            out.append([cp, [table[cp]]])
    return out


def main() -> None:
    data = {"about": "Advance widths in 1/1000 em, written by tools/text_widths.py from Noto Sans, "
                     "Noto Sans Arabic, Noto Sans Hebrew and DejaVu Sans (Debian fonts-noto-core, fonts-dejavu-core).",
            **{weight: runs(widths(chain)) for weight, chain in CHAIN.items()}}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
