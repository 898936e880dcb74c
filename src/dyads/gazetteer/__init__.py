"""The gazetteer: the product's knowledge of the world — countries, organizations, places
and officials with their role tenures — as data files, plus what users add to it."""

from dyads.gazetteer.model import Entry, Gazetteer, Role

__all__ = ["Entry", "Gazetteer", "Role"]
