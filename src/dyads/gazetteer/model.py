"""Gazetteer entries as the linker uses them, and the indexes over them."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

EntityType = str  # person | organization | country | place


@dataclass(frozen=True, slots=True)
class Role:
    title: str
    office: str | None  # office kind (data/gazetteer/offices.yaml), e.g. defense-minister
    organization: str | None  # gazetteer key
    start: str | None
    end: str | None
    # the tenure as comparable full dates: 2024-09 starts on 2024-09-00, ends on 2024-09-99
    first: str = field(init=False, repr=False, compare=False)
    last: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "first", _pad(self.start, "00") if self.start else "0000-00-00")
        object.__setattr__(self, "last", _pad(self.end, "99") if self.end else "9999-99-99")

    def held_on(self, day: str | None) -> bool:
        """Whether the role was held on `day` (YYYY-MM-DD, or a coarser prefix); with no
        day, whether it was ever held."""
        if day is None:
            return True
        return self.first <= _pad(day, "99") and _pad(day, "00") <= self.last


def _pad(value: str, filler: str) -> str:
    """A partial date as a comparable full one: 2024-09 -> 2024-09-00 (start) or -99 (end)."""
    parts = value.split("-")
    return "-".join(parts + [filler] * (3 - len(parts)))


@dataclass(frozen=True, slots=True)
class Tenure:
    """One holding of an office: its bounds as padded dates and the state it served."""

    first: str
    last: str
    country: str | None
    entry: "Entry"


@dataclass(frozen=True, slots=True)
class Entry:
    key: str
    type: EntityType
    name: str
    wikidata: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    part_of: str | None = None
    kind: str | None = None
    names: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()

    def roles_on(self, day: str | None) -> list[Role]:
        return [r for r in self.roles if r.held_on(day)]


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    # surface form as written -> keys of the entries it names
    surfaces: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # office kind -> keys of people who held it
    holders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # offices that exist once in the world (NATO's): their title alone names the holder
    unique_offices: frozenset[str] = frozenset()

    @functools.cached_property
    def short_forms(self) -> dict[tuple[str, str], str]:
        """(body, one of its names) -> that name without its parent's ("Komite Militer NATO"
        -> "Komite Militer"), when at least two words remain: a body's usual short form."""
        forms: dict[tuple[str, str], str] = {}
        for entry in self.entries.values():
            parent = self.entries.get(entry.part_of) if entry.part_of else None
            if parent is None:
                continue
            for name in (entry.name, *entry.names):
                words = name.split()
                for parent_name in parent.names:
                    drop = parent_name.split()
                    for i in range(len(words) - len(drop) + 1):
                        if words[i:i + len(drop)] == drop:
                            rest = words[:i] + words[i + len(drop):]
                            if len(rest) >= 2:
                                forms[(entry.key, name)] = " ".join(rest)
                            break
        return forms

    @functools.cached_property
    def lowered_surfaces(self) -> frozenset[str]:
        return frozenset(s.lower() for s in self.surfaces)

    @classmethod
    def build(cls, entries: Iterable[Entry], generic: Iterable[tuple[str, Iterable[str]]] = (),
              unique_offices: Iterable[str] = ()) -> "Gazetteer":
        """`generic`: (name, keys) pairs of names any of several bodies goes by."""
        gazetteer = cls(unique_offices=frozenset(unique_offices))
        surfaces: dict[str, list[str]] = {}
        holders: dict[str, list[str]] = {}
        for entry in entries:
            gazetteer.entries[entry.key] = entry
            for name in {entry.name, *entry.names}:
                keys = surfaces.setdefault(name, [])
                if entry.key not in keys:
                    keys.append(entry.key)
            for role in entry.roles:
                if role.office:
                    people = holders.setdefault(role.office, [])
                    if entry.key not in people:
                        people.append(entry.key)
        for name, keys in generic:
            known = surfaces.setdefault(name, [])
            known.extend(k for k in keys if k in gazetteer.entries and k not in known)
        gazetteer.surfaces = {s: tuple(k) for s, k in surfaces.items() if k}
        gazetteer.holders = {o: tuple(k) for o, k in holders.items()}
        return gazetteer

    def is_capital(self, name: str) -> bool:
        """Whether `name` is the canonical name of a capital city."""
        return any(self.entries[k].type == "place" and self.entries[k].kind == "capital"
                   for k in self.surfaces.get(name, ()))

    def __getitem__(self, key: str) -> Entry:
        return self.entries[key]

    def get(self, key: str | None) -> Entry | None:
        return self.entries.get(key) if key else None

    @functools.cached_property
    def tenures(self) -> dict[str, tuple[Tenure, ...]]:
        """office kind -> each holding of it, in the order of `holders`: asked for every title
        of every document, so the padded dates and the state served are worked out once."""
        return {office: tuple(Tenure(role.first, role.last, self.country_of(role, self.entries[key]), self.entries[key])
                              for key in keys for role in self.entries[key].roles if role.office == office)
                for office, keys in self.holders.items()}

    def holders_on(self, office: str, day: str | None, country: str | None = None) -> list[Entry]:
        """People holding `office` on `day`, of `country` when given."""
        late, early = (_pad(day, "99"), _pad(day, "00")) if day is not None else ("9999-99-99", "0000-00-00")
        people: list[Entry] = []
        for tenure in self.tenures.get(office, ()):
            if tenure.first <= late and early <= tenure.last and (country is None or tenure.country == country) \
                    and not (people and people[-1] is tenure.entry):
                people.append(tenure.entry)
        return people

    def country_of(self, role: Role, person: Entry) -> str | None:
        """The state a role serves: its organization's (None for NATO), else the person's."""
        organization = self.get(role.organization)
        return organization.country if organization is not None else person.country
