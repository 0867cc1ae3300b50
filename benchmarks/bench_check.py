"""Benchmark of `briefing check` on the shipped fact base (run by `make bench`).

Measures, as medians of several runs: the whole command including interpreter start,
and in-process the load and the check alone. Prints one line per measure; it asserts
nothing (speed goals are read from here, not enforced by timed tests).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNS = 15


def median_of(action, runs: int = RUNS) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    facts = ROOT / "facts.yaml"
    command = [sys.executable, "-m", "briefing", "check", str(facts)]
    whole = median_of(lambda: subprocess.run(command, capture_output=True, check=True))
    import_start = time.perf_counter()
    from briefing import check
    from briefing.load import load_file
    imports = time.perf_counter() - import_start
    load = median_of(lambda: load_file(facts))
    document = load_file(facts)
    run = median_of(lambda: check.run(document))
    print(f"briefing check, whole command (interpreter included): median {whole[0]:.3f} s, min {whole[1]:.3f} s")
    print(f"  imports of the check path (first, cold):             {imports:.3f} s")
    print(f"  load facts.yaml:                                      median {load[0]:.3f} s")
    print(f"  rules over the loaded document:                       median {run[0]:.3f} s")


if __name__ == "__main__":
    main()
