"""Reading the record: filtered events as contract §4 objects, dyad timelines, entities and
statistics. Every function takes a connection and returns plain data; the CLI and the HTTP
API print or serve it."""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dyads.errors import DyadsError
from dyads.store.tables import (
    documents,
    entities,
    event_actors,
    event_pairs,
    events,
    reports,
)
from dyads.vocabulary import ALL_MODES, CONTEXTS, STATUSES, TYPES, checked

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
RETURN_VISIT_YEARS = 5
REPLY_YEARS = 2


@dataclass(slots=True)
class EventFilter:
    """The CLI's and the API's filters; entity filters hold record keys (any of them matches)."""

    actors: list[tuple[str, ...]] = field(default_factory=list)  # every group must take part
    between: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    types: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    since: str | None = None
    until: str | None = None
    countries: list[str] = field(default_factory=list)
    status: str | None = None
    min_sources: int | None = None
    text: str | None = None  # words in an actor's name or a source's evidence
    include_rejected: bool = False  # events a reviewer rejected are left out unless asked

    def __post_init__(self) -> None:
        for option, value in (("--since", self.since), ("--until", self.until)):
            if value is not None and not valid_date(value):
                raise DyadsError("E097", value=value, option=option)
        # a value outside the vocabulary would find nothing: say so (E103) instead
        self.types = checked("--type", self.types, TYPES, upper=True)
        self.modes = checked("--mode", self.modes, ALL_MODES)
        self.contexts = checked("--context", self.contexts, CONTEXTS)
        if self.status is not None:
            self.status = checked("--status", [self.status], STATUSES)[0]


def like_literal(text: str) -> str:
    """`text` matched literally inside a LIKE pattern (with ESCAPE '\\'): a user's `%` or
    `_` is a character, not a wildcard."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def valid_date(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real year, month or day."""
    if not _DATE.match(value):
        return False
    try:
        datetime.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return False
    return True


def _involving(keys: tuple[str, ...]) -> sa.ColumnElement[bool]:
    return events.c.id.in_(sa.select(event_actors.c.event_id).where(event_actors.c.entity_key.in_(keys)))


def _where(f: EventFilter) -> list[sa.ColumnElement[bool]]:
    clauses: list[sa.ColumnElement[bool]] = []
    for keys in f.actors:
        clauses.append(_involving(keys))
    if f.between:
        clauses += [_involving(f.between[0]), _involving(f.between[1])]
    if f.types:
        clauses.append(events.c.type.in_(f.types))
    if f.modes:
        clauses.append(events.c.mode.in_(f.modes))
    for context in f.contexts:
        clauses.append(sa.cast(events.c.context, sa.Text).like(f'%"{like_literal(context)}"%', escape="\\"))
    if f.since:
        clauses.append(events.c.date >= f.since)
    if f.until:
        clauses.append(events.c.date <= f.until + "~")  # "2024-02~" sorts after every day of February
    for country in f.countries:
        clauses.append(_involving((country.upper(),)))
    if f.status:
        clauses.append(events.c.status == f.status)
    if f.min_sources:
        clauses.append(events.c.sources >= f.min_sources)
    if f.text:
        pattern = "%" + like_literal(f.text.strip()) + "%"
        names = entities.c.name.ilike(pattern, escape="\\")
        evidence = reports.c.evidence.ilike(pattern, escape="\\")
        if clauses:  # other filters narrow the events first: check each one (correlated EXISTS)
            named = sa.exists().where(event_actors.c.event_id == events.c.id, event_actors.c.entity_key == entities.c.key, names)
            told = sa.exists().where(reports.c.event_id == events.c.id, evidence)
            clauses.append(sa.or_(named, told))
        else:  # the words alone: collect the matching events once
            named = sa.select(event_actors.c.event_id).where(event_actors.c.entity_key.in_(sa.select(entities.c.key).where(names)))
            clauses.append(sa.or_(events.c.id.in_(named), events.c.id.in_(sa.select(reports.c.event_id).where(evidence))))
    if not f.include_rejected:
        clauses.append(events.c.review.is_distinct_from("rejected"))
    return clauses


def count_events(connection: Connection, f: EventFilter) -> int:
    return connection.execute(sa.select(sa.func.count()).select_from(events).where(*_where(f))).scalar() or 0


def find_events(connection: Connection, f: EventFilter, limit: int | None = None, offset: int = 0,
                order: str = "date") -> list[dict[str, Any]]:
    """Matching events, sorted by date string then id (contract §4), as §4 objects."""
    # NULL dates sort first, as "" would: the plain column lets the date index serve the order
    sort = {"date": (events.c.date.asc().nulls_first(), events.c.id),
            "-date": (events.c.date.desc().nulls_last(), events.c.id.desc()),
            "confidence": (events.c.confidence, events.c.id),
            "-sources": (events.c.sources.desc(), events.c.id)}[order]
    query = sa.select(events.c.id).where(*_where(f)).order_by(*sort)
    if limit is not None:
        query = query.limit(limit).offset(offset)
    ids = list(connection.execute(query).scalars())
    return render(connection, ids)


def render(connection: Connection, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    rows = {r.id: r for r in connection.execute(sa.select(events).where(events.c.id.in_(ids))).all()}
    actors = _actors(connection, ids)
    sources = _sources(connection, ids)
    places = _entities(connection, {r.location for r in rows.values() if r.location}
                       | {r.quote["speaker"] for r in rows.values() if r.quote and r.quote.get("speaker")})
    related = _related(connection, [rows[i] for i in ids if i in rows], actors)
    out = []
    for event_id in ids:
        row = rows.get(event_id)
        if row is None:
            continue
        quote = None
        if row.quote:
            speaker = places.get(row.quote.get("speaker") or "")
            quote = {"speaker": speaker["name"] if speaker else None, "text": row.quote["text"]}
        out.append({
            "id": row.id, "type": row.type, "mode": row.mode, "context": list(row.context),
            "status": row.status, "date": row.date, "date_text": row.date_text,
            "actors": [{k: a[k] for k in ("id", "name", "wikidata", "country", "role")} for a in actors.get(event_id, [])],
            "location": places.get(row.location) if row.location else None,
            "amounts": list(row.amounts), "quote": quote, "confidence": row.confidence,
            "sources": sources.get(event_id, []), "related": related.get(event_id, []),
        })
    return out


def _entities(connection: Connection, keys: set[str]) -> dict[str, dict[str, Any]]:
    if not keys:
        return {}
    return {r.key: {"id": r.key, "name": r.name, "wikidata": r.wikidata, "country": r.country}
            for r in connection.execute(sa.select(entities).where(entities.c.key.in_(sorted(keys)))).all()}


def _actors(connection: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    query = (sa.select(event_actors.c.event_id, event_actors.c.role, event_actors.c.side, entities)
             .join(entities, entities.c.key == event_actors.c.entity_key)
             .where(event_actors.c.event_id.in_(ids), event_actors.c.direct.is_(True))
             .order_by(event_actors.c.event_id, event_actors.c.position))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in connection.execute(query).all():
        out[r.event_id].append({"id": r.key, "name": r.name, "wikidata": r.wikidata, "country": r.country,
                                "role": r.role, "side": r.side, "type": r.type})
    return out


def _sources(connection: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """One source per copy group (the smallest document id of the group reporting it)."""
    query = (sa.select(reports.c.event_id, reports.c.id.label("report"), documents.c.id, documents.c.path,
                       documents.c.language, documents.c.published, documents.c.copy_group, reports.c.evidence)
             .join(documents, documents.c.id == reports.c.document_id)
             .where(reports.c.event_id.in_(ids)).order_by(reports.c.event_id, documents.c.id))
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for r in connection.execute(query).all():
        if (r.event_id, r.copy_group) in seen:
            continue
        seen.add((r.event_id, r.copy_group))
        out[r.event_id].append({"document": r.id, "path": r.path, "language": r.language,
                                "published": r.published, "evidence": r.evidence})
    return out


def _related(connection: Connection, rows: list[Any], actors: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """A visit returns the latest earlier visit the other way round, unless a visit this way
    came between (visits pair one to one); a refusal replies to the latest request it
    answers (the refuser was asked, the asker refused). A few indexed queries per event."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if not row.date or row.status != "occurred":
            continue
        if (row.type, row.mode) == ("CONSULT", "visit"):
            kind, years, relation = ("CONSULT", "visit"), RETURN_VISIT_YEARS, "return-visit-of"
        elif row.type == "REJECT":
            kind, years, relation = ("REQUEST", None), REPLY_YEARS, "reply-to"
        else:
            continue
        own = _parties(actors.get(row.id, []))
        if not own[0] or not own[1]:
            continue
        floor = f"{int(row.date[:4]) - years:04d}"
        # strictly earlier at the common precision; a refusal may answer a request of the same day
        date = event_pairs.c.date
        before = date <= row.date + "~" if relation == "reply-to" else date < row.date[:7]
        if relation == "return-visit-of" and len(row.date) == 10:
            before = sa.or_(date < row.date[:7], sa.and_(sa.func.length(date) == 10, date < row.date))
        earlier = _directed(kind, own[1], own[0], [before, date >= floor, event_pairs.c.event_id != row.id])
        found = connection.execute(earlier.distinct().order_by(date.desc(), event_pairs.c.event_id.desc()).limit(10)).all()
        parties = _actors(connection, [c.id for c in found]) if found else {}
        keys = _keys(connection, [row.id, *(c.id for c in found)]) if found else {}
        best = next((c for c in found if not own[0] & _parties(parties.get(c.id, []))[0]
                     and _answers(keys.get(row.id), keys.get(c.id))), None)
        if best is None:
            continue
        if relation == "return-visit-of":
            between = _directed(kind, own[0], own[1], [event_pairs.c.date > best.date, event_pairs.c.date < row.date,
                                                        event_pairs.c.event_id != row.id])
            if connection.execute(between.limit(1)).first() is not None:
                continue  # that visit was already returned
        out[row.id] = [{"event": best.id, "relation": relation}]
    return out


def _keys(connection: Connection, ids: list[str]) -> dict[str, tuple[set[str], set[str], set[str], set[str]]]:
    """Per event: (acting actors, acting actors with the bodies and states they act for,
    receiving actors, receiving with theirs)."""
    out: dict[str, tuple[set[str], set[str], set[str], set[str]]] = {}
    for event_id, key, role, direct in connection.execute(
            sa.select(event_actors.c.event_id, event_actors.c.entity_key, event_actors.c.role, event_actors.c.direct)
            .where(event_actors.c.event_id.in_(ids))).all():
        sets = out.setdefault(event_id, (set(), set(), set(), set()))
        if role in ("source", "participant"):
            sets[1].add(key)
            if direct:
                sets[0].add(key)
        if role in ("target", "participant"):
            sets[3].add(key)
            if direct:
                sets[2].add(key)
    return out


def _answers(later: Any, earlier: Any) -> bool:
    """Whether the later act answers the earlier one person to person or body to body: the
    later actor is (or acts for, or is acted for by) whom the earlier one went to, and the
    later one goes to the earlier actor's side. Stoltenberg's visit to Seoul is not returned by
    a Korean general's call on the NATO Military Committee; Rob Bauer's visit, as chair of
    that committee, returns it."""
    if later is None or earlier is None:
        return False

    def meet(direct_a: set[str], all_a: set[str], direct_b: set[str], all_b: set[str]) -> bool:
        return bool(direct_a & all_b or direct_b & all_a)

    return meet(later[0], later[1], earlier[2], earlier[3]) and meet(later[2], later[3], earlier[0], earlier[1])


def _directed(kind: tuple[str, str | None], sources: set[str], targets: set[str], conditions: list[Any]) -> sa.Select:
    """Occurred events of a kind with an acting party on one of `sources` and a receiving
    party on one of `targets`: a range scan of the event_pairs index."""
    query = sa.select(event_pairs.c.event_id.label("id"), event_pairs.c.date).where(
        event_pairs.c.type == kind[0], event_pairs.c.source_side.in_(sorted(sources)),
        event_pairs.c.target_side.in_(sorted(targets)), event_pairs.c.status == "occurred",
        event_pairs.c.date.is_not(None), *conditions)
    return query.where(event_pairs.c.mode == kind[1]) if kind[1] else query


def _parties(actors: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
    """(sides of the sources, sides of the targets); participants count on both."""
    source = {a["side"] for a in actors if a["role"] in ("source", "participant")}
    target = {a["side"] for a in actors if a["role"] in ("target", "participant")}
    return source, target


def stats(connection: Connection) -> dict[str, Any]:
    month = sa.func.substr(sa.func.coalesce(documents.c.published, "unknown"), 1, 7)
    by_language_month = [
        {"language": r[0], "month": r[1], "documents": r[2]}
        for r in connection.execute(sa.select(documents.c.language, month, sa.func.count())
                                    .group_by(documents.c.language, month).order_by(documents.c.language, month)).all()]
    by_type = [{"type": r[0], "mode": r[1], "events": r[2]}
               for r in connection.execute(sa.select(events.c.type, events.c.mode, sa.func.count())
                                           .group_by(events.c.type, events.c.mode)
                                           .order_by(events.c.type, events.c.mode)).all()]
    totals = {name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar()
              for name, table in (("documents", documents), ("events", events), ("reports", reports),
                                  ("entities", entities))}
    return {"totals": totals, "documents_by_language_month": by_language_month, "events_by_type": by_type}


def entity_profile(connection: Connection, keys: tuple[str, ...], limit: int = 50) -> dict[str, Any]:
    """Who or what it is, with whom it engaged (counted in SQL) and its latest events."""
    rows = connection.execute(sa.select(entities).where(entities.c.key.in_(keys))).all()
    mine, other = event_actors.alias("mine"), event_actors.alias("other")
    n = sa.func.count(sa.distinct(other.c.event_id)).label("n")
    counted = connection.execute(
        sa.select(other.c.entity_key, entities.c.name, n)
        .select_from(mine)
        .join(other, sa.and_(other.c.event_id == mine.c.event_id, other.c.direct.is_(True), other.c.entity_key.not_in(keys)))
        .join(entities, entities.c.key == other.c.entity_key)
        .where(mine.c.entity_key.in_(keys))
        .group_by(other.c.entity_key, entities.c.name).order_by(sa.desc("n"), other.c.entity_key).limit(20)).all()
    involved = sa.select(event_actors.c.event_id).where(event_actors.c.entity_key.in_(keys))
    total = connection.execute(sa.select(sa.func.count()).select_from(events).where(events.c.id.in_(involved))).scalar()
    ids = list(connection.execute(sa.select(events.c.id).where(events.c.id.in_(involved))
                                  .order_by(sa.func.coalesce(events.c.date, "").desc(), events.c.id).limit(limit)).scalars())
    return {
        "entities": [{"id": r.key, "name": r.name, "type": r.type, "wikidata": r.wikidata, "country": r.country} for r in rows],
        "counterparts": [{"id": r.entity_key, "name": r.name, "events": r.n} for r in counted],
        "events_total": total,
        "events": render(connection, ids),
    }
