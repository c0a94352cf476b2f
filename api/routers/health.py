from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import StateDep

router = APIRouter(tags=["health"])


@router.get("/health", summary="Is the graph loaded, how big, built when")
def health(state: StateDep) -> dict[str, Any]:
    s = state.summary
    return {"ok": True, "graph_loaded": True, "triples": int(s.get("asserted_triples", 0)) +
            int(s.get("inferred_triples", 0)) + int(s.get("ontology_triples", 0)),
            "asserted_triples": s.get("asserted_triples"), "inferred_triples": s.get("inferred_triples"),
            "entities": s.get("entities"), "built_at": s.get("built_at"), "notes": s.get("notes")}
