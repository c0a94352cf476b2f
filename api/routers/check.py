"""Check an architecture against the notes: POST /check (a design in JSON or YAML), GET /check/schema (its
JSON Schema) and GET /check/examples (example designs for the page)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from api.deps import GraphState, StateDep
from api.errors import error_responses
from api.routers.ui import page
from kg.check import RuleGraph, check_design, design_schema, load_rule_graph, parse_design
from kg.check.examples import example_designs
from kg.errors import KGError

router = APIRouter(tags=["check"])

JSON_TYPES = frozenset({"application/json"})
YAML_TYPES = frozenset({"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"})


class UnsupportedDesignTypeError(KGError):
    status = 415

    def __init__(self, media: str) -> None:
        super().__init__(f"a design is sent as application/json or application/yaml, not {media or 'no type'}")


class SourceModel(BaseModel):
    file: str
    line: int
    section: str
    text: str


class FactModel(BaseModel):
    kind: str = Field(description="statement, limit or restriction")
    subject: str
    subject_label: str
    relation: str
    object: str = Field(description="An entity's IRI, a limit's IRI, or a restriction's text")
    object_label: str
    negated: bool
    source: SourceModel | None


class FindingModel(BaseModel):
    severity: str = Field(description="violation, warning or note")
    rule: str
    message: str = Field(description="The rule and what in the design breaks it, in one sentence")
    parts: list[str] = Field(description="Where in the design (paths such as apps.0.processes.web.dyno)")
    facts: list[FactModel] = Field(description="The facts of the graph behind the finding, with their lines")
    sparql: str | None = Field(description="A SPARQL query that returns those facts with their lines")
    suggestions: list[str] | None = Field(None, description="Close names in the graph (an unknown name)")


class FigureModel(BaseModel):
    name: str
    value: float
    unit: str
    formula: str
    parts: list[str]
    facts: list[FactModel]
    sparql: str | None


class RuleModel(BaseModel):
    rule: str
    checks: str


class LinkModel(BaseModel):
    path: str
    name: str
    iri: str | None
    id: str | None
    label: str | None
    linked_by: str | None = Field(description="name, typo, or null when the name is not in the graph")


class CheckResponse(BaseModel):
    design: str
    ok: bool = Field(description="No violations")
    counts: dict[str, int]
    summary: str = Field(description="'no findings', or the counts in words")
    findings: list[FindingModel]
    figures: list[FigureModel] = Field(description="Derived figures with their formula and lines")
    rules: list[RuleModel] = Field(description="The rules checked")
    links: list[LinkModel] = Field(description="How each name of the design was linked to the graph")


class ExampleDesign(BaseModel):
    name: str
    text: str = Field(description="The design, in YAML")


class ExamplesResponse(BaseModel):
    designs: list[ExampleDesign]


def inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """The design's JSON Schema with its $defs written in place: inside an OpenAPI document "#/$defs/..."
    would point at the document's root, where nothing is."""
    defs = schema.get("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                return walk(defs[ref.removeprefix("#/$defs/")])
            return {k: walk(v) for k, v in node.items() if k not in ("$defs", "$schema")}
        if isinstance(node, list):
            return [walk(v) for v in node]
        return node

    result: dict[str, Any] = walk(schema)
    return result


BODY: dict[str, Any] = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": inlined(design_schema())},
    "application/yaml": {"schema": inlined(design_schema()),
                         "example": "runtime: Common Runtime\nwants: [autoscaling]\n"},
}}}


async def rule_graph(state: GraphState) -> RuleGraph:
    """The build's graph as the rules read it, loaded once per build on first use."""
    found = state.extra.get("check_graph")
    if found is None:
        found = state.extra["check_graph"] = await run_in_threadpool(load_rule_graph, state.build,
                                                                     state.extra["qa_index"])
    graph: RuleGraph = found
    return graph


def _media(request: Request) -> str:
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in JSON_TYPES:
        return "json"
    if media in YAML_TYPES or not media:  # no type: read as YAML, of which JSON is a part
        return "yaml"
    raise UnsupportedDesignTypeError(media)


@router.post("/check", response_model=CheckResponse, summary="Check a design (JSON or YAML) against the notes",
             openapi_extra=BODY, responses=error_responses({
                 413: "A body over KG_MAX_BODY_BYTES", 415: "A body that is neither JSON nor YAML",
                 422: "A design that does not parse, has the wrong shape or is too large"}))
async def check(request: Request, state: StateDep) -> dict[str, Any]:
    media = _media(request)
    design = parse_design(await request.body(), media)
    graph = await rule_graph(state)
    result: dict[str, Any] = await run_in_threadpool(check_design, graph, design)
    return result


@router.get("/check", response_class=FileResponse, summary="The check page (HTML): an editor, examples, findings",
            responses={200: {"content": {"text/html": {}}, "description": "The page"}})
async def check_page() -> FileResponse:
    return page("check.html")


@router.get("/check/schema", summary="The JSON Schema of a design file")
async def check_schema() -> dict[str, Any]:
    return design_schema()


@router.get("/check/examples", response_model=ExamplesResponse, summary="Example designs")
async def check_examples() -> dict[str, Any]:
    return {"designs": example_designs()}
