"""The headline of a plain-text document: a short opening line that is not a sentence.
An untranslated headline in another language yields to a translated one right below it."""

from __future__ import annotations

import regex

from dyads.clean.boilerplate import ends_like_sentence
from dyads.model import Segment, Span

MAX_TITLE_WORDS = 25
_WORD = regex.compile(r"\w+")


def find_title(text: str, segments: list[Segment], language: str, published: Span | None) -> str | None:
    candidates: list[Segment] = []
    for segment in segments[:4]:
        if published and segment.start <= published.start < segment.end:
            continue  # a date line above or below the headline
        line = text[segment.start:segment.end].strip()
        if ends_like_sentence(line) or len(_WORD.findall(line)) > MAX_TITLE_WORDS or _is_dateline(line):
            break
        candidates.append(segment)
    if not candidates:
        return None
    # An untranslated headline yields to the translated one right below it.
    chosen = next((s for s in candidates[:2] if s.language == language), candidates[0])
    return text[chosen.start:chosen.end].strip()


_DATELINE = regex.compile(r"^(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*(?:\([^)]{1,40}\))?\s*[,]?\s*[-–—]\s")


def _is_dateline(line: str) -> bool:
    return bool(_DATELINE.match(line))
