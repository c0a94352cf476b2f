"""Settings from the environment (prefix KG_), read only by the CLI and the app factory."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from kg.namespaces import DEFAULT_BASE


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KG_", env_file=".env", extra="ignore")

    notes_dir: Path = Path("data/notes")
    build_dir: Path = Path("data/build")
    base_iri: str = DEFAULT_BASE


@lru_cache
def get_settings() -> Settings:
    return Settings()
