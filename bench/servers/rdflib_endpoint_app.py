"""What users would pick instead: rdflib-endpoint serving the graph from rdflib's memory store."""

from __future__ import annotations

import sys
from pathlib import Path

import uvicorn
from rdflib import Dataset
from rdflib_endpoint import SparqlEndpoint

from kg.store import graph_file


def main() -> None:
    build_dir, port = Path(sys.argv[1]), int(sys.argv[2])
    ds = Dataset(default_union=True)
    ds.parse(graph_file(build_dir), format="nquads")
    app = SparqlEndpoint(graph=ds, path="/sparql", title="rdflib-endpoint baseline")
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
