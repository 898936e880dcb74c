"""Entities: gazetteer mentions, titles with names, short and garbled forms, resolved to
real identities through role and tenure (contract §1 `entities`)."""

from dyads.entities.link import link_entities

__all__ = ["link_entities"]
