"""Request dependencies: the settings and the loaded graph state, as Annotated aliases."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request

from kg.config import Settings
from kg.remote import RemotePool
from kg.sparql import AsyncQueryPool
from kg.store import BuildHold

PINNED = "kg_graph"  # key in the request's scope["state"]: the build a request started on (api.reload.PinBuild)


@dataclass
class GraphState:
    """Everything served from one build: its query workers, summary, question index and export cache."""

    pool: AsyncQueryPool | RemotePool  # local worker processes, or the remote store (KG_STORE=sparql)
    graphs: set[str]
    summary: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    build: Path = Path()  # the build's own folder (builds/<id>), never the `current` link
    hold: BuildHold | None = None  # keeps `kg build` from removing the build while it is served
    serving_since: str = ""  # UTC time this build began to be served

    @property
    def build_id(self) -> str:
        return str(self.summary.get("build_id", ""))

    def close(self) -> None:
        self.pool.close()
        if self.hold is not None:
            self.hold.release()


async def get_state(request: Request) -> GraphState:  # async: sync dependencies cost a thread hop
    state: GraphState = request.scope.get("state", {}).get(PINNED) or request.app.state.graph
    return state


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StateDep = Annotated[GraphState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
