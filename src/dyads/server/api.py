"""The JSON API (`/api/...`): the CLI's queries for scripts, document ingest and review.
Every page of the web UI has its JSON twin here (datasette's habit)."""

from __future__ import annotations

import io
import json
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

import sqlalchemy as sa
from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from dyads.errors import DyadsError
from dyads.server.deps import MAX_COUNT, Conn, event_filter, failure, gazetteer, reader, writer
from dyads.store import details, review
from dyads.store.query import EventFilter, count_events, find_events
from dyads.store.tables import reports

router = APIRouter(prefix="/api", tags=["record"])
Reader = Annotated[str | None, Depends(reader)]
Writer = Annotated[str, Depends(writer)]
Filter = Annotated[EventFilter, Depends(event_filter)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=MAX_COUNT)]
Sort = Literal["date", "-date", "confidence", "-sources"]


@router.get("/events", summary="Merged events matching the filters (contract §4)")
def list_events(conn: Conn, _: Reader, f: Filter, limit: Limit = 50, offset: Offset = 0, sort: Sort = "date") -> dict[str, Any]:
    return {"events": find_events(conn, f, limit=limit, offset=offset, order=sort), "total": count_events(conn, f),
            "limit": limit, "offset": offset}


@router.get("/events/{event_id}", summary="One event with every report and its evidence")
def get_event(event_id: str, conn: Conn, _: Reader) -> dict[str, Any]:
    try:
        return details.event_detail(conn, event_id)
    except DyadsError as exc:
        raise failure(exc) from None


@router.get("/entities", summary="Entities of the record, most active first")
def list_entities(conn: Conn, _: Reader, q: Annotated[str | None, Query(max_length=200)] = None,
                  limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    found, total = details.entity_list(conn, q, limit, offset)
    return {"entities": found, "total": total}


def entity_payload(request: Request, conn: Any, entity_id: str) -> dict[str, Any]:
    from dyads.store.names import describe

    try:
        return describe(conn, entity_id, lambda: gazetteer(request))
    except DyadsError as exc:
        raise HTTPException(404, f"no such entity: {entity_id} [{exc.code}]") from None


@router.get("/entities/{entity_id}", summary="Who or what it is: roles with tenures, counterparts, events")
def get_entity(entity_id: str, request: Request, conn: Conn, _: Reader) -> dict[str, Any]:
    return entity_payload(request, conn, entity_id)


@router.get("/timeline", summary="The events of a dyad, with reciprocal visits linked")
def timeline(request: Request, conn: Conn, _: Reader, a: Annotated[str, Query(min_length=1)],
             b: Annotated[str, Query(min_length=1)], limit: Annotated[int, Query(ge=1, le=5000)] = 200) -> dict[str, Any]:
    from dyads.store.names import resolve

    try:
        first = resolve(conn, a, lambda: gazetteer(request))
        second = resolve(conn, b, lambda: gazetteer(request))
    except DyadsError as exc:
        raise failure(exc) from None
    dyad = EventFilter(between=(first.keys, second.keys))
    # the latest `limit` events, oldest first
    found = list(reversed(find_events(conn, dyad, limit=limit, order="-date")))
    return {"a": {"name": first.name, "ids": list(first.keys)}, "b": {"name": second.name, "ids": list(second.keys)},
            "events": found, "total": count_events(conn, dyad)}


@router.get("/graph", summary="Actors as nodes, weighted by events; edges between actors of one event")
def graph(conn: Conn, _: Reader, f: Filter, max_edges: Annotated[int, Query(ge=1, le=2000)] = 300) -> dict[str, Any]:
    return details.graph(conn, f, max_edges)


@router.get("/documents/{document_id}", summary="A document's cleaned text, what cleaning removed, and its events")
def get_document(document_id: str, conn: Conn, _: Reader) -> dict[str, Any]:
    try:
        return details.document_detail(conn, document_id)
    except DyadsError as exc:
        raise failure(exc) from None


@router.post("/documents", status_code=201, summary="Ingest a posted document (text, HTML or JSON) and return its extraction")
async def post_document(request: Request) -> dict[str, Any]:
    from starlette.concurrency import run_in_threadpool

    from dyads.options import Options
    from dyads.server.work import extract_elsewhere, read_body, work

    options = Options()
    gate = work(request).the_gate()
    async with gate:  # the token is checked on a short connection of its own
        name = await run_in_threadpool(writer_name, request)
    body = await read_body(request, options.max_document_bytes)
    raw = await run_in_threadpool(_posted, request, body, options)
    extraction = await extract_elsewhere(request, raw, options)  # no connection held meanwhile
    if isinstance(extraction, str):
        raise HTTPException(422, extraction)
    async with gate:
        stored = await run_in_threadpool(_store, request, extraction, raw)
    return {"extraction": extraction.to_dict(), "stored": {**stored, "by": name}}


def writer_name(request: Request) -> str:
    with request.app.state.settings.engine.connect() as conn:
        return writer(request, conn)


def _posted(request: Request, body: bytes, options: Any) -> Any:
    """The one document a POST carries, read like a file of its content type."""
    from dyads.model import ReadFailure
    from dyads.readers import read_stream

    if not body.strip():
        raise HTTPException(422, "empty document: post its text, HTML, or JSON {\"text\": …}")
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    path = "posted"
    if kind == "application/json":
        try:
            record = json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise HTTPException(422, f"invalid JSON: {str(exc).splitlines()[0][:200]}") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise HTTPException(422, "expected a JSON object with a string field \"text\" (and optional title, url, published, language)")
        # ASCII escapes keep a lone surrogate ("\\ud800") writable; the reader replaces it
        body, path = json.dumps(record).encode("ascii") + b"\n", "posted.jsonl"
    elif kind == "text/html":
        path = "posted.html"
    items = list(read_stream(io.BytesIO(body), path, options))
    if len(items) != 1:
        raise HTTPException(422, "post one document at a time")
    if isinstance(items[0], ReadFailure):
        raise HTTPException(422, items[0].message)
    return items[0]


def _store(request: Request, extraction: Any, raw: Any) -> dict[str, Any]:
    from dyads.server.work import serialized_write
    from dyads.store.ingest import prepare_extraction
    from dyads.store.write import write_batch

    prepared = prepare_extraction(extraction, raw, datetime.now(UTC).isoformat(timespec="seconds"))
    with serialized_write(request) as conn:
        result = write_batch(conn, [prepared])
        event_ids = sorted(set(conn.execute(sa.select(reports.c.event_id).where(
            reports.c.document_id == extraction.document.id)).scalars()))
    return {"new": bool(result.new), "events": event_ids}


class Decision(BaseModel):
    action: Literal["accept", "reject", "correct"]
    changes: dict[str, Any] = Field(default_factory=dict, description="for correct: type, mode, date, status, actors [{id, role}]")


class MergeWith(BaseModel):
    other: str = Field(description="the id of the event to merge into this one")


class SplitOff(BaseModel):
    report: str = Field(description="the id of the report to take out of the event")


def _write(request: Request, action: Any) -> dict[str, Any]:
    from dyads.server.work import serialized_write

    try:
        with serialized_write(request) as conn:
            event_id = action(conn)
        with request.app.state.settings.engine.connect() as conn:
            return details.event_detail(conn, event_id)
    except DyadsError as exc:
        raise failure(exc) from None


@router.post("/events/{event_id}/review", summary="Accept, reject or correct an event")
def review_event(event_id: str, decision: Decision, request: Request, name: Writer) -> dict[str, Any]:
    return _write(request, lambda conn: review.decide(conn, event_id, decision.action, name, decision.changes))


@router.post("/events/{event_id}/merge", summary="Merge another event into this one")
def merge_events(event_id: str, body: MergeWith, request: Request, name: Writer) -> dict[str, Any]:
    return _write(request, lambda conn: review.merge(conn, event_id, body.other, name))


@router.post("/events/{event_id}/split", summary="Take a report out of an event")
def split_event(event_id: str, body: SplitOff, request: Request, name: Writer) -> dict[str, Any]:
    return _write(request, lambda conn: review.split(conn, event_id, body.report, name))


@router.get("/review", summary="The review queue: unreviewed events, single-source and low-confidence first")
def review_queue(conn: Conn, _: Reader, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    found, total = review.queue(conn, limit, offset)
    return {"events": found, "total": total}
