"""Stage 1, triggers: the words that name an act, kept only when they stand for an act of
their own (not negated, hypothetical, a list of areas, or part of an earlier act's words)."""

from __future__ import annotations

import regex

from dyads.events.document import (
    WORD,
    Candidate,
    DocumentView,
)
from dyads.events.lemmas import Hit

_CLAUSE_END = regex.compile(r"[,.;:!?()\"“”]")
from dyads.events.sentences import Sentence
from dyads.langdata.schema import TriggerForms


def person_follows(doc: DocumentView, start: int, limit: int) -> bool:
    """A person named next, titles aside ("menerima Menteri Pertahanan AS Lloyd Austin")."""
    lead = doc.lexicon.cues["person_lead"]
    for mention in doc.mentions:
        if start <= mention.start < limit:
            gap = [w for w in WORD.findall(doc.text[start:mention.start]) if w != "s"]  # "Syria's"
            if not all(w[0].isupper() or lead.fullmatch(w) for w in gap) or len(gap) > 5:
                return False
            if mention.entity["type"] == "person":
                return True
            if mention.entity["type"] != "country":
                return False  # a state's name may qualify the title ("Brazilian President X")
    return False


def independent(doc: DocumentView, triggers: list[tuple[Hit, TriggerForms]]) -> list[tuple[Hit, TriggerForms]]:
    """Triggers that are acts of their own, not part of an earlier one's words."""
    kept: list[tuple[Hit, TriggerForms]] = []
    for match, spec in triggers:
        earlier = [t for _, t in kept]
        if spec.type == "AID" and any(t.type in ("REQUEST", "REJECT") for t in earlier):
            continue  # what was asked or refused ("permintaan … untuk menyediakan senjata")
        if spec.type == "CONSULT" and spec.mode == "multilateral" and any(
                t.type != "CONSULT" or t.mode != "multilateral" for t in earlier):
            continue  # the summit is where the earlier act happened ("disepakati pada KTT NATO")
        if kept and kept[-1][1].type == "REJECT" and doc.lexicon.cues["implied_request"].fullmatch(match.group()) \
                and len(doc.text[kept[-1][0].end():match.start()].split()) <= 2:
            continue  # "menolak permintaan": the refusal implies the request
        asked = next((m for m, t in reversed(kept) if t.type in ("REQUEST", "REJECT")), None)
        if asked and doc.lexicon.cues["purpose"].search(" ".join(doc.text[asked.end():match.start()].split()[-2:])):
            continue  # what was asked for: "mengundang Kim untuk mengunjungi Moskow"
        gap = doc.text[kept[-1][0].end():match.start()].split() if kept else []
        if kept and (kept[-1][1].type, kept[-1][1].mode) == (spec.type, spec.mode) and len(gap) <= 5 and (
                not any(kept[-1][0].end() <= m.start < match.start() for m in doc.mentions)
                or doc.lexicon.cues["purpose"].search(" ".join(gap[-2:]))):
            continue  # the same act named twice: "meet again for bilateral talks", "meet Kihara for talks"
        kept.append((match, spec))
    return kept


def kind_of(spec: TriggerForms) -> str:
    return "talks" if spec.type == "CONSULT" and spec.mode in ("meeting", "phone") else spec.type


def is_noun(doc: DocumentView, spec: TriggerForms, match: Hit, sentence: Sentence) -> bool:
    form = match.form
    if form in {n.casefold() for n in spec.nouns}:
        return True
    word = doc.text[max(sentence.start, match.start() - 15):match.start()].split()[-1:]
    return bool(word) and bool(doc.lexicon.cues["determiners"].fullmatch(word[0]))


def is_back_reference(doc: DocumentView, match: Hit, spec: TriggerForms, sentence: Sentence,
                      earlier: list[Candidate]) -> bool:
    """A noun naming an act of a kind already told, with a word pointing back to it ("the
    talks", "pertemuan tersebut", "kunjungan bilateral ini"), is that act: never a new one."""
    if not is_noun(doc, spec, match, sentence):
        return False
    if not any((c.type, c.mode) == (spec.type, spec.mode) for c in earlier):
        return False
    before = doc.text[max(sentence.start, match.start() - 15):match.start()].split()[-1:]
    following = _CLAUSE_END.split(doc.text[match.end():min(sentence.end, match.end() + 40)])[0].split()[:3]
    cues = doc.lexicon.cues
    return bool(before and cues["back_before"].fullmatch(before[0])) or \
        any(cues["back_after"].fullmatch(word) for word in following)
