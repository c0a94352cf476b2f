"""Baseline: FastAPI + pyoxigraph with no safety layers (the limit of this stack). Not for production."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox
import uvicorn
from fastapi import FastAPI
from fastapi.responses import Response

from kg.store import ensure_store


def main() -> None:
    build_dir, port = Path(sys.argv[1]), int(sys.argv[2])
    disk = ox.Store.read_only(str(ensure_store(build_dir)))
    store = ox.Store()  # in memory, as kg serve holds a graph of this size
    store.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    app = FastAPI()

    @app.get("/sparql")
    def sparql(query: str) -> Response:
        res = store.query(query, use_default_graph_as_union=True)
        body = res.serialize(format=ox.QueryResultsFormat.JSON)
        return Response(body, media_type="application/sparql-results+json")

    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    main()
