"""spaCy, imported without its command-line interface.

`import spacy` runs `from .cli.info import info`, which loads spaCy's whole CLI (typer, weasel, requests,
the project and training commands): about 0.35 s of every `kg build` on this machine, for code the
extractor never runs. While spaCy is imported, a small stand-in takes the place of `spacy.cli.info`; right
after, it is removed again, so `import spacy.cli` anywhere later loads the real package, and
`spacy.info()` still works (it loads the real one on first use)."""

from __future__ import annotations

import importlib
import sys
import types
from importlib.util import find_spec
from pathlib import Path
from typing import Any


def _real_info(*args: Any, **kwargs: Any) -> Any:
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def _import_spacy() -> types.ModuleType:
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        return importlib.import_module("spacy")
    spec = find_spec("spacy")
    if spec is None or spec.origin is None:  # let the real import raise its own error
        return importlib.import_module("spacy")
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = [str(Path(spec.origin).parent / "cli")]
    info = types.ModuleType("spacy.cli.info")
    info.info = _real_info  # type: ignore[attr-defined]
    sys.modules.update({"spacy.cli": cli, "spacy.cli.info": info})
    try:
        module = importlib.import_module("spacy")
    finally:
        for name in ("spacy.cli.info", "spacy.cli"):
            if sys.modules.get(name) in (cli, info):
                del sys.modules[name]
        parent = sys.modules.get("spacy")
        if parent is not None and getattr(parent, "cli", None) is cli:
            delattr(parent, "cli")
    return module


spacy = _import_spacy()

from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402
from spacy.util import filter_spans  # noqa: E402

__all__ = ["Doc", "Language", "Span", "filter_spans", "spacy"]
