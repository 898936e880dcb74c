"""Sentences of the cleaned text: blingfire's splitter on each line (1 ms for a 700-word
article, where spaCy's rule-based Indonesian pipeline took 11 ms and split at the same
places), then re-joined where a line split after a title's stray dot ("Laksamana. Rob
Bauer", "Jenderal. Won In-choul"), which machine translation leaves in."""

from __future__ import annotations

from dataclasses import dataclass

import blingfire
import regex

from dyads.langdata.knowledge import LanguageKnowledge
from dyads.model import Segment

_LAST_WORD = regex.compile(r"([\p{L}][\p{L}.]*)\.\s*$")
# A news sentence is rarely over 600 characters; a run of text far longer (no punctuation,
# one word repeated) is cut into pieces of at most this many, so that every per-sentence
# step (parsing, pairing dates with acts) costs in proportion to the text, not its square.
MAX_SENTENCE = 1500


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int


def _title_words(language: LanguageKnowledge) -> frozenset[str]:
    t = language.titles
    words = {w.rstrip(".").casefold() for w in [*t.ranks, *t.honorifics, *language.events.abbreviations]}
    return frozenset(w.split()[-1] for w in words if w)


def _offsets(chunk: str) -> list[tuple[int, int]]:
    """Sentence spans. blingfire's offsets call is 4× slower than its plain one, which
    only changes whitespace: its sentences are found back by their other characters."""
    positions = [i for i, c in enumerate(chunk) if not c.isspace()]
    compact = "".join(chunk.split())
    spans = []
    k = 0
    for sentence in blingfire.text_to_sentences(chunk).split("\n"):
        letters = "".join(sentence.split())
        if not letters:
            continue
        if compact[k:k + len(letters)] != letters:
            return list(blingfire.text_to_sentences_and_offsets(chunk)[1])
        spans.append((positions[k], positions[k + len(letters) - 1] + 1))
        k += len(letters)
    return spans


def split(text: str, segments: list[Segment], language: LanguageKnowledge) -> list[Sentence]:
    titles = language.derive("sentence-titles", _title_words)
    sentences: list[Sentence] = []
    if not segments:
        return sentences
    # one call for the whole text (blingfire's cost is mostly per call), cut at line ends
    first, last = segments[0].start, segments[-1].end
    spans = [(first + a, first + b) for a, b in _offsets(text[first:last])]
    for segment in segments:
        pieces = [(max(a, segment.start), min(b, segment.end)) for a, b in spans
                  if a < segment.end and segment.start < b]
        pieces = [(a, b) for a, b in pieces if text[a:b].strip()] or [(segment.start, segment.end)]
        merged: list[tuple[int, int]] = []
        for start, end in pieces:
            if merged:
                last = _LAST_WORD.search(text, merged[-1][0], merged[-1][1])
                if last and (last.group(1).casefold().rstrip(".") in titles or len(last.group(1)) == 1):
                    merged[-1] = (merged[-1][0], end)
                    continue
            merged.append((start, end))
        sentences.extend(Sentence(s, e) for start, end in merged for s, e in _cut(text, start, end))
    return sentences


def _cut(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of at most MAX_SENTENCE characters, cut at a space where there is one."""
    pieces = []
    while end - start > MAX_SENTENCE:
        space = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = space if space > start else start + MAX_SENTENCE
        pieces.append((start, cut))
        start = cut + (1 if space > start else 0)
    pieces.append((start, end))
    return pieces
