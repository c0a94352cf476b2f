"""Request dependencies: the settings and the loaded graph state, as Annotated aliases."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import Depends, Request

from kg.config import Settings
from kg.sparql import AsyncQueryPool


@dataclass
class GraphState:
    pool: AsyncQueryPool
    graphs: set[str]
    summary: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


async def get_state(request: Request) -> GraphState:  # async: sync dependencies cost a thread hop
    state: GraphState = request.app.state.graph
    return state


async def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


StateDep = Annotated[GraphState, Depends(get_state)]
SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
