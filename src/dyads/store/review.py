"""A human's decisions on events: accept, reject, correct, merge, split.

Each decision is stored with who made it and when, keyed to a report of the event (its
anchor), so it follows the event through re-clustering and re-extraction (`--reextract`
produces the same report ids for the same events) and is applied whenever the event's
block is recomputed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dyads.errors import DyadsError
from dyads.store.merge import CORRECTABLE
from dyads.store.query import render
from dyads.store.query import valid_date as _valid_date
from dyads.store.tables import entities, events, reports, reviews
from dyads.store.write import recompute_blocks

ACTIONS = ("accept", "reject", "correct")
ROLES = ("source", "target", "participant")


def _members(connection: Connection, event_id: str) -> list[Any]:
    rows = connection.execute(sa.select(reports.c.id, reports.c.block).where(reports.c.event_id == event_id)
                              .order_by(reports.c.id)).all()
    if not rows:
        raise DyadsError("E098", id=event_id)
    return rows


def _record(connection: Connection, event_id: str, report_id: str, action: str, changes: dict[str, Any],
            reviewer: str) -> None:
    connection.execute(reviews.insert().values(
        event_id=event_id, report_id=report_id, action=action, changes=changes, reviewer=reviewer,
        created_at=datetime.now(UTC).isoformat(timespec="seconds")))


def _event_of(connection: Connection, report_id: str) -> str:
    return connection.execute(sa.select(reports.c.event_id).where(reports.c.id == report_id)).scalar()


def decide(connection: Connection, event_id: str, action: str, reviewer: str,
           changes: dict[str, Any] | None = None) -> str:
    """Accept, reject or correct an event; returns its id afterwards."""
    if action not in ACTIONS:
        raise DyadsError("E100", detail=f"unknown action {action!r}; expected one of {', '.join(ACTIONS)}")
    members = _members(connection, event_id)
    cleaned = check_changes(connection, changes or {}) if action == "correct" else {}
    _record(connection, event_id, members[0].id, action, cleaned, reviewer)
    recompute_blocks(connection, {m.block for m in members})
    return _event_of(connection, members[0].id)


def merge(connection: Connection, event_id: str, other_id: str, reviewer: str) -> str:
    first, second = _members(connection, event_id), _members(connection, other_id)
    if first[0].block != second[0].block:
        raise DyadsError("E100", detail="only events of the same type, mode, status and month can be merged; correct one first")
    # every pair of reports is linked, so splitting one report off later keeps the others together
    _record(connection, event_id, first[0].id, "merge", {"members": [m.id for m in first], "with": [m.id for m in second]},
            reviewer)
    recompute_blocks(connection, {first[0].block})
    return _event_of(connection, first[0].id)


def split(connection: Connection, event_id: str, report_id: str, reviewer: str) -> str:
    """Take one report out of an event: it becomes an event of its own."""
    members = _members(connection, event_id)
    if report_id not in {m.id for m in members}:
        raise DyadsError("E100", detail=f"report {report_id!r} is not part of event {event_id}")
    if len(members) == 1:
        raise DyadsError("E100", detail="an event with one report cannot be split")
    _record(connection, event_id, report_id, "split", {}, reviewer)
    recompute_blocks(connection, {members[0].block})
    return _event_of(connection, report_id)


def check_changes(connection: Connection, changes: dict[str, Any]) -> dict[str, Any]:
    """A correction as stored: known fields only, valid values, actors resolved to keys."""
    unknown = set(changes) - set(CORRECTABLE)
    if unknown:
        raise DyadsError("E100", detail=f"cannot correct {', '.join(sorted(unknown))}; correctable: {', '.join(CORRECTABLE)}")
    out: dict[str, Any] = {}
    if "type" in changes:
        out["type"] = str(changes["type"]).upper()
    if "mode" in changes:
        out["mode"] = changes["mode"] or None
    if "status" in changes:
        if changes["status"] not in ("occurred", "planned"):
            raise DyadsError("E100", detail="status must be occurred or planned")
        out["status"] = changes["status"]
    if "date" in changes:
        if changes["date"] is not None and not _valid_date(str(changes["date"])):
            raise DyadsError("E100", detail=f"invalid date {changes['date']!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
        out["date"] = changes["date"]
    if "actors" in changes:
        actors = []
        for actor in changes["actors"]:
            key, role = actor.get("id"), actor.get("role", "participant")
            row = connection.execute(sa.select(entities).where(entities.c.key == key)).first()
            if row is None or role not in ROLES:
                raise DyadsError("E100", detail=f"unknown actor {key!r} or role {role!r}")
            chain = [row.key] + ([row.country] if row.country and row.country != row.key else [])
            actors.append({"key": row.key, "role": role, "chain": chain})
        if not actors:
            raise DyadsError("E100", detail="an event needs at least one actor")
        out["actors"] = actors
    return out


def queue(connection: Connection, limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events nobody has reviewed yet, single-source and low-confidence first."""
    pending = events.c.review.is_(None)
    total = connection.execute(sa.select(sa.func.count()).select_from(events).where(pending)).scalar() or 0
    ids = list(connection.execute(sa.select(events.c.id).where(pending)
                                  .order_by(events.c.sources, events.c.confidence, events.c.id)
                                  .limit(limit).offset(offset)).scalars())
    return render(connection, ids), total


def history(connection: Connection, event_id: str) -> list[dict[str, Any]]:
    """Every decision on the event's reports, oldest first."""
    members = sa.select(reports.c.id).where(reports.c.event_id == event_id)
    rows = connection.execute(sa.select(reviews).where(sa.or_(reviews.c.report_id.in_(members),
                                                              reviews.c.event_id == event_id))
                              .order_by(reviews.c.id)).mappings().all()
    return [{k: row[k] for k in ("id", "action", "changes", "reviewer", "created_at", "report_id")} for row in rows]
