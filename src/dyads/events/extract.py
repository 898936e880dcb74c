"""Events of one document, by rules over its sentences (contract §2 and §5):

1. sentences   blingfire, re-joined after titles' stray dots
2. triggers    each language's trigger words (data/lang/*/events.yaml), outside quotes,
               not negated, hypothetical or a list of areas ("di bidang seperti latihan")
3. roles       who acts and on whom, from the sentence's entities: the subject before the
               trigger, the counterpart after it ("dengan", "ke", "oleh"), the antecedent
               of a relative clause ("Cavoli, yang sedang mengunjungi …"), pronouns and
               "kedua belah pihak" for the people named before
4. dates       the date words nearest the trigger, resolved against the publication date;
               undated events of the story take its reference day — the day its lead
               dates, else the publication date; coordinated dates make one event each
5. details     status, mode, location, amounts, quote, contexts, confidence
6. merge       one real-world event per document: reports of the same type and mode,
               with compatible actors and dates, become one; separate meetings stay apart

A pure function of the text, its entities and the loaded knowledge.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import regex

from dyads.events.amounts import Amount, find_amounts
from dyads.events.dates import DateMention, find_dates, resolve
from dyads.events.quotes import QuoteSpan, find_quotes, inside
from dyads.events.sentences import Sentence, split
from dyads.langdata import Knowledge
from dyads.langdata.knowledge import LanguageKnowledge
from dyads.langdata.schema import TriggerForms
from dyads.model import Segment, Span
from dyads.patterns import words_pattern

WINDOW = 60  # characters around a trigger searched for cues
TARGET_REACH = 120  # how far after a trigger its counterpart can be named
SUMMIT_REACH = 30  # a summit's name follows it closely ("KTT NATO")
AGENT_REACH = 40  # "dilakukan oleh …"
QUOTE_REACH = 600  # how far after an event's sentence its actor's quote may follow
_WORD = regex.compile(r"\w+")
_SPACE = regex.compile(r"\s*")
_BOUNDARY = regex.compile(r"[,;]")
_POSSESSIVE = regex.compile(r"['’]s\b")
_LAST_WORD = regex.compile(r"(\w+)\s+$")
_FULL_STOP = regex.compile(r"[.!?][\"'”’»)]*\s*$")  # a sentence, not a headline or a stamp line


# -- compiled language knowledge ------------------------------------------------------

@dataclass(frozen=True)
class _Lexicon:
    triggers: regex.Pattern[str]
    by_form: dict[str, TriggerForms]
    cues: dict[str, regex.Pattern[str]]
    modes: dict[str, list[tuple[str, regex.Pattern[str]]]]
    needs: dict[str, regex.Pattern[str]]
    contexts: list[tuple[str, regex.Pattern[str]]]
    prefixes: frozenset[str]  # words a date phrase may start with ("pada", "in"), casefolded
    months: frozenset[str]
    offsets: dict[str, int]  # "a day after" -> -1, casefolded


def _lexicon(language: LanguageKnowledge) -> _Lexicon:
    e = language.events
    by_form = {form.casefold(): trigger for trigger in e.triggers for form in trigger.forms}
    cues = {name: words_pattern(getattr(e, name)) for name in
            ("planned", "negation", "hypothetical", "lists", "implied_request", "singular", "plural",
             "to", "by", "at", "relative", "speech", "setting", "conjunctions", "light_verbs", "determiners",
             "between", "complementizers", "separate", "purpose", "country_words", "anaphora")}
    cues["with"] = words_pattern(e.with_)
    cues["day_offsets"] = words_pattern(e.day_offsets)
    modes = {t: [(mode, words_pattern(words)) for mode, words in table.items()] for t, table in e.modes.items()}
    return _Lexicon(words_pattern(list(by_form)), by_form, cues, modes,
                    {k: words_pattern(v) for k, v in e.needs.items() if v},
                    [(name, words_pattern(words)) for name, words in e.contexts.items()],
                    frozenset(w.casefold() for w in language.dates.prefixes),
                    frozenset(w.casefold() for w in language.dates.months),
                    {k.casefold(): v for k, v in e.day_offsets.items()})


# -- working objects ------------------------------------------------------------------

def _start(item: Any) -> int:
    return item.start() if callable(item.start) else item.start  # type: ignore[no-any-return]


def _end(item: Any) -> int:
    return item.end() if callable(item.end) else item.end  # type: ignore[no-any-return]


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    entity: dict[str, Any]


@dataclass
class _Candidate:
    type: str
    mode: str | None
    status: str
    sentence: Sentence
    trigger: tuple[int, int]
    sources: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    date: str | None = None
    date_text: Span | None = None
    explicit_date: bool = False
    location: str | None = None
    amounts: list[Amount] = field(default_factory=list)
    quote: QuoteSpan | None = None
    quote_speaker: str | None = None
    weak: bool = False
    reports: int = 1

    @property
    def actors(self) -> list[str]:
        return list(dict.fromkeys([*self.sources, *self.targets]))


class _Document:
    """What every sentence's rules look up: entities by position, quotes, dates."""

    def __init__(self, text: str, entities: list[dict[str, Any]], language: LanguageKnowledge,
                 published: str | None, lexicon: _Lexicon) -> None:
        self.text, self.language, self.lexicon = text, language, lexicon
        self.entities = {e["id"]: e for e in entities}
        mentions = [_Mention(m["start"], m["end"], e) for e in entities for m in e["mentions"]]
        mentions.sort(key=lambda m: (m.start, -m.end))
        # a mention inside a longer one ("Korea Selatan" in "menteri pertahanan Korea Selatan") is its part
        self.mentions: list[_Mention] = []
        for mention in mentions:
            if self.mentions and mention.start < self.mentions[-1].end:
                continue
            self.mentions.append(mention)
        self.starts = [m.start for m in self.mentions]
        self.quotes = find_quotes(text)
        self.published = dt.date.fromisoformat(published) if published else None
        self.stamp: Span | None = None

    def scan(self) -> None:
        """Triggers, dates and amounts, found once over the whole text (one pass each)."""
        self.triggers = list(self.lexicon.triggers.finditer(self.text))
        self.dates = find_dates(self.text, 0, len(self.text), self.language)
        self.amounts = find_amounts(self.text, 0, len(self.text), self.language)

    @staticmethod
    def between(items: list[Any], sentence: Sentence) -> list[Any]:
        return [item for item in items if sentence.start <= _start(item) and _end(item) <= sentence.end]

    def in_sentence(self, sentence: Sentence, types: tuple[str, ...]) -> list[_Mention]:
        low = bisect.bisect_left(self.starts, sentence.start)
        high = bisect.bisect_left(self.starts, sentence.end)
        return [m for m in self.mentions[low:high] if m.end <= sentence.end
                and m.entity["type"] in types and not inside(self.quotes, m.start, m.end)]


# -- the stage ------------------------------------------------------------------------

def extract_events(text: str, segments: list[Segment], entities: list[dict[str, Any]], language: str,
                   published: str | None, title: str | None, knowledge: Knowledge,
                   stamp: Span | None = None) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The document's events and quotes, as contract dictionaries. `stamp`: where the
    publication date is written, which dates no event."""
    lang = knowledge.language(language)
    lexicon: _Lexicon = lang.derive("event-lexicon", _lexicon)
    doc = _Document(text, entities, lang, published, lexicon)
    doc.stamp = stamp
    doc.scan()
    body = [s for s in segments if not title or text[s.start:s.end].strip() != title]
    sentences = split(text, body, lang)
    own = [s for s in sentences if any(g.start <= s.start < g.end and g.language == language for g in body)]
    reference = _reference_day(doc, own)
    candidates: list[_Candidate] = []
    last_people: list[str] = []
    for sentence in sentences:
        found = _sentence_events(doc, sentence, reference, candidates, last_people)
        candidates.extend(found)
        people = [m.entity["id"] for m in doc.in_sentence(sentence, ("person",))]
        if people:
            last_people[:] = people
    _story_parties(doc, candidates)
    events = _merge([c for c in candidates if c.actors], doc.entities)
    quotes = _quotes(doc, sentences)
    return [_to_dict(i, c, doc, quotes) for i, c in enumerate(events, start=1)], quotes


def _story_parties(doc: _Document, candidates: list[_Candidate]) -> None:
    """Talks or an exercise told with no party named ("The first such meeting took place in
    Tokyo", "The first Freedom Edge drills were held in late June") are between the states of
    the story's main event, its first with two states or more (§5: an implied counterpart)."""
    if not any(not c.actors and _implied_kind(c) for c in candidates):
        return
    parties: list[str] = []
    for candidate in candidates:
        if candidate.type not in ("CONSULT", "AGREE", "COOPERATE"):
            continue
        states = _countries_of(doc, candidate.actors)
        if len(states) >= 2 and all(doc.entities[s]["type"] == "country" for s in states):
            parties = states
            break
    if not parties:
        return
    for candidate in candidates:
        if candidate.actors or not _implied_kind(candidate):
            continue
        if candidate.mode == "multilateral" and len(parties) < 3:
            continue  # a summit is no meeting of the story's two states
        candidate.sources = list(parties)
        if candidate.mode == "meeting" and len(parties) >= 3:
            candidate.mode = "multilateral"


def _implied_kind(candidate: _Candidate) -> bool:
    return (candidate.type, candidate.mode) in (("CONSULT", "meeting"), ("CONSULT", "multilateral"),
                                                 ("COOPERATE", "exercise"))


def _reference_day(doc: _Document, sentences: list[Sentence]) -> dt.date | None:
    """The day the lead dates the story's main event ("…, kata ketua … pada hari Senin",
    "Pada tanggal 29, …"), else the publication date."""
    if doc.published is None:
        return None
    lead_end = None  # the lead: the paragraph of the first full sentence (headlines and stamps aside)
    for sentence in sentences:
        if lead_end is not None and sentence.start >= lead_end:
            break
        words = doc.text[sentence.start:sentence.end]
        if lead_end is None:
            if len(_WORD.findall(words)) < 6 or not _FULL_STOP.search(words):
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


def _cue_before(pattern: regex.Pattern[str], text: str, start: int, floor: int, words: int) -> bool:
    window = text[max(floor, start - max(WINDOW, 12 * words)):start]
    tail = " ".join(window.split()[-words:]) if words else window
    return bool(pattern.search(tail))


def _sentence_events(doc: _Document, sentence: Sentence, reference: dt.date | None,
                     earlier: list[_Candidate], last_people: list[str]) -> list[_Candidate]:
    text, lex = doc.text, doc.lexicon
    triggers = []
    for match in doc.between(doc.triggers, sentence):
        spec = lex.by_form[match.group().casefold()]
        if inside(doc.quotes, match.start(), match.end()):
            continue
        if _cue_before(lex.cues["negation"], text, match.start(), sentence.start, 3):
            continue
        if _cue_before(lex.cues["hypothetical"], text, match.start(), sentence.start, 8) \
                and not _cue_before(lex.cues["setting"], text, match.start(), sentence.start, 1):
            continue  # "memungkinkan latihan bersama"; but "… perlunya X pada KTT NATO": the summit was held
        if _cue_before(lex.cues["lists"], text, match.start(), sentence.start, 6) and spec.type in ("COOPERATE", "CONSULT"):
            continue
        if spec.needs == "person":
            if not _person_follows(doc, match.end(), sentence.end):
                continue
        elif spec.needs:
            needed = lex.needs[spec.needs].search(text, match.end(), min(sentence.end, match.end() + WINDOW))
            if not needed or lex.cues["implied_request"].search(text, match.end(), needed.start()):
                continue  # no aid named, or an appeal for it ("sent out an appeal for aid")
        triggers.append((match, spec))
    triggers = _independent(doc, triggers)
    if not triggers:
        return []
    actors = [m for m in doc.in_sentence(sentence, ("person", "organization", "country"))
              if not _reporting(doc, sentence, m)]
    actors = _without_qualifiers(doc, actors)
    places = doc.in_sentence(sentence, ("place",))
    dates = [d for d in doc.between(doc.dates, sentence) if not inside(doc.quotes, d.start, d.end)
             and not (doc.stamp and d.start < doc.stamp.end and doc.stamp.start < d.end) and not _edition(doc, d)]
    if dates:
        report = _report_clause_end(doc, sentence, triggers[0][0].start())
        dates = [d for d in dates if d.start >= report]  # "Earlier on Monday, X told a briefing that …": the report's day
    amounts = doc.between(doc.amounts, sentence)
    # each date belongs to the trigger nearest to it, a weak one ("membahas") only if no other is there
    strong = [i for i, (_, t) in enumerate(triggers) if not t.weak] or list(range(len(triggers)))
    owner = {id(d): min(strong, key=lambda i: (_crosses(doc, d, triggers[i][0]), _distance(d, triggers[i][0])))
             for d in dates}
    found: list[_Candidate] = []
    for index, (match, spec) in enumerate(triggers):
        own_dates = [d for d in dates if owner[id(d)] == index] or _setting_dates(doc, triggers, index, dates, owner) \
            or _earlier_dates(triggers, index, dates, owner) or _talks_dates(triggers, index, dates, owner)
        next_start = triggers[index + 1][0].start() if index + 1 < len(triggers) else sentence.end
        previous_end = triggers[index - 1][0].end() if index else sentence.start
        found.extend(_events_at(doc, sentence, match, spec, actors, places, own_dates, amounts,
                                previous_end, next_start, reference, earlier + found, last_people))
    return found


_NAME_BEFORE = regex.compile(r"(?:^|\s)(\p{Lu}[\p{L}\d-]*)[ \t]+$")


def _edition(doc: _Document, date: DateMention) -> bool:
    """A year that ends a name is its edition, not a date: "Super Garuda Shield 2023",
    "Ketua ASEAN 2023" (a date phrase's own words aside: "Mei 2016", "Pada 2006")."""
    if date.kind != "year":
        return False
    match = _NAME_BEFORE.search(doc.text, max(0, date.start - 40), date.start)
    if not match:
        return False
    word = match.group(1).casefold()
    return word not in doc.lexicon.prefixes and word not in doc.lexicon.months


def _report_clause_end(doc: _Document, sentence: Sentence, first_trigger: int) -> int:
    """Where a reporting clause that comes before every act of its sentence ends: after
    "… told a regular briefing that" (speech verb, then complementizer); else the start."""
    opened = None
    for opened in doc.lexicon.cues["complementizers"].finditer(doc.text, sentence.start, first_trigger):
        pass
    if opened and doc.lexicon.cues["speech"].search(doc.text, sentence.start, opened.start()):
        return opened.end()
    return sentence.start


def _setting_dates(doc: _Document, triggers: list[tuple[regex.Match[str], TriggerForms]], index: int,
                   dates: list[DateMention], owner: dict[int, int]) -> list[DateMention]:
    """An undated act takes the date of the event it happened during, in its sentence."""
    for other, (match, _) in enumerate(triggers):
        if other != index and _cue_before(doc.lexicon.cues["setting"], doc.text, match.start(), 0, 2):
            owned = [d for d in dates if owner[id(d)] == other]
            if owned:
                return owned
    return []


def _earlier_dates(triggers: list[tuple[regex.Match[str], TriggerForms]], index: int, dates: list[DateMention],
                   owner: dict[int, int]) -> list[DateMention]:
    """An undated act later in a sentence depends on the dated one before it ("travelled to
    Canberra on August 20, where he held talks …")."""
    for other in range(index - 1, -1, -1):
        owned = [d for d in dates if owner[id(d)] == other]
        if owned:
            return owned
    return []


def _talks_dates(triggers: list[tuple[regex.Match[str], TriggerForms]], index: int, dates: list[DateMention],
                 owner: dict[int, int]) -> list[DateMention]:
    """An undated trip takes the date of the talks its sentence tells next ("travelled to
    Canberra, where he held talks … on August 20"): it began by then."""
    if triggers[index][1].mode != "visit":
        return []
    for other in range(index + 1, len(triggers)):
        if kind_of(triggers[other][1]) == "talks":
            return [d for d in dates if owner[id(d)] == other]
    return []


def _person_follows(doc: _Document, start: int, limit: int) -> bool:
    """A person named next, titles aside ("menerima Menteri Pertahanan AS Lloyd Austin")."""
    for mention in doc.mentions:
        if start <= mention.start < limit:
            gap = _WORD.findall(doc.text[start:mention.start])
            return mention.entity["type"] == "person" and all(w[0].isupper() for w in gap) and len(gap) <= 5
    return False


def _distance(date: DateMention, trigger: regex.Match[str]) -> int:
    return max(date.start - trigger.end(), trigger.start() - date.end, 0)


def _crosses(doc: _Document, date: DateMention, trigger: regex.Match[str]) -> bool:
    """Whether a clause boundary (a comma, a conjunction) stands between a date and a
    trigger after it: "visited Seoul in May and held talks" dates the visit."""
    if trigger.start() < date.end:
        return False
    gap = doc.text[date.end:trigger.start()]
    return bool(_BOUNDARY.search(gap) or doc.lexicon.cues["conjunctions"].search(gap))


def _independent(doc: _Document, triggers: list[tuple[regex.Match[str], TriggerForms]]) -> list[tuple[regex.Match[str], TriggerForms]]:
    """Triggers that are acts of their own, not part of an earlier one's words."""
    kept: list[tuple[regex.Match[str], TriggerForms]] = []
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


_DATELINE = regex.compile(r"[\p{Lu}][\p{L}\d ,.]{1,40}(?:\s*\([^)\n]{1,30}\))?\s*[-–—]+\s|\([^)\n]{1,40}=[^)\n]{1,40}\)")


def _reporting(doc: _Document, sentence: Sentence, mention: _Mention) -> bool:
    """Who reports, not who acts: "menurut Austin", "…, kata Kementerian", the outlet of
    a dateline ("JAKARTA (ANTARA) -")."""
    dateline = _DATELINE.match(doc.text, sentence.start)
    if dateline and mention.end <= dateline.end():
        return True
    words = doc.text[max(sentence.start, mention.start - 25):mention.start].split()
    return bool(words) and bool(doc.lexicon.cues["speech"].fullmatch(words[-1].strip(",")))


def _without_qualifiers(doc: _Document, mentions: list[_Mention]) -> list[_Mention]:
    """Drops a country or body that only qualifies the person named right after it
    ("Menteri Pertahanan Korea Selatan Shin Won-sik"), and the place-like "di …" bodies."""
    kept = []
    for i, mention in enumerate(mentions):
        entity = mention.entity
        after = mentions[i + 1] if i + 1 < len(mentions) else None
        between = doc.text[mention.end:after.start] if after else ""
        if entity["type"] != "person" and after and after.entity["type"] == "person" and \
                len(between) <= 40 and len(_WORD.findall(between)) <= 2 and \
                not doc.lexicon.cues["with"].search(between) and not doc.lexicon.cues["conjunctions"].search(between):
            continue  # "… Korea Selatan Shin Won-sik", "JCS Korea Selatan, Jenderal. Won In-choul"
        if entity["type"] != "person" and _cue_before(doc.lexicon.cues["at"], doc.text, mention.start, 0, 1):
            continue  # "di Ukraina", "di Kementerian Pertahanan": where, not who
        kept.append(mention)
    return kept


def _countries_of(doc: _Document, actors: list[str]) -> list[str]:
    by_code = {e.get("country"): e["id"] for e in doc.entities.values() if e["type"] == "country"}
    states = [by_code.get(doc.entities.get(a, {}).get("country")) for a in actors]
    return list(dict.fromkeys(s for s in states if s)) or list(actors)


def _resolve_pronoun(doc: _Document, sentence: Sentence, trigger_start: int, earlier: list[_Candidate],
                     last_people: list[str]) -> tuple[list[str], _Candidate | None]:
    """The people a pronoun or "kedua belah pihak" stands for, with the event they were
    last named in (whose sentence the act depends on)."""
    window = doc.text[sentence.start:trigger_start]
    plural = doc.lexicon.cues["plural"].search(window)
    if plural:
        for candidate in reversed(earlier):
            if len(candidate.actors) >= 2:
                if doc.lexicon.cues["country_words"].search(plural.group()):
                    return _countries_of(doc, candidate.actors), candidate  # "kedua negara": their states
                return list(candidate.actors), candidate
        return last_people[:2], None
    if doc.lexicon.cues["singular"].search(window):
        for candidate in reversed(earlier):
            people = [a for a in candidate.sources if doc.entities.get(a, {}).get("type") == "person"]
            if people:
                return people[:1], candidate
        return last_people[:1], None
    return [], None


def _events_at(doc: _Document, sentence: Sentence, match: regex.Match[str], spec: TriggerForms,
               actors: list[_Mention], places: list[_Mention], dates: list[DateMention], amounts: list[Amount],
               previous_end: int, next_start: int, reference: dt.date | None,
               earlier: list[_Candidate], last_people: list[str]) -> list[_Candidate]:
    text, lex = doc.text, doc.lexicon
    t_start, t_end = match.span()
    reach = SUMMIT_REACH if spec.mode == "multilateral" else TARGET_REACH
    end = min(_clause_end(doc, t_end, next_start), t_end + reach)
    floor = previous_end
    opened = None
    for opened in lex.cues["complementizers"].finditer(text, previous_end, t_start):
        pass
    if opened:  # "… told a briefing that Suh had turned down …": the clause's own subject
        floor = opened.end()
    if previous_end > sentence.start and not opened:
        # "Shoigu mengunjungi Pyongyang … dan Lavrov berkunjung": the new clause's subject
        comma = conjunction = None
        for comma in _BOUNDARY.finditer(text, previous_end, t_start):
            pass
        for conjunction in lex.cues["conjunctions"].finditer(text, comma.end() if comma else previous_end, t_start):
            pass
        # a comma opens the new clause ("…, Kamikawa and Kihara paid a call"); a bare
        # conjunction only when no comma does ("… dan Lavrov berkunjung")
        for boundary in (comma, conjunction):
            if boundary and [m for m in actors if boundary.end() <= m.start < t_start]:
                floor = boundary.end()
                break
    before = [m for m in actors if floor <= m.end <= t_start] or \
        ([m for m in actors if sentence.start <= m.end <= t_start] if previous_end > sentence.start and not opened else [])
    after = [m for m in actors if t_end <= m.start < end]
    if after:
        after += _list_continues(doc, actors, after[-1], sentence.end)
    sources = [m.entity["id"] for m in before]
    targets = [m.entity["id"] for m in after]
    noun = _is_noun(doc, spec, match, sentence)
    if noun:
        lead = " ".join(text[max(sentence.start, t_start - 50):t_start].split()[-4:])
        if lex.cues["setting"].search(" ".join(lead.split()[-2:])) and earlier and earlier[-1].sentence == sentence:
            # "… “membahas …” dalam pertemuan pagi ini": the setting of the act before it
            sources, targets = list(earlier[-1].sources), list(earlier[-1].targets)
        elif not lex.cues["light_verbs"].search(lead) and not lex.cues["setting"].search(lead) \
                and not (spec.mode == "visit" and lex.cues["purpose"].search(" ".join(lead.split()[-1:]))):
            # a noun that is no act of the sentence's subject: "North Korea denounced the visit"
            possessive = [m for m in before if _POSSESSIVE.match(text, m.end)
                          and len(_WORD.findall(text[m.end:t_start])) <= 3]
            sources = [m.entity["id"] for m in possessive[-1:]]
        if lex.cues["between"].match(text, _SPACE.match(text, t_end).end()) or \
                lex.cues["between"].search(text, t_end, min(end, t_end + 40)):
            sources, targets = [m.entity["id"] for m in after[:1]], [m.entity["id"] for m in after[1:]]
    # two acts of one subject: "X melakukan perjalanan ke Y dan mengadakan pembicaraan …"
    joined = lex.cues["conjunctions"].search(text, max(previous_end, t_start - 20), t_start)
    second_act = previous_end > sentence.start and joined and earlier and earlier[-1].sentence == sentence \
        and not [m for m in actors if joined.end() <= m.start < t_start]
    if second_act:
        sources = list(earlier[-1].sources)
    # a relative clause: "Christopher Cavoli, yang sedang mengunjungi Korea Selatan"
    relative = lex.cues["relative"].search(text, max(sentence.start, t_start - 30), t_start)
    if relative and not [m for m in actors if relative.end() <= m.start < t_start]:
        antecedent = [m for m in actors if m.end <= relative.start()]
        if antecedent:
            sources = [antecedent[-1].entity["id"]]
    # a passive's agent: "dilakukan oleh … Petr Pavel", "signed by …"
    agent = lex.cues["by"].search(text, t_end, min(end, t_end + AGENT_REACH))
    if agent:
        behind = [m for m in after if m.start >= agent.end()]
        people = [m for m in behind if m.entity["type"] == "person"]
        agents = [m.entity["id"] for m in (people or behind)[:1]]
        if agents:
            sources, targets = agents, [a for a in targets if a not in agents]
    if lex.cues["plural"].match(text, _SPACE.match(text, t_end).end()) and earlier:
        antecedent = next((c for c in reversed(earlier) if len(c.actors) >= 2), None)
        if antecedent:  # "selama percakapan telepon mereka": their call
            sources, targets = antecedent.actors[:1], antecedent.actors[1:2]
    if spec.mode == "visit":
        sources, targets = _visit_roles(doc, spec, t_end, end, after, sources)
    if not sources and spec.mode == "multilateral" and after:
        sources, targets = [after[0].entity["id"]], [m.entity["id"] for m in after[1:]]
    if not sources and lex.cues["setting"].match(text, _SPACE.match(text, sentence.start).end()) \
            or not sources and lex.cues["conjunctions"].match(text, _SPACE.match(text, sentence.start).end()):
        comma = text.find(",", t_end, sentence.end)
        people = [m for m in actors if comma >= 0 and m.start > comma and m.entity["type"] == "person"]
        sources = [people[0].entity["id"]] if people else sources
    antecedent = None
    if not sources:
        sources, antecedent = _resolve_pronoun(doc, sentence, t_start, earlier, last_people)
    if not sources and targets and kind_of(spec) == "talks":
        # "Pertemuan puncak dengan Presiden To Lam dijadwalkan …": the story's protagonist
        sources = next(([a for a in c.sources if doc.entities.get(a, {}).get("type") == "person"][:1]
                        for c in reversed(earlier) if any(doc.entities.get(a, {}).get("type") == "person" for a in c.sources)), [])
    status = "planned" if _cue_before(lex.cues["planned"], text, t_start, max(previous_end, sentence.start), 10) else "occurred"
    if second_act and earlier[-1].status == "planned":
        status = "planned"  # "is scheduled to meet Kihara on Monday before flying to Manila"
    mode = _mode(doc, spec, sentence)
    kind = spec.type
    if kind in ("REQUEST", "REJECT") and mode is None:
        return []  # no concrete thing asked for: a general appeal (§5)
    if not targets and spec.mode == "visit":
        targets = _host_of_place(doc, places, t_end, end)
    if not targets and (kind == "AID" or spec.mode == "visit"):
        targets = _implied_counterpart(doc, sentence, sources, host=spec.mode == "visit")
    following = " ".join(text[t_end:min(next_start, t_end + 90)].split()[:8])
    if status == "occurred" and noun and lex.cues["planned"].search(following):
        status = "planned"  # "latihan Balikatan yang dijadwalkan …", "Pertemuan puncak … dijadwalkan pada tanggal 13"
    chosen_dates = _dates_for(dates, t_start, t_end)
    previous = next((c.date for c in reversed(earlier) if c.date), None)  # "pada hari yang sama": the day just told
    resolved = [(_resolved(d, doc, reference, status, previous), d) for d in chosen_dates] or [(None, None)]
    location = _location(doc, places, spec, t_end, end, actors)
    made = []
    separate = lex.cues["separate"].search(text, max(sentence.start, t_start - 20), end)
    groups = [[t] for t in targets] if separate and kind == "CONSULT" and len(targets) > 1 else [targets]
    plans = [(date, mention, sources, group) for date, mention in resolved for group in groups]
    pairs = _dated_parties(doc, actors, dates, t_end, sentence.end)
    if pairs and {p for p, _ in pairs} <= {*sources, *targets}:
        # "after Australia in January 2022 and Britain in January 2023": one act with each
        named = {p for p, _ in pairs}
        rest_sources = [a for a in sources if a not in named]
        rest_targets = [a for a in targets if a not in named]
        if rest_targets and not named & set(sources):
            # a counterpart stays, the others take the subject's place: "X signed with Japan,
            # after Australia in 2022" is Australia's own act with Japan
            plans = [(_resolved(d, doc, reference, status, previous), d, [p], rest_targets) for p, d in pairs]
        else:
            plans = [(_resolved(d, doc, reference, status, previous), d,
                      rest_sources + [p] * (p in sources), rest_targets + [p] * (p in targets)) for p, d in pairs]
        plans.append((None, None, rest_sources, rest_targets))
    for date, mention, own_sources, group in plans:
        own_status = status
        if date and doc.published and own_status == "occurred" and date > doc.published.isoformat()[:len(date)]:
            own_status = "planned"
        explicit = mention is not None
        offset = lex.cues["day_offsets"].search(text, max(sentence.start, t_start - 60), t_start)
        if offset and mention is not None and mention.end <= offset.start() and date and len(date) == 10:
            # "On Monday, Blinken met …, a day after he and Austin held talks": the Sunday
            shift = lex.offsets.get(offset.group().casefold(), 0)
            date = (dt.date.fromisoformat(date) + dt.timedelta(days=shift)).isoformat()
        if date is None and own_status == "occurred" and earlier and earlier[-1].explicit_date \
                and earlier[-1].sentence != sentence and lex.cues["anaphora"].search(text, sentence.start, t_start):
            date = earlier[-1].date  # "SPA tersebut diteken bertepatan dengan kunjungan …": that day
        if date is None and own_status == "occurred" and antecedent and antecedent.explicit_date \
                and antecedent.sentence != sentence:
            date = antecedent.date  # "On Saturday, Zelensky met … He also met …": that day
        if date is None and own_status == "occurred" and reference is not None:
            date = reference.isoformat()
        candidate = _Candidate(kind, mode, own_status, sentence, (t_start, t_end), list(own_sources), list(group),
                               date, Span(*_date_span(doc, mention)) if mention else None, explicit, location,
                               [a for a in amounts], weak=spec.weak)
        made.append(candidate)
        if kind == "REJECT" and lex.cues["implied_request"].search(text, t_end, min(end, t_end + 30)):
            made.append(_Candidate("REQUEST", mode, candidate.status, sentence, (t_start, t_end), list(group),
                                   list(own_sources), date, candidate.date_text, explicit, location, []))
    for candidate in made:
        states = {doc.entities[a].get("country") for a in candidate.actors if doc.entities[a].get("country")}
        bodies = [a for a in candidate.actors if doc.entities[a]["type"] == "organization" and not doc.entities[a].get("country")]
        people = [a for a in candidate.actors if doc.entities[a]["type"] == "person"]
        if candidate.type == "CONSULT" and candidate.mode == "meeting" and (len(states) >= 3 or bodies and len(people) <= 1):
            candidate.mode = "multilateral"  # three parties or more, or an alliance's meeting (contract §2)
    return [_typed(c, doc) for c in made]


def _dated_parties(doc: _Document, actors: list[_Mention], dates: list[DateMention], start: int,
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


def _list_continues(doc: _Document, actors: list[_Mention], last: _Mention, limit: int) -> list[_Mention]:
    """The rest of a list of counterparts that runs past the reach ("dengan Perdana Menteri
    Jepang Kishida, Perdana Menteri Australia Albanese dan Perdana Menteri Selandia Baru
    Chris Hipkins"): names joined by commas and "dan"/"and", with only title words between."""
    more: list[_Mention] = []
    and_ = doc.lexicon.cues["with"]  # never a list joiner; only "and" words are
    for mention in actors:
        if mention.start < last.end or mention.start >= limit:
            continue
        words = _WORD.findall(doc.text[last.end:mention.start])
        gap = doc.text[last.end:mention.start]
        joiner = "," in gap or any(doc.lexicon.cues["conjunctions"].fullmatch(w) for w in words[:1])
        titles = [w for w in words if not doc.lexicon.cues["conjunctions"].fullmatch(w)]
        if not joiner or len(titles) > 5 or not all(w[0].isupper() for w in titles) or and_.search(gap) \
                or regex.search(r"[.;:()]", gap):
            break
        more.append(mention)
        last = mention
    return more


def kind_of(spec: TriggerForms) -> str:
    return "talks" if spec.type == "CONSULT" and spec.mode in ("meeting", "phone") else spec.type


def _is_noun(doc: _Document, spec: TriggerForms, match: regex.Match[str], sentence: Sentence) -> bool:
    form = match.group().casefold()
    if form in {n.casefold() for n in spec.nouns}:
        return True
    word = doc.text[max(sentence.start, match.start() - 15):match.start()].split()[-1:]
    return bool(word) and bool(doc.lexicon.cues["determiners"].fullmatch(word[0]))


def _visit_roles(doc: _Document, spec: TriggerForms, t_end: int, end: int, after: list[_Mention],
                 sources: list[str]) -> tuple[list[str], list[str]]:
    """A visit's host is named right after a verb ("mengunjungi Korea Selatan") or after
    "ke"/"to"; a noun's possessor is its visitor ("Kunjungan Bauer", "perjalanan Bauer")."""
    targets = []
    for mention in after:
        gap = _WORD.findall(doc.text[t_end:mention.start])
        # "lawatan Perdana Menteri Jepang Yoshihide Suga": capitalised title words between
        direct = len(gap) <= 1 or (len(gap) <= 4 and all(w[0].isupper() for w in gap))
        if direct and not sources:
            sources = [mention.entity["id"]]
        elif direct or _cue_before(doc.lexicon.cues["to"], doc.text, mention.start, t_end, 1):
            targets.append(mention.entity["id"])
    return sources, [t for t in targets if t not in sources]


def _host_of_place(doc: _Document, places: list[_Mention], t_end: int, end: int) -> list[str]:
    """A visit to a city is a visit to its country, when the text names the country."""
    for place in places:
        if t_end <= place.start < end and (len(_WORD.findall(doc.text[t_end:place.start])) <= 1 or
                                            _cue_before(doc.lexicon.cues["to"], doc.text, place.start, t_end, 1)):
            country = place.entity.get("country")
            match = next((e["id"] for e in doc.entities.values() if e["type"] == "country" and e.get("country") == country), None)
            return [match or place.entity["id"]]  # the city itself when its country goes unnamed
    return []


def _implied_counterpart(doc: _Document, sentence: Sentence, sources: list[str], host: bool) -> list[str]:
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


def _clause_end(doc: _Document, start: int, limit: int) -> int:
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


def _mode(doc: _Document, spec: TriggerForms, sentence: Sentence) -> str | None:
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


def _dates_for(dates: list[DateMention], start: int, end: int) -> list[DateMention]:
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


def _resolved(mention: DateMention, doc: _Document, reference: dt.date | None, status: str,
              previous: str | None) -> str | None:
    if doc.published is None:
        return resolve(mention, dt.date(1, 1, 1), dt.date(1, 1, 1), False) if mention.explicit else None
    return resolve(mention, doc.published, reference or doc.published, status == "planned", previous)


def _date_span(doc: _Document, mention: DateMention | None) -> tuple[int, int]:
    """The date words with the prepositions that lead them ("Pada tanggal 29")."""
    assert mention is not None
    start = mention.start
    prefixes = doc.lexicon.prefixes
    while True:
        match = _LAST_WORD.search(doc.text[max(0, start - 20):start])
        if not match or match.group(1).casefold() not in prefixes:
            return start, mention.end
        start -= len(match.group(0))


def _location(doc: _Document, places: list[_Mention], spec: TriggerForms, t_end: int, end: int,
              actors: list[_Mention]) -> str | None:
    for place in places:
        if _cue_before(doc.lexicon.cues["at"], doc.text, place.start, 0, 2) or (
                spec.mode == "visit" and _cue_before(doc.lexicon.cues["to"], doc.text, place.start, 0, 1)):
            return str(place.entity["id"])
    return None


def _typed(candidate: _Candidate, doc: _Document) -> _Candidate:
    """A joint exercise of one state's forces is MOBILIZE, not COOPERATE (contract §2)."""
    if candidate.type == "COOPERATE" and candidate.mode == "exercise":
        countries = {doc.entities[a].get("country") for a in candidate.actors if doc.entities[a].get("country")}
        if len(candidate.actors) == 1 or len(countries) == 1 and len(candidate.actors) == len(
                [a for a in candidate.actors if doc.entities[a].get("country")]):
            candidate.type, candidate.mode = "MOBILIZE", None
    return candidate


# -- merging --------------------------------------------------------------------------

def _covers(doc_entities: dict[str, dict[str, Any]], a: str, b: str) -> bool:
    """Whether actor `a` stands for `b`: the same, or `b` its state or a body above it."""
    if a == b:
        return True
    ea, eb = doc_entities.get(a), doc_entities.get(b)
    if not ea or not eb:
        return False
    if eb["type"] == "country" and ea.get("country") == eb.get("country"):
        return True
    seen, current = 0, ea.get("affiliation") or ea.get("part_of")
    while current and seen < 6:
        if current == b:
            return True
        entity = doc_entities.get(current, {})
        current, seen = entity.get("part_of"), seen + 1
    return False


def _compatible_dates(a: _Candidate, b: _Candidate) -> bool:
    if not a.explicit_date and not b.explicit_date:
        return True
    x, y = a.date or "", b.date or ""
    return x.startswith(y) or y.startswith(x)


class _Merger:
    def __init__(self, entities: dict[str, dict[str, Any]]) -> None:
        self.entities = entities

    def compatible_actors(self, a: _Candidate, b: _Candidate) -> bool:
        small, big = sorted((a.actors, b.actors), key=len)
        if not small:
            return False
        return all(any(_covers(self.entities, x, y) or _covers(self.entities, y, x) for x in big) for y in small)

    def people_conflict(self, a: _Candidate, b: _Candidate) -> bool:
        """Each names someone the other does not: two meetings, not one."""
        people_a = {x for x in a.actors if self.entities.get(x, {}).get("type") == "person"}
        people_b = {x for x in b.actors if self.entities.get(x, {}).get("type") == "person"}
        return bool(people_a - people_b) and bool(people_b - people_a)

    def same(self, a: _Candidate, b: _Candidate) -> bool:
        return (a.type == b.type and a.mode == b.mode and a.status == b.status
                and _compatible_dates(a, b) and self.compatible_actors(a, b) and not self.people_conflict(a, b))


def _merge(candidates: list[_Candidate], entities: dict[str, dict[str, Any]]) -> list[_Candidate]:
    merged: list[_Candidate] = []
    merger = _Merger(entities)
    for candidate in candidates:
        target = next((m for m in merged if merger.same(m, candidate)), None)
        if target is None:
            merged.append(candidate)
            continue
        target.reports += 1
        target.weak = target.weak and candidate.weak
        for actor in candidate.sources:
            if not any(_covers(merger.entities, a, actor) for a in target.actors):
                target.sources.append(actor)
        for actor in candidate.targets:
            if not any(_covers(merger.entities, a, actor) for a in target.actors):
                target.targets.append(actor)
        if candidate.explicit_date and (not target.explicit_date or len(candidate.date or "") > len(target.date or "")):
            target.date, target.date_text, target.explicit_date = candidate.date, candidate.date_text, True
        target.location = target.location or candidate.location
        target.amounts = target.amounts or candidate.amounts
        if _fullness(candidate) > _fullness(target):
            target.sentence, target.trigger = candidate.sentence, candidate.trigger
    return [c for c in merged if not c.weak and _enough_actors(c, entities)]


def _fullness(candidate: _Candidate) -> tuple[int, int]:
    return (len(candidate.actors) + int(candidate.explicit_date), -(candidate.sentence.end - candidate.sentence.start))


def _enough_actors(candidate: _Candidate, entities: dict[str, dict[str, Any]]) -> bool:
    """Talks, calls, joint exercises and agreements have two sides at least (an
    international body may sign alone: "ASEAN's ministers signed a declaration"); a
    visit crosses a border."""
    actors = candidate.actors
    if candidate.type == "CONSULT" and candidate.mode in ("meeting", "phone"):
        return len(actors) >= 2
    if candidate.type == "COOPERATE":
        return len(actors) >= 2
    if candidate.type == "AGREE" and len(actors) < 2:
        only = entities.get(actors[0], {}) if actors else {}
        return only.get("type") == "organization" and only.get("country") is None
    if candidate.mode == "visit":
        home = {entities.get(a, {}).get("country") for a in candidate.sources}
        hosts = {entities.get(a, {}).get("country") for a in candidate.targets}
        return bool(candidate.sources) and not (hosts and hosts <= home and None not in hosts)
    return len(actors) >= 1


# -- output ---------------------------------------------------------------------------

def _quotes(doc: _Document, sentences: list[Sentence]) -> list[dict[str, Any]]:
    out = []
    for quote in doc.quotes:
        sentence = next((s for s in sentences if s.start <= quote.outer_start < s.end), None)
        if sentence is None or len(_WORD.findall(doc.text[quote.start:quote.end])) < 3:
            continue
        speaker = _speaker(doc, sentence, quote)
        out.append({"speaker": speaker, "text": doc.text[quote.start:quote.end], "start": quote.start, "end": quote.end})
    return out


def _speaker(doc: _Document, sentence: Sentence, quote: QuoteSpan) -> str | None:
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


def _to_dict(number: int, c: _Candidate, doc: _Document, quotes: list[dict[str, Any]]) -> dict[str, Any]:
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
