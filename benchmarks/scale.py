"""`make bench`, issue 17's part: block-style fact bases as files and as folders, cold and warm
checks, the live preview's edit-to-page time (to the viewed page, as served: see measure.py), and
yamllint and Typst beside them as anchors.

Called by run.py (``scale(...)``); ``python benchmarks/scale.py --sizes 300 --quick`` runs this
part alone (small sizes: to try the harness, not to read numbers).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import edit_one_claim  # noqa: E402

from briefing.load import MAX_BYTES  # noqa: E402
from run import BRIEFING, GENERATE, MEASURE, PY, ROOT, verdict, wall  # noqa: E402

CACHE = ".briefing-cache"


def _measure(stage: str, facts: Path, runs: int, env: dict | None = None, before=None) -> dict:
    """run.measure's twin for the stages that take a folder and an environment (min of runs)."""
    results = []
    for _ in range(runs):
        if before:
            before()
        done = subprocess.run([PY, MEASURE, stage, str(facts)], cwd=ROOT, capture_output=True, text=True,
                              env=env)
        if done.returncode:
            raise SystemExit(f"bench: {stage} {facts} failed:\n{done.stderr[-2000:]}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    found = {"seconds": min(r["seconds"] for r in results), "peak_mib": max(r["peak_mib"] for r in results)}
    if "all_seconds" in results[0]:  # the preview: until every locale's page shows the edit
        found["all_seconds"] = min(r["all_seconds"] for r in results)
    return found


def _bases(work: Path, size: int) -> tuple[Path, Path]:
    """The block-style base of ``size`` claims as one file, and split into a folder (1,000 records a part)."""
    file, folder = work / f"block-{size}.yaml", work / f"block-{size}" / "facts"
    if not file.exists():
        file.write_text(subprocess.run([PY, GENERATE, str(size), "--seed", "1", "--style", "block"],
                                       capture_output=True, text=True, check=True).stdout, encoding="utf-8")
    if not folder.exists():
        subprocess.run([BRIEFING, "split", "--size", "1000", str(file), str(folder)], check=True, capture_output=True)
    return file, folder


def _no_cache(facts: Path):
    return lambda: shutil.rmtree(facts.parent / CACHE, ignore_errors=True)


def _yamllint(file: Path, runs: int) -> float | None:
    tool = Path(PY).with_name("yamllint")
    if not tool.exists():
        return None
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([str(tool), "-d", "relaxed", str(file)], capture_output=True)  # exit 1 on warnings
        times.append(time.perf_counter() - start)
    return min(times)


_TYPST = """
import sys, time, typst
from pathlib import Path
folder = Path(sys.argv[1])
(folder / "doc.typ").write_text('#let facts = yaml("facts.yaml")\\n= #facts.meta.title.en\\n'
    '#for e in facts.events [ - #e.name.en (#e.date) \\\\ ]\\n', encoding="utf-8")
start = time.perf_counter(); compiler = typst.Compiler(str(folder / "doc.typ")); compiler.compile(format="pdf")
cold = time.perf_counter() - start
facts = folder / "facts.yaml"; text = facts.read_text(encoding="utf-8"); at = text.rindex("credibility: ") + 13
facts.write_text(text[:at] + ("3" if text[at] != "3" else "4") + text[at + 1:], encoding="utf-8")
start = time.perf_counter(); compiler.compile(format="pdf"); warm = time.perf_counter() - start
print(cold, warm)
"""


def _typst(file: Path) -> tuple[float, float] | None:
    """Typst compiling a listing of the same YAML: (cold, warm recompile after one edit), in seconds."""
    folder = file.parent / f"typst-{file.stem}"
    folder.mkdir(exist_ok=True)
    shutil.copyfile(file, folder / "facts.yaml")
    done = subprocess.run([PY, "-c", _TYPST, str(folder)], capture_output=True, text=True)
    if done.returncode:
        return None
    cold, warm = map(float, done.stdout.split())
    return cold, warm


def scale(say, work: Path, sizes: list[int], quick: bool) -> None:
    runs = 1 if quick else 3
    env_cold = dict(os.environ, BRIEFING_CACHE="0")
    say("## Fact bases as analysts write them: files, folders, caches (issue 17)")
    say()
    say("Block-style bases from `benchmarks/generate.py N --seed 1 --style block` (one field per line,")
    say("each text in four locales, one locale per line) and the same cut by `briefing split --size 1000`")
    say("into a folder. Cold: no cache. Warm: the cache in place, one claim of one part edited just before.")
    say("Check times are in process (after start-up: see the first section for start-up).")
    say()
    say("| claims | file | cold check, file | cold check, folder | warm check, folder | yamllint, file | "
        "check / yamllint | preview edit → HTML |")
    say("|---|---|---|---|---|---|---|---|")
    found = {}
    for size in sizes:
        file, folder = _bases(work, size)
        # a file over the 64 MiB one part may hold is refused by check: that size exists only as a folder
        cold_file = _measure("checkdir", file, runs, env_cold) if file.stat().st_size <= MAX_BYTES else None
        cold_folder = _measure("checkdir", folder, runs, before=_no_cache(folder))
        _measure("checkdir", folder, 1)  # fills the cache
        warm = _measure("checkdir", folder, runs, before=lambda folder=folder: edit_one_claim(folder))
        lint = _yamllint(file, 1) if size <= 20_000 or not quick else None
        preview = _measure("preview", folder if size > 1_000 else file, 1 if size > 20_000 else runs)
        found[size] = (cold_file, cold_folder, warm, lint, preview)
        ratio = f"1/{lint / cold_file['seconds']:.0f}" if lint and cold_file else "-"
        file_check = (f"{cold_file['seconds']:.2f} s, {cold_file['peak_mib']:.0f} MiB" if cold_file
                      else "refused: over 64 MiB")
        say(f"| {size:,} | {file.stat().st_size / 2**20:.1f} MiB | {file_check} | "
            f"{cold_folder['seconds']:.2f} s, {cold_folder['peak_mib']:.0f} MiB | "
            f"{warm['seconds']:.3f} s | {f'{lint:.1f} s' if lint else '-'} | {ratio} | {preview['seconds']:.3f} s |")
    say()
    shipped = _copy(ROOT / "facts.yaml", work)
    whole = wall([BRIEFING, "check", str(shipped)], 1 if quick else 15, env=env_cold)[0]
    subprocess.run([BRIEFING, "check", str(shipped)], capture_output=True)  # keeps its results
    remembered = wall([BRIEFING, "check", str(shipped)], 1 if quick else 15)[0]
    lint = _yamllint(shipped, 1 if quick else 5)
    preview = _measure("preview", _copy(ROOT / "facts.yaml", work), runs)
    say(f"- Shipped base, whole `briefing check` process, unchanged since its last check (answered from the "
        f"remembered results): {remembered:.3f} s; with no cache (rules and model loaded, every rule run): "
        f"{whole:.3f} s; yamllint {lint or 0:.3f} s: "
        + (f"{remembered / lint:.2f}x and {whole / lint:.2f}x (target at most 0.5x: "
           f"{verdict(remembered <= lint / 2)} when unchanged, {verdict(whole <= lint / 2)} with no cache)."
           if lint else "-"))
    say(f"- Live preview, shipped base, edit written to the viewed locale's refreshed page served: "
        f"{preview['seconds']:.3f} s (target under 0.1 s: {verdict(preview['seconds'] < 0.1)}); "
        f"every locale's page: {preview['all_seconds']:.3f} s.")
    typst = _typst(_copy(ROOT / "facts.yaml", work))
    say("- Typst anchor (a listing of the same YAML): " + (f"cold {typst[0]:.3f} s, recompile after one edit "
                                                         f"{typst[1] * 1000:.0f} ms." if typst else "not installed."))
    _targets(say, found)


def _copy(facts: Path, work: Path) -> Path:
    target = work / "shipped" / "facts.yaml"
    target.parent.mkdir(exist_ok=True)
    shutil.copyfile(facts, target)
    return target


def _targets(say, found: dict) -> None:
    small, big = found.get(11_000), found.get(110_000)
    if small:
        cold, lint = small[0]["seconds"], small[3]
        say(f"- Target, cold check of 11,000 block-style claims under 2 s and at most 1/25 of yamllint: "
            f"{cold:.2f} s" + (f", 1/{lint / cold:.0f}" if lint else "") + f": {verdict(cold < 2 and bool(lint) and cold <= lint / 25)}.")
        say(f"- Target, preview of the 11,000-claim base (edit to the viewed page served) under 1 s: "
            f"{small[4]['seconds']:.2f} s: {verdict(small[4]['seconds'] < 1)} (every locale: "
            f"{small[4]['all_seconds']:.2f} s).")
    if big:
        cold = big[1]
        say(f"- Target, cold check of 110,000 claims as a folder under 10 s and 2 GiB: {cold['seconds']:.1f} s, "
            f"{cold['peak_mib']:.0f} MiB: {verdict(cold['seconds'] < 10 and cold['peak_mib'] < 2048)}.")
        say(f"- Target, warm re-check after one edit under 0.5 s: {big[2]['seconds']:.2f} s: "
            f"{verdict(big[2]['seconds'] < 0.5)}.")
        if small:
            growth = cold["seconds"] / small[1]["seconds"]
            say(f"- Growth 11,000 → 110,000 (folder, cold): x{growth:.1f} (target at most x11: {verdict(growth <= 11)}).")
    say()


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="11000,110000")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    bench = ROOT / "build" / "bench"
    bench.mkdir(parents=True, exist_ok=True)
    scale(lambda text="": print(text, flush=True), bench, [int(s) for s in args.sizes.split(",")], args.quick)
