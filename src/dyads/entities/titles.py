"""Office and rank words before names (data/lang/*/titles.yaml), compiled per language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import regex

from dyads.langdata.knowledge import LanguageKnowledge
from dyads.patterns import alternation


@dataclass(frozen=True, slots=True)
class TitleMatch:
    start: int
    end: int
    office: str | None  # None for a rank or honorific: it introduces a name only


@dataclass(frozen=True)
class Titles:
    pattern: regex.Pattern[str] | None
    offices: dict[str, str]  # casefolded form -> office kind
    translated: dict[str, tuple[str, ...]]
    former: regex.Pattern[str] | None
    # matched against the text before a body or country: a head word and its portfolio
    portfolio: regex.Pattern[str] | None = None
    not_person_words: tuple[str, ...] = ()
    # matched against the text before a title: a word that makes it a past holder's
    # ("former", "mantan") or another office ("Wakil", "Deputy")
    former_before: regex.Pattern[str] | None = None
    deputy_before: regex.Pattern[str] | None = None
    # matched against the text before a title: a state's adjective ("Romanian President")
    adjective_before: regex.Pattern[str] | None = None
    adjectives: dict[str, str] | None = None  # adjective -> ISO 3166-1 alpha-3
    ranks: tuple[str, ...] = ()  # ranks and honorifics as written
    # matched against the text before a title: an appositive's comma ("Borrell, the EU …")
    appositive_before: regex.Pattern[str] | None = None
    # a head word and one capitalised word alone ("Menteri Baru"): a name, maybe garbled
    head_name: regex.Pattern[str] | None = None

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[TitleMatch]:
        if self.pattern is None:
            return []
        return [TitleMatch(m.start(), m.end(), self.offices.get(m.group().casefold()) if m.lastgroup == "office" else None)
                for m in self.pattern.finditer(text, start, len(text) if end is None else end)]

    @property
    def words(self) -> frozenset[str]:
        """Every one-word title, casefolded ("presiden", "gen."): never a short form of a name."""
        return frozenset(f for f in (*self.offices, *(r.casefold() for r in self.ranks)) if " " not in f)


def build_titles(language: LanguageKnowledge) -> Titles:
    data = language.titles
    offices = {form.casefold(): o.office for o in data.offices for form in o.forms}
    # Offices in any case ("menteri pertahanan Korea Selatan"); ranks only as written, since
    # "Umum" (a machine-translated General) is also the common word "umum". An office wins
    # over a rank at the same place, unless the rank is the longer phrase that begins with
    # the office ("Presiden Direktur" is no president).
    office_forms = [f for o in data.offices for f in o.forms]
    ranks = [*data.ranks, *data.honorifics]
    longer = [r for r in ranks if any(r.casefold().startswith(f.casefold() + " ") for f in office_forms)]
    parts = []
    if longer:
        parts.append(r"(?P<longer>" + _trie(longer) + r")")
    if offices:
        parts.append(r"(?P<office>(?i:" + _trie({f.casefold() for f in office_forms}) + r"))")
    if ranks:
        parts.append(r"(?P<rank>" + _trie(ranks) + r")")
    pattern = regex.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?!\w)") if parts else None
    former = regex.compile(r"\s*" + alternation(data.former) + r"\b", regex.IGNORECASE) if data.former else None
    portfolio = head_name = None
    if data.heads:
        head_name = regex.compile(r"(?<![\w])" + alternation(data.heads) + r"[ \t]+(?P<name>\p{Lu}[\p{L}'’]*)(?![\p{L}'’-]|[ \t]+\p{Lu})")
        word = r"(?:\p{Lu}[\p{L}.&-]*" + (r"|" + alternation(data.connectors) if data.connectors else "") + r")"
        portfolio = regex.compile(r"(?<![\w])" + alternation(data.heads) + r"(?:[ \t]+" + word + r"){0,6}[ \t]+$")

    def before(words: list[str], gap: str = r"[ \t]+") -> regex.Pattern[str] | None:
        return regex.compile(r"(?<![\w])" + alternation(words) + gap + r"$", regex.IGNORECASE) if words else None

    adjectives = {a: iso3 for iso3, forms_ in data.country_adjectives.items() for a in forms_}
    articles = r"(?:" + alternation(data.appositive_articles) + r"[ \t]+)?" if data.appositive_articles else ""
    appositive = regex.compile(r",[ \t]*" + articles + r"$", regex.IGNORECASE)
    return Titles(pattern, offices, {k: tuple(v) for k, v in data.translated_names.items()}, former, portfolio,
                  tuple(data.not_person_words),
                  former_before=before(data.former, r"[ \t]*-?[ \t]*"),
                  deputy_before=before(data.deputies),
                  adjective_before=regex.compile(r"(?<![\w])" + alternation(adjectives) + r"[ \t]+$") if adjectives else None,
                  adjectives=adjectives,
                  appositive_before=appositive,
                  ranks=tuple(ranks),
                  head_name=head_name)


def _trie(words: Iterable[str]) -> str:
    """An alternation of `words` as a trie ("Menteri(?: Pertahanan(?: Nasional)?| Luar
    Negeri)"): one path to try at each place of the text instead of every word, longest
    first as a plain alternation would."""
    root: dict[str, dict] = {}
    for word in words:
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def render(node: dict[str, dict]) -> str:
        branches = [regex.escape(ch) + render(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return render(root) or "(?!)"


def titles_of(language: LanguageKnowledge) -> Titles:
    return language.derive("titles", build_titles)
