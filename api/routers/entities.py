"""Entity look-up: search by name, and one entity's card with its facts, limits and sources."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from api.deps import StateDep
from api.errors import error_responses
from kg.lookup import MAX_RESULTS, entity_card, search_entities
from kg.visual import classes_in_use

router = APIRouter(tags=["entities"])


@router.get("/entities", summary="Search entities by name (best match first)",
            responses=error_responses({422: "A parameter out of range or too long"}))
async def entities(
    state: StateDep,
    search: Annotated[str, Query(description="Part of a name, an alias or an abbreviation", max_length=500)] = "",
    type: Annotated[str | None, Query(description="Only this class, e.g. Product", max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_RESULTS)] = 20,
) -> dict[str, Any]:
    hits = search_entities(state.extra["qa_index"], search, limit, type)
    return {"search": search, "count": len(hits), "results": hits}


@router.get("/entities/{entity_id}", summary="One entity: labels, classes, facts in and out, limits, sources",
            responses=error_responses({404: "No entity of that id, label, alias or IRI; `suggestions` has close "
                                            "names", 422: "A name over 500 characters"}))
async def entity(
    state: StateDep,
    entity_id: Annotated[str, Path(description="An id, label, alias or IRI", max_length=500)],
) -> dict[str, Any]:
    return entity_card(state.extra["qa_index"], entity_id)


@router.get("/classes", summary="The classes entities have, with counts and colours (for legends and filters)")
async def classes(state: StateDep) -> dict[str, Any]:
    return {"classes": classes_in_use(state.extra["qa_index"])}
