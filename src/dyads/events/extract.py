"""Events of one document (contract §2 and §5), in stages:

1. triggers   (triggers.py)  the words that name an act, each language's trigger words,
                             kept when they stand for an act of their own
2. roles      (roles.py)     who acts and on whom
3. reference  (reference.py) pronouns, "both sides" and implied parties
4. timing     (timing.py)    which date dates which act; the story's reference day
5. details    (details.py)   status, mode, location, amounts, quote, contexts, confidence
   tenure     (tenure.py)    a person named by an office is its holder on the act's date
6. merge      (merge.py)     one event per real-world event in the document

acts.py runs stages 1–5 over one sentence; this module runs the sentences in order and
merges. A pure function of the text, its entities and the loaded knowledge.
"""

from __future__ import annotations

from typing import Any

from dyads.events.acts import plausible, sentence_events
from dyads.events.details import document_quotes, to_dict
from dyads.events.document import (
    Candidate,
    DocumentView,
    Lexicon,
    Parse,
    compile_lexicon,
)
from dyads.events.merge import merge
from dyads.events.reference import story_parties
from dyads.events.sentences import Sentence, split
from dyads.events.tenure import apply_tenure
from dyads.events.timing import reference_day
from dyads.langdata import Knowledge
from dyads.model import Segment, Span


def extract_events(text: str, segments: list[Segment], entities: list[dict[str, Any]], language: str,
                   published: str | None, title: str | None, knowledge: Knowledge,
                   stamp: Span | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The document's events and quotes, as contract dictionaries. `stamp`: where the
    publication date is written, which dates no event."""
    lang = knowledge.language(language)
    lexicon: Lexicon = lang.derive("event-lexicon", compile_lexicon)
    doc = DocumentView(text, entities, lang, published, lexicon)
    doc.stamp = stamp
    doc.capitals = {e["id"] for e in entities if e["type"] == "place" and knowledge.gazetteer.is_capital(e["name"])}
    doc.scan()
    body = [s for s in segments if not title or text[s.start:s.end].strip() != title]
    sentences = split(text, body, lang)
    standing = {s.start: plausible(doc, s) for s in sentences}
    doc.parses = _parses(doc, [s for s in sentences if standing[s.start]], language, knowledge)
    own = [s for s in sentences if any(g.start <= s.start < g.end and g.language == language for g in body)]
    reference = reference_day(doc, own)
    candidates: list[Candidate] = []
    last_people: list[str] = []
    for sentence in sentences:
        found = sentence_events(doc, sentence, standing[sentence.start], reference, candidates, last_people)
        candidates.extend(found)
        people = [m.entity["id"] for m in doc.in_sentence(sentence, ("person",))]
        if people:
            last_people[:] = people
    story_parties(doc, candidates)
    apply_tenure(text, candidates, entities, knowledge.gazetteer)
    doc.entities = {e["id"]: e for e in entities}
    events = merge([c for c in candidates if c.actors], doc.entities)
    quotes = document_quotes(doc, sentences)
    return [to_dict(i, c, doc, quotes) for i, c in enumerate(events, start=1)], quotes


def _parses(doc: DocumentView, wanted: list[Sentence], language: str, knowledge: Knowledge) -> dict[int, Parse]:
    """Parses of the sentences that hold a plausible trigger, in one batch (parsing is the
    costly part)."""
    parsed = knowledge.parsers.parse(language, [doc.text[s.start:s.end] for s in wanted]) if wanted else None
    if not parsed:
        return {}
    return {s.start: Parse(d, s.start) for s, d in zip(wanted, parsed)}
