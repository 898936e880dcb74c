"""Stage 2, titles: office and rank words (data/lang/*/titles.yaml) with what they stand
beside.

- whose office: a state or body named right after the title ("Menteri Pertahanan Korea
  Selatan …", "Ketua JCS Korea Selatan"), else right before it ("Timor-Leste President",
  "South Korea's defense minister", "the EU's foreign policy chief"), or a state's adjective
  before it ("Romanian President", from the language's `country_adjectives`); a word before
  the title can make it a past holder's ("former", "mantan") or another office ("Wakil",
  "Deputy"), and a rank after an office carries it ("Kepala Staf Angkatan Darat Jenderal X")
- who: the capitalised words after it (or after its comma: "Yoon's chief of staff, Chung
  Jin-suk"), or before its comma (an appositive: "Josep Borrell, the EU foreign policy
  chief"), resolved by resolve.py; unknown, they make a new person with the title as role
  and the title's state, unless they stand in a headline, name a body, a place or a day.
  Words right before another name only qualify it ("Presiden Terpilih Prabowo").
- no name at all: the office's holder that day ("menteri pertahanan Korea Selatan"), when
  the title says whose office it is and one person held it; or a name machine translation
  made a country of ("PM Albania" in a story about Australia: Anthony Albanese)
- a head word and a portfolio before a body, then a name ("Menteri Angkatan Bersenjata
  Prancis Florence Parly", "Ketua dan CEO Dassault Aviation Eric Trappier"); a head word
  and one word ("Menteri Baru"): a short or machine-translated form of someone named
"""

from __future__ import annotations

import bisect

import regex

from dyads.clean.boilerplate import ends_like_sentence
from dyads.entities.mention import PARTICLE_NAME, BLANK, NAME, NEW, TOKEN, Mention
from dyads.entities.names import Context
from dyads.entities.resolve import Office, Resolver
from dyads.entities.tenure import OfficeLink
from dyads.entities.titles import TitleMatch, Titles
from dyads.gazetteer import Gazetteer

COUNTRY_AS_NAME = 0.85  # how close a country's name must be to a holder's name word to be theirs
HEADLINE_WORDS = 25  # a headline is short, mostly Capitalised and not a sentence
LINKED_PHRASE = ("garbled", "translated", "office", "context-office", "guess")  # list "title + name" as alias
_GAP = regex.compile(r"\.?\s*")
_SPACE = regex.compile(r"\s*")
_POSSESSIVE = regex.compile(r"(?:['’]s)?[ \t]?")
_ACRONYM_AFTER = regex.compile(r"\s*\(\p{Lu}[\p{Lu}\d-]+\)")
_CHAIN_BEFORE = regex.compile(r"(?<![\p{L}'’-])(?:\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*[ \t]+){0,3}\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*$")
_WORD_BEFORE = regex.compile(r"(\S+)[ \t]+$")


class TitleStage:
    def __init__(self, text: str, day: str | None, gazetteer: Gazetteer, titles: Titles,
                 mentions: list[Mention], context: Context, weekdays: frozenset[str]) -> None:
        self.text, self.day, self.gazetteer, self.titles = text, day, gazetteer, titles
        self.mentions, self.context, self.weekdays = mentions, context, weekdays
        self.by_start = {m.start: m for m in mentions}
        self.resolver = Resolver(day, gazetteer, titles.translated, mentions, context, text)
        self.not_person_words = frozenset(w.casefold() for w in titles.not_person_words)
        # a rank right after an office's title carries that office: start -> (title, qualifier, role)
        self.carried: dict[int, tuple[TitleMatch, Mention | None, str | None]] = {}
        self.title_starts: set[int] = set()
        self.headlines: dict[int, bool] = {}  # line start -> whether the line is a headline

    def apply(self) -> None:
        spans = sorted((m.start, m.end) for m in self.mentions)  # the names: they do not overlap
        starts = [start for start, _ in spans]

        def covering(position: int) -> int | None:
            index = bisect.bisect_right(starts, position) - 1
            return spans[index][1] if index >= 0 and position < spans[index][1] else None

        found: list[TitleMatch] = []
        for title in self.titles.find(self.text):
            name_end = covering(title.start)
            if name_end is None:
                found.append(title)
            elif title.end > name_end:  # "U.S. Army Chief of Staff": the title may begin after the name
                found.extend(t for t in self.titles.find(self.text, name_end, title.end) if covering(t.start) is None)
            # (a title word inside a name, "Kepala Staf Gabungan Korea Selatan", is no title)
        self.title_starts = {t.start for t in found}
        for title in found:
            self._title(title)
        if self.titles.portfolio is not None:
            for mention in list(self.mentions):
                self._portfolio(mention)
        if self.titles.head_name is not None:
            for match in self.titles.head_name.finditer(self.text):
                self._head_name(match.span("name"))

    # whose office ---------------------------------------------------------------------

    def _add(self, mention: Mention) -> Mention:
        self.mentions.append(mention)
        self.by_start.setdefault(mention.start, mention)
        return mention

    def _line_start(self, position: int) -> int:
        return self.text.rfind("\n", 0, position) + 1

    def _mention_at(self, position: int, types: tuple[str, ...]) -> Mention | None:
        mention = self.by_start.get(position)
        if mention and not mention.is_new and self.gazetteer[mention.key].type in types:
            return mention
        return None

    def _mention_before(self, position: int) -> Mention | None:
        """A state or body right before the title: "Timor-Leste President …", "South Korea's
        defense minister", else a state's adjective ("Romanian President")."""
        for mention in self.mentions:
            if 0 <= position - mention.end <= 3 and not mention.is_new \
                    and self.gazetteer[mention.key].type in ("country", "organization") \
                    and _POSSESSIVE.fullmatch(self.text, mention.end, position):
                return mention
        pattern, adjectives = self.titles.adjective_before, self.titles.adjectives or {}
        if pattern is None:
            return None
        found = pattern.search(self.text, max(self._line_start(position), position - 40), position)
        if not found:
            return None
        word = found.group().rstrip()
        key = adjectives.get(word, "").lower()
        if key not in self.gazetteer.entries or self._covering(found.start() + 1):
            return None
        self.context.countries[self.gazetteer[key].country or ""] += 1
        return self._add(Mention(found.start(), found.start() + len(word), key, "name"))

    def _covering(self, position: int) -> Mention | None:
        return next((m for m in self.mentions if m.start < position < m.end and not m.is_new), None)

    def _office(self, kind: str | None, qualifier: Mention | None) -> Office:
        entry = self.gazetteer.get(qualifier.key) if qualifier and not qualifier.is_new else None
        if entry is None:
            return Office(kind)
        if entry.type == "country":
            return Office(kind, entry.country)
        return Office(kind, None, entry.key)

    # the title ------------------------------------------------------------------------

    def _title(self, title: TitleMatch) -> None:
        text = self.text
        kind, role = title.office, self._words(title.start, title.end) if title.office else None
        phrase_start, past = title.start, False
        before = text[max(self._line_start(title.start), title.start - 40):title.start]
        if kind and self.titles.former_before and self.titles.former_before.search(before):
            kind, role, past = None, None, True  # "former Defense Minister …": not today's holder
        elif kind and self.titles.deputy_before and (deputy := self.titles.deputy_before.search(before)):
            kind, role = None, self._words(title.start - len(deputy.group()), title.end)  # "Wakil Menteri Pertahanan"
        # "Ketua JCS Korea Selatan": the title's last word begins a name, which qualifies it
        overlap = self._covering(title.end)
        if overlap and self.gazetteer[overlap.key].type in ("country", "organization"):
            qualifier: Mention | None = overlap
            position = _GAP.match(text, overlap.end).end()
        else:
            position = _GAP.match(text, title.end).end()
            qualifier = self._mention_at(position, ("country", "organization"))
        end = title.end
        if qualifier:
            end = qualifier.end
            position = _SPACE.match(text, qualifier.end).end()
        else:
            qualifier = self._mention_before(title.start)
        if title.office is None and title.start in self.carried:  # "… Angkatan Darat Jenderal X"
            carrier, carried_qualifier, carried_role = self.carried[title.start]
            kind, role, phrase_start = carrier.office, carried_role, carrier.start
            qualifier = qualifier or carried_qualifier
        if text.startswith("(", position):  # "Komandan … NATO (Organisasi …) Christopher Cavoli"
            close = text.find(")", position, position + 120)
            if close > 0:
                position = _SPACE.match(text, close + 1).end()
        if self.titles.former and self.titles.former.match(text, position):
            return  # a past holder, named in what follows: no role reference
        if self._mention_at(position, ("person",)):
            return  # the name is known; the title only confirms it
        if position in self.title_starts:
            if kind:  # "ketua Komite Militer NATO Laksamana. Rob Bauer": the next title names him
                self.carried[position] = (title, qualifier, role)
            return
        name = self._name_at(position) if "\n" not in text[end:position] else None  # (a name never starts the next line)
        if name is None and kind and text.startswith(",", position):
            # "Yoon's chief of staff, Chung Jin-suk, …": a full name after the comma
            chain = self._name_at(_SPACE.match(text, position + 1).end())
            if chain and len(TOKEN.findall(text[chain[0]:chain[1]])) >= 2 and \
                    self._named(chain, self._office(kind, qualifier), qualifier, role, None, guess=False):
                return
        if name:
            # after an office's title, a full stop ends the sentence: what follows may be a
            # new person, but no holder is guessed from it ("… kata Menteri Pertahanan. Pertemuan …")
            stop = title.office is not None and "." in text[end:name[0]]
            self._named(name, Office(None) if past else self._office(kind, qualifier), qualifier, role, phrase_start,
                        guess=not stop)
        elif kind and qualifier and self._country_as_name(title, kind, qualifier):
            return
        elif kind:
            named = self._appositive(title, kind, qualifier, role)
            possessive = qualifier is not None and qualifier.end < title.start - 1
            if named is not None or not possessive or kind in self.gazetteer.unique_offices:
                # (a possessive's title with no name is no one yet: "… sworn in as Indonesia's president")
                self._role(title, end, kind, qualifier, named)

    def _words(self, start: int, end: int) -> str:
        return " ".join(self.text[start:end].split())

    def _name_at(self, position: int) -> tuple[int, int] | None:
        """Up to three capitalised words at `position`, stopping before a known name."""
        end = None
        cursor = position
        for _ in range(3):
            if cursor in self.by_start or cursor in self.title_starts or self._covering(cursor + 1):
                break  # a country, body, person or another title is here
            match = NAME.match(self.text, cursor) or (end is not None and PARTICLE_NAME.match(self.text, cursor))
            if not match:
                break
            end = match.end()
            blank = BLANK.match(self.text, end)
            if not blank:
                break
            cursor = blank.end()
        return (position, end) if end else None

    def _named(self, span: tuple[int, int], office: Office, qualifier: Mention | None, role: str | None,
               phrase_start: int | None, guess: bool = True) -> Mention | None:
        """`guess`: whether the office's one holder may be meant even when the name does not
        resemble theirs (not for an appositive: "Meanwhile, the defense minister …")."""
        written = self.text[span[0]:span[1]]
        if self._named_next(span[1]):
            office = Office(None)  # words that qualify the name after them: no holder is sought
        name_like = guess and self._name_like(span)
        found = self.resolver.resolve(written, office, span, name_like)
        if found is None:
            if not self._could_be_new_person(span):
                return None
            key, how, via = NEW + written, "new", None
        else:
            key, how, via = found.key, found.how, found.via
        phrase = (phrase_start, span[1]) if phrase_start is not None and how in LINKED_PHRASE else None
        return self._add(Mention(span[0], span[1], key, how, phrase, qualifier.key if qualifier else None,
                                 role if how == "new" else None, via))

    def _appositive(self, title: TitleMatch, kind: str, qualifier: Mention | None, role: str | None) -> Mention | None:
        """ "Josep Borrell, the EU foreign policy chief": the person named before the title's
        comma (known, or resolved or made here)."""
        front = qualifier.start if qualifier and qualifier.end <= title.start else title.start
        line_start = self._line_start(front)
        window = max(line_start, front - 20)
        comma = self.titles.appositive_before.search(self.text, window, front) if self.titles.appositive_before else None
        if comma is None:
            return None
        known = next((m for m in self.mentions if m.end == comma.start() and not m.is_new
                      and self.gazetteer[m.key].type == "person"), None)
        if known is not None:
            return known  # "Christopher Cavoli, NATO's Supreme Allied Commander Europe": the title describes them
        chain = _CHAIN_BEFORE.search(self.text, max(line_start, comma.start() - 160), comma.start())
        if chain is None or any(m.start < chain.end() and chain.start() < m.end for m in self.mentions):
            return None  # no name, or a body's or a place's
        previous = _WORD_BEFORE.search(self.text, max(line_start, chain.start() - 60), chain.start())
        if previous and previous.group(1)[0].isupper():
            return None  # the end of a longer capitalised run: a body's name, a headline
        return self._named((chain.start(), chain.end()), self._office(kind, qualifier), qualifier, role, None, guess=False)

    def _country_as_name(self, title: TitleMatch, kind: str, qualifier: Mention) -> bool:
        """ "PM Albania" in a story about Australia: a name machine translation made a country
        of. The country is named only here, the gazetteer knows no holder of the office
        there, and one holder the document's states do have bears a name very like it."""
        entry = self.gazetteer[qualifier.key]
        if qualifier.start < title.start or entry.type != "country" or self.context.countries.get(entry.country or "", 0) > 1 \
                or self.resolver.holders(kind, entry.country):
            return False
        written = self.text[qualifier.start:qualifier.end]
        close = [h for h in self.resolver.holders_in_context(kind) if self.resolver.resembles(written, h) >= COUNTRY_AS_NAME]
        if len(close) != 1:
            return False
        holder = close[0]
        qualifier.key, qualifier.how, qualifier.phrase = holder.key, "garbled", (title.start, qualifier.end)
        qualifier.via = OfficeLink(holder.key, kind, self.resolver.country_of(holder, kind), None, "context",
                                   qualifier.start, qualifier.end)
        return True

    def _role(self, title: TitleMatch, end: int, kind: str, qualifier: Mention | None, named: Mention | None) -> None:
        """A title with no name stands for its holder that day, when that is one person."""
        if self.text[max(0, title.start - 5):title.start].casefold().endswith("para "):
            return  # "para menteri": a group, not a person
        if qualifier is None and kind not in self.gazetteer.unique_offices:
            return  # "the spokesman", "Presiden": whose, the title does not say
        office = self._office(kind, qualifier)
        holders = self.resolver.holders(kind, office.country, office.organization)
        if len(holders) != 1 or (named is not None and named.key != holders[0].key):
            return  # nobody, several, or the person the appositive names
        via = OfficeLink(holders[0].key, kind, office.country, office.organization, "role", title.start, end)
        self._add(Mention(title.start, end, holders[0].key, "role", (title.start, end), via=via))

    def _portfolio(self, body: Mention) -> None:
        """ "Menteri Angkatan Bersenjata Prancis Florence Parly", "Ketua dan CEO Dassault
        Aviation Eric Trappier": a head word, its portfolio, a body or country, a name."""
        if body.is_new or self.gazetteer[body.key].type not in ("country", "organization"):
            return
        before = self.text[max(self._line_start(body.start), body.start - 120):body.start]
        head = self.titles.portfolio.search(before) if self.titles.portfolio else None
        if head is None:
            return
        position = BLANK.match(self.text, body.end)
        if not position or self._mention_at(position.end(), ("person",)):
            return
        span = self._name_at(position.end())
        if span:
            head_start = body.start - len(before) + head.start()
            # whose: a state or body in the portfolio ("Duta Besar Australia untuk Indonesia"),
            # else one right before the head ("Indonesian Ambassador to …"), else the body
            inside = [m for m in self.mentions if head_start <= m.start and m.end <= body.start and not m.is_new
                      and self.gazetteer[m.key].type in ("country", "organization")]
            qualifier = inside[0] if inside else self._mention_before(head_start) or body
            self._named(span, Office(None), qualifier, self._words(head_start, body.end), head_start)

    def _head_name(self, span: tuple[int, int]) -> None:
        """ "Menteri Baru": a head word with one word after it names someone the text names
        in full, by a short or machine-translated form ("Baru" -> "Shin"), or no one."""
        if span[0] in self.by_start or self._covering(span[0] + 1):
            return
        found = self.resolver.resolve(self.text[span[0]:span[1]], Office(None), span, False)
        if found is not None and found.how in ("short", "translated"):
            self._add(Mention(span[0], span[1], found.key, found.how))

    # is it a name ---------------------------------------------------------------------

    def _name_like(self, span: tuple[int, int]) -> bool:
        """Whether capitalised words stand where a name would: not in a headline, not a
        known place or body, no word of a body's name or a day of the week."""
        written = self.text[span[0]:span[1]]
        tokens = TOKEN.findall(written)
        if written in self.gazetteer.surfaces or written.lower() in self.gazetteer.lowered_surfaces:
            return False  # a known country, body or place
        if any(t.casefold() in self.not_person_words or t.casefold() in self.weekdays for t in tokens):
            return False  # "Partai Buruh", "Komite Tetap": a body's name; "Selasa": a day
        return not self._in_headline(span)

    def _named_next(self, end: int) -> bool:
        """Whether a name or title follows at once: what stands before it qualifies it
        ("Presiden Terpilih Prabowo")."""
        blank = BLANK.match(self.text, end)
        if not blank:
            return False
        after = blank.end()
        return after in self.by_start or after in self.title_starts or self._covering(after + 1) is not None

    def _in_headline(self, span: tuple[int, int]) -> bool:
        line_start = self._line_start(span[0])
        if line_start not in self.headlines:
            line_end = self.text.find("\n", span[1])
            line = self.text[line_start:line_end if line_end >= 0 else len(self.text)].strip()
            words = TOKEN.findall(line)
            capitalised = sum(1 for w in words if w[0].isupper())
            self.headlines[line_start] = 4 <= len(words) <= HEADLINE_WORDS and capitalised / len(words) > 0.6 \
                and not ends_like_sentence(line)
        return self.headlines[line_start]

    def _could_be_new_person(self, span: tuple[int, int]) -> bool:
        """An unknown name after a title makes a new person only when it has two words or
        more, is not followed by an acronym in brackets (a body's name: "… Wilayah Pasifik
        (USARPAC)"), and stands where a name would (`_name_like`)."""
        written = self.text[span[0]:span[1]]
        if len(TOKEN.findall(written)) < 2 or _ACRONYM_AFTER.match(self.text, span[1]):
            return False
        return self._name_like(span)
