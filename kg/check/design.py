"""A design file (YAML or JSON) in the words of the notes: parsed, bounded and validated, with its JSON Schema.

Every name in it is matched against the graph later (kg/check/parts.py); here only its shape is checked."""

from __future__ import annotations

import json
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from kg.errors import KGError

MAX_DESIGN_BYTES = 1_000_000
MAX_LIST = 200  # items in any one list of a design
MAX_PROCESSES = 1_000  # processes over all apps
MAX_NAME = 200  # characters in a name
MAX_AMOUNT = 1e15  # an amount beyond this is no amount of the notes

# a free setting: a number, true/false, a name or a list of names
SETTING_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "number", "exclusiveMinimum": -MAX_AMOUNT, "exclusiveMaximum": MAX_AMOUNT},
              {"type": "boolean"}, {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
              {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": MAX_NAME},
               "maxItems": MAX_LIST}]}
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]


class DesignError(KGError):
    """A design that cannot be read: not YAML or JSON, the wrong shape, or too large."""

    status = 422

    def __init__(self, reason: str) -> None:
        super().__init__(f"design: {reason}")
        self.reason = reason


class Process(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, json_schema_extra={"additionalProperties": SETTING_SCHEMA})

    dyno: Name | None = Field(None, description="Dyno type or size, e.g. standard-2x")
    count: int = Field(1, ge=0, le=1_000_000, description="How many dynos run this process")
    autoscaling: bool = Field(False, description="Whether the process autoscales")


class App(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    name: Name
    processes: dict[Name, Process] = Field(default_factory=dict, description="Process type -> its dynos")


class Component(BaseModel):
    """An add-on, product, API or tool the design uses, with free settings: a number is an amount
    ("mappings: 20"), true a thing it uses ("bulk: true"), a name a choice ("algorithm: Merged Writes")."""

    model_config = ConfigDict(extra="allow", strict=True, json_schema_extra={"additionalProperties": SETTING_SCHEMA})

    name: Name
    plan: Name | None = Field(None, description="Plan, tier or edition, e.g. shield")


class Space(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True,
                              json_schema_extra={"additionalProperties": {"type": "boolean"}})

    exists: bool = Field(False, description="The space has already been created")
    created_with: list[Name] = Field(default_factory=list, max_length=MAX_LIST,
                                     description="What the space was created with (features, options)")


class Design(BaseModel):
    """An architecture to check against the notes; every name is one of the graph's labels or aliases."""

    model_config = ConfigDict(extra="forbid", strict=True, title="heroku-kg design")

    name: Name = "design"
    runtime: Name | None = Field(None, description="Where it runs (a runtime, space or edition)")
    space: Space | None = None
    data: list[Name] = Field(default_factory=list, max_length=MAX_LIST, description="Kinds of data it holds")
    apps: list[App] = Field(default_factory=list, max_length=MAX_LIST)
    addons: list[Component] = Field(default_factory=list, max_length=MAX_LIST)
    uses: list[Component] = Field(default_factory=list, max_length=MAX_LIST,
                                  description="Other products, APIs or tools it uses")
    wants: list[Name] = Field(default_factory=list, max_length=MAX_LIST, description="Features it expects")


def design_schema() -> dict[str, Any]:
    """The JSON Schema of a design file."""
    schema = Design.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


def parse_design(text: str | bytes, media: str = "yaml") -> Design:
    """A design from YAML or JSON text; DesignError for what cannot be read."""
    data = _load(text, media)
    if not isinstance(data, dict):
        raise DesignError(f"expected a mapping at the top, got {type(data).__name__}")
    try:
        design = Design.model_validate(data)
    except ValidationError as ex:
        raise DesignError(_first_error(ex)) from ex
    _check_settings(design)
    processes = sum(len(app.processes) for app in design.apps)
    if processes > MAX_PROCESSES:
        raise DesignError(f"{processes:,} processes; at most {MAX_PROCESSES:,} are checked")
    return design


def _load(text: str | bytes, media: str) -> object:
    if len(text) > MAX_DESIGN_BYTES:
        raise DesignError(f"{len(text):,} bytes; at most {MAX_DESIGN_BYTES:,}")
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as ex:
            raise DesignError("not UTF-8 text") from ex
    if media == "json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as ex:
            raise DesignError(f"not JSON: {ex}") from ex
    try:
        _refuse_aliases(text)
        return yaml.safe_load(text)
    except yaml.YAMLError as ex:
        raise DesignError(f"not YAML: {' '.join(str(ex).split())[:300]}") from ex


def _refuse_aliases(text: str) -> None:
    """YAML aliases can expand a small file into a huge one ("billion laughs"): a design needs none."""
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise DesignError("YAML aliases (*name) are not allowed in a design")


def _first_error(ex: ValidationError) -> str:
    err = ex.errors()[0]
    where = ".".join(str(x) for x in err.get("loc", ())) or "design"
    return f"{where}: {err.get('msg', 'bad value')} ({ex.error_count()} error{'s' if ex.error_count() > 1 else ''})"


def _check_settings(design: Design) -> None:
    """The free settings of components and processes: numbers, booleans, names or lists of names."""
    holders: list[tuple[str, BaseModel]] = [(f"addons.{i}", c) for i, c in enumerate(design.addons)]
    holders += [(f"uses.{i}", c) for i, c in enumerate(design.uses)]
    holders += [(f"apps.{i}.processes.{k}", p) for i, a in enumerate(design.apps) for k, p in a.processes.items()]
    if design.space is not None:
        holders.append(("space", design.space))
    for where, holder in holders:
        for key, value in (holder.model_extra or {}).items():
            if not _valid_setting(value, boolean_only=isinstance(holder, Space)):
                raise DesignError(f"{where}.{key}: expected a number, true/false, a name or a list of names")


def _valid_setting(value: object, boolean_only: bool = False) -> bool:
    if boolean_only or isinstance(value, bool):
        return isinstance(value, bool)
    if isinstance(value, int | float):
        return abs(value) < MAX_AMOUNT
    if isinstance(value, str):
        return 0 < len(value) <= MAX_NAME
    if isinstance(value, list):
        return len(value) <= MAX_LIST and all(isinstance(v, str) and 0 < len(v) <= MAX_NAME for v in value)
    return False
