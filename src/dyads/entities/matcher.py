"""Every gazetteer name in a text, found in one pass with Aho-Corasick automata (not one
regular expression per name).

Names are matched as written, and in capitals ("SEOUL –" datelines). Names of several
words are also matched in any case ("militer Korea Selatan" for "Militer Korea Selatan");
one word must keep its case, since many are words too ("antara", between; "AS", as).
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick
import regex

from dyads.gazetteer import Gazetteer

MIN_ANY_CASE = 5  # shorter names match only as written
MIN_SINGLE_PERSON_TOKEN = 5  # "Park", "Moon", "Won": only after a title or full name
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")


@dataclass(frozen=True, slots=True)
class NameMatch:
    start: int
    end: int
    keys: tuple[str, ...]  # the entries this surface can name


def _any_case(surface: str) -> bool:
    return " " in surface and len(surface) >= MIN_ANY_CASE and not surface.isupper()


def lowered(text: str) -> str:
    """`text` in lower case with every index unchanged (a few characters lower to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


class NameMatcher:
    def __init__(self, gazetteer: Gazetteer, not_names: tuple[str, ...] = ()) -> None:
        """`not_names`: phrases that hold a name but mention nothing ("dolar AS"); they
        win the longest match and are then dropped."""
        self._exact = ahocorasick.Automaton()
        self._folded = ahocorasick.Automaton()
        folded: dict[str, set[str]] = {}
        exact: dict[str, set[str]] = {}
        for surface, keys in gazetteer.surfaces.items():
            if len(surface) < 2:
                continue
            if " " not in surface and len(surface) < MIN_SINGLE_PERSON_TOKEN and not _CJK.search(surface):
                keys = tuple(k for k in keys if gazetteer[k].type != "person")
                if not keys:
                    continue
            for form in {surface, surface.upper()}:
                exact.setdefault(form, set()).update(keys)
            if _any_case(surface):
                folded.setdefault(surface.lower(), set()).update(keys)
        for phrase in not_names:
            exact.setdefault(phrase, set())
            if _any_case(phrase):
                folded.setdefault(phrase.lower(), set())
        for surface, keys in exact.items():
            self._exact.add_word(surface, (len(surface), tuple(sorted(keys)), not _CJK.search(surface)))
        for surface, keys in folded.items():
            self._folded.add_word(surface, (len(surface), tuple(sorted(keys)), not _CJK.search(surface)))
        for automaton in (self._exact, self._folded):
            if len(automaton):
                automaton.make_automaton()

    def find(self, text: str) -> list[NameMatch]:
        """Leftmost-longest, non-overlapping matches that stand as whole words."""
        candidates: dict[tuple[int, int], set[str]] = {}
        for automaton, haystack in ((self._exact, text), (self._folded, lowered(text))):
            if not len(automaton):
                continue
            for end_index, (length, keys, needs_boundary) in automaton.iter(haystack):
                start, end = end_index - length + 1, end_index + 1
                if needs_boundary and not _whole_word(text, start, end):
                    continue
                candidates.setdefault((start, end), set()).update(keys)
        chosen: list[NameMatch] = []
        last_end = -1
        for (start, end), keys in sorted(candidates.items(), key=lambda item: (item[0][0], -item[0][1])):
            if start >= last_end:
                chosen.append(NameMatch(start, end, tuple(sorted(keys))))
                last_end = end
        return [match for match in chosen if match.keys]


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())
