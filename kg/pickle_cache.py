"""Tables parsed from installed data files (spaCy's lookups, WordNet), kept as pickles under the user's cache
folder so that a process parses them once, not at every start."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> str:
    return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "heroku-kg")


def cached(name: str, build: Callable[[], T]) -> T:
    """The table in cache_dir()/name, or build() written there (atomically; no cache when it can't be)."""
    path = os.path.join(cache_dir(), name)
    try:
        with open(path, "rb") as fh:
            value: T = pickle.load(fh)  # noqa: S301 - our own file
            return value
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError):
        pass
    value = build()
    try:
        os.makedirs(cache_dir(), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=cache_dir())
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh)
        os.replace(tmp, path)
    except OSError:
        pass  # no cache: parse again next time
    return value
