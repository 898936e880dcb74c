"""Name comparison for scoring: case, accents, hyphens, dots, apostrophes and spaces
ignored (CONTRACT §3)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import Any

_IGNORED = str.maketrans("", "", "-‐‑‒–—.'’ʼ`´ \t\n\u00a0")


def norm(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_IGNORED)


def norm_set(names: Iterable[str]) -> set[str]:
    return {n for n in (norm(x) for x in names if x) if n}


class EntityIndex:
    """The names a predicted entity answers to, directly or through the bodies and the
    country it acts for."""

    def __init__(self, entities: list[dict[str, Any]]) -> None:
        self.by_id = {e.get("id"): e for e in entities}
        self.countries: dict[str, list[dict[str, Any]]] = {}
        for e in entities:
            if e.get("type") == "country" and e.get("country"):
                self.countries.setdefault(e["country"], []).append(e)

    def own_names(self, entity: dict[str, Any]) -> set[str]:
        return norm_set([entity.get("name") or "", *(entity.get("aliases") or [])])

    def names(self, entity_id: str | None) -> set[str]:
        """The entity's names plus those of its affiliation, the bodies it is part of, and
        the country entity its `country` names."""
        seen: set[str] = set()
        names: set[str] = set()
        stack = [entity_id]
        codes: set[str] = set()
        while stack:
            current = stack.pop()
            if current is None or current in seen or current not in self.by_id:
                continue
            seen.add(current)
            entity = self.by_id[current]
            names |= self.own_names(entity)
            if entity.get("country"):
                codes.add(entity["country"])
            stack.extend([entity.get("affiliation"), entity.get("part_of")])
        for code in codes:
            for country in self.countries.get(code, []):
                names |= self.own_names(country)
        return names
