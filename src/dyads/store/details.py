"""The record seen closer: one event with every report and its evidence, one document
with its events' evidence, entity lists and the actor network."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dyads.errors import DyadsError
from dyads.store.query import EventFilter, _where, like_literal, render
from dyads.store.tables import (
    documents,
    entities,
    event_actors,
    events,
    quotes,
    reports,
)


def event_detail(connection: Connection, event_id: str) -> dict[str, Any]:
    """The merged event (contract §4) plus every report: its document, language, evidence
    offsets in the document's cleaned text, confidence and extractor."""
    found = render(connection, [event_id])
    if not found:
        raise DyadsError("E098", id=event_id)
    event = found[0]
    review = connection.execute(sa.select(events.c.review).where(events.c.id == event_id)).scalar()
    rows = connection.execute(
        sa.select(reports, documents.c.path, documents.c.language, documents.c.published, documents.c.title,
                  documents.c.copy_group)
        .join(documents, documents.c.id == reports.c.document_id)
        .where(reports.c.event_id == event_id).order_by(documents.c.id)).mappings().all()
    event["review"] = review
    event["reports"] = [{
        "id": r["id"], "document": r["document_id"], "path": r["path"], "title": r["title"],
        "language": r["language"], "published": r["published"], "copy_of": r["copy_group"] if r["copy_group"] != r["document_id"] else None,
        "type": r["type"], "mode": r["mode"], "date": r["date"], "date_text": r["date_text"],
        "evidence": {"start": r["evidence_start"], "end": r["evidence_end"], "text": r["evidence"]},
        "amounts": r["amounts"], "quote": r["quote"], "confidence": r["confidence"], "extractor": r["extractor"],
    } for r in rows]
    from dyads.store.review import history

    event["reviews"] = history(connection, event_id)
    return event


def document_detail(connection: Connection, document_id: str) -> dict[str, Any]:
    row = connection.execute(sa.select(documents).where(documents.c.id == document_id)).mappings().first()
    if row is None:
        raise DyadsError("E094", id=document_id)
    doc_reports = connection.execute(
        sa.select(reports.c.id, reports.c.event_id, reports.c.type, reports.c.mode, reports.c.date,
                  reports.c.evidence_start, reports.c.evidence_end)
        .where(reports.c.document_id == document_id).order_by(reports.c.evidence_start)).mappings().all()
    copies = connection.execute(sa.select(documents.c.id, documents.c.path).where(
        documents.c.copy_group == row["copy_group"], documents.c.id != document_id)).all()
    said = connection.execute(sa.select(quotes.c.text, quotes.c.start, quotes.c.end, entities.c.name)
                              .outerjoin(entities, entities.c.key == quotes.c.speaker)
                              .where(quotes.c.document_id == document_id).order_by(quotes.c.position)).all()
    return {
        "id": row["id"], "path": row["path"], "origin": row["origin"], "title": row["title"],
        "published": row["published"], "language": row["language"], "segments": row["segments"],
        "text": row["text"], "removed": row["removed"], "extractor": row["extractor"],
        "ingested_at": row["ingested_at"], "copies": [{"document": c.id, "path": c.path} for c in copies],
        "events": [{"report": r["id"], "event": r["event_id"], "type": r["type"], "mode": r["mode"], "date": r["date"],
                    "evidence": {"start": r["evidence_start"], "end": r["evidence_end"]}} for r in doc_reports],
        "quotes": [{"speaker": q.name, "text": q.text, "start": q.start, "end": q.end} for q in said],
    }


def highlighted(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[str, str | None]]:
    """The text cut into (piece, event id or None) so a page can mark the evidence; spans
    that overlap an earlier one are shown from where the earlier ends."""
    pieces: list[tuple[str, str | None]] = []
    at = 0
    for start, end, tag in sorted(spans):
        start = max(start, at)
        if end <= start:
            continue
        pieces.append((text[at:start], None))
        pieces.append((text[start:end], tag))
        at = end
    pieces.append((text[at:], None))
    return [p for p in pieces if p[0]]


def entity_list(connection: Connection, text: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Entities by name, with the number of events each takes part in directly (counted for
    the page only, so the list stays fast on a large record)."""
    query = sa.select(entities)
    if text:
        query = query.where(sa.func.lower(entities.c.name).like(f"%{like_literal(text.strip().lower())}%", escape="\\"))
    total = connection.execute(sa.select(sa.func.count()).select_from(query.subquery())).scalar() or 0
    rows = connection.execute(query.order_by(entities.c.name, entities.c.key).limit(limit).offset(offset)).mappings().all()
    keys = [r["key"] for r in rows]
    counts = dict(connection.execute(
        sa.select(event_actors.c.entity_key, sa.func.count()).where(event_actors.c.entity_key.in_(keys), event_actors.c.direct.is_(True))
        .group_by(event_actors.c.entity_key)).all()) if keys else {}
    return [{"id": r["key"], "name": r["name"], "type": r["type"], "wikidata": r["wikidata"], "country": r["country"],
             "events": counts.get(r["key"], 0)} for r in rows], total


GRAPH_EVENTS = 5000


def graph(connection: Connection, f: EventFilter, max_edges: int = 300) -> dict[str, Any]:
    """Who engages whom: one node per actor named in an event, one edge per pair of actors
    of one event, weighted by the number of events; the heaviest edges first. Drawn from
    the latest 5,000 matching events (narrow the period to look further back), so it stays
    quick on a large record."""
    chosen = (sa.select(events.c.id).where(*_where(f))
              .order_by(sa.func.coalesce(events.c.date, "").desc(), events.c.id).limit(GRAPH_EVENTS).subquery())
    a, b = event_actors.alias("a"), event_actors.alias("b")
    weight = sa.func.count(sa.distinct(a.c.event_id)).label("weight")
    edges = connection.execute(
        sa.select(a.c.entity_key.label("source"), b.c.entity_key.label("target"), weight)
        .join(b, sa.and_(b.c.event_id == a.c.event_id, a.c.entity_key < b.c.entity_key))
        .where(a.c.event_id.in_(sa.select(chosen.c.id)), a.c.direct.is_(True), b.c.direct.is_(True))
        .group_by(a.c.entity_key, b.c.entity_key).order_by(sa.desc("weight"), a.c.entity_key, b.c.entity_key)
        .limit(max_edges)).all()
    keys = sorted({e.source for e in edges} | {e.target for e in edges})
    nodes: list[dict[str, Any]] = []
    if keys:
        degree: dict[str, int] = {}
        for e in edges:
            degree[e.source] = degree.get(e.source, 0) + e.weight
            degree[e.target] = degree.get(e.target, 0) + e.weight
        for r in connection.execute(sa.select(entities).where(entities.c.key.in_(keys))).mappings():
            nodes.append({"id": r["key"], "name": r["name"], "type": r["type"], "country": r["country"],
                          "weight": degree[r["key"]]})
    return {"events": min(GRAPH_EVENTS, connection.execute(sa.select(sa.func.count()).select_from(events).where(*_where(f))).scalar() or 0),
            "nodes": sorted(nodes, key=lambda n: (-n["weight"], n["id"])),
            "edges": [{"source": e.source, "target": e.target, "weight": e.weight} for e in edges]}
