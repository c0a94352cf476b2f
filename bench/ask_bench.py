"""Latency of question answering over the dev questions: in process, and over HTTP against `kg serve`.

Usage: python bench/ask_bench.py [QUESTIONS.json]   (default ../shared/eval/dev_qa.json)
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p))]


def main() -> None:
    qfile = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "dev_qa.json"
    questions = [q["question"] for q in json.loads(qfile.read_text())["questions"]]
    build = ROOT / "data" / "build"
    if not (build / "current").exists():
        subprocess.run([sys.executable, "-m", "kg", "build", "-q"], cwd=ROOT, check=True)
    from kg.qa import answer, load_index, qa_of
    from kg.store import build_path

    t0 = time.perf_counter()
    index = load_index(build_path(build))
    t1 = time.perf_counter()
    qa = qa_of(index)  # passages embedded, BM25 indexed, the question parser loaded
    load, ready = t1 - t0, time.perf_counter() - t1
    for q in questions:  # warm up caches (the evidence lines' parses)
        answer(qa, q)
    inproc = []
    for _ in range(5):
        for q in questions:
            t = time.perf_counter()
            answer(qa, q)
            inproc.append((time.perf_counter() - t) * 1000)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "KG_BUILD_DIR": str(build)}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/health").read()
                break
            except OSError:
                time.sleep(0.1)
        http = []
        for _ in range(3):
            for q in questions:
                t = time.perf_counter()
                urllib.request.urlopen(url + "/ask?" + urllib.parse.urlencode({"q": q})).read()
                http.append((time.perf_counter() - t) * 1000)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    print(f"{len(questions)} questions; index load {load * 1000:.0f} ms, search and parser {ready * 1000:.0f} ms")
    print(f"in process: p50 {statistics.median(inproc):.1f} ms, p95 {pct(inproc, 0.95):.1f} ms ({len(inproc)} runs)")
    print(f"over HTTP:  p50 {statistics.median(http):.1f} ms, p95 {pct(http, 0.95):.1f} ms ({len(http)} requests)")


if __name__ == "__main__":
    main()
