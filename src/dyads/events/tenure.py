"""Stage 5b, tenure: nobody acts outside their time in office.

The linker resolves a title ("ketua Komite Militer NATO", "the South Korean defense
minister", "Menteri Pertahanan Singh") to its holder on the article's date. An act told with
that title may be older ("… kunjungan ketua Komite Militer ke Seoul pada Mei 2016"): once the
act has its own date, the title stands for whoever held the office then. When the gazetteer
names one holder for that day, the act takes that person (an entity of the document, added
if the text did not name them otherwise); when it names none or several, the act keeps the
body or state the title belongs to instead of the wrong person.
"""

from __future__ import annotations

from typing import Any

from dyads.entities.tenure import holder_for, offices_of, serves_on
from dyads.events.document import Candidate
from dyads.gazetteer import Entry, Gazetteer

CONFIDENCE = 0.6  # a holder found through an office and a date, not named by the text


def apply_tenure(text: str, candidates: list[Candidate], entities: list[dict[str, Any]], gazetteer: Gazetteer) -> None:
    by_id = {e["id"]: e for e in entities}
    for candidate in candidates:
        if not candidate.explicit_date or not candidate.date:
            continue
        for roles in (candidate.sources, candidate.targets):
            for index, actor in enumerate(list(roles)):
                replacement = _at_date(text, by_id.get(actor), candidate, entities, by_id, gazetteer)
                if replacement is not None and replacement != actor:
                    roles[index] = replacement
        candidate.sources = list(dict.fromkeys(candidate.sources))
        candidate.targets = [a for a in dict.fromkeys(candidate.targets) if a not in candidate.sources]


def _at_date(text: str, entity: dict[str, Any] | None, candidate: Candidate, entities: list[dict[str, Any]],
             by_id: dict[str, dict[str, Any]], gazetteer: Gazetteer) -> str | None:
    """The actor the act's date makes of an entity linked through an office in its sentence."""
    if entity is None:
        return None
    sentence = candidate.sentence
    for link in offices_of(entity):
        if not sentence.start <= link.start < sentence.end:
            continue
        person = gazetteer.get(link.key)
        if person is None or serves_on(person, candidate.date, link.office):
            return None
        holder = holder_for(gazetteer, link, candidate.date)
        if holder is not None:
            return _entity_for(text, holder, entity, link.start, link.end, candidate.date, entities, by_id)
        return entity.get("affiliation")
    return None


def _entity_for(text: str, holder: Entry, linked: dict[str, Any], start: int, end: int, day: str | None,
                entities: list[dict[str, Any]], by_id: dict[str, dict[str, Any]]) -> str:
    for entity in entities:
        if entity["type"] == "person" and entity["name"] == holder.name:
            if text[start:end] not in entity["aliases"]:
                entity["aliases"].append(text[start:end])
                entity["mentions"].append({"start": start, "end": end})
            return str(entity["id"])
    number = 1 + max((int(e["id"][1:]) for e in entities if e["id"][1:].isdigit()), default=0)
    entity = {
        "id": f"e{number}",
        "name": holder.name,
        "type": "person",
        "wikidata": holder.wikidata,
        "country": linked.get("country"),
        "affiliation": linked.get("affiliation"),
        "part_of": None,
        "roles": list(dict.fromkeys(role.title for role in holder.roles_on(day))),
        "aliases": [text[start:end]],
        "mentions": [{"start": start, "end": end}],
        "confidence": CONFIDENCE,
    }
    entities.append(entity)
    by_id[entity["id"]] = entity
    return str(entity["id"])
