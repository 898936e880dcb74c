"""Stage 1, names: every gazetteer name and alias in the text (one automaton pass, see
matcher.py), each linked to its entry; a name several entries share ("Kementerian
Pertahanan", "JCS") goes to the entry of the state the document talks about most. Also
what the document talks about: its states (how often each is named) and its bodies, which
later stages read to tell whose office a bare title is."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from dyads.entities.matcher import NameMatch
from dyads.entities.mention import Mention
from dyads.gazetteer import Gazetteer

_TYPE_ORDER = {"person": 0, "organization": 1, "country": 2, "place": 3}


@dataclass(slots=True)
class Context:
    countries: Counter[str] = field(default_factory=Counter)  # ISO3 -> times named
    bodies: set[str] = field(default_factory=set)  # gazetteer keys of the organizations named


def context_of(names: list[NameMatch], gazetteer: Gazetteer) -> Context:
    """How often each state is named, directly or through an unambiguous name of its, and
    which bodies are named."""
    context = Context()
    for name in names:
        if len(name.keys) == 1:
            entry = gazetteer[name.keys[0]]
            if entry.country:
                context.countries[entry.country] += 1
            if entry.type == "organization":
                context.bodies.add(entry.key)
    return context


def name_mentions(names: list[NameMatch], context: Context, gazetteer: Gazetteer) -> list[Mention]:
    return [Mention(n.start, n.end, _choose(n.keys, context, gazetteer), "name") for n in names]


def _choose(keys: tuple[str, ...], context: Context, gazetteer: Gazetteer) -> str:
    if len(keys) == 1:
        return keys[0]
    counts = context.countries
    return min(keys, key=lambda k: (-counts.get(gazetteer[k].country or "", 0), _TYPE_ORDER[gazetteer[k].type], k))
