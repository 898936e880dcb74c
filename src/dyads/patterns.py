"""Regular expressions built from word lists of the language data, one way everywhere."""

from __future__ import annotations

from collections.abc import Iterable

import regex


def alternation(words: Iterable[str]) -> str:
    """`(?:w1|w2|…)`, longest first so a longer phrase wins; `(?!)` (never) when empty."""
    ordered = sorted({w for w in words if w}, key=len, reverse=True)
    if not ordered:
        return "(?!)"
    return "(?:" + "|".join(regex.escape(w) for w in ordered) + ")"


def words_pattern(words: Iterable[str], flags: int = regex.IGNORECASE) -> regex.Pattern[str]:
    """Any of `words` standing as whole words."""
    return regex.compile(r"(?<!\w)" + alternation(words) + r"(?!\w)", flags)
