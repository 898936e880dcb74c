"""Amounts of money, every stated form: "1 miliar won ($811.000)" is KRW 1,000,000,000 and
USD 811,000. Number formats, scale words and currency words are each language's data
(data/lang/*/amounts.yaml); currency signs are shared (lang/xx)."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from dyads.langdata.knowledge import LanguageKnowledge
from dyads.patterns import alternation


@dataclass(frozen=True, slots=True)
class Amount:
    start: int
    end: int
    value: float
    currency: str

    def to_dict(self) -> dict[str, object]:
        value = int(self.value) if float(self.value).is_integer() else round(self.value, 2)
        return {"value": value, "currency": self.currency}


@dataclass(frozen=True)
class _Patterns:
    pattern: regex.Pattern[str]
    prefix: dict[str, str]
    suffix: dict[str, str]
    scales: dict[str, float]
    decimal: str
    thousands: str


def _build(language: LanguageKnowledge) -> _Patterns:
    a = language.amounts
    number = r"(?P<number>\d{1,3}(?:" + regex.escape(a.thousands) + r"\d{3})+(?:" + regex.escape(a.decimal) + r"\d+)?|\d+(?:" + regex.escape(a.decimal) + r"\d+)?)"
    scale = r"(?:\s*(?P<scale>" + alternation(list(a.scales)) + r")\b)?"
    prefixed = r"(?P<prefix>" + alternation(list(a.prefix)) + r")\s?" + number + scale + r"(?:\s+(?P<suffix2>" + alternation(list(a.suffix)) + r")\b)?"
    suffixed = number + scale + r"\s+(?P<suffix>" + alternation(list(a.suffix)) + r")\b"
    pattern = regex.compile(r"(?<![\w$€£¥₩])(?:" + prefixed + "|" + suffixed + ")", regex.VERSION0)
    return _Patterns(pattern, a.prefix, a.suffix, {k: v for k, v in a.scales.items()}, a.decimal, a.thousands)


def find_amounts(text: str, start: int, end: int, language: LanguageKnowledge) -> list[Amount]:
    p = language.derive("amounts", _build)
    found = []
    for match in p.pattern.finditer(text, start, end):
        g = match.groupdict()
        raw = g["number"].replace(p.thousands, "").replace(p.decimal, ".")
        try:
            value = float(raw)
        except ValueError:
            continue
        if g.get("scale"):
            value *= p.scales[g["scale"]]
        currency = p.prefix.get(g.get("prefix") or "") or p.suffix.get(g.get("suffix") or g.get("suffix2") or "")
        if currency:
            found.append(Amount(match.start(), match.end(), value, currency))
    return found
