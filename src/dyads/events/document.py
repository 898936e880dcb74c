"""The working view every stage reads: the text, its entities by position, quotes, date
and amount mentions, and the language's event lexicon compiled once per language."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import regex

from dyads.events.amounts import Amount, find_amounts
from dyads.events.dates import find_dates
from dyads.events.lemmas import TriggerMatcher
from dyads.events.quotes import QuoteSpan, find_quotes, inside
from dyads.events.sentences import Sentence
from dyads.langdata.knowledge import LanguageKnowledge
from dyads.model import Span
from dyads.patterns import words_pattern

WINDOW = 60  # characters around a trigger searched for cues
TARGET_REACH = 120  # how far after a trigger its counterpart can be named
SUMMIT_REACH = 30  # a summit's name follows it closely ("KTT NATO")
AGENT_REACH = 40  # "dilakukan oleh …"
QUOTE_REACH = 600  # how far after an event's sentence its actor's quote may follow
WORD = regex.compile(r"\w+")
SPACE = regex.compile(r"\s*")
BOUNDARY = regex.compile(r"[,;]")
POSSESSIVE = regex.compile(r"['’]s\b")
LAST_WORD = regex.compile(r"(\w+)\s+$")
FULL_STOP = regex.compile(r"[.!?][\"'”’»)]*\s*$")  # a sentence, not a headline or a stamp line


@dataclass(frozen=True)
class Lexicon:
    triggers: TriggerMatcher
    cues: dict[str, regex.Pattern[str]]
    modes: dict[str, list[tuple[str, regex.Pattern[str]]]]
    needs: dict[str, regex.Pattern[str]]
    contexts: list[tuple[str, regex.Pattern[str]]]
    prefixes: frozenset[str]  # words a date phrase may start with ("pada", "in"), casefolded
    months: frozenset[str]
    offsets: dict[str, int]  # "a day after" -> -1, casefolded


def compile_lexicon(language: LanguageKnowledge) -> Lexicon:
    e = language.events
    cues = {name: words_pattern(getattr(e, name)) for name in
            ("planned", "negation", "hypothetical", "lists", "implied_request", "singular", "plural",
             "to", "by", "at", "relative", "speech", "setting", "conjunctions", "light_verbs", "determiners",
             "between", "complementizers", "separate", "purpose", "country_words", "person_words", "person_lead", "mediation", "anaphora",
             "back_before", "back_after", "appeals")}
    cues["with"] = words_pattern(e.with_)
    cues["day_offsets"] = words_pattern(e.day_offsets)
    modes = {t: [(mode, words_pattern(words)) for mode, words in table.items()] for t, table in e.modes.items()}
    return Lexicon(TriggerMatcher(e), cues, modes,
                    {k: words_pattern(v) for k, v in e.needs.items() if v},
                    [(name, words_pattern(words)) for name, words in e.contexts.items()],
                    frozenset(w.casefold() for w in language.dates.prefixes),
                    frozenset(w.casefold() for w in language.dates.months),
                    {k.casefold(): v for k, v in e.day_offsets.items()})


def _start(item: Any) -> int:
    return item.start() if callable(item.start) else item.start  # type: ignore[no-any-return]


def _end(item: Any) -> int:
    return item.end() if callable(item.end) else item.end  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class Parse:
    """One parsed sentence (a spaCy Doc) and where it starts in the document's text."""

    doc: Any
    offset: int


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    entity: dict[str, Any]


@dataclass
class Candidate:
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


class DocumentView:
    """What every sentence's rules look up: entities by position, quotes, dates."""

    def __init__(self, text: str, entities: list[dict[str, Any]], language: LanguageKnowledge,
                 published: str | None, lexicon: Lexicon) -> None:
        self.text, self.language, self.lexicon = text, language, lexicon
        self.entities = {e["id"]: e for e in entities}
        mentions = [Mention(m["start"], m["end"], e) for e in entities for m in e["mentions"]]
        mentions.sort(key=lambda m: (m.start, -m.end))
        # a mention inside a longer one ("Korea Selatan" in "menteri pertahanan Korea Selatan") is its part
        self.mentions: list[Mention] = []
        for mention in mentions:
            if self.mentions and mention.start < self.mentions[-1].end:
                continue
            self.mentions.append(mention)
        self.starts = [m.start for m in self.mentions]
        self.quotes = find_quotes(text)
        self.published = dt.date.fromisoformat(published) if published else None
        self.stamp: Span | None = None
        self.parses: dict[int, Parse] = {}  # sentence start -> its parse, for sentences with a trigger
        self.capitals: set[str] = set()  # ids of capital cities, which may stand for their state

    def scan(self) -> None:
        """Triggers, dates and amounts, found once over the whole text (one pass each)."""
        self.triggers = self.lexicon.triggers.find(self.text)
        self.dates = find_dates(self.text, 0, len(self.text), self.language)
        self.amounts = find_amounts(self.text, 0, len(self.text), self.language)

    @staticmethod
    def between(items: list[Any], sentence: Sentence) -> list[Any]:
        return [item for item in items if sentence.start <= _start(item) and _end(item) <= sentence.end]

    def in_name(self, start: int, end: int) -> bool:
        """Whether [start, end) lies inside the name of a person or body."""
        index = bisect.bisect_right(self.starts, start) - 1
        return index >= 0 and self.mentions[index].end >= end and \
            self.mentions[index].entity["type"] in ("person", "organization")

    def in_sentence(self, sentence: Sentence, types: tuple[str, ...]) -> list[Mention]:
        low = bisect.bisect_left(self.starts, sentence.start)
        high = bisect.bisect_left(self.starts, sentence.end)
        return [m for m in self.mentions[low:high] if m.end <= sentence.end
                and m.entity["type"] in types and not inside(self.quotes, m.start, m.end)]


def cue_before(pattern: regex.Pattern[str], text: str, start: int, floor: int, words: int) -> bool:
    window = text[max(floor, start - max(WINDOW, 12 * words)):start]
    tail = " ".join(window.split()[-words:]) if words else window
    return bool(pattern.search(tail))
