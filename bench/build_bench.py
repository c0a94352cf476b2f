"""Time `kg build` of the shipped notes in fresh processes (imports included), as a user runs it.

Usage: python bench/build_bench.py [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([sys.executable, "-m", "kg", "build", "-q", "--build-dir", tmp], cwd=ROOT, check=True,
                           capture_output=True)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import kg.cli, kg.build, kg.extract.pipeline"], cwd=ROOT, check=True)
        imports = time.perf_counter() - t0
    print(f"kg build (shipped notes, fresh process, {runs} runs): median {statistics.median(times):.2f} s, "
          f"min {min(times):.2f} s, max {max(times):.2f} s; of which interpreter + imports {imports:.2f} s")


if __name__ == "__main__":
    main()
