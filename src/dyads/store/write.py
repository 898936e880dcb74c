"""Writing documents into the record, one transaction per batch, and keeping the merged
events in step with the reports (a document is in with all its facts, or not at all)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dyads.store import copies, merge
from dyads.store.records import Prepared
from dyads.store.tables import (
    doc_bands,
    documents,
    entities,
    entity_names,
    event_actors,
    events,
    mentions,
    quotes,
    reports,
)

_CHUNK = 500  # bound parameters per IN (...) list


@dataclass(slots=True)
class WriteResult:
    new: int = 0
    replaced: int = 0
    events_added: int = 0
    events_merged: int = 0
    copies: int = 0
    new_event_ids: set[str] = field(default_factory=set)


def _insert_ignore(connection: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Insert rows, leaving alone the ones whose key is already there (entities are shared)."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    connection.execute(insert(table).on_conflict_do_nothing(), rows)


def existing_documents(connection: Connection, ids: Iterable[str]) -> dict[str, str]:
    """id -> extractor version of the documents already in the record."""
    ids = list(ids)
    found: dict[str, str] = {}
    for i in range(0, len(ids), _CHUNK):
        part = ids[i:i + _CHUNK]
        found.update(connection.execute(
            sa.select(documents.c.id, documents.c.extractor).where(documents.c.id.in_(part))).all())
    return found


def write_batch(connection: Connection, batch: list[Prepared], replace: bool = False) -> WriteResult:
    """Store a batch of prepared documents and recompute the events they touch. Documents
    already stored are skipped (another ingest may have written them meanwhile), or with
    `replace` re-extracted: their old rows go first."""
    result = WriteResult()
    present = existing_documents(connection, [p.document["id"] for p in batch])
    touched: set[str] = set()
    for prepared in batch:
        doc_id = prepared.document["id"]
        if doc_id in present:
            if not replace:
                continue
            touched |= _delete_document(connection, doc_id)
            result.replaced += 1
        else:
            result.new += 1
        _insert_ignore(connection, entities, _unique(prepared.entities, "key"))
        _insert_ignore(connection, entity_names, prepared.names)
        connection.execute(documents.insert(), [{**prepared.document, "minhash": prepared.minhash}])
        if prepared.mentions:
            connection.execute(mentions.insert(), prepared.mentions)
        if prepared.reports:
            connection.execute(reports.insert(), prepared.reports)
        if prepared.quotes:
            connection.execute(quotes.insert(), prepared.quotes)
        group_touched, is_copy = _link_copies(connection, doc_id, prepared)
        touched |= group_touched
        result.copies += is_copy
        touched |= {r["block"] for r in prepared.reports}
    new_reports = {r["id"] for p in batch for r in p.reports}
    before = _event_ids(connection, touched)
    for block in sorted(touched):
        recompute_block(connection, block)
    after = _event_ids(connection, touched)
    result.new_event_ids = after - before
    result.events_added = len(result.new_event_ids)
    if new_reports:
        result.events_merged = _merged_count(connection, new_reports)
    return result


def _unique(rows: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    return list({row[key]: row for row in rows}.values())


def _link_copies(connection: Connection, doc_id: str, prepared: Prepared) -> tuple[set[str], bool]:
    """Find the document's syndicated copies through the LSH bands; the group is named by
    its smallest document id, so it does not depend on which copy came first."""
    bands = prepared.bands
    candidates: set[str] = set()
    condition = sa.or_(*[sa.and_(doc_bands.c.band == b, doc_bands.c.hash == h) for b, h in bands])
    if bands:
        candidates = set(connection.execute(sa.select(doc_bands.c.document_id).where(condition)).scalars())
        connection.execute(doc_bands.insert(), [{"band": b, "hash": h, "document_id": doc_id} for b, h in bands])
    candidates.discard(doc_id)
    if not candidates:
        return set(), False
    own = copies.from_bytes(prepared.minhash)
    groups = set()
    for other_id, other_hash, group in connection.execute(
            sa.select(documents.c.id, documents.c.minhash, documents.c.copy_group)
            .where(documents.c.id.in_(sorted(candidates)))):
        if copies.are_copies(own, copies.from_bytes(other_hash)):
            groups.add(group)
    if not groups:
        return set(), False
    name = min(groups | {doc_id})
    groups.add(doc_id)
    connection.execute(documents.update().where(documents.c.copy_group.in_(sorted(groups)))
                       .values(copy_group=name))
    members = sa.select(documents.c.id).where(documents.c.copy_group == name)
    blocks = set(connection.execute(
        sa.select(reports.c.block).where(reports.c.document_id.in_(members)).distinct()).scalars())
    return blocks, True


def _delete_document(connection: Connection, doc_id: str) -> set[str]:
    """Remove a document and all its facts; returns the blocks whose events must be
    recomputed, including those of copies that may now form a different group."""
    blocks = set(connection.execute(
        sa.select(reports.c.block).where(reports.c.document_id == doc_id).distinct()).scalars())
    group = connection.execute(sa.select(documents.c.copy_group).where(documents.c.id == doc_id)).scalar()
    connection.execute(documents.delete().where(documents.c.id == doc_id))
    if group is not None:
        blocks |= _regroup(connection, group)
    return blocks


def _regroup(connection: Connection, group: str) -> set[str]:
    """Re-form a copy group after one of its documents left: each remaining member starts
    alone and rejoins the copies it resembles."""
    rows = connection.execute(sa.select(documents.c.id, documents.c.minhash)
                              .where(documents.c.copy_group == group).order_by(documents.c.id)).all()
    if not rows:
        return set()
    hashes = {doc_id: copies.from_bytes(data) for doc_id, data in rows}
    names = {doc_id: doc_id for doc_id in hashes}
    ids = sorted(hashes)
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if copies.are_copies(hashes[a], hashes[b]):
                old, new = max(names[a], names[b]), min(names[a], names[b])
                for key, value in names.items():
                    if value == old:
                        names[key] = new
    for doc_id, name in names.items():
        connection.execute(documents.update().where(documents.c.id == doc_id).values(copy_group=name))
    return set(connection.execute(
        sa.select(reports.c.block).where(reports.c.document_id.in_(ids)).distinct()).scalars())


def forget_document(connection: Connection, doc_id: str) -> bool:
    exists = connection.execute(sa.select(documents.c.id).where(documents.c.id == doc_id)).scalar()
    if exists is None:
        return False
    for block in sorted(_delete_document(connection, doc_id)):
        recompute_block(connection, block)
    return True


def recompute_block(connection: Connection, block: str) -> None:
    """Re-cluster one block's reports and rewrite only the events that changed."""
    columns = [reports.c[name] for name in (
        "id", "document_id", "event_id", "type", "mode", "context", "status", "date", "date_text", "location",
        "location_chain", "actors", "amounts", "quote", "confidence")]
    rows = connection.execute(
        sa.select(*columns, documents.c.copy_group)
        .join(documents, documents.c.id == reports.c.document_id)
        .where(reports.c.block == block)).mappings().all()
    clusters = merge.cluster(dict(row) for row in rows)
    existing = dict(connection.execute(
        sa.select(events.c.id, events.c.signature).where(events.c.block == block)).all())
    keep: set[str] = set()
    for found in clusters:
        event_id = found.event_id
        keep.add(event_id)
        if existing.get(event_id) == found.signature:
            stale = [m["id"] for m in found.members if m["event_id"] != event_id]
            if stale:  # re-extracted reports of an unchanged event
                connection.execute(reports.update().where(reports.c.id.in_(stale)).values(event_id=event_id))
            continue
        event = merge.merged_event(found)
        if event_id in existing:
            connection.execute(events.delete().where(events.c.id == event_id))
        _insert_event(connection, block, event)
        connection.execute(reports.update().where(reports.c.id.in_(event["member_ids"])).values(event_id=event_id))
    gone = sorted(set(existing) - keep)
    for i in range(0, len(gone), _CHUNK):
        connection.execute(events.delete().where(events.c.id.in_(gone[i:i + _CHUNK])))


def _insert_event(connection: Connection, block: str, event: dict[str, Any]) -> None:
    row = {k: event[k] for k in ("id", "signature", "type", "mode", "context", "status", "date", "date_text",
                                  "location", "amounts", "quote", "confidence", "sources", "reports")}
    connection.execute(events.insert(), [{**row, "block": block}])
    actor_rows: dict[str, dict[str, Any]] = {}
    for position, actor in enumerate(event["actors"]):
        actor_rows[actor["key"]] = {"event_id": event["id"], "entity_key": actor["key"], "role": actor["role"],
                                    "direct": True, "position": position, "side": actor["chain"][-1]}
    for position, actor in enumerate(event["actors"]):
        for key in actor["chain"][1:]:
            actor_rows.setdefault(key, {"event_id": event["id"], "entity_key": key, "role": actor["role"],
                                        "direct": False, "position": 1000 + position,
                                        "side": actor["chain"][-1]})
    connection.execute(event_actors.insert(), list(actor_rows.values()))


def _event_ids(connection: Connection, blocks: set[str]) -> set[str]:
    found: set[str] = set()
    ordered = sorted(blocks)
    for i in range(0, len(ordered), _CHUNK):
        found |= set(connection.execute(sa.select(events.c.id).where(events.c.block.in_(ordered[i:i + _CHUNK]))).scalars())
    return found


def _merged_count(connection: Connection, new_reports: set[str]) -> int:
    """New reports that joined an event another document also reports."""
    ordered = sorted(new_reports)
    count = 0
    for i in range(0, len(ordered), _CHUNK):
        part = ordered[i:i + _CHUNK]
        event_ids = sa.select(reports.c.event_id).where(reports.c.id.in_(part))
        shared = (sa.select(reports.c.event_id).where(reports.c.event_id.in_(event_ids))
                  .group_by(reports.c.event_id).having(sa.func.count(sa.distinct(reports.c.document_id)) > 1))
        count += connection.execute(sa.select(sa.func.count()).select_from(reports)
                                    .where(reports.c.id.in_(part), reports.c.event_id.in_(shared))).scalar() or 0
    return count
