"""From a cleaned text to its entities, resolved in order of evidence:

1. names     gazetteer names and aliases in every language (one automaton pass); a name
             several entries share ("Kementerian Pertahanan", "JCS") goes to the entry of
             the country the document talks about most
2. titles    office and rank words with what follows them: a known name ("Menteri
             Pertahanan Suh Wook"), a name machine translation garbled ("Menteri
             Pertahanan Singh" → the defense minister in office whose name it resembles;
             "Umum Menang" → General Won), an unknown name (a new person), or no name at
             all ("menteri pertahanan Korea Selatan" → the holder of the office that day)
3. short     short forms of names seen in the document ("Bauer" after "Rob Bauer",
             "Komite Militer" after "Komite Militer NATO")
4. entities  mentions grouped by identity, with affiliation, part-of, roles at the
             article's date, every surface form seen, and a confidence

A pure function of the text, its language, its date and the loaded knowledge.
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass
from typing import Any

import regex
from rapidfuzz.distance import JaroWinkler

from dyads.clean.boilerplate import ends_like_sentence
from dyads.entities.matcher import NameMatch
from dyads.entities.titles import TitleMatch, Titles, titles_of
from dyads.gazetteer import Entry, Gazetteer
from dyads.langdata import Knowledge

NEW = "new:"
HEADLINE_WORDS = 25  # a headline is short, mostly Capitalised and not a sentence  # key prefix of people the gazetteer does not know
SIMILAR = 0.78  # Jaro-Winkler similarity a garbled name needs to its holder's name
MARGIN = 0.05  # … and its lead over the next candidate
WORD_SIMILAR = 0.6  # … and each of its words to one of the holder's
_GAP = regex.compile(r"\.?\s*")
_SPACE = regex.compile(r"\s*")
_BLANK = regex.compile(r"[ \t\u00a0]+")
_NAME = regex.compile(r"\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*")
_TOKEN = regex.compile(r"[\p{L}'’]+(?:-[\p{L}'’]+)*")
_ACRONYM_AFTER = regex.compile(r"\s*\(\p{Lu}[\p{Lu}\d-]+\)")

CONFIDENCE = {"name": 0.95, "title-name": 0.95, "short": 0.85, "role": 0.8, "translated": 0.75, "garbled": 0.7, "new": 0.55}


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    key: str
    how: str  # a CONFIDENCE key
    phrase: tuple[int, int] | None = None  # a longer surface to list as alias too
    qualifier: str | None = None  # for new people: the body or country named with them

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.how]


def link_entities(text: str, language: str, published: str | None, knowledge: Knowledge) -> list[dict[str, Any]]:
    gazetteer: Gazetteer = knowledge.gazetteer
    names = knowledge.name_matcher.find(text)
    context = _country_context(names, gazetteer)
    mentions = [Mention(n.start, n.end, _choose(n.keys, context, gazetteer), "name") for n in names]
    _Titles(text, published, gazetteer, titles_of(knowledge.language(language)), mentions, context).apply()
    _short_forms(text, gazetteer, mentions)
    return _entities(text, published, gazetteer, mentions)


# 1. names ---------------------------------------------------------------------------

def _country_context(names: list[NameMatch], gazetteer: Gazetteer) -> Counter[str]:
    """How often each state is named, directly or through an unambiguous name of its."""
    counts: Counter[str] = Counter()
    for name in names:
        if len(name.keys) == 1:
            country = gazetteer[name.keys[0]].country
            if country:
                counts[country] += 1
    return counts


_TYPE_ORDER = {"person": 0, "organization": 1, "country": 2, "place": 3}


def _choose(keys: tuple[str, ...], context: Counter[str], gazetteer: Gazetteer) -> str:
    if len(keys) == 1:
        return keys[0]
    return min(keys, key=lambda k: (-context.get(gazetteer[k].country or "", 0), _TYPE_ORDER[gazetteer[k].type], k))


# 2. titles --------------------------------------------------------------------------

class _Titles:
    def __init__(self, text: str, day: str | None, gazetteer: Gazetteer, titles: Titles,
                 mentions: list[Mention], context: Counter[str]) -> None:
        self.text, self.day, self.gazetteer, self.titles = text, day, gazetteer, titles
        self.mentions, self.context = mentions, context
        self.by_start = {m.start: m for m in mentions}
        self.lowered_surfaces = gazetteer.lowered_surfaces
        self._tokens: tuple[int, dict[str, str]] = (-1, {})
        self.not_person_words = frozenset(w.casefold() for w in titles.not_person_words)

    def apply(self) -> None:
        covered = [(m.start, m.end) for m in self.mentions]
        found = [t for t in self.titles.find(self.text) if not any(s <= t.start < e for s, e in covered)]
        # (a title word inside a name, "Kepala Staf Gabungan Korea Selatan", is no title)
        self.title_starts = {t.start for t in found}
        for title in found:
            self._title(title)
        if self.titles.portfolio is not None:
            for mention in list(self.mentions):
                self._portfolio(mention)

    def _portfolio(self, body: Mention) -> None:
        """ "Menteri Angkatan Bersenjata Prancis Florence Parly", "Ketua dan CEO Dassault
        Aviation Eric Trappier": a head word, its portfolio, a body or country, a name."""
        if body.key.startswith(NEW) or self.gazetteer[body.key].type not in ("country", "organization"):
            return
        line_start = self.text.rfind("\n", 0, body.start) + 1
        before = self.text[max(line_start, body.start - 120):body.start]
        head = self.titles.portfolio.search(before) if self.titles.portfolio else None
        if head is None:
            return
        position = _BLANK.match(self.text, body.end)
        if not position or self._mention_at(position.end(), ("person",)):
            return
        span = self._name_at(position.end())
        if span:
            title = TitleMatch(body.start - len(before) + head.start(), body.end, None)
            self._named(title, span, body)

    def _mention_at(self, position: int, types: tuple[str, ...]) -> Mention | None:
        mention = self.by_start.get(position)
        if mention and not mention.key.startswith(NEW) and self.gazetteer[mention.key].type in types:
            return mention
        return None

    def _mention_before(self, position: int) -> Mention | None:
        """A country or body right before the title ("Timor-Leste President …")."""
        for mention in self.mentions:
            if 0 <= position - mention.end <= 1 and not mention.key.startswith(NEW) \
                    and self.gazetteer[mention.key].type in ("country", "organization"):
                return mention
        return None

    def _covering(self, position: int) -> Mention | None:
        return next((m for m in self.mentions if m.start < position < m.end and not m.key.startswith(NEW)), None)

    def _title(self, title: TitleMatch) -> None:
        text = self.text
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
            qualifier = self._mention_before(title.start)  # "Timor-Leste President Jose Ramos-Horta"
        if text.startswith("(", position):  # "Komandan … NATO (Organisasi …) Christopher Cavoli"
            close = text.find(")", position, position + 120)
            if close > 0:
                position = _SPACE.match(text, close + 1).end()
        if self.titles.former and self.titles.former.match(text, position):
            return  # a past holder, named in what follows: no role reference
        person = self._mention_at(position, ("person",))
        if person:
            return  # the name is known; the title only confirms it
        if position in self.title_starts:
            return  # "ketua Komite Militer NATO Laksamana. Rob Bauer": the next title names him
        name = self._name_at(position)
        if name:
            self._named(title, name, qualifier)
        elif title.office:
            self._role(title, end, qualifier)

    def _name_at(self, position: int) -> tuple[int, int] | None:
        """Up to three capitalised words at `position`, stopping before a known name."""
        end = None
        cursor = position
        for _ in range(3):
            if cursor in self.by_start or cursor in self.title_starts or self._covering(cursor + 1):
                break  # a country, body, person or another title is here
            match = _NAME.match(self.text, cursor)
            if not match:
                break
            end = match.end()
            blank = _BLANK.match(self.text, end)
            if not blank:
                break
            cursor = blank.end()
        return (position, end) if end else None

    def _candidates(self, office: str | None, qualifier: Mention | None) -> list[Entry]:
        if office is None:
            return []
        country = organization = None
        if qualifier:
            entry = self.gazetteer[qualifier.key]
            if entry.type == "country":
                country = entry.country
            else:
                organization = entry.key
        holders = self.gazetteer.holders_on(office, self.day, country)
        if organization:
            holders = [h for h in holders if any(self._within(r.organization, organization) for r in h.roles if r.office == office)]
        return holders

    def _within(self, key: str | None, ancestor: str) -> bool:
        seen = 0
        while key and seen < 10:
            if key == ancestor:
                return True
            entry = self.gazetteer.get(key)
            key = entry.part_of if entry else None
            seen += 1
        return False

    def _named(self, title: TitleMatch, span: tuple[int, int], qualifier: Mention | None) -> None:
        written = self.text[span[0]:span[1]]
        key, how = self._resolve(written, title.office, qualifier)
        if key is None:
            if not self._could_be_new_person(span):
                return
            key, how = NEW + written, "new"
        phrase = (title.start, span[1]) if how in ("garbled", "translated") else None
        mention = Mention(span[0], span[1], key, how, phrase, qualifier.key if qualifier else None)
        self.mentions.append(mention)
        self.by_start[mention.start] = mention

    def _could_be_new_person(self, span: tuple[int, int]) -> bool:
        """An unknown name after a title makes a new person only when it has two words or
        more, is not followed by an acronym in brackets (a body's name: "… Wilayah Pasifik
        (USARPAC)"), and does not stand in a headline whose every word is capitalised."""
        written = self.text[span[0]:span[1]]
        if len(_TOKEN.findall(written)) < 2 or _ACRONYM_AFTER.match(self.text, span[1]):
            return False
        if written in self.gazetteer.surfaces or written.lower() in self.lowered_surfaces:
            return False  # a known country, body or place
        if any(t.casefold() in self.not_person_words for t in _TOKEN.findall(written)):
            return False  # "Partai Buruh", "Komite Tetap": a body's name
        line_start = self.text.rfind("\n", 0, span[0]) + 1
        line_end = self.text.find("\n", span[1])
        line = self.text[line_start:line_end if line_end >= 0 else len(self.text)].strip()
        words = _TOKEN.findall(line)
        capitalised = sum(1 for w in words if w[0].isupper())
        headline = 4 <= len(words) <= HEADLINE_WORDS and capitalised / len(words) > 0.6 and not ends_like_sentence(line)
        return not headline

    def _resolve(self, written: str, office: str | None, qualifier: Mention | None) -> tuple[str | None, str]:
        gazetteer = self.gazetteer
        holders = self._candidates(office, qualifier)
        # a gazetteer name too short to search for alone ("Yoon"), confirmed by the title
        keys = [k for k in gazetteer.surfaces.get(written, ()) if gazetteer[k].type == "person"]
        if keys:
            preferred = [k for k in keys if any(h.key == k for h in holders)] or keys
            return preferred[0], "title-name"
        # a short form of someone already named in this text
        seen = self._linked_tokens()
        if written in seen:
            return seen[written], "short"
        # machine translation made words of name tokens: "Menang" -> "Won", "Bravo" -> "Prabowo"
        tokens = [self.titles.translated.get(t, (t,))[0] for t in _TOKEN.findall(written)]
        restored = " ".join(tokens)
        how = "translated" if restored != written else "garbled"
        if restored != written:
            if restored in seen:
                return seen[restored], how
            keys = [k for k in gazetteer.surfaces.get(restored, ()) if gazetteer[k].type == "person"]
            if keys:
                return keys[0], how
        similar = self._similar(tokens, holders)
        return (similar, how) if similar else (None, "new")

    def _linked_tokens(self) -> dict[str, str]:
        """Name words of the people named so far (recomputed only when mentions grow)."""
        if self._tokens[0] != len(self.mentions):
            self._tokens = (len(self.mentions), self._compute_tokens())
        return self._tokens[1]

    def _compute_tokens(self) -> dict[str, str]:
        tokens: dict[str, set[str]] = {}
        for mention in self.mentions:
            if mention.key.startswith(NEW) or self.gazetteer[mention.key].type != "person":
                continue
            for token in _TOKEN.findall(self.gazetteer[mention.key].name + " " + self.text[mention.start:mention.end]):
                tokens.setdefault(token, set()).add(mention.key)
        return {t: next(iter(k)) for t, k in tokens.items() if len(k) == 1}

    def _similar(self, written: list[str], holders: list[Entry]) -> str | None:
        """The holder whose name this garbled one most resembles, if it clearly does: each
        written word against its best match among the holder's name words, averaged."""
        scored = []
        for holder in holders:
            tokens = {t.casefold() for name in (holder.name, *holder.names) for t in _TOKEN.findall(name)}
            if not tokens or not written:
                continue
            each = [max(JaroWinkler.similarity(w.casefold(), t) for t in tokens) for w in written]
            if min(each) < WORD_SIMILAR:
                continue  # every word must resemble one: "Jose Ramos-Horta" is not "Joseph Biden"
            score = sum(each) / len(each)
            bonus = 0.03 if self.context.get(holder.country or "", 0) else 0.0
            scored.append((score + bonus, holder.key))
        scored.sort(reverse=True)
        if scored and scored[0][0] >= SIMILAR and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
            return scored[0][1]
        return None

    def _role(self, title: TitleMatch, end: int, qualifier: Mention | None) -> None:
        """A title with no name stands for its holder that day, when that is one person."""
        if self.text[max(0, title.start - 5):title.start].casefold().endswith("para "):
            return  # "para menteri": a group, not a person
        if qualifier is None and title.office not in self.gazetteer.unique_offices:
            return  # "the spokesman", "Presiden": whose, the title does not say
        holders = self._candidates(title.office, qualifier)
        if len(holders) == 1:
            self.mentions.append(Mention(title.start, end, holders[0].key, "role", (title.start, end)))


# 3. short forms ---------------------------------------------------------------------

def _short_forms(text: str, gazetteer: Gazetteer, mentions: list[Mention]) -> None:
    forms: dict[str, set[str]] = {}
    for mention in mentions:
        if mention.how not in ("name", "title-name") and not mention.key.startswith(NEW):
            continue
        written = text[mention.start:mention.end]
        if mention.key.startswith(NEW) or gazetteer[mention.key].type == "person":
            source = written if mention.key.startswith(NEW) else gazetteer[mention.key].name + " " + written
            for token in _TOKEN.findall(source):
                if len(token) >= 3 and token[0].isupper():
                    forms.setdefault(token, set()).add(mention.key)
        else:
            short = gazetteer.short_forms.get((mention.key, written))
            if short:
                forms.setdefault(short, set()).add(mention.key)
    unique = {form: next(iter(keys)) for form, keys in forms.items() if len(keys) == 1}
    if not unique:
        return
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [start for start, _ in taken]
    found: list[tuple[int, int, str]] = []
    for token in _TOKEN.finditer(text):  # one-word forms: one pass over the words
        key = unique.get(token.group())
        if key is not None:
            found.append((token.start(), token.end(), key))
    for form, key in unique.items():  # the few multi-word forms ("Komite Militer")
        if " " in form:
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                    found.append((start, end, key))
                start = text.find(form, end)
    for start, end, key in sorted(found, key=lambda f: (f[0], -f[1])):
        if not _overlaps(taken, starts, start, end) and not any(s < end and start < e for s, e, _ in found if (s, e) != (start, end) and e - s > end - start):
            mentions.append(Mention(start, end, key, "short"))


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of the sorted, non-nested-enough spans `taken`."""
    index = bisect.bisect_left(starts, end)
    return any(s < end and start < e for s, e in taken[max(0, index - 8):index])


# 4. entities ------------------------------------------------------------------------

def _entities(text: str, day: str | None, gazetteer: Gazetteer, mentions: list[Mention]) -> list[dict[str, Any]]:
    groups: dict[str, list[Mention]] = {}
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        groups.setdefault(mention.key, []).append(mention)
    ids = {key: f"e{i}" for i, key in enumerate(groups, start=1)}
    entities = []
    for key, group in groups.items():
        aliases: dict[str, None] = {}
        for mention in group:
            aliases.setdefault(text[mention.start:mention.end], None)
            if mention.phrase:
                aliases.setdefault(text[mention.phrase[0]:mention.phrase[1]], None)
        entity: dict[str, Any] = {
            "id": ids[key],
            "name": None, "type": None, "wikidata": None, "country": None,
            "affiliation": None, "part_of": None, "roles": [],
            "aliases": list(aliases),
            "mentions": [{"start": m.start, "end": m.end} for m in group],
            "confidence": round(max(m.confidence for m in group), 2),
        }
        if key.startswith(NEW):
            qualifier = next((m.qualifier for m in group if m.qualifier), None)
            qualifier_entry = gazetteer.get(qualifier)
            entity.update(name=key[len(NEW):], type="person",
                          country=qualifier_entry.country if qualifier_entry else None,
                          affiliation=ids.get(qualifier) if qualifier else None)
        else:
            entry = gazetteer[key]
            entity.update(name=entry.name, type=entry.type, wikidata=entry.wikidata, country=entry.country)
            if entry.type == "person":
                roles = entry.roles_on(day)
                entity["roles"] = list(dict.fromkeys(r.title for r in roles))
                entity["country"] = _person_country(entry, roles, gazetteer)
                entity["affiliation"] = _affiliation(entry, roles, gazetteer, ids)
            elif entry.type == "organization":
                entity["part_of"] = _first_present(entry.part_of, gazetteer, ids)
        entities.append(entity)
    return entities


def _person_country(entry: Entry, roles: list, gazetteer: Gazetteer) -> str | None:
    """The state a person serves at the date: NATO's officials serve none."""
    for role in roles:
        organization = gazetteer.get(role.organization)
        if organization is not None:
            return organization.country
    return entry.country


def _first_present(key: str | None, gazetteer: Gazetteer, ids: dict[str, str]) -> str | None:
    """The id of `key` or of the nearest body above it that the text names."""
    steps = 0
    while key and steps < 10:
        if key in ids:
            return ids[key]
        entry = gazetteer.get(key)
        key = entry.part_of if entry else None
        steps += 1
    return None


def _affiliation(entry: Entry, roles: list, gazetteer: Gazetteer, ids: dict[str, str]) -> str | None:
    for role in roles:
        found = _first_present(role.organization, gazetteer, ids)
        if found:
            return found
    country = _person_country(entry, roles, gazetteer)
    return ids.get(country.lower()) if country else None
