"""SPARQL endpoint benchmark: rdflib-endpoint vs a bare FastAPI + pyoxigraph app vs `kg serve`,
side by side on the same built graph, the same queries and the same load from wrk (a separate process).

Usage: python bench/sparql_bench.py [--seconds 5] [--connections 8]
Needs: wrk (Debian package), pip install -e '.[bench]'.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
P = ("PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX kg: <https://w3id.org/heroku-kg/ontology#> "
     "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ")
EXACT_LABEL = P + 'SELECT ?e WHERE { ?e skos:prefLabel "Heroku Connect" }'
QUERIES = {
    # what a user types: a case-insensitive label match (exact-literal look-ups are index hits everywhere)
    "label look-up": P + 'SELECT ?e WHERE { ?e rdfs:label ?l FILTER(lcase(str(?l)) = "heroku connect") }',
    "2-hop join": P + 'SELECT ?o ?l WHERE { ?e skos:prefLabel "Heroku Connect" ; ?p ?x . ?x ?q ?o . '
                      '?o rdfs:label ?l } LIMIT 200',
    "COUNT GROUP BY": P + "SELECT ?c (COUNT(?e) AS ?n) WHERE { ?e a ?c } GROUP BY ?c",
    "OPTIONAL+ORDER BY+LIMIT": P + "SELECT ?e ?l ?alt WHERE { ?e a kg:Entity ; rdfs:label ?l "
                                   "OPTIONAL { ?e skos:altLabel ?alt } } ORDER BY ?l LIMIT 20",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(cmd: list[str], port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote("ASK {}")
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{cmd} did not start")


def wrk(url: str, seconds: int, connections: int) -> tuple[float, float, float]:
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s", url],
                         capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]

    def pct(p: str) -> float:
        m = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out)
        if not m:
            return float("nan")
        return float(m.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]

    return rps, pct("50"), pct("99")


def single_client_p50(url: str, n: int = 300) -> float:
    """One client on one kept-alive connection, as SPARQL clients and notebooks do."""
    import http.client

    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    path = f"{parts.path}?{parts.query}"
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        conn.request("GET", path)
        conn.getresponse().read()
        times.append((time.perf_counter() - t0) * 1000)
    conn.close()
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--connections", type=int, default=8)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk not found: apt-get install wrk")
    build = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    subprocess.run([sys.executable, "-m", "kg", "build", "-q", "--build-dir", str(build)], cwd=ROOT, check=True)
    from kg.store import ensure_store

    ensure_store(build)
    servers = {
        "rdflib-endpoint": lambda port: [sys.executable, "bench/servers/rdflib_endpoint_app.py", str(build), str(port)],
        "bare FastAPI+pyoxigraph": lambda port: [sys.executable, "bench/servers/bare_app.py", str(build), str(port)],
        "kg serve": lambda port: [sys.executable, "-m", "kg", "serve", "--port", str(port)],
    }
    results: dict[str, dict[str, tuple[float, float, float]]] = {}
    p50_single: dict[str, float] = {}
    p50_exact: dict[str, float] = {}
    for name, cmd in servers.items():
        port = free_port()
        proc = start(cmd(port), port, {"KG_BUILD_DIR": str(build)})
        try:
            results[name] = {}
            for qname, q in QUERIES.items():
                url = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote(q)
                urllib.request.urlopen(url).read()  # warm up
                results[name][qname] = wrk(url, args.seconds, args.connections)
            label_url = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote(QUERIES["label look-up"])
            # 1,500 requests: this VM's noise moves a 300-request median by half a millisecond
            p50_single[name] = single_client_p50(label_url, 60 if name == "rdflib-endpoint" else 1500)
            exact_url = f"http://127.0.0.1:{port}/sparql?query=" + urllib.parse.quote(EXACT_LABEL)
            p50_exact[name] = single_client_p50(exact_url, 1500)
        finally:
            proc.terminate()
            proc.wait(timeout=15)
    print(f"\nwrk -t2 -c{args.connections} -d{args.seconds}s on {os.cpu_count()} cores; graph: shipped notes\n")
    print(f"{'query':26s} {'server':26s} {'req/s':>9s} {'p50 ms':>9s} {'p99 ms':>9s}")
    for qname in QUERIES:
        for name in servers:
            rps, p50, p99 = results[name][qname]
            print(f"{qname:26s} {name:26s} {rps:9.1f} {p50:9.2f} {p99:9.2f}")
    print()
    ratios_rdflib = []
    for qname in QUERIES:
        kg = results["kg serve"][qname][0]
        # a server that completed no request in the window counts as one request per window (an upper bound)
        vs_rdflib = kg / max(results["rdflib-endpoint"][qname][0], 1 / args.seconds)
        vs_bare = kg / results["bare FastAPI+pyoxigraph"][qname][0]
        ratios_rdflib.append(vs_rdflib)
        print(f"{qname:26s} kg/rdflib-endpoint {vs_rdflib:8.1f}x   kg/bare {vs_bare:6.0%}")
    geo = math.exp(sum(math.log(r) for r in ratios_rdflib) / len(ratios_rdflib))
    print(f"\ngeometric mean kg/rdflib-endpoint throughput: {geo:.1f}x")
    for name, p50 in p50_single.items():
        print(f"single-client p50, label look-up (case-insensitive), {name}: {p50:.2f} ms; "
              f"exact label: {p50_exact[name]:.2f} ms")
    shutil.rmtree(build, ignore_errors=True)


if __name__ == "__main__":
    main()
