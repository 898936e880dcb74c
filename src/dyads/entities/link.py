"""From a cleaned text to its entities, resolved in order of evidence. The stages:

1. names     (names.py)    gazetteer names and aliases in every language (one automaton
             pass, matcher.py); a name several entries share ("Kementerian Pertahanan",
             "JCS") goes to the entry of the state the document talks about most; and what
             the document talks about (its states and bodies)
2. titles    (titled.py, resolve.py)  office and rank words with what stands beside them:
             whose office (a state or body named with the title, a state's adjective,
             a possessive, else the states the document talks about), then who: a known
             name ("Menteri Pertahanan Suh Wook"), a short form of someone named, a name
             machine translation made words of ("Umum Menang" → General Won), the office's
             holder on the article's date ("Menteri Pertahanan Singh Menang-sik" → Shin
             Won-sik: the one holder, or among several the one the name resembles most),
             an unknown name (a new person, with the title as role and the title's state),
             a name before the title's comma ("Josep Borrell, the EU foreign policy
             chief"), or no name at all ("menteri pertahanan Korea Selatan" → the holder
             of the office that day)
3. short     (short.py)    short forms of names seen in the document ("Bauer" after "Rob
             Bauer", "Komite Militer" after "Komite Militer NATO")
4. entities  (build.py)    mentions grouped by identity, with affiliation, part-of, roles at
             the article's date, every surface form seen, a confidence that says how the
             link was made, and the offices it was made through (tenure.offices_of)

A pure function of the text, its language, its date and the loaded knowledge. tenure.py
answers "who held this office that day" for this stage and for the events stage, which
re-asks it at an event's own date.
"""

from __future__ import annotations

from typing import Any

from dyads.entities.build import build_entities
from dyads.entities.mention import CONFIDENCE, NEW, Mention
from dyads.entities.names import context_of, name_mentions
from dyads.entities.short import short_forms
from dyads.entities.titled import TitleStage
from dyads.entities.titles import titles_of
from dyads.gazetteer import Gazetteer
from dyads.langdata import Knowledge

__all__ = ["CONFIDENCE", "NEW", "Mention", "link_entities"]


def link_entities(text: str, language: str, published: str | None, knowledge: Knowledge) -> list[dict[str, Any]]:
    gazetteer: Gazetteer = knowledge.gazetteer
    own = knowledge.language(language)
    names = knowledge.name_matcher.find(text)
    context = context_of(names, gazetteer)
    mentions = name_mentions(names, context, gazetteer)
    weekdays = frozenset(own.dates.weekdays)  # "Menteri Pertahanan Korea Selatan Selasa (11/6)": a day, no name
    titles = titles_of(own)
    TitleStage(text, published, gazetteer, titles, mentions, context, weekdays).apply()
    short_forms(text, gazetteer, mentions, own.derive("title-words", lambda _: titles.words), frozenset(titles.translated))
    return build_entities(text, published, gazetteer, mentions)
