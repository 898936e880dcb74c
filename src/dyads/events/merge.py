"""Stage 6, in-document merge: reports of one real-world event become one event."""

from __future__ import annotations

from typing import Any

from dyads.events.document import Candidate


def covers(doc_entities: dict[str, dict[str, Any]], a: str, b: str) -> bool:
    """Whether actor `a` stands for `b`: the same, or `b` its state or a body above it."""
    if a == b:
        return True
    ea, eb = doc_entities.get(a), doc_entities.get(b)
    if not ea or not eb:
        return False
    if eb["type"] == "country" and ea.get("country") == eb.get("country"):
        return True
    seen, current = 0, ea.get("affiliation") or ea.get("part_of")
    while current and seen < 6:
        if current == b:
            return True
        entity = doc_entities.get(current, {})
        current, seen = entity.get("part_of"), seen + 1
    return False


def compatible_dates(a: Candidate, b: Candidate) -> bool:
    if not a.explicit_date and not b.explicit_date:
        return True
    x, y = a.date or "", b.date or ""
    return x.startswith(y) or y.startswith(x)


class Merger:
    def __init__(self, entities: dict[str, dict[str, Any]]) -> None:
        self.entities = entities

    def compatible_actors(self, a: Candidate, b: Candidate) -> bool:
        small, big = sorted((a.actors, b.actors), key=len)
        if not small:
            return False
        return all(any(covers(self.entities, x, y) or covers(self.entities, y, x) for x in big) for y in small)

    def people_conflict(self, a: Candidate, b: Candidate) -> bool:
        """Each names someone the other does not: two meetings, not one."""
        people_a = {x for x in a.actors if self.entities.get(x, {}).get("type") == "person"}
        people_b = {x for x in b.actors if self.entities.get(x, {}).get("type") == "person"}
        return bool(people_a - people_b) and bool(people_b - people_a)

    def same(self, a: Candidate, b: Candidate) -> bool:
        return (a.type == b.type and a.mode == b.mode and a.status == b.status
                and compatible_dates(a, b) and self.compatible_actors(a, b) and not self.people_conflict(a, b))


def merge(candidates: list[Candidate], entities: dict[str, dict[str, Any]]) -> list[Candidate]:
    merged: list[Candidate] = []
    merger = Merger(entities)
    for candidate in candidates:
        target = next((m for m in merged if merger.same(m, candidate)), None)
        if target is None:
            merged.append(candidate)
            continue
        target.reports += 1
        target.weak = target.weak and candidate.weak
        for actor in candidate.sources:
            if not any(covers(merger.entities, a, actor) for a in target.actors):
                target.sources.append(actor)
        for actor in candidate.targets:
            if not any(covers(merger.entities, a, actor) for a in target.actors):
                target.targets.append(actor)
        if candidate.explicit_date and (not target.explicit_date or len(candidate.date or "") > len(target.date or "")):
            target.date, target.date_text, target.explicit_date = candidate.date, candidate.date_text, True
        target.location = target.location or candidate.location
        target.amounts = target.amounts or candidate.amounts
        if _fullness(candidate) > _fullness(target):
            target.sentence, target.trigger = candidate.sentence, candidate.trigger
    return [c for c in merged if not c.weak and enough_actors(c, entities)]


def _fullness(candidate: Candidate) -> tuple[int, int]:
    return (len(candidate.actors) + int(candidate.explicit_date), -(candidate.sentence.end - candidate.sentence.start))


def enough_actors(candidate: Candidate, entities: dict[str, dict[str, Any]]) -> bool:
    """Talks, calls, joint exercises and agreements have two sides at least (an
    international body may sign alone: "ASEAN's ministers signed a declaration"); a
    visit crosses a border."""
    actors = candidate.actors
    if candidate.type == "CONSULT" and candidate.mode in ("meeting", "phone"):
        return len(actors) >= 2
    if candidate.type == "COOPERATE":
        return len(actors) >= 2
    if candidate.type == "AGREE" and len(actors) < 2:
        only = entities.get(actors[0], {}) if actors else {}
        return only.get("type") == "organization" and only.get("country") is None
    if candidate.mode == "visit":
        home = {entities.get(a, {}).get("country") for a in candidate.sources}
        hosts = {entities.get(a, {}).get("country") for a in candidate.targets}
        return bool(candidate.sources) and not (hosts and hosts <= home and None not in hosts)
    return len(actors) >= 1
