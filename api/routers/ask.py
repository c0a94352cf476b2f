"""Questions in plain English: GET /ask?q=... and POST /ask {"question": ...}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.deps import StateDep
from api.errors import error_responses
from kg.qa import MAX_QUESTION_CHARS, answer
from kg.qa.examples import example_questions

router = APIRouter(tags=["ask"])


# Some character str.strip() keeps: a question of only whitespace is refused (422). Spelled out, as the OpenAPI's
# regex (ECMA), pydantic's (Rust) and Python's disagree on what \s is.
QUESTION_PATTERN = r"[^\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"
REFUSED = {422: f"No question, one of only whitespace, or one over {MAX_QUESTION_CHARS:,} characters"}


class AskRequest(BaseModel):
    question: str = Field(description="A question about Heroku, e.g. 'which features need Shield?'", min_length=1,
                          max_length=MAX_QUESTION_CHARS, pattern=QUESTION_PATTERN)


class SourceModel(BaseModel):
    file: str
    line: int
    section: str
    text: str


class AnswerItem(BaseModel):
    label: str
    iri: str | None
    value: str | float | int | bool | None
    unit: str | None
    sources: list[SourceModel]


class AskResponse(BaseModel):
    question: str
    answers: list[AnswerItem] = Field(description="One per item for lists; the value first for value questions; "
                                                   "yes/no for yes/no questions; empty when the notes do not say")
    answer_text: str = Field(description="One plain sentence for a person")
    sparql: str | None = Field(description="A SPARQL query over the graph that returns the facts behind the answer")
    interpretation: dict[str, Any] = Field(description="Question type, linked entities, relation words")
    confidence: float = Field(description="How likely the answer is right, 0..1, fitted by cross-validation on the "
                                          "dev questions; below the threshold no answer is given")
    suggestions: list[str] = Field(description="Close names in the graph, when nothing is found")
    evidence: list[SourceModel] = Field(description="The source lines that come closest to the question, the "
                                                    "answer's own line first")


class Example(BaseModel):
    question: str
    confidence: float


class ExamplesResponse(BaseModel):
    questions: list[Example] = Field(description="Questions about the served notes that are answered with "
                                                  "confidence 0.8 or more, found by asking them")


@router.get("/ask/examples", response_model=ExamplesResponse, summary="Example questions the notes answer well")
async def ask_examples(state: StateDep) -> dict[str, Any]:
    found = state.extra.get("examples")
    if found is None:  # asked once per build, on first use
        found = state.extra["examples"] = await run_in_threadpool(example_questions, state.extra["qa"])
    return {"questions": found}


async def _answer(request: Request, state: StateDep, question: str) -> dict[str, Any]:
    result: dict[str, Any] = await run_in_threadpool(answer, state.extra["qa"], question)
    return result


@router.get("/ask", response_model=AskResponse, summary="Answer a question (GET)", responses=error_responses(REFUSED))
async def ask_get(request: Request, state: StateDep,
                  q: Annotated[str, Query(description="The question", min_length=1, max_length=MAX_QUESTION_CHARS,
                                          pattern=QUESTION_PATTERN)]) -> dict[str, Any]:
    return await _answer(request, state, q)


@router.post("/ask", response_model=AskResponse, summary="Answer a question (POST)",
             responses=error_responses({400: "A body that is not UTF-8 text (JSON that does not parse: 422)", **REFUSED,
                                        413: "A body over KG_MAX_BODY_BYTES"}))
async def ask_post(request: Request, state: StateDep, body: AskRequest) -> dict[str, Any]:
    return await _answer(request, state, body.question)
