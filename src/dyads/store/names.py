"""Names typed by a user ("Korea Selatan", "韓国", "KOR", "Q884", "Shin Won-sik") resolved
to the record's entity keys, through the gazetteer in every language it knows and then
through every surface form the record has seen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dyads.errors import DyadsError
from dyads.gazetteer.model import Entry, Gazetteer
from dyads.store.query import EventFilter, entity_profile
from dyads.store.records import entity_key, normal_name
from dyads.store.tables import entities, entity_names


@dataclass(frozen=True, slots=True)
class Resolved:
    name: str  # canonical name to show
    keys: tuple[str, ...]  # record keys that name it (a person may be keyed by country variants)
    entry: Entry | None = None  # the gazetteer's entry, with roles and tenures


def resolve(connection: Connection, text: str, gazetteer: Gazetteer | Callable[[], Gazetteer],
            want_entry: bool = False) -> Resolved:
    """`gazetteer` may be a function that loads it: names the record knows by key or
    Wikidata id are resolved without it."""
    query = text.strip()
    row = connection.execute(sa.select(entities.c.key, entities.c.name)
                             .where(sa.or_(entities.c.key.in_([query, query.upper()]), entities.c.wikidata == query.upper()))
                             .order_by(entities.c.key)).first()
    if row is not None and not want_entry:
        return Resolved(row.name, (row.key,))
    if callable(gazetteer):
        gazetteer = gazetteer()
    if row is not None:
        return Resolved(row.name, (row.key,), _entry_for(row.key, row.name, gazetteer))
    found = _gazetteer_entries(query, gazetteer)
    if len(found) > 1:
        raise DyadsError("E096", name=text, choices=", ".join(sorted(e.name for e in found)))
    if found:
        entry = found[0]
        keys = {_store_key(entry)}
        keys |= set(connection.execute(
            sa.select(entity_names.c.entity_key).join(entities, entities.c.key == entity_names.c.entity_key)
            .where(entity_names.c.name == normal_name(entry.name), entities.c.type == entry.type)).scalars())
        return Resolved(entry.name, tuple(sorted(keys)), entry)
    keys = sorted(set(connection.execute(
        sa.select(entity_names.c.entity_key).where(entity_names.c.name == normal_name(query))).scalars()))
    if not keys:
        raise DyadsError("E095", name=text)
    names = dict(connection.execute(sa.select(entities.c.key, entities.c.name).where(entities.c.key.in_(keys))).all())
    if len(set(names.values())) > 1:
        raise DyadsError("E096", name=text, choices=", ".join(sorted(set(names.values()))))
    name = next(iter(names.values()))
    return Resolved(name, tuple(keys), _entry_for(keys[0], name, gazetteer))


def _gazetteer_entries(query: str, gazetteer: Gazetteer) -> list[Entry]:
    keys = list(gazetteer.surfaces.get(query, ()))
    if not keys:
        wanted = normal_name(query)
        keys = sorted({k for surface, ks in gazetteer.surfaces.items() if normal_name(surface) == wanted for k in ks})
    if not keys and query.lower() in gazetteer.entries:
        keys = [query.lower()]
    if not keys:  # a Wikidata id
        keys = [e.key for e in gazetteer.entries.values() if e.wikidata and e.wikidata == query.upper()]
    entries = [gazetteer.entries[k] for k in keys]
    if len(entries) > 1:  # a state and bodies sharing its name: the state is meant
        states = [e for e in entries if e.type == "country"]
        entries = states if len(states) == 1 else entries
    return entries


def _store_key(entry: Entry) -> str:
    return entity_key({"type": entry.type, "country": entry.country, "wikidata": entry.wikidata, "name": entry.name})


def _entry_for(key: str, name: str, gazetteer: Gazetteer) -> Entry | None:
    for entry_key in gazetteer.surfaces.get(name, ()):
        entry = gazetteer.entries[entry_key]
        if _store_key(entry) == key or entry.name == name:
            return entry
    return None


def named_filter(connection: Connection, gazetteer: Gazetteer | Callable[[], Gazetteer], *,
                 actors: list[str] = (), between: tuple[str, str] | list[str] | None = None,
                 countries: list[str] = (), **fields: Any) -> EventFilter:
    """An EventFilter from names as a user types them (the CLI's options, the API's query)."""
    def keys(name: str) -> tuple[str, ...]:
        return resolve(connection, name, gazetteer).keys

    states = []
    for name in countries:
        resolved = resolve(connection, name, gazetteer, want_entry=True)
        states.append(resolved.entry.country if resolved.entry and resolved.entry.country else resolved.keys[0])
    return EventFilter(actors=[keys(a) for a in actors], between=(keys(between[0]), keys(between[1])) if between else None,
                       countries=states, **fields)


def describe(connection: Connection, name: str, gazetteer: Gazetteer | Callable[[], Gazetteer]) -> dict[str, Any]:
    """Who or what a name is: identity, roles with tenures (gazetteer), counterparts and latest
    events (record)."""
    resolved = resolve(connection, name, gazetteer, want_entry=True)
    profile = entity_profile(connection, resolved.keys)
    entry = resolved.entry
    identity = profile["entities"][0] if profile["entities"] else {
        "id": resolved.keys[0], "type": entry.type if entry else None,
        "wikidata": entry.wikidata if entry else None, "country": entry.country if entry else None}
    roles = [{"title": r.title, "start": r.start, "end": r.end} for r in entry.roles] if entry else []
    return {**identity, "name": resolved.name, "roles": roles, "counterparts": profile["counterparts"],
            "events_total": profile["events_total"], "events": profile["events"]}
