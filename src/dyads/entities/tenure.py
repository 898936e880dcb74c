"""Who held an office on a day, and whether a person served then: small pure helpers over the
gazetteer's tenures, for the linker (which reads them at the article's date) and for the
events stage, which can ask again once it has resolved an event's own date.

    holders_on(gazetteer, office, country, day, organization=None) -> list[Entry]
    holder_on(gazetteer, office, country, day, organization=None) -> Entry | None
    serves_on(entry, day, office=None) -> bool
    offices_of(entity) -> tuple[OfficeLink, ...]
    holder_for(gazetteer, link, day) -> Entry | None

- `office` is an office kind of data/gazetteer/offices.yaml ("defense-minister",
  "head-of-state", "nato-mc-chair", …); `country` an ISO 3166-1 alpha-3 code, or None for
  any state (and for offices that exist once in the world, NATO's); `organization` a
  gazetteer key that narrows the office to one body and the bodies below it.
- `day` is YYYY, YYYY-MM or YYYY-MM-DD: a role that overlaps that period counts (a minister
  who left on 2024-09-06 served on 2024-09 and in 2024). None means at any time.
- `holder_on` answers only when exactly one person fits; several (an acting president
  beside a suspended one) or none give None.
- `offices_of(entity)`: for an entity of the linker's output, how its mentions were linked
  through an office: one `OfficeLink` per mention linked by a title ("Menteri Pertahanan
  Singh", "the South Korean defense minister") with the office, the country or body the
  title named or the document implied, and the mention's offsets. A plain dict (an entity
  read back from JSON) has none.

The events stage, after resolving an event's date:

    for link in offices_of(entity):
        if not serves_on(gazetteer[link.key], event_date, link.office):
            holder = holder_for(gazetteer, link, event_date)  # the holder that day, if one
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from dyads.gazetteer import Entry, Gazetteer

Basis = Literal["qualifier", "context", "unique", "role", "similar"]


@dataclass(frozen=True, slots=True)
class OfficeLink:
    key: str  # the gazetteer key of the person the mention was linked to
    office: str  # the office kind the title named
    country: str | None  # the state whose office it is; None for international offices
    organization: str | None  # the body the title named, when it named one
    basis: Basis  # qualifier: named with the title; context: the states the text is about;
    #               unique: an office that exists once; role: a title with no name;
    #               similar: no state named or implied, the holder anywhere the name resembles
    start: int  # the mention's offsets in the text
    end: int


def holders_on(gazetteer: Gazetteer, office: str, country: str | None, day: str | None,
               organization: str | None = None) -> list[Entry]:
    """Everyone holding `office` during `day`, of `country` and within `organization` when given."""
    if country is not None and office in gazetteer.unique_offices:
        country = None  # NATO's offices serve no state
    holders = gazetteer.holders_on(office, day, country)
    if organization:
        holders = [h for h in holders if any(r.office == office and r.held_on(day) and within(gazetteer, r.organization, organization)
                                             for r in h.roles)]
    return holders


def holder_on(gazetteer: Gazetteer, office: str, country: str | None, day: str | None,
              organization: str | None = None) -> Entry | None:
    """The one person holding `office` during `day`, or None when nobody or several do."""
    holders = holders_on(gazetteer, office, country, day, organization)
    return holders[0] if len(holders) == 1 else None


def serves_on(entry: Entry, day: str | None, office: str | None = None) -> bool:
    """Whether `entry` held a role (of kind `office`, when given) during `day`."""
    return any(role.held_on(day) and (office is None or role.office == office) for role in entry.roles)


def offices_of(entity: Mapping[str, Any]) -> tuple[OfficeLink, ...]:
    """How the linker reached `entity` through offices (empty for a plain dict)."""
    return tuple(getattr(entity, "offices", ()))


def holder_for(gazetteer: Gazetteer, link: OfficeLink, day: str | None) -> Entry | None:
    """The one holder on `day` of the office a mention was linked through."""
    return holder_on(gazetteer, link.office, link.country, day, link.organization)


def within(gazetteer: Gazetteer, key: str | None, ancestor: str) -> bool:
    """Whether body `key` is `ancestor` or lies below it (part_of, transitively)."""
    seen = 0
    while key and seen < 10:
        if key == ancestor:
            return True
        entry = gazetteer.get(key)
        key = entry.part_of if entry else None
        seen += 1
    return False


class LinkedEntity(dict):  # type: ignore[type-arg]
    """An entity of the linker's output: a plain dict for JSON and equality, which also
    keeps the office links its mentions were made through (`offices_of`)."""

    __slots__ = ("offices",)

    def __init__(self, *args: Any, offices: tuple[OfficeLink, ...] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offices = offices

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (dict(self), self.offices))


def _rebuild(items: dict[str, Any], offices: tuple[OfficeLink, ...]) -> LinkedEntity:
    return LinkedEntity(items, offices=offices)
