"""`make bench`: how fast and how big, measured; results written to BENCHMARKS.md.

Every number is the median of several runs, each in a fresh process (see measure.py),
except where the table says "1 run". Nothing here asserts: the targets of issue 8 are
read from the report, which marks each one met or missed.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--quick] [--output BENCHMARKS.md]

--quick runs each measure once and skips the 10,000-claim PDF (for trying the harness).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
BRIEFING = str(Path(PY).with_name("briefing"))
MEASURE = str(ROOT / "benchmarks" / "measure.py")
GENERATE = str(ROOT / "benchmarks" / "generate.py")
MARKER = "<!-- analysis: written by hand, kept by benchmarks/run.py -->"


def measure(stage: str, facts: Path, locale: str | None = None, runs: int = 3, out: Path | None = None) -> dict:
    results = []
    for _ in range(runs):
        command = [PY, MEASURE, stage, str(facts)] + ([locale] if locale else []) + (["--out", str(out)] if out else [])
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if done.returncode:
            raise SystemExit(f"bench: {' '.join(command[1:])} failed:\n{done.stderr[-2000:]}")
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {"seconds": statistics.median(r["seconds"] for r in results),
            "peak_mib": max(r["peak_mib"] for r in results), "runs": runs}


def wall(command: list[str], runs: int, env: dict | None = None, before=None) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown CPU")
    memory = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    import weasyprint
    import yaml

    distro = next((line.split("=", 1)[1].strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                   if line.startswith("PRETTY_NAME=")), platform.platform())
    return (f"{cpu}, {os.cpu_count()} cores, {memory} MiB RAM; {distro}; Python {platform.python_version()}; "
            f"WeasyPrint {weasyprint.__version__}; PyYAML {yaml.__version__} "
            f"({'libyaml' if hasattr(yaml, 'CSafeLoader') else 'pure Python'} parser)")


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--output", default=str(ROOT / "BENCHMARKS.md"))
    parser.add_argument("--block-sizes", default="11000,110000", help="block-style bases (issue 17), as files and folders")
    parser.add_argument("--only-scale", action="store_true", help="run only the block-style, folder and cache part")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    few, many = (1, 1) if args.quick else (3, 15)
    work = ROOT / "build" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    facts = ROOT / "facts.yaml"
    locales = __import__("yaml").safe_load(facts.read_text(encoding="utf-8"))["meta"]["locales"]
    lines: list[str] = []
    say = lambda text="": (print(text, flush=True), lines.append(text))  # noqa: E731

    say("# Benchmarks")
    say()
    say(f"Measured by `make bench` (benchmarks/run.py) on {time.strftime('%Y-%m-%d')}.")
    say(f"Machine: {machine()}.")
    say()
    say("Times are wall-clock medians of several runs, each in a fresh process; peak memory is the")
    say("largest resident set size of those processes (interpreter and imports included).")
    say()

    if args.only_scale:
        from scale import scale

        scale(say, work, [int(s) for s in args.block_sizes.split(",")], args.quick)
        return
    # --- the shipped fact base ------------------------------------------------------
    say("## The shipped fact base")
    say()
    # cold: no cache, so nothing is answered from the results remembered from the last check
    check_wall = wall([BRIEFING, "check", str(facts)], many, env=dict(os.environ, BRIEFING_CACHE="0"))
    subprocess.run([BRIEFING, "check", str(facts)], cwd=ROOT, capture_output=True)  # remembers its results
    remembered = wall([BRIEFING, "check", str(facts)], many)
    say(f"- `briefing check facts.yaml`, whole command with interpreter start, no cache: median {check_wall[0]:.3f} s "
        f"(best {check_wall[1]:.3f} s, {many} run{'s' if many > 1 else ''}). Target under 0.3 s: {verdict(check_wall[0] < 0.3)}. "
        f"Unchanged since its last check (answered from the remembered results): {remembered[0]:.3f} s.")
    in_process = measure("check", facts, runs=max(few, 5))
    say(f"- of which load + rules in process: {in_process['seconds']:.3f} s; the rest is interpreter start and imports:")
    for label, code in (("interpreter start (with the venv's site-packages)", "pass"), ("+ PyYAML", "import yaml"),
                        ("+ pydantic", "import yaml, pydantic"), ("+ the typed model (pydantic builds its validators)", "import briefing.model"),
                        ("+ every rule module (the whole check path)",
                         "import briefing.model, briefing.check.rules, briefing.cli")):
        say(f"  - {label}: {wall([PY, '-c', code], many)[0]:.3f} s")
    say()
    say("| locale | load + check + HTML | HTML render | our PDF stage | WeasyPrint alone (floor) | overhead / floor | pages |")
    say("|---|---|---|---|---|---|---|")
    ratios = []
    for locale in locales:
        pipeline = measure("pipeline", facts, locale, runs=max(few, 5))
        html = measure("html", facts, locale, runs=max(few, 5))
        pdf_path = work / f"shipped.{locale}.pdf"
        pdf = measure("pdf", facts, locale, runs=few, out=pdf_path)
        floor = measure("floor", facts, locale, runs=few)
        ratio = pipeline["seconds"] / floor["seconds"]
        ratios.append(ratio)
        say(f"| {locale} | {pipeline['seconds']:.3f} s | {html['seconds']:.3f} s | {pdf['seconds']:.2f} s, "
            f"{pdf['peak_mib']:.0f} MiB | {floor['seconds']:.2f} s, {floor['peak_mib']:.0f} MiB | "
            f"{ratio:.1%} | {pages(pdf_path)} |")
    say()
    say(f"Target: load + check + templates at most 10% of WeasyPrint's own time: "
        f"{verdict(max(ratios) <= 0.10)} (worst locale {max(ratios):.1%}).")
    say()

    # --- make brief: full, parallel vs sequential, no-op ----------------------------
    out = Path(tempfile.mkdtemp(prefix="bench-build-"))
    clean = lambda: (shutil.rmtree(out, ignore_errors=True), out.mkdir())  # noqa: E731
    build = [BRIEFING, "build", "--facts", str(facts), "--out", str(out), "--quiet"]
    parallel = wall(build, few, before=clean)
    sequential = wall(build + ["--jobs", "1"], few, before=clean)
    noop_build = wall(build, many)
    make_env = dict(os.environ, OUT=str(out))
    noop_make = wall(["make", "--no-print-directory", "brief", f"OUT={out}"], many, env=make_env)
    shutil.rmtree(out, ignore_errors=True)
    share = parallel[0] / sequential[0]
    say("## `make brief`")
    say()
    say(f"- all {len(locales)} locales, HTML and PDF, from an empty output folder: {parallel[0]:.1f} s with "
        f"locales in parallel ({os.cpu_count()} cores), {sequential[0]:.1f} s one after another (`--jobs 1`): "
        f"{share:.0%} of the sequential time. Target at most 60%: {verdict(share <= 0.60)}.")
    say(f"- no-op `make brief` (nothing changed): median {noop_make[0]:.3f} s; the `briefing build` it runs "
        f"decides in {noop_build[0]:.3f} s. Target under 0.2 s: {verdict(noop_make[0] < 0.2)}.")
    say()

    # --- synthetic fact bases -------------------------------------------------------
    say("## Synthetic fact bases")
    say()
    say("Generated by `benchmarks/generate.py N --seed 1` (proportions of the shipped base, every")
    say("text in the four locales); each checks clean.")
    say()
    say("| claims | YAML size | libyaml events alone | load | load + check | HTML render (per locale) | "
        "brief PDF, whole (load, check, page, PDF) |")
    say("|---|---|---|---|---|---|---|")
    checks, briefs = {}, {}
    for size in sizes:
        path = work / f"facts-{size}.yaml"
        if not path.exists():
            path.write_text(subprocess.run([PY, GENERATE, str(size), "--seed", "1"], capture_output=True,
                                           text=True, check=True).stdout, encoding="utf-8")
        runs = 1 if size >= 100_000 else few
        parse = measure("parse", path, runs=runs)
        load = measure("load", path, runs=runs)
        checked = measure("check", path, runs=runs)
        checks[size] = checked
        html_cells = []
        for locale in locales if size <= 10_000 else locales[:1]:
            html = measure("html", path, locale, runs=1 if size >= 10_000 else few)
            html_cells.append(f"{locale} {html['seconds']:.1f} s / {html['peak_mib']:.0f} MiB")
        if size <= 1_000 or (size <= 10_000 and not args.quick):
            locale = locales[1] if len(locales) > 1 else locales[0]
            pdf_path = work / f"synthetic-{size}.{locale}.pdf"
            pdf = measure("brief", path, locale, runs=1, out=pdf_path)
            briefs[size] = (pdf, pages(pdf_path))
            pdf_cell = (f"{locale}: {pdf['seconds']:.0f} s, {pdf['peak_mib']:.0f} MiB, {pages(pdf_path)} pages "
                        f"({pdf['seconds'] / pages(pdf_path) * 1000:.0f} ms/page), 1 run")
        else:
            pdf_cell = "not measured (see below)"
        say(f"| {size:,} | {path.stat().st_size / 2**20:.1f} MiB | {parse['seconds']:.2f} s | {load['seconds']:.2f} s, {load['peak_mib']:.0f} MiB | "
            f"{checked['seconds']:.2f} s, {checked['peak_mib']:.0f} MiB | {'; '.join(html_cells)} | {pdf_cell} |")
    say()
    if 100_000 in checks:
        big = checks[100_000]
        say(f"Target: load + check of 100,000 claims under 5 s and 1 GiB: {big['seconds']:.1f} s, "
            f"{big['peak_mib']:.0f} MiB: {verdict(big['seconds'] < 5 and big['peak_mib'] < 1024)}.")
        if 10_000 in checks:
            growth = big["seconds"] / checks[10_000]["seconds"]
            say(f"Growth from 10,000 to 100,000 claims: x{growth:.1f} (target at most x11: {verdict(growth <= 11)}).")
        say()
    if 10_000 in briefs:
        brief, brief_pages = briefs[10_000]
        say(f"Target: the brief PDF of 10,000 claims (long sections cut to the PDF's limit, {brief_pages} pages; "
            f"the HTML and `--format annex` hold every record) under 30 s and 1 GiB: {brief['seconds']:.1f} s, "
            f"{brief['peak_mib']:.0f} MiB: {verdict(brief['seconds'] < 30 and brief['peak_mib'] < 1024)}.")
        say()
    from scale import scale  # noqa: E402 - benchmarks/ is the script's folder, on sys.path

    scale(say, work, [int(s) for s in args.block_sizes.split(",")], args.quick)
    output = Path(args.output)
    kept = ""  # the hand-written analysis below the marker survives a new run
    if output.exists() and MARKER in output.read_text(encoding="utf-8"):
        kept = output.read_text(encoding="utf-8").split(MARKER, 1)[1]
    output.write_text("\n".join(lines) + "\n" + MARKER + kept, encoding="utf-8")
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
