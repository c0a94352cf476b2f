"""Time `kg build` of the shipped notes in fresh processes (imports included), as a user runs it: from
nothing (no parse cache: the spaCy pipeline loads and parses every text) and with nothing changed since
the last build (every parse comes from the cache under the build folder).

Usage: python bench/build_bench.py [RUNS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(folder: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "build", "-q", "--build-dir", folder], cwd=ROOT, check=True,
                   capture_output=True)
    return time.perf_counter() - t0


def summary(name: str, times: list[float]) -> str:
    return f"{name}: median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
            cold.append(build(tmp))
            warm.append(build(tmp))
    print(f"kg build of the shipped notes, fresh process, {runs} runs each")
    print(summary("  from nothing (no parse cache)", cold))
    print(summary("  nothing changed (parse cache)", warm))


if __name__ == "__main__":
    main()
