"""One JSON error shape for every error: {"ok": false, "error": "...", "status": N} (plus "suggestions"
for an unknown entity)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg.errors import KGError


def error_body(message: str, status: int, **extra: object) -> dict[str, object]:
    return {"ok": False, "error": message, "status": status, **extra}


def error_response(message: str, status: int, **extra: object) -> JSONResponse:
    return JSONResponse(error_body(message, status, **extra), status_code=status)


def install(app: FastAPI) -> None:
    @app.exception_handler(KGError)
    async def _kg(request: Request, exc: KGError) -> JSONResponse:
        suggestions = getattr(exc, "suggestions", None)  # unknown entity: close names in the graph
        return error_response(str(exc), exc.status, **({"suggestions": suggestions} if suggestions else {}))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(str(exc.detail), exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()))
        return error_response(f"invalid request: {where}: {first.get('msg', 'bad value')}", 422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return error_response(f"internal error: {exc.__class__.__name__}", 500)
