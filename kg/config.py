"""Settings from the environment (prefix KG_), read only by the CLI and the app factory."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from kg.namespaces import DEFAULT_BASE


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    notes_dir: Path = Path("data/notes")
    build_dir: Path = Path("data/build")
    base_iri: str = DEFAULT_BASE
    store: str = "oxigraph"  # oxigraph (on disk under build_dir) | memory
    query_timeout: float = 10.0  # seconds a SPARQL query may run before it is stopped (503)
    max_rows: int = 100_000  # rows (or triples) a result may hold before it is cut
    max_body_bytes: int = 1_000_000  # largest request body accepted (413 beyond)
    update_token: SecretStr | None = None  # SPARQL Update is refused unless a request carries this Bearer token
    cors_origins: str = "*"  # comma-separated origins allowed by CORS
    workers: int = 2  # query worker processes
    worker_threads: int = 8  # queries each worker process runs at once
    access_log: bool = False  # uvicorn's per-request log (Heroku's router logs requests already)
    host: str = "127.0.0.1"
    port: int = Field(default=8000, validation_alias=AliasChoices("PORT", "KG_PORT"))

    @field_validator("store")
    @classmethod
    def _store_kind(cls, v: str) -> str:
        if v not in ("oxigraph", "memory"):
            raise ValueError("KG_STORE must be 'oxigraph' (embedded, on disk) or 'memory'")
        return v


@lru_cache
def get_settings() -> Settings:
    return Settings()
