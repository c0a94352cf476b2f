"""The spaCy pipeline: a blank English tokenizer, the sentencizer, and two rule-based components that
mark the known entities (longest match over normalised tokens) and the quantities of each text."""

from __future__ import annotations

from typing import Any

from kg.extract.entities import EntityIndex
from kg.extract.lexicon import is_common_word, is_verb_form, key_tokens
from kg.extract.quantities import Quantity, find_quantities
from kg.extract.spacy_light import Doc, Language, Span, filter_spans, spacy

MAX_FORM_TOKENS = 8

if not Doc.has_extension("quantities"):
    Doc.set_extension("quantities", default=None)
if not Span.has_extension("entity_key"):
    Span.set_extension("entity_key", default=None)


class EntityLinker:
    """Marks every mention of a known entity: longest match of normalised tokens (case, plural, hyphens)."""

    def __init__(self, index: EntityIndex) -> None:
        self.index = index

    def __call__(self, doc: Doc) -> Doc:
        parts: list[tuple[int, str]] = []  # (token index, normalised word) for every word part
        for tok in doc:
            for part in key_tokens(tok.text):
                parts.append((tok.i, part))
        forms = self.index.forms
        spans: list[Span] = []
        i = 0
        while i < len(parts):
            for n in range(min(MAX_FORM_TOKENS, len(parts) - i), 0, -1):
                words = [p for _, p in parts[i:i + n]]
                words[-1] = key_tokens(words[-1])[0] if words[-1] else words[-1]
                key = forms.get(tuple(words))
                if key is None:
                    continue
                start, end = parts[i][0], parts[i + n - 1][0] + 1
                word = doc[start].text
                label = self.index.entities[key].label
                if n == 1 and word.islower() and is_common_word(word) and \
                        (label.islower() or is_verb_form(word)
                         or (start > 0 and doc[start - 1].lower_ in ("the", "their", "its", "your"))):
                    continue  # "view", "shield", "us", "the data" in running text are words, not the names
                if (i > 0 and parts[i - 1][0] == start) or (i + n < len(parts) and parts[i + n][0] == end - 1):
                    continue  # the match must start and end on token boundaries
                if any(t.text in (",", ";") for t in doc[start:end]):
                    continue  # "Premium, Private, Shield" names three things, not "Private Shield"
                flag = self._flag(doc, start, end)
                if flag is not None:  # "--shield" is the CLI option, never the thing called "shield"
                    if flag not in self.index.entities:
                        continue
                    key = flag
                    start = start - 1 if not doc[start].text.startswith("-") else start
                span = Span(doc, start, end, label="KG")
                span._.entity_key = key
                spans.append(span)
                i += n - 1
                break
            i += 1
        doc.spans["kg_entities"] = filter_spans(spans)
        return doc


    @staticmethod
    def _flag(doc: Doc, start: int, end: int) -> str | None:
        """The option name when the words are a CLI flag ("--shield", "-n"), else None."""
        first = doc[start]
        if first.text.startswith("-"):
            return doc[start:end].text.lower()
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and prev.text in ("-", "--") and prev.idx + len(prev.text) == first.idx:
            return prev.text + doc[start:end].text.lower()
        return None


class QuantityTagger:
    def __call__(self, doc: Doc) -> Doc:
        qs: list[Quantity] = find_quantities(doc.text)
        doc._.quantities = qs
        spans = [doc.char_span(q.start, q.end, label=q.kind, alignment_mode="expand") for q in qs]
        doc.spans["kg_quantities"] = [s for s in spans if s is not None]
        return doc


@Language.factory("kg_entities", assigns=["doc.spans"], default_config={})
def make_entity_linker(nlp: Language, name: str) -> Any:
    return EntityLinker(EntityIndex(set()))


@Language.factory("kg_quantities", assigns=["doc.spans", "doc._.quantities"], default_config={})
def make_quantity_tagger(nlp: Language, name: str) -> QuantityTagger:
    return QuantityTagger()


def build_nlp(index: EntityIndex | None = None) -> Language:
    nlp: Language = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    linker: Any = nlp.add_pipe("kg_entities")
    if index is not None:
        linker.index = index
    nlp.add_pipe("kg_quantities")
    return nlp
