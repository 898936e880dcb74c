"""Entities: gazetteer mentions, titles with names, short and garbled forms, resolved to
real identities through role and tenure (contract §1 `entities`). `tenure` answers who
held an office on a day, for this stage and for the events stage."""

from dyads.entities.link import link_entities
from dyads.entities.tenure import (
    OfficeLink,
    holder_for,
    holder_on,
    holders_on,
    offices_of,
    serves_on,
)

__all__ = ["OfficeLink", "holder_for", "holder_on", "holders_on", "link_entities", "offices_of", "serves_on"]
