"""One JSON error shape for every error: {"ok": false, "error": "...", "status": N} (plus "suggestions"
for an unknown entity)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import KGError

METHODS = frozenset({"get", "head", "post", "put", "patch", "delete", "options", "trace"})  # OpenAPI's keys


class ErrorModel(BaseModel):
    """The body of every error response, for the OpenAPI."""

    ok: Literal[False]
    error: str = Field(description="What went wrong, in one line")
    status: int = Field(description="The HTTP status again")
    suggestions: list[str] | None = Field(None, description="Close names in the graph (an unknown entity)")


def error_responses(described: Mapping[int, str]) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the error statuses an endpoint gives, each with what it means there."""
    return {status: {"model": ErrorModel, "description": text} for status, text in described.items()}


def error_body(message: str, status: int, **extra: object) -> dict[str, object]:
    return {"ok": False, "error": message, "status": status, **extra}


def error_response(message: str, status: int, *, headers: Mapping[str, str] | None = None,
                   **extra: object) -> JSONResponse:
    return JSONResponse(error_body(message, status, **extra), status_code=status, headers=headers)


def _headers(request: Request, exc: StarletteHTTPException) -> Mapping[str, str] | None:
    """The exception's own headers (405's Allow). Starlette's Allow names the methods of the route that refused
    only: GET /sparql and POST /sparql are two routes, so the methods the API documents for the path join in."""
    if exc.status_code != 405 or not exc.headers or "Allow" not in exc.headers:
        return exc.headers
    path = getattr(request.scope.get("route"), "path", None)
    documented = request.app.openapi()["paths"].get(path, {}) if path else {}
    methods = {m.strip() for m in exc.headers["Allow"].split(",")} | {m.upper() for m in documented if m in METHODS}
    return {**exc.headers, "Allow": ", ".join(sorted(methods))}


def install(app: FastAPI) -> None:
    @app.exception_handler(KGError)
    async def _kg(request: Request, exc: KGError) -> JSONResponse:
        suggestions = getattr(exc, "suggestions", None)  # unknown entity: close names in the graph
        return error_response(str(exc), exc.status, **({"suggestions": suggestions} if suggestions else {}))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(str(exc.detail), exc.status_code, headers=_headers(request, exc))

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return error_response(f"invalid request: {where}: {first.get('msg', 'bad value')}", 422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Starlette answers this outside every middleware, so it brings the security headers itself
        from api.security import HEADERS

        return error_response(f"internal error: {exc.__class__.__name__}", 500, headers=HEADERS)
