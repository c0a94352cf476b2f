"""Questions in plain English, answered from the notes' graph with their source lines.

index: the graph read into plain structures; search: the notes' lines as passages, ranked by BM25 and
embeddings; question: what a question asks, read with the parser; readers: an answer by kind from the best
evidence; calibration: a confidence fitted by cross-validation and the threshold below which none is given.
"""

from __future__ import annotations

from kg.qa.answer import answer, load_qa, qa_of, read
from kg.qa.context import QA
from kg.qa.index import LimitRec, QAIndex, SourceLine, Statement, build_index, load_index
from kg.qa.question import MAX_QUESTION_CHARS, QuestionError

__all__ = ["MAX_QUESTION_CHARS", "QA", "LimitRec", "QAIndex", "QuestionError", "SourceLine", "Statement",
           "answer", "build_index", "load_index", "load_qa", "qa_of", "read"]
