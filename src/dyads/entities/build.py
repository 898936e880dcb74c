"""Stage 4, entities: mentions grouped by identity, each with its affiliation or the body it
is part of, its roles at the article's date (or, for a new person, the titles it was named
with), every surface form seen, a confidence, and the offices it was linked through."""

from __future__ import annotations

from typing import Any

from dyads.entities.mention import NEW, Mention
from dyads.entities.tenure import LinkedEntity
from dyads.gazetteer import Entry, Gazetteer


def build_entities(text: str, day: str | None, gazetteer: Gazetteer, mentions: list[Mention]) -> list[dict[str, Any]]:
    groups: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        groups.setdefault(mention.key, []).append(mention)
    ids = {key: f"e{i}" for i, key in enumerate(groups, start=1)}
    entities: list[dict[str, Any]] = []
    for key, group in groups.items():
        aliases: dict[str, None] = {}
        for mention in group:
            aliases.setdefault(text[mention.start:mention.end], None)
            if mention.phrase:
                aliases.setdefault(text[mention.phrase[0]:mention.phrase[1]], None)
        entity = LinkedEntity({
            "id": ids[key],
            "name": None, "type": None, "wikidata": None, "country": None,
            "affiliation": None, "part_of": None, "roles": [],
            "aliases": list(aliases),
            "mentions": [{"start": m.start, "end": m.end} for m in group],
            "confidence": round(max(m.confidence for m in group), 2),
        }, offices=tuple(m.via for m in group if m.via is not None))
        if key.startswith(NEW):
            _new_person(entity, key, group, gazetteer, ids)
        else:
            entry = gazetteer[key]
            entity.update(name=entry.name, type=entry.type, wikidata=entry.wikidata, country=entry.country)
            if entry.type == "person":
                roles = entry.roles_on(day)
                entity["roles"] = list(dict.fromkeys(r.title for r in roles))
                entity["country"] = _person_country(entry, roles, gazetteer)
                entity["affiliation"] = _affiliation(entry, roles, gazetteer, ids)
            elif entry.type == "organization":
                entity["part_of"] = _first_present(entry.part_of, gazetteer, ids)
        entities.append(entity)
    return entities


def _new_person(entity: dict[str, Any], key: str, group: list[Mention], gazetteer: Gazetteer, ids: dict[str, str]) -> None:
    """A person the gazetteer does not know: the titles stated with them, and the state or
    body their title named (none for an international body's official)."""
    qualifier = next((m.qualifier for m in group if m.qualifier), None)
    entry = gazetteer.get(qualifier)
    entity.update(name=key[len(NEW):], type="person",
                  country=entry.country if entry else None,
                  affiliation=_first_present(qualifier, gazetteer, ids) if qualifier else None,
                  roles=list(dict.fromkeys(m.role for m in group if m.role)))


def _person_country(entry: Entry, roles: list, gazetteer: Gazetteer) -> str | None:
    """The state a person serves at the date: NATO's officials serve none."""
    for role in roles:
        organization = gazetteer.get(role.organization)
        if organization is not None:
            return organization.country
    return entry.country


def _first_present(key: str | None, gazetteer: Gazetteer, ids: dict[str, str]) -> str | None:
    """The id of `key` or of the nearest body above it that the text names."""
    steps = 0
    while key and steps < 10:
        if key in ids:
            return ids[key]
        entry = gazetteer.get(key)
        key = entry.part_of if entry else None
        steps += 1
    return None


def _affiliation(entry: Entry, roles: list, gazetteer: Gazetteer, ids: dict[str, str]) -> str | None:
    for role in roles:
        found = _first_present(role.organization, gazetteer, ids)
        if found:
            return found
    country = _person_country(entry, roles, gazetteer)
    return ids.get(country.lower()) if country else None
