from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import StateDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="Is the graph loaded, how big, which build, built and served since when")
def health(request: Request, state: StateDep) -> dict[str, Any]:
    s = state.summary
    watcher = getattr(request.app.state, "watcher", None)
    return {"ok": True, "graph_loaded": True, "triples": int(s.get("asserted_triples", 0)) +
            int(s.get("inferred_triples", 0)) + int(s.get("ontology_triples", 0)),
            "asserted_triples": s.get("asserted_triples"), "inferred_triples": s.get("inferred_triples"),
            "entities": s.get("entities"), "built_at": s.get("built_at"), "notes": s.get("notes"),
            "build_id": state.build_id, "serving_since": state.serving_since,
            "switches": watcher.switches if watcher else 0, "reload_error": watcher.error if watcher else None}
