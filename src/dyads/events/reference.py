"""Stage 3, reference: pronouns, "kedua belah pihak"/"both sides" and acts told with no
party named, resolved to the parties named before."""

from __future__ import annotations

from dyads.events.document import Candidate, DocumentView
from dyads.events.sentences import Sentence


def story_parties(doc: DocumentView, candidates: list[Candidate]) -> None:
    """Talks or an exercise told with no party named ("The first such meeting took place in
    Tokyo", "The first Freedom Edge drills were held in late June"), and so is an agreement
    ("It builds on an arrangement signed last year"): they are between the states of
    the story's main event, its first with two states or more (§5: an implied counterpart)."""
    if not any(not c.actors and implied_kind(c) for c in candidates):
        return
    parties: list[str] = []
    for candidate in candidates:
        if candidate.type not in ("CONSULT", "AGREE", "COOPERATE"):
            continue
        states = countries_of(doc, candidate.actors)
        if len(states) >= 2 and all(doc.entities[s]["type"] == "country" for s in states):
            parties = states
            break
    if not parties:
        return
    for candidate in candidates:
        if candidate.actors or not implied_kind(candidate):
            continue
        if candidate.mode == "multilateral" and len(parties) < 3:
            continue  # a summit is no meeting of the story's two states
        candidate.sources = list(parties)
        if candidate.mode == "meeting" and len(parties) >= 3:
            candidate.mode = "multilateral"


def implied_kind(candidate: Candidate) -> bool:
    return (candidate.type, candidate.mode) in (("CONSULT", "meeting"), ("CONSULT", "multilateral"),
                                                 ("COOPERATE", "exercise"), ("AGREE", "agreement"))


def countries_of(doc: DocumentView, actors: list[str]) -> list[str]:
    by_code = {e.get("country"): e["id"] for e in doc.entities.values() if e["type"] == "country"}
    states = [by_code.get(doc.entities.get(a, {}).get("country")) for a in actors]
    return list(dict.fromkeys(s for s in states if s)) or list(actors)


def resolve_pronoun(doc: DocumentView, sentence: Sentence, trigger_start: int, earlier: list[Candidate],
                     last_people: list[str], trigger_end: int | None = None) -> tuple[list[str], Candidate | None]:
    """The people a pronoun or "kedua belah pihak" stands for, with the event they were
    last named in (whose sentence the act depends on)."""
    window = doc.text[sentence.start:trigger_start]
    plural = doc.lexicon.cues["plural"].search(window)
    if not plural and trigger_end is not None:
        # "the previous meeting of the two leaders", "pertemuan sebelumnya dari kedua pemimpin"
        after = doc.lexicon.cues["plural"].search(doc.text, trigger_end, min(sentence.end, trigger_end + 40))
        if after and len(doc.text[trigger_end:after.start()].split()) <= 3:
            plural = after
    if plural:
        people_only = bool(doc.lexicon.cues["person_words"].search(plural.group()))
        for candidate in reversed(earlier):
            if people_only:  # "kedua pemimpin": the people of the last act of two people
                people = [a for a in candidate.actors if doc.entities.get(a, {}).get("type") == "person"]
                if len(people) >= 2:
                    return people, candidate
            elif len(candidate.actors) >= 2:
                if doc.lexicon.cues["country_words"].search(plural.group()):
                    return countries_of(doc, candidate.actors), candidate  # "kedua negara": their states
                return list(candidate.actors), candidate
        return last_people[:2], None
    if doc.lexicon.cues["singular"].search(window):
        for candidate in reversed(earlier):
            people = [a for a in candidate.sources if doc.entities.get(a, {}).get("type") == "person"]
            if people:
                return people[:1], candidate
        return last_people[:1], None
    return [], None
