"""Stage 5, details: mode, location, type refinements, quotes and the contract dictionary."""

from __future__ import annotations

from typing import Any

from dyads.events.document import (
    QUOTE_REACH,
    WORD,
    Candidate,
    DocumentView,
    Mention,
    cue_before,
)
from dyads.events.quotes import QuoteSpan, inside
from dyads.events.sentences import Sentence
from dyads.langdata.schema import TriggerForms


def mode_of(doc: DocumentView, spec: TriggerForms, sentence: Sentence) -> str | None:
    table = doc.lexicon.modes.get(spec.type)
    if not table:
        return spec.mode
    window = doc.text[sentence.start:sentence.end]
    counts = [(len(pattern.findall(window)), -i, mode) for i, (mode, pattern) in enumerate(table)]
    best = max(counts)
    if best[0]:
        return best[2]
    if spec.type in ("REQUEST", "REJECT"):
        return None  # no concrete thing asked for: a general appeal, not a request (§5)
    return spec.mode


def location_of(doc: DocumentView, places: list[Mention], spec: TriggerForms, t_end: int, end: int,
              actors: list[Mention]) -> str | None:
    for place in places:
        if cue_before(doc.lexicon.cues["at"], doc.text, place.start, 0, 2) or (
                spec.mode == "visit" and cue_before(doc.lexicon.cues["to"], doc.text, place.start, 0, 1)):
            return str(place.entity["id"])
    return None


def typed(candidate: Candidate, doc: DocumentView) -> Candidate:
    """A joint exercise of one state's forces is MOBILIZE, not COOPERATE (contract §2)."""
    if candidate.type == "COOPERATE" and candidate.mode == "exercise":
        countries = {doc.entities[a].get("country") for a in candidate.actors if doc.entities[a].get("country")}
        if len(candidate.actors) == 1 or len(countries) == 1 and len(candidate.actors) == len(
                [a for a in candidate.actors if doc.entities[a].get("country")]):
            candidate.type, candidate.mode = "MOBILIZE", None
    return candidate


def document_quotes(doc: DocumentView, sentences: list[Sentence]) -> list[dict[str, Any]]:
    out = []
    for quote in doc.quotes:
        sentence = next((s for s in sentences if s.start <= quote.outer_start < s.end), None)
        if sentence is None or len(WORD.findall(doc.text[quote.start:quote.end])) < 3:
            continue
        speaker = speaker_of(doc, sentence, quote)
        out.append({"speaker": speaker, "text": doc.text[quote.start:quote.end], "start": quote.start, "end": quote.end})
    return out


def speaker_of(doc: DocumentView, sentence: Sentence, quote: QuoteSpan) -> str | None:
    people = [m for m in doc.in_sentence(sentence, ("person",))]
    speech = doc.lexicon.cues["speech"]
    for verb in speech.finditer(doc.text, sentence.start, sentence.end):
        if inside(doc.quotes, verb.start(), verb.end()):
            continue
        after = [m for m in people if 0 <= m.start - verb.end() <= 40]
        if after:
            return str(after[0].entity["id"])
        before = [m for m in people if 0 <= verb.start() - m.end <= 40]
        if before:
            return str(before[-1].entity["id"])
    return str(people[0].entity["id"]) if people else None


def to_dict(number: int, c: Candidate, doc: DocumentView, quotes: list[dict[str, Any]]) -> dict[str, Any]:
    sentence_text = doc.text[c.sentence.start:c.sentence.end]
    contexts = sorted({name for name, pattern in doc.lexicon.contexts if pattern.search(sentence_text)})
    roles = [{"entity": a, "role": "source"} for a in dict.fromkeys(c.sources)]
    roles += [{"entity": a, "role": "target"} for a in dict.fromkeys(c.targets) if a not in c.sources]
    # the words of one of its actors, in its sentence or soon after (reports quote after telling)
    quote = next((q for q in quotes if c.sentence.start <= q["start"] < c.sentence.end + QUOTE_REACH
                  and q["speaker"] in c.actors), None)
    amounts: list[dict[str, object]] = []
    for amount in c.amounts:
        if amount.to_dict() not in amounts:
            amounts.append(amount.to_dict())
    confidence = 0.45 + 0.15 * (len(c.actors) >= 2) + 0.15 * c.explicit_date + 0.1 * min(c.reports - 1, 2) / 2
    return {
        "id": f"v{number}",
        "type": c.type,
        "mode": c.mode,
        "context": contexts,
        "status": c.status,
        "date": c.date,
        "date_text": doc.text[c.date_text.start:c.date_text.end] if c.date_text else None,
        "actors": roles,
        "location": c.location,
        "amounts": amounts,
        "quote": quote,
        "evidence": {"start": c.sentence.start, "end": c.sentence.end},
        "confidence": round(min(confidence, 0.95), 2),
    }
