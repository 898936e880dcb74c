"""Stage 2, roles: who acts and on whom (source, target) around a trigger, and who only
reports, qualifies or hosts."""

from __future__ import annotations

import regex

from dyads.events.dates import DateMention
from dyads.events.document import (
    WORD,
    DocumentView,
    Mention,
    cue_before,
)
from dyads.events.sentences import Sentence
from dyads.langdata.schema import TriggerForms

DATELINE = regex.compile(r"[\p{Lu}][\p{L}\d ,.]{1,40}(?:\s*\([^)\n]{1,30}\))?\s*[-–—]+\s|\([^)\n]{1,40}=[^)\n]{1,40}\)")


_CLAUSE_OPENING = regex.compile(r"(?:^|[,;:]\s*|\n)\W*(?:\w+\s+){0,1}$")
_VERB_NEXT = regex.compile(r"\s+\p{Ll}")


def metonyms(doc: DocumentView, sentence: Sentence, places: list[Mention]) -> list[Mention]:
    """Capitals standing for their governments ("Honiara rejected the request", "Moskow
    melengkapi …"): a capital that opens a clause, no case word before it and a verb
    after it, acts as its state (the city itself when the text names no such state)."""
    found = []
    states = {e.get("country"): e for e in doc.entities.values() if e["type"] == "country"}
    for place in places:
        if place.entity["id"] not in doc.capitals:
            continue
        before = doc.text[max(sentence.start, place.start - 40):place.start]
        if not _CLAUSE_OPENING.search(before) or not _VERB_NEXT.match(doc.text, place.end):
            continue
        if any(cue_before(doc.lexicon.cues[c], doc.text, place.start, sentence.start, 1)
               for c in ("to", "by", "at", "with", "setting")):
            continue  # "di Moskow", "in Beijing"
        found.append(Mention(place.start, place.end, states.get(place.entity.get("country"), place.entity)))
    return found


def is_reporting(doc: DocumentView, sentence: Sentence, mention: Mention) -> bool:
    """Who reports, not who acts: "menurut Austin", "…, kata Kementerian", the outlet of
    a dateline ("JAKARTA (ANTARA) -")."""
    dateline = DATELINE.match(doc.text, sentence.start)
    if dateline and mention.end <= dateline.end():
        return True
    window = doc.text[max(sentence.start, mention.start - 25):mention.start].rstrip(" ,")
    # the speech words end right before the name: "kata", "menurut", "according to"
    return any(found.end() == len(window) for found in doc.lexicon.cues["speech"].finditer(window))


def without_qualifiers(doc: DocumentView, mentions: list[Mention]) -> list[Mention]:
    """Drops a country or body that only qualifies the person named right after it
    ("Menteri Pertahanan Korea Selatan Shin Won-sik"), and the place-like "di …" bodies."""
    kept = []
    for i, mention in enumerate(mentions):
        entity = mention.entity
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        between = doc.text[mention.end:after.start] if after else ""
        if entity["type"] != "person" and after and after.entity["type"] == "person" and \
                len(between) <= 40 and len(WORD.findall(between)) <= 2 and \
                not doc.lexicon.cues["with"].search(between) and not doc.lexicon.cues["conjunctions"].search(between):
            continue  # "… Korea Selatan Shin Won-sik", "JCS Korea Selatan, Jenderal. Won In-choul"
        if entity["type"] != "person" and cue_before(doc.lexicon.cues["at"], doc.text, mention.start, 0, 1):
            continue  # "di Ukraina", "di Kementerian Pertahanan": where, not who
        kept.append(mention)
    return kept


def dated_parties(doc: DocumentView, actors: list[Mention], dates: list[DateMention], start: int,
                   end: int) -> list[tuple[str, DateMention]]:
    """Parties each with its own date after a trigger ("after Australia in January 2022 and
    Britain in January 2023", "setelah Australia pada Januari 2022 dan Inggris pada …"):
    two pairs or more, each a party named right before its date."""
    if len(dates) < 2:
        return []
    prefixes = doc.lexicon.prefixes
    pairs: list[tuple[str, DateMention]] = []
    for date in dates:
        if date.start < start or date.end > end:
            continue
        before = [m for m in actors if start <= m.start and m.end <= date.start]
        if not before:
            continue
        gap = doc.text[before[-1].end:date.start].split()
        if len(gap) <= 1 and all(w.casefold() in prefixes or doc.lexicon.cues["at"].fullmatch(w) for w in gap):
            pairs.append((str(before[-1].entity["id"]), date))
    if len(pairs) < 2 or len({p for p, _ in pairs}) < len(pairs):
        return []
    return pairs


def list_continues(doc: DocumentView, actors: list[Mention], last: Mention, limit: int) -> list[Mention]:
    """The rest of a list of counterparts that runs past the reach ("dengan Perdana Menteri
    Jepang Kishida, Perdana Menteri Australia Albanese dan Perdana Menteri Selandia Baru
    Chris Hipkins"): names joined by commas and "dan"/"and", with only title words between."""
    more: list[Mention] = []
    and_ = doc.lexicon.cues["with"]  # never a list joiner; only "and" words are
    for mention in actors:
        if mention.start < last.end or mention.start >= limit:
            continue
        words = WORD.findall(doc.text[last.end:mention.start])
        gap = doc.text[last.end:mention.start]
        joiner = "," in gap or any(doc.lexicon.cues["conjunctions"].fullmatch(w) for w in words[:1])
        titles = [w for w in words if not doc.lexicon.cues["conjunctions"].fullmatch(w)]
        if not joiner or len(titles) > 5 or not all(w[0].isupper() for w in titles) or and_.search(gap) \
                or regex.search(r"[.;:()]", gap):
            break
        more.append(mention)
        last = mention
    return more


def destination(doc: DocumentView, mentions: list[Mention], t_end: int, end: int) -> list[str]:
    """Where a delivery arrives, its receiver: a state or city right after "in"/"to"/"di"/"ke"
    ("tanks have arrived in Ukraine"), the city's state when the text names it."""
    cues = doc.lexicon.cues
    for mention in sorted(mentions, key=lambda m: m.start):
        if t_end <= mention.start < end and mention.entity["type"] in ("country", "place") \
                and (not WORD.search(doc.text, t_end, mention.start)  # "arrived in" ended the trigger
                     or cue_before(cues["to"], doc.text, mention.start, t_end, 1) or cue_before(cues["at"], doc.text, mention.start, t_end, 1)):
            country = mention.entity.get("country")
            state = next((e["id"] for e in doc.entities.values() if e["type"] == "country" and e.get("country") == country), None)
            return [state or mention.entity["id"]]
    return []


def visit_roles(doc: DocumentView, spec: TriggerForms, t_end: int, end: int, after: list[Mention],
                 sources: list[str]) -> tuple[list[str], list[str]]:
    """A visit's host is named right after a verb ("mengunjungi Korea Selatan") or after
    "ke"/"to"; a noun's possessor is its visitor ("Kunjungan Bauer", "perjalanan Bauer")."""
    targets = []
    for mention in after:
        gap = WORD.findall(doc.text[t_end:mention.start])
        # "lawatan Perdana Menteri Jepang Yoshihide Suga": capitalised title words between
        direct = len(gap) <= 1 or (len(gap) <= 4 and all(w[0].isupper() for w in gap))
        if direct and not sources:
            sources = [mention.entity["id"]]
        elif direct or cue_before(doc.lexicon.cues["to"], doc.text, mention.start, t_end, 1):
            targets.append(mention.entity["id"])
    return sources, [t for t in targets if t not in sources]


def host_of_place(doc: DocumentView, places: list[Mention], t_end: int, end: int) -> list[str]:
    """A visit to a city is a visit to its country, when the text names the country."""
    for place in places:
        if t_end <= place.start < end and (len(WORD.findall(doc.text[t_end:place.start])) <= 1 or
                                            cue_before(doc.lexicon.cues["to"], doc.text, place.start, t_end, 1)):
            country = place.entity.get("country")
            match = next((e["id"] for e in doc.entities.values() if e["type"] == "country" and e.get("country") == country), None)
            return [match or place.entity["id"]]  # the city itself when its country goes unnamed
    return []


def implied_counterpart(doc: DocumentView, sentence: Sentence, sources: list[str], host: bool) -> list[str]:
    """A visit's host or an aid's recipient the sentence leaves implied: the country the
    text has been about (§5: aid "to the crisis" is to Ukraine when the paragraph is about
    Ukraine). For a visit, the most named country; for aid, the last one named before."""
    countries = [m.entity for m in doc.mentions if m.entity["type"] == "country"]
    own = {doc.entities[s].get("country") for s in sources if s in doc.entities}
    if host:
        counts: dict[str, int] = {}
        for entity in countries:
            if entity.get("country") not in own:
                counts[entity["id"]] = counts.get(entity["id"], 0) + 1
        return [max(counts, key=lambda k: counts[k])] if counts else []
    before = [m.entity for m in doc.mentions if m.end <= sentence.start
              and m.entity["type"] == "country" and m.entity.get("country") not in own]
    return [before[-1]["id"]] if before else []


def clause_end(doc: DocumentView, start: int, limit: int) -> int:
    """Where a trigger's counterpart can no longer be: the next trigger, a relative
    clause, or the reporting clause ("…, kata JCS", "…, the ministry said on Monday")."""
    text = doc.text
    cut = limit
    relative = doc.lexicon.cues["relative"]
    for found in relative.finditer(text, start, limit):
        if "," in text[max(start, found.start() - 3):found.start()]:
            cut = min(cut, found.start())
            break
    speech = doc.lexicon.cues["speech"].search(text, start, cut)
    if speech:
        comma = text.rfind(",", start, speech.start())
        cut = min(cut, comma if comma >= 0 else speech.start())
    return cut
