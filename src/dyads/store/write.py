"""Writing documents into the record, one transaction per batch, and keeping the merged
events in step with the reports (a document is in with all its facts, or not at all)."""

from __future__ import annotations

from collections import defaultdict
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
    event_pairs,
    events,
    mentions,
    quotes,
    reports,
    reviews,
)

_CHUNK = 500  # bound parameters per IN (...) list


@dataclass(slots=True)
class WriteResult:
    new: int = 0
    replaced: int = 0
    events_added: int = 0
    events_merged: int = 0
    copies: int = 0


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


# Actor comparisons an ingest keeps between batches (the same casts recur across documents),
# dropped when there are this many, so memory stays flat.
MEMO_LIMIT = 50_000


def write_batch(connection: Connection, batch: list[Prepared], replace: bool = False,
                memo: dict[tuple[str, str], bool] | None = None) -> WriteResult:
    """Store a batch of prepared documents and recompute the events they touch. Documents
    already stored are skipped (another ingest may have written them meanwhile), or with
    `replace` re-extracted: their old rows go first. One statement per table and batch."""
    result = WriteResult()
    present = existing_documents(connection, [p.document["id"] for p in batch])
    touched: set[str] = set()
    fresh: dict[str, Prepared] = {}
    for prepared in batch:
        doc_id = prepared.document["id"]
        if doc_id in fresh:
            continue
        if doc_id in present:
            if not replace:
                continue
            touched |= _delete_document(connection, doc_id)
            result.replaced += 1
        else:
            result.new += 1
        fresh[doc_id] = prepared
    if not fresh:
        return result
    docs = list(fresh.values())
    _insert_ignore(connection, entities, _unique([e for p in docs for e in p.entities], "key"))
    _insert_ignore(connection, entity_names, _unique([n for p in docs for n in p.names], ("name", "entity_key")))
    connection.execute(documents.insert(), [{**p.document, "minhash": p.minhash} for p in docs])
    for table, rows in ((mentions, [m for p in docs for m in p.mentions]), (reports, [r for p in docs for r in p.reports]),
                        (quotes, [q for p in docs for q in p.quotes]),
                        (doc_bands, [{"band": b, "hash": h, "document_id": p.document["id"]} for p in docs for b, h in p.bands])):
        if rows:
            connection.execute(table.insert(), rows)
    dirty = set(touched)  # blocks whose stored reports changed other than by addition
    touched |= {r["block"] for p in docs for r in p.reports}
    copy_blocks, result.copies = _link_copies(connection, docs)
    touched |= copy_blocks
    dirty |= copy_blocks
    added: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for p in docs:
        for r in p.reports:
            added[r["block"]].append({**{k: r[k] for k in _REPORT_FIELDS}, "copy_group": p.document["copy_group"]})
    outcome = recompute_blocks(connection, touched, memo=memo, added=added, dirty=dirty)
    result.events_added = len(outcome.created)
    result.events_merged = outcome.merged
    return result


def _unique(rows: list[dict[str, Any]], key: str | tuple[str, ...]) -> list[dict[str, Any]]:
    keys = (key,) if isinstance(key, str) else key
    return list({tuple(row[k] for k in keys): row for row in rows}.values())


def _link_copies(connection: Connection, docs: list[Prepared]) -> tuple[set[str], int]:
    """Find the new documents' syndicated copies through the LSH bands (one lookup for the
    batch); a group is named by its smallest document id, so it does not depend on which
    copy came first. Returns the blocks to recompute and the number of copies found."""
    sharing: dict[tuple[int, int], set[str]] = defaultdict(set)
    by_band: dict[int, set[int]] = defaultdict(set)
    for p in docs:
        for band, value in p.bands:
            by_band[band].add(value)
    for band, values in sorted(by_band.items()):
        ordered = sorted(values)
        for i in range(0, len(ordered), _CHUNK):  # one band at a time: the primary key's index serves it
            for doc_id, value in connection.execute(
                    sa.select(doc_bands.c.document_id, doc_bands.c.hash)
                    .where(doc_bands.c.band == band, doc_bands.c.hash.in_(ordered[i:i + _CHUNK]))).all():
                sharing[(band, value)].add(doc_id)
    blocks: set[str] = set()
    found = 0
    for prepared in docs:
        doc_id = prepared.document["id"]
        candidates = sorted({d for pair in prepared.bands for d in sharing.get(pair, ())} - {doc_id})
        if not candidates:
            continue
        own = copies.from_bytes(prepared.minhash)
        groups = {group for _, data, group in connection.execute(
            sa.select(documents.c.id, documents.c.minhash, documents.c.copy_group)
            .where(documents.c.id.in_(candidates))).all() if copies.are_copies(own, copies.from_bytes(data))}
        own_group = connection.execute(sa.select(documents.c.copy_group).where(documents.c.id == doc_id)).scalar()
        if not groups - {own_group}:
            continue  # none, or already joined by a copy earlier in this batch
        found += 1
        groups.add(own_group)
        name = min(groups)
        connection.execute(documents.update().where(documents.c.copy_group.in_(sorted(groups))).values(copy_group=name))
        members = sa.select(documents.c.id).where(documents.c.copy_group == name)
        blocks |= set(connection.execute(
            sa.select(reports.c.block).where(reports.c.document_id.in_(members)).distinct()).scalars())
    return blocks, found


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
    recompute_blocks(connection, _delete_document(connection, doc_id))
    return True


_REPORT_FIELDS = ("id", "document_id", "event_id", "type", "mode", "context", "status", "date", "date_text", "location",
                  "location_chain", "actors", "amounts", "quote", "confidence")


@dataclass(slots=True)
class Recomputed:
    created: set[str] = field(default_factory=set)  # events that were not there before
    merged: int = 0  # added reports that share their event with another document


def recompute_blocks(connection: Connection, blocks: set[str], memo: dict[tuple[str, str], bool] | None = None,
                     added: dict[str, list[dict[str, Any]]] | None = None, dirty: set[str] = frozenset()) -> Recomputed:
    """Bring the blocks' events in step with their reports, rewriting only the events that
    changed. A block that only gained reports (`added`, from new documents) and holds no
    reviewer's decision takes them into its events' shells when that is exact (`merge.place`),
    and only the events that take a report read their makings; otherwise its reports are read
    and clustered again. Blocks are taken one at a time and nothing is kept between batches
    but `memo` (actor comparisons, capped), so memory holds one block's shells or reports
    however large the record grows; the rows are written together at the end."""
    added = added or {}
    ordered = sorted(blocks)
    new_ids = {r["id"] for rows in added.values() for r in rows}
    decisions = _decisions(connection, ordered)
    decided = {r["block"] for ds in decisions.values() for r in ds}
    links = [d for ds in decisions.values() for d in ds if d["action"] in ("merge", "split")]
    apart = frozenset(_latest_splits(links))
    together = [(a, b) for d in links if d["action"] == "merge" for a in d["changes"]["members"]
                for b in d["changes"]["with"] if a not in apart and b not in apart]
    memo = {} if memo is None else memo
    if len(memo) > MEMO_LIMIT:
        memo.clear()
    outcome = Recomputed()
    change = _Changes()
    for block in ordered:
        wanted = block in added and block not in dirty and block not in decided
        existing, shells = _block_shells(connection, block, wanted)
        found = None
        if wanted and shells is not None:
            found = _place(connection, block, shells, added[block], existing, memo, change, outcome)
        if found is None:
            found = _recluster(block, _block_reports(connection, block), existing, decisions, apart, together,
                               new_ids, memo, change, outcome)
        outcome.created |= {c.event_id for c in found} - set(existing)
    change.apply(connection)
    return outcome


def _block_shells(connection: Connection, block: str, wanted: bool) -> tuple[dict[str, str], list[merge.Cluster] | None]:
    """The block's events (id -> signature) and, if `wanted`, their shells (None if an event
    predates them)."""
    columns = [events.c.id, events.c.signature] + ([events.c.shell] if wanted else [])
    rows = connection.execute(sa.select(*columns).where(events.c.block == block)).all()
    existing = {row[0]: row[1] for row in rows}
    if not wanted or any(row[2] is None for row in rows):
        return existing, None
    return existing, [merge.Cluster.from_state(row[2]) for row in rows]


def _place(connection: Connection, block: str, clusters: list[merge.Cluster], new: list[dict[str, Any]],
           existing: dict[str, str], memo: dict[tuple[str, str], bool], change: _Changes,
           outcome: Recomputed) -> list[merge.Cluster] | None:
    before = {id(c): c.event_id for c in clusters}
    homes: dict[str, merge.Cluster] = {}
    found = merge.place(clusters, new, memo, homes)
    if found is None:
        return None
    waiting = {before[id(c)]: c for c in found if c.pending}
    for event_id, makings in _makings(connection, sorted(waiting)):
        if makings is not None:
            waiting[event_id].fill(makings)
    if any(c.pending for c in found):
        return None  # an event without its makings: cluster the block from its reports
    for c in found:
        old = before.get(id(c))
        if not c.complete or (old == c.event_id and existing.get(old) == c.signature):
            continue  # a shell no report joined
        if old is not None and old != c.event_id:
            change.renamed.append({"old": old, "new": c.event_id})
        if old is not None:
            change.stale.append(old)
        change.write(merge.merged_event(c), c, block)
    change.assign += [{"rid": rid, "eid": c.event_id} for rid, c in homes.items()]
    outcome.merged += sum(1 for c in homes.values() if c.size > 1)
    return found


def _makings(connection: Connection, ids: list[str]) -> list[tuple[str, dict[str, Any] | None]]:
    found: list[tuple[str, dict[str, Any] | None]] = []
    for i in range(0, len(ids), _CHUNK):
        found += connection.execute(sa.select(events.c.id, events.c.state).where(events.c.id.in_(ids[i:i + _CHUNK]))).all()
    return found


def _recluster(block: str, rows: list[dict[str, Any]], existing: dict[str, str],
               decisions: dict[str, list[dict[str, Any]]], apart: frozenset[str], together: list[tuple[str, str]],
               new_ids: set[str], memo: dict[tuple[str, str], bool], change: _Changes,
               outcome: Recomputed) -> list[merge.Cluster]:
    found = merge.cluster(rows, apart=apart, together=together, memo=memo)
    keep = set()
    for c in found:
        event_id = c.event_id
        judged = sorted((d for m in c.members for d in decisions.get(m["id"], ())
                         if d["action"] in ("accept", "reject", "correct")), key=lambda d: d["id"])
        keep.add(event_id)
        change.assign += [{"rid": m["id"], "eid": event_id} for m in c.members if m["event_id"] != event_id]
        if len(c.documents) > 1:
            outcome.merged += sum(1 for m in c.members if m["id"] in new_ids)
        if existing.get(event_id) == merge.signature(c, judged):
            continue
        if event_id in existing:
            change.stale.append(event_id)
        change.write(merge.merged_event(c, judged), c, block)
    change.stale += sorted(set(existing) - keep)
    return found


@dataclass(slots=True)
class _Changes:
    """The rows one recomputation writes, gathered to be written in a few statements."""

    stale: list[str] = field(default_factory=list)  # events to delete (or rewrite)
    renamed: list[dict[str, str]] = field(default_factory=list)  # an event's id changed: its reports follow
    assign: list[dict[str, str]] = field(default_factory=list)  # report -> event
    events: list[dict[str, Any]] = field(default_factory=list)
    actors: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[dict[str, Any]] = field(default_factory=list)

    def write(self, event: dict[str, Any], found: merge.Cluster, block: str) -> None:
        shell, makings = merge.split_state(found.state())
        self.events.append({**{k: event[k] for k in _EVENT_FIELDS}, "block": block, "shell": shell, "state": makings})
        self.actors += _actor_rows(event)
        self.pairs += _pair_rows(event)

    def apply(self, connection: Connection) -> None:
        stale = sorted(set(self.stale))
        for i in range(0, len(stale), _CHUNK):
            part = stale[i:i + _CHUNK]
            connection.execute(event_actors.delete().where(event_actors.c.event_id.in_(part)))
            connection.execute(event_pairs.delete().where(event_pairs.c.event_id.in_(part)))
            connection.execute(events.delete().where(events.c.id.in_(part)))
        if self.events:
            connection.execute(events.insert(), self.events)
            connection.execute(event_actors.insert(), self.actors)
            if self.pairs:
                connection.execute(event_pairs.insert(), self.pairs)
        if self.renamed:
            connection.execute(reports.update().where(reports.c.event_id == sa.bindparam("old"))
                               .values(event_id=sa.bindparam("new")), self.renamed)
        if self.assign:
            connection.execute(reports.update().where(reports.c.id == sa.bindparam("rid"))
                               .values(event_id=sa.bindparam("eid")), self.assign)


def _decisions(connection: Connection, blocks: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Report id -> the reviews naming it (each with its report's block), oldest first."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for i in range(0, len(blocks), _CHUNK):
        for row in connection.execute(
                sa.select(reviews, reports.c.block).join(reports, reports.c.id == reviews.c.report_id)
                .where(reports.c.block.in_(blocks[i:i + _CHUNK])).order_by(reviews.c.id)).mappings():
            found[row["report_id"]].append(dict(row))
    return found


def _block_reports(connection: Connection, block: str) -> list[dict[str, Any]]:
    return [{k: row[k] for k in (*_REPORT_FIELDS, "copy_group")} for row in connection.execute(
        sa.select(*[reports.c[name] for name in _REPORT_FIELDS], documents.c.copy_group)
        .join(documents, documents.c.id == reports.c.document_id).where(reports.c.block == block)).mappings()]


_EVENT_FIELDS = ("id", "signature", "type", "mode", "context", "status", "date", "date_text", "location", "amounts",
                 "quote", "confidence", "sources", "reports", "review")


def _pair_rows(event: dict[str, Any]) -> list[dict[str, Any]]:
    """(acting side, receiving side) pairs of the event's actors; participants are both."""
    acting = {a["chain"][-1] for a in event["actors"] if a["role"] in ("source", "participant")}
    receiving = {a["chain"][-1] for a in event["actors"] if a["role"] in ("target", "participant")}
    return [{"event_id": event["id"], "source_side": s, "target_side": t, "type": event["type"], "mode": event["mode"],
             "status": event["status"], "date": event["date"]} for s in sorted(acting) for t in sorted(receiving) if s != t]


def _latest_splits(links: list[dict[str, Any]]) -> set[str]:
    """Reports whose latest link decision split them off (a later merge undoes a split)."""
    state: dict[str, str] = {}
    for decision in sorted(links, key=lambda d: d["id"]):
        if decision["action"] == "merge":
            for report in (*decision["changes"]["members"], *decision["changes"]["with"]):
                state[report] = "merge"
        else:
            state[decision["report_id"]] = decision["action"]
    return {report for report, action in state.items() if action == "split"}


def _actor_rows(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The event's actors, then the bodies and states they act for."""
    rows: dict[str, dict[str, Any]] = {}
    for position, actor in enumerate(event["actors"]):
        rows[actor["key"]] = {"event_id": event["id"], "entity_key": actor["key"], "role": actor["role"],
                              "direct": True, "position": position, "side": actor["chain"][-1]}
    for position, actor in enumerate(event["actors"]):
        for key in actor["chain"][1:]:
            rows.setdefault(key, {"event_id": event["id"], "entity_key": key, "role": actor["role"],
                                  "direct": False, "position": 1000 + position, "side": actor["chain"][-1]})
    return list(rows.values())
