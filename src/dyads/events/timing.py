"""Stage 4, timing: which date phrase dates which act, the story's reference day, and
resolution against the publication date (contract §5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import regex

from dyads.events.dates import DateMention, resolve
from dyads.events.document import (
    BOUNDARY,
    FULL_STOP,
    LAST_WORD,
    WORD,
    DocumentView,
    cue_before,
)
from dyads.events.lemmas import Hit
from dyads.events.sentences import Sentence
from dyads.events.triggers import kind_of
from dyads.langdata.schema import TriggerForms


def reference_day(doc: DocumentView, sentences: list[Sentence]) -> dt.date | None:
    """The day the lead dates the story's main event ("…, kata ketua … pada hari Senin",
    "Pada tanggal 29, …"), or the sentence after an undated lead ("X and Y signed a pact.
    The pact was signed in Male on Monday"), else the publication date."""
    if doc.published is None:
        return None
    lead_end = None  # the lead: the paragraph of the first full sentence (headlines and stamps aside)
    extended = False  # an undated lead takes the day of the next paragraph's first sentence
    for sentence in sentences:
        if lead_end is not None and sentence.start >= lead_end:
            if extended:
                break
            extended = True
            lead_end = sentence.end
        words = doc.text[sentence.start:sentence.end]
        if lead_end is None:
            if len(WORD.findall(words)) < 6 or not FULL_STOP.search(words):
                continue
            lead_end = doc.text.find("\n", sentence.start)
            lead_end = len(doc.text) if lead_end < 0 else lead_end
        days = []
        for mention in doc.between(doc.dates, sentence):
            if doc.stamp and mention.start < doc.stamp.end and doc.stamp.start < mention.end:
                continue  # the publication stamp dates no event
            if mention.kind in ("weekday", "day", "day_month", "full", "relative"):
                resolved = resolve(mention, doc.published, doc.published, planned=False)
                if resolved and len(resolved) == 10:
                    days.append((mention, dt.date.fromisoformat(resolved)))
        # the day the report is dated by ("…, kata DAPA pada hari Kamis") before any other
        speech = doc.lexicon.cues["speech"]
        said = [day for mention, day in days if speech.search(doc.text, max(sentence.start, mention.start - 40), mention.start)]
        if said or days:
            return (said or [days[0][1]])[0]
    return doc.published


_NAME_BEFORE = regex.compile(r"(?:^|\s)(\p{Lu}[\p{L}\d-]*)[ \t]+$")


def is_edition(doc: DocumentView, date: DateMention) -> bool:
    """A year that ends a name is its edition, not a date: "Super Garuda Shield 2023",
    "Ketua ASEAN 2023" (a date phrase's own words aside: "Mei 2016", "Pada 2006")."""
    if date.kind != "year":
        return False
    match = _NAME_BEFORE.search(doc.text, max(0, date.start - 40), date.start)
    if not match:
        return False
    word = match.group(1).casefold()
    return word not in doc.lexicon.prefixes and word not in doc.lexicon.months


def report_clause_end(doc: DocumentView, sentence: Sentence, first_trigger: int) -> int:
    """Where a reporting clause that comes before every act of its sentence ends: after
    "… told a regular briefing that" (speech verb, then complementizer); else the start."""
    opened = None
    for opened in doc.lexicon.cues["complementizers"].finditer(doc.text, sentence.start, first_trigger):
        pass
    if opened and doc.lexicon.cues["speech"].search(doc.text, sentence.start, opened.start()):
        return opened.end()
    return sentence.start


def setting_dates(doc: DocumentView, triggers: list[tuple[Hit, TriggerForms]], index: int,
                   dates: list[DateMention], owner: dict[int, int]) -> list[DateMention]:
    """An undated act takes the date of the event it happened during, in its sentence."""
    for other, (match, _) in enumerate(triggers):
        if other != index and cue_before(doc.lexicon.cues["setting"], doc.text, match.start(), 0, 2):
            owned = [d for d in dates if owner[id(d)] == other]
            if owned:
                return owned
    return []


def earlier_dates(triggers: list[tuple[Hit, TriggerForms]], index: int, dates: list[DateMention],
                   owner: dict[int, int]) -> list[DateMention]:
    """An undated act later in a sentence depends on the dated one before it ("travelled to
    Canberra on August 20, where he held talks …")."""
    for other in range(index - 1, -1, -1):
        owned = [d for d in dates if owner[id(d)] == other]
        if owned:
            return owned
    return []


def talks_dates(triggers: list[tuple[Hit, TriggerForms]], index: int, dates: list[DateMention],
                 owner: dict[int, int]) -> list[DateMention]:
    """An undated trip takes the date of the talks its sentence tells next ("travelled to
    Canberra, where he held talks … on August 20"): it began by then."""
    if triggers[index][1].mode != "visit":
        return []
    for other in range(index + 1, len(triggers)):
        if kind_of(triggers[other][1]) == "talks":
            return [d for d in dates if owner[id(d)] == other]
    return []


def distance(date: DateMention, trigger: Hit) -> int:
    return max(date.start - trigger.end(), trigger.start() - date.end, 0)


def crosses(doc: DocumentView, date: DateMention, trigger: Hit) -> bool:
    """Whether a clause boundary (a comma, a conjunction) stands between a date and a
    trigger after it: "visited Seoul in May and held talks" dates the visit."""
    if trigger.start() < date.end:
        return False
    gap = doc.text[date.end:trigger.start()]
    return bool(BOUNDARY.search(gap) or doc.lexicon.cues["conjunctions"].search(gap))


def dates_for(dates: list[DateMention], start: int, end: int) -> list[DateMention]:
    """The date nearest the trigger, with any date coordinated with it ("pada bulan
    Desember dan April lalu": two events)."""
    if not dates:
        return []
    nearest = min(dates, key=lambda d: (min(abs(d.start - end), abs(start - d.end)), d.start < start))
    group = [nearest]
    index = dates.index(nearest)
    for other in dates[index + 1:]:
        if other.start - group[-1].end <= 6:
            group.append(other)
        else:
            break
    for other in reversed(dates[:index]):
        if group[0].start - other.end <= 6:
            group.insert(0, other)
        else:
            break
    if len(group) > 1 and group[-1].direction:
        group = [d if d.direction else DateMention(**{**_fields(d), "direction": group[-1].direction}) for d in group]
    return group


def _fields(d: DateMention) -> dict[str, Any]:
    return {name: getattr(d, name) for name in d.__dataclass_fields__}


def resolve_date(mention: DateMention, doc: DocumentView, reference: dt.date | None, status: str,
              previous: str | None) -> str | None:
    if doc.published is None:
        return resolve(mention, dt.date(1, 1, 1), dt.date(1, 1, 1), False) if mention.explicit else None
    return resolve(mention, doc.published, reference or doc.published, status == "planned", previous)


def date_span(doc: DocumentView, mention: DateMention | None) -> tuple[int, int]:
    """The date words with the prepositions that lead them ("Pada tanggal 29")."""
    assert mention is not None
    start = mention.start
    prefixes = doc.lexicon.prefixes
    while True:
        match = LAST_WORD.search(doc.text[max(0, start - 20):start])
        if not match or match.group(1).casefold() not in prefixes:
            return start, mention.end
        start -= len(match.group(0))
