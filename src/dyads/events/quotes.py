"""Quotations and who said them: “…”, "…", ``…'', 「…」, attributed by a reporting verb
("kata X", "X said") or, failing that, to the sentence's first person."""

from __future__ import annotations

from dataclasses import dataclass

import regex

_PAIRS = regex.compile(r"“(?P<a>[^”\n]{2,})”|``(?P<b>[^\n]{2,}?)''|\"(?P<c>[^\"\n]{2,})\"|「(?P<d>[^」\n]{2,})」|『(?P<e>[^』\n]{2,})』")


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # of the words inside the marks
    end: int
    outer_start: int  # with the marks
    outer_end: int


def find_quotes(text: str) -> list[QuoteSpan]:
    found = []
    for match in _PAIRS.finditer(text):
        group = next(g for g in "abcde" if match.group(g) is not None)
        found.append(QuoteSpan(match.start(group), match.end(group), match.start(), match.end()))
    return found


def inside(quotes: list[QuoteSpan], start: int, end: int) -> bool:
    return any(q.outer_start <= start and end <= q.outer_end for q in quotes)
