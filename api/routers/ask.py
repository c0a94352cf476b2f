"""Questions in plain English: GET /ask?q=... and POST /ask {"question": ...}."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, Field

from api.deps import StateDep
from kg.qa import MAX_QUESTION_CHARS, QuestionError, answer

router = APIRouter(tags=["ask"])


class AskRequest(BaseModel):
    question: str = Field(description="A question about Heroku, e.g. 'which features need Shield?'")


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
    confidence: float
    suggestions: list[str] = Field(description="Close names in the graph, when nothing is found")


async def _answer(request: Request, state: StateDep, question: str) -> dict[str, Any]:
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"question of {len(question)} characters is over the {MAX_QUESTION_CHARS} limit")
    index = state.extra["qa_index"]
    result: dict[str, Any] = await run_in_threadpool(answer, index, question)
    return result


@router.get("/ask", response_model=AskResponse, summary="Answer a question (GET)")
async def ask_get(request: Request, state: StateDep,
                  q: Annotated[str, Query(description="The question", max_length=10_000)]) -> dict[str, Any]:
    return await _answer(request, state, q)


@router.post("/ask", response_model=AskResponse, summary="Answer a question (POST)")
async def ask_post(request: Request, state: StateDep, body: AskRequest) -> dict[str, Any]:
    return await _answer(request, state, body.question)
