"""Cost as the corpus grows: corpora of 1x, 10x, 100x the shipped notes (the notes, then copies with every
name and number renamed, so that nothing merges), and for each: `kg build` time and peak memory, triples,
store load time (embedded: bulk load into a new on-disk store; remote: `kg push` into an Oxigraph server),
and p50/p99 of a label look-up over /sparql and of /ask, on `kg serve` over the embedded and the remote store.

Usage: python bench/scale_bench.py [SCALES...] [--requests N] [--out FILE]     (default scales: 1 10 100)
Prints one markdown table row per scale and store as it goes (and appends them to --out).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
NOTES = ROOT / "data" / "notes"
LABEL_EXACT = 'SELECT ?e WHERE { ?e rdfs:label "Heroku Connect" }'
LABEL_LCASE = 'SELECT ?e WHERE { ?e rdfs:label ?l FILTER(lcase(str(?l)) = "heroku connect") }'
QUESTIONS = ["How many rows can a dataclip return?", "What does Heroku Connect sync with?",
             "Is Shield available in Common Runtime?", "What is a Private Space?"]
WORD = re.compile(r"`[^`]*`|[A-Za-z][\w-]*|\d[\d,.]*")


def tag(i: int) -> str:
    """A suffix of letters for copy i (1 -> 'qa'): a renamed name stays one word."""
    out = ""
    while True:
        out, i = chr(ord("a") + i % 26) + out, i // 26
        if i == 0:
            return "q" + out


def rename(text: str, i: int) -> str:
    """Copy i of a notes text: capitalised words and code spans get the copy's suffix, numbers grow by i."""
    t = tag(i)

    def one(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.startswith("`"):
            return re.sub(r"[A-Za-z][\w-]*", lambda n: n.group(0) + t, w)
        if w[0].isdigit():
            digits = w.rstrip(".,").replace(",", "")
            rest = w[len(w.rstrip(".,")):]
            return (str(int(digits) + i) + rest) if digits.isdigit() else w
        return w + t if w[0].isupper() else w

    return WORD.sub(one, text)


def make_corpus(scale: int, folder: Path) -> Path:
    folder.mkdir(parents=True)
    for note in sorted(NOTES.glob("*.md")):
        text = note.read_text()
        (folder / note.name).write_text(text)
        for i in range(1, scale):
            (folder / f"{note.stem}-copy{i}.md").write_text(rename(text, i))
    return folder


def timed_child(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t0
    if status != 0:
        raise RuntimeError(f"{cmd} failed: {proc.stderr.read().decode() if proc.stderr else ''}")
    return secs, usage.ru_maxrss / 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen[bytes], limit: float = 900) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: process ended: {proc.stderr.read().decode()[-2000:] if proc.stderr else ''}")
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def warm(client: httpx.Client, url: str, answers: int = 8, limit: float = 600) -> None:
    """Until `answers` requests in a row succeed: each query worker first opens (or copies) its store, which at
    100x takes longer than a query may (503), and that start is not what is measured."""
    deadline, ok = time.monotonic() + limit, 0
    while ok < answers and time.monotonic() < deadline:
        ok = ok + 1 if client.get(url).status_code == 200 else 0


def percentiles(client: httpx.Client, urls: list[str], n: int) -> tuple[float, float]:
    for url in urls:
        warm(client, url)
    times = []
    for k in range(n):
        t0 = time.perf_counter()
        r = client.get(urls[k % len(urls)])
        times.append((time.perf_counter() - t0) * 1000)
        r.raise_for_status()
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.99))]


def serve_and_measure(env: dict[str, str], n: int) -> dict[str, float]:
    port = free_port()
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "kg", "serve"], env={**env, "PORT": str(port)}, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_http(base + "/health", proc)
        start = time.perf_counter() - t0
        print(f"  kg serve up in {start:.1f} s", file=sys.stderr, flush=True)
        with httpx.Client(timeout=120) as client:
            sparql = [f"{base}/sparql?query=" + urllib.parse.quote(q) for q in (LABEL_EXACT, LABEL_LCASE)]
            exact = percentiles(client, sparql[:1], n)
            lcase = percentiles(client, sparql[1:], max(10, n // 5))
            ask = percentiles(client, [f"{base}/ask?q=" + urllib.parse.quote(q) for q in QUESTIONS], max(10, n // 5))
    finally:
        proc.terminate()
        proc.wait(30)
    return {"start": start, "exact50": exact[0], "exact99": exact[1], "lcase50": lcase[0], "lcase99": lcase[1],
            "ask50": ask[0], "ask99": ask[1]}


def embedded_load(build: Path) -> float:
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        store = ox.Store(str(Path(tmp) / "store"))
        store.bulk_load(path=str(build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
        store.flush()
        secs = time.perf_counter() - t0
        del store
    return secs


def run_scale(scale: int, work: Path, n: int, oxigraph_url: str, out: list[str]) -> None:
    env = {**os.environ, "KG_BUILD_DIR": str(work / f"build{scale}"), "KG_NOTES_DIR": str(work / f"notes{scale}")}
    make_corpus(scale, Path(env["KG_NOTES_DIR"]))
    build_s, build_mb = timed_child([sys.executable, "-m", "kg", "build", "-q"], env)
    sys.path.insert(0, str(ROOT))
    from kg.store import build_path

    build = build_path(Path(env["KG_BUILD_DIR"]))
    quads = sum(1 for _ in (build / "graph.nq").open("rb"))
    load_s = embedded_load(build)
    remote = {**env, "KG_STORE": "sparql", "KG_SPARQL_URL": oxigraph_url + "/query",
              "KG_SPARQL_UPDATE_URL": oxigraph_url + "/update", "KG_SPARQL_GRAPH_STORE_URL": oxigraph_url + "/store",
              "KG_BUILD_DIR": str(work / f"remote{scale}")}
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "push", "--build-dir", str(build)], env=remote, cwd=ROOT, check=True,
                   capture_output=True)
    push_s = time.perf_counter() - t0
    print(f"{scale}x: build {build_s:.1f} s, {build_mb:.0f} MB, {quads:,} quads, embedded load {load_s:.2f} s, "
          f"push {push_s:.2f} s", file=sys.stderr, flush=True)
    for name, store_env, load in (("embedded", env, load_s), ("remote (Oxigraph server)", remote, push_s)):
        m = serve_and_measure(store_env, n)
        row = (f"| {scale}x | {name} | {build_s:.1f} | {build_mb:.0f} | {quads:,} | {load:.2f} | {m['start']:.1f} | "
               f"{m['exact50']:.1f} / {m['exact99']:.1f} | {m['lcase50']:.1f} / {m['lcase99']:.1f} | "
               f"{m['ask50']:.0f} / {m['ask99']:.0f} |")
        print(row, flush=True)
        out.append(row)


HEADER = ("| corpus | store | build s | build peak MB | quads | load s | serve start s | label exact p50/p99 ms | "
          "label lcase p50/p99 ms | /ask p50/p99 ms |\n|---|---|---|---|---|---|---|---|---|---|")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("scales", nargs="*", type=int, default=[1, 10, 100])
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_NOFILE, resource.getrlimit(resource.RLIMIT_NOFILE))
    print(HEADER, flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        port = free_port()
        server = subprocess.Popen(["oxigraph", "serve", "--location", str(work / "oxigraph"), "--bind",
                                   f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        url = f"http://127.0.0.1:{port}"
        try:
            wait_http(url + "/query", server, 30)
            for scale in args.scales:
                rows: list[str] = []
                run_scale(scale, work, args.requests, url, rows)
                if args.out:
                    with args.out.open("a") as f:
                        f.write("\n".join(rows) + "\n")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
