"""Stage 2b, who a name written with a title is, in order of evidence:

1. a known name of a person ("Yoon", too short to search for alone): that person, even when
   someone else holds the office
2. a short form of someone the text names ("Shin" after "Shin Won-sik"), unless that person
   never held the office and one of its holders bears the name
3. a name machine translation made words of ("Menang" -> "Won", "Bravo" -> "Prabowo", also
   in parts: "Menang-sik" -> "Won-sik"), restored and then looked up as in 1 and 2
4. the office, its country and the date: the holders of the office that day in the state or
   body named with the title ("Menteri Pertahanan Korea Selatan …", "South Korean Defense
   Minister …"), else in the states and bodies the document talks about. One holder: that
   person, whatever other name the written one resembles; only a name of two words or
   more that resembles neither theirs (in one word at least) nor any holder's of the
   office is someone else, whom the gazetteer does not know. Several holders: the one the
   name resembles most (string similarity is only the tie-breaker among them).
5. with no state named or implied: the holder anywhere whose name the written one clearly
   resembles (Jaro-Winkler over name words, with a margin over the next)

Nothing found: the caller may make a new person of the name (titled.py).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import regex
from rapidfuzz.distance import JaroWinkler

from dyads.entities.mention import TOKEN, Mention
from dyads.entities.names import Context
from dyads.entities.tenure import Basis, OfficeLink, holders_on, within
from dyads.gazetteer import Entry, Gazetteer

SIMILAR = 0.78  # Jaro-Winkler similarity a garbled name needs to a holder's name, found anywhere
MARGIN = 0.05  # … and its lead over the next candidate (also what makes a tie-break "clear")
WORD_SIMILAR = 0.6  # … and each of its words to one of the holder's
RESEMBLES = 0.7  # a word this close to one of a holder's name words resembles it
TIE_FLOOR = 0.78  # the least average similarity that decides between several holders


@dataclass(frozen=True, slots=True)
class Resolution:
    key: str
    how: str  # a CONFIDENCE key
    via: OfficeLink | None = None


@dataclass(frozen=True, slots=True)
class Office:
    """What a title says of whose it is."""

    kind: str | None  # office kind, None for a rank or honorific
    country: str | None = None  # the state named with it
    organization: str | None = None  # the body named with it

    @property
    def stated(self) -> bool:
        return self.country is not None or self.organization is not None


class Resolver:
    def __init__(self, day: str | None, gazetteer: Gazetteer, translated: dict[str, tuple[str, ...]],
                 mentions: list[Mention], context: Context, text: str) -> None:
        self.day, self.gazetteer, self.translated = day, gazetteer, translated
        self.mentions, self.context, self.text = mentions, context, text
        self._holders_memo: dict[tuple[str, str | None, str | None], list[Entry]] = {}
        self._read = 0  # mentions read into _token_keys
        self._token_keys: dict[str, set[str]] = {}
        self._tokens: dict[str, str] = {}

    def resolve(self, written: str, office: Office, span: tuple[int, int], name_like: bool) -> Resolution | None:
        """`name_like`: whether the words stand where a name would (not a headline, not
        days of the week), so that a holder whom they do not resemble may still be meant."""
        found: list[tuple[list[Entry], Basis]] = []

        def office_holders() -> list[Entry]:
            if not found:
                found.append(self._holders(office))
            return found[0][0]

        known = self._known(written, office_holders)
        if known:
            return Resolution(known, "title-name")
        seen = self._linked_tokens()
        short = self._short(written, seen, office, office_holders)
        if short:
            return Resolution(short, "short")
        tokens = [self._restore(t) for t in TOKEN.findall(written)]
        restored = " ".join(tokens)
        if restored != written:
            known = self._known(restored, office_holders) or self._short(restored, seen, office, office_holders)
            if known:
                return Resolution(known, "translated")
        translated = restored != written
        holders = office_holders()
        basis = found[0][1]
        if holders:
            chosen = self._by_office(tokens, holders, basis, name_like, translated, office.kind or "")
            if chosen:
                holder, how = chosen
                link = OfficeLink(holder.key, office.kind or "", self.country_of(holder, office.kind), office.organization,
                                  basis, span[0], span[1]) if office.kind else None
                return Resolution(holder.key, how, link)
        if office.stated or basis == "unique":
            return None  # not its holder there: someone the gazetteer does not know, maybe
        if office.kind:
            anywhere = [h for h in self.holders(office.kind, None) if h not in holders]
            similar = self._similar(tokens, anywhere)
            if similar:
                holder = self.gazetteer[similar]
                link = OfficeLink(similar, office.kind, self.country_of(holder, office.kind), None, "similar", span[0], span[1])
                return Resolution(similar, "translated" if translated else "garbled", link)
        return None

    # 1–3 -----------------------------------------------------------------------------

    def _known(self, written: str, holders: Callable[[], list[Entry]]) -> str | None:
        """A gazetteer name too short to search for alone ("Yoon"), confirmed by a title."""
        keys = [k for k in self.gazetteer.surfaces.get(written, ()) if self.gazetteer[k].type == "person"]
        if len(keys) < 2:
            return keys[0] if keys else None
        preferred = [k for k in keys if any(h.key == k for h in holders())] or keys
        return preferred[0]

    def _short(self, written: str, seen: dict[str, str], office: Office, holders: Callable[[], list[Entry]]) -> str | None:
        key = seen.get(written)
        if key is None:
            return None
        if office.kind and not any(r.office == office.kind for r in self.gazetteer[key].roles):
            # "Defense Minister Kim" beside "Kim Jong Un": the minister, if one is a Kim
            bearers = [h for h in holders() if written.casefold() in _name_tokens(h)]
            if len(bearers) == 1:
                return bearers[0].key
        return key

    def _restore(self, token: str) -> str:
        """A name token machine translation made a word of, restored, also in hyphenated
        parts ("Menang-sik" -> "Won-sik")."""
        if token in self.translated:
            return self.translated[token][0]
        if "-" in token:
            return "-".join(self.translated.get(part, (part,))[0] for part in token.split("-"))
        return token

    def _linked_tokens(self) -> dict[str, str]:
        """Name words of one person each among the people named so far (mentions are only
        appended: each is read once)."""
        if self._read < len(self.mentions):
            changed = False
            for mention in self.mentions[self._read:]:
                if mention.is_new or self.gazetteer[mention.key].type != "person":
                    continue
                for token in TOKEN.findall(self.gazetteer[mention.key].name + " " + self.text[mention.start:mention.end]):
                    keys = self._token_keys.setdefault(token, set())
                    if mention.key not in keys:
                        keys.add(mention.key)
                        changed = True
            self._read = len(self.mentions)
            if changed:
                self._tokens = {t: next(iter(k)) for t, k in self._token_keys.items() if len(k) == 1}
        return self._tokens

    # 4–5 -----------------------------------------------------------------------------

    def _holders(self, office: Office) -> tuple[list[Entry], Basis]:
        """The holders of the office that day, where the title or the document places it."""
        if office.kind is None:
            return [], "context"
        if office.kind in self.gazetteer.unique_offices:
            return self.holders(office.kind, None), "unique"
        if office.stated:
            return self.holders(office.kind, office.country, office.organization), "qualifier"
        return self.holders_in_context(office.kind), "context"

    def holders_in_context(self, office: str) -> list[Entry]:
        """The office's holders that day in the states and bodies the document talks about."""
        return [h for h in self.holders(office, None) if self._talked_about(h, office)]

    def holders(self, office: str, country: str | None, organization: str | None = None) -> list[Entry]:
        """tenure.holders_on at the article's date, asked once per document."""
        key = (office, country, organization)
        if key not in self._holders_memo:
            self._holders_memo[key] = holders_on(self.gazetteer, office, country, self.day, organization)
        return self._holders_memo[key]

    def resembles(self, word: str, holder: Entry) -> float:
        """How close one written word is to the nearest of the holder's name words."""
        return _each_word([word], holder)[0]

    def _talked_about(self, holder: Entry, office: str) -> bool:
        """Whether the state or body the holder's office serves is one the text names."""
        for role in holder.roles:
            if role.office != office or not role.held_on(self.day):
                continue
            country = self.gazetteer.country_of(role, holder)
            if country and self.context.countries.get(country):
                return True
            organization = role.organization
            if not country and organization and any(within(self.gazetteer, organization, body) or within(self.gazetteer, body, organization)
                                                    for body in self.context.bodies):
                return True
        return False

    def country_of(self, holder: Entry, office: str | None) -> str | None:
        for role in holder.roles:
            if role.office == office and role.held_on(self.day):
                return self.gazetteer.country_of(role, holder)
        return holder.country

    def _garbled_name(self, tokens: list[str], office: str) -> bool:
        """Whether the written words resemble the name of someone who ever held the office."""
        for key in self.gazetteer.holders.get(office, ()):
            each = _each_word(tokens, self.gazetteer[key])
            if min(each) >= WORD_SIMILAR and sum(each) / len(each) >= SIMILAR and (len(tokens) == 1 or each[-1] >= RESEMBLES):
                return True
        return False

    def _by_office(self, tokens: list[str], holders: list[Entry], basis: Basis, name_like: bool,
                   translated: bool, office: str) -> tuple[Entry, str] | None:
        if not tokens:
            return None
        if len(holders) == 1:
            holder = holders[0]
            each = _each_word(tokens, holder)
            stated = basis in ("qualifier", "unique")
            # with the state only implied, a shared first name is not enough ("Presiden
            # Mohamed Muizzu" is not the UAE's Mohamed bin Zayed): the last word must resemble
            if (max(each) if stated or len(tokens) == 1 else each[-1]) >= RESEMBLES:
                return holder, "office" if stated else "context-office"
            if name_like and (len(tokens) == 1 or self._garbled_name(tokens, office)):
                # one word beside the title, or a garbled name (of the office's holder at
                # another time, say): the holder that day
                return holder, "guess"
            return None  # a full name like no one's: someone the gazetteer does not know
        scored = []
        for holder in holders:
            each = _each_word(tokens, holder)
            if min(each) >= WORD_SIMILAR and sum(each) / len(each) >= TIE_FLOOR:
                scored.append((sum(each) / len(each), self.context.countries.get(self.country_of(holder, None) or "", 0), holder.key))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][:2] == scored[1][:2]:
            return None  # a true tie
        lead = scored[0][0] - scored[1][0] if len(scored) > 1 else 1.0
        how = "translated" if translated else "garbled" if scored[0][0] >= SIMILAR and lead >= MARGIN else "guess"
        return self.gazetteer[scored[0][2]], how

    def _similar(self, written: list[str], holders: list[Entry]) -> str | None:
        """The holder whose name this garbled one most resembles, if it clearly does: each
        written word against its best match among the holder's name words, averaged."""
        scored = []
        for holder in holders:
            if not written:
                continue
            each = _each_word(written, holder)
            if min(each) < WORD_SIMILAR:
                continue  # every word must resemble one: "Jose Ramos-Horta" is not "Joseph Biden"
            if len(written) > 1 and each[-1] < RESEMBLES:
                continue  # a shared first name is not enough: "Mohamed Muizzu" is not "Mohamed bin Zayed"
            score = sum(each) / len(each)
            bonus = 0.03 if self.context.countries.get(holder.country or "", 0) else 0.0
            scored.append((score + bonus, holder.key))
        scored.sort(reverse=True)
        if scored and scored[0][0] >= SIMILAR and (len(scored) == 1 or scored[0][0] - scored[1][0] >= MARGIN):
            return scored[0][1]
        return None


@functools.lru_cache(maxsize=8192)
def _name_tokens(holder: Entry) -> frozenset[str]:
    return frozenset(t.casefold() for name in (holder.name, *holder.names) for t in TOKEN.findall(name))


_ARTICLE = regex.compile(r"^\p{Ll}{1,3}-")  # "al-", "el-": an article, not the family name


def _each_word(written: list[str], holder: Entry) -> list[float]:
    """Each written word's best similarity to one of the holder's name words (its article
    aside: "al-Sharaa" is compared as "Sharaa")."""
    tokens = _name_tokens(holder)
    if not tokens:
        return [0.0 for _ in written]
    return [max(JaroWinkler.similarity(_ARTICLE.sub("", w).casefold(), t) for t in tokens) for w in written]
