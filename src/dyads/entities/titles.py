"""Office and rank words before names (data/lang/*/titles.yaml), compiled per language."""

from __future__ import annotations

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

    def find(self, text: str) -> list[TitleMatch]:
        if self.pattern is None:
            return []
        return [
            TitleMatch(m.start(), m.end(), self.offices.get(m.group().casefold()) if m.lastgroup == "office" else None)
            for m in self.pattern.finditer(text)
        ]


def build_titles(language: LanguageKnowledge) -> Titles:
    data = language.titles
    offices = {form.casefold(): o.office for o in data.offices for form in o.forms}
    parts = []
    if offices:
        # Offices in any case ("menteri pertahanan Korea Selatan"); ranks only as written,
        # since "Umum" (a machine-translated General) is also the common word "umum".
        parts.append(r"(?P<office>(?i:" + alternation([f for o in data.offices for f in o.forms]) + r"))")
    if data.ranks or data.honorifics:
        parts.append(r"(?P<rank>" + alternation([*data.ranks, *data.honorifics]) + r")")
    pattern = regex.compile(r"(?<![\w.])(?:" + "|".join(parts) + r")(?!\w)") if parts else None
    former = regex.compile(r"\s*" + alternation(data.former) + r"\b", regex.IGNORECASE) if data.former else None
    portfolio = None
    if data.heads:
        word = r"(?:\p{Lu}[\p{L}.&-]*" + (r"|" + alternation(data.connectors) if data.connectors else "") + r")"
        portfolio = regex.compile(r"(?<![\w])" + alternation(data.heads) + r"(?:[ \t]+" + word + r"){0,6}[ \t]+$")
    return Titles(pattern, offices, {k: tuple(v) for k, v in data.translated_names.items()}, former, portfolio,
                  tuple(data.not_person_words))


def titles_of(language: LanguageKnowledge) -> Titles:
    return language.derive("titles", build_titles)
