"""Whole-line removal of spam and page furniture, by the per-language rules in
data/lang/*/cleaning.yaml. Lines go whole or stay whole: the article's own characters are
never rewritten, and each removal is recorded with its reason and offsets. A teaser glued
into a paragraph is first cut out as a line of its own (dyads/clean/inline.py); a heading
that opens a list of other stories ("Most Popular", "Berita Terkait") takes the
headline-shaped lines under it along."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from dyads.clean.inline import find_cuts
from dyads.langdata.knowledge import CompiledRule, LanguageKnowledge
from dyads.patterns import alternation

_WORD = regex.compile(r"\w+")
# A sentence ends with . ! ? … (or their CJK forms), possibly inside closing quotes.
_SENTENCE_END = regex.compile(r"[.!?…。！？][\"'”’»)\]」』]*$")
_TAIL_MIN_WORDS = 6


def ends_like_sentence(line: str) -> bool:
    return bool(_SENTENCE_END.search(line))


def tail_start(lines: list[str]) -> int:
    """Index of the first line after the article's last full sentence: spam footers sit
    below it, and a few rules only apply there."""
    for index in range(len(lines) - 1, -1, -1):
        line = lines[index].strip()
        if ends_like_sentence(line) and len(_WORD.findall(line)) >= _TAIL_MIN_WORDS:
            return index + 1
    return 0


def removal_reason(line: str, rules: tuple[CompiledRule, ...], in_tail: bool) -> str | None:
    """The reason to drop this (stripped) line, or None to keep it."""
    rule = matching_rule(line, rules, in_tail)
    return rule.rule.reason if rule else None


def matching_rule(line: str, rules: tuple[CompiledRule, ...], in_tail: bool) -> CompiledRule | None:
    words = len(_WORD.findall(line))
    sentence = ends_like_sentence(line)
    for compiled in rules:
        rule = compiled.rule
        if words > rule.max_words:
            continue
        if rule.position == "tail" and not in_tail:
            continue
        if sentence and not rule.sentences_too and words > 3:
            continue
        if compiled.pattern.search(line):
            return compiled
    return None


@dataclass(frozen=True, slots=True)
class Piece:
    """A line, or the part of one an inline cut left, with what cleaning decided."""

    line: int  # index of its source line
    start: int  # offsets into the text cleaning read (its lines joined by newlines)
    end: int
    text: str  # stripped
    reason: str | None = None  # None: kept


def clean(lines: list[str], language: LanguageKnowledge,
          own: list[LanguageKnowledge | None] | None = None) -> list[Piece]:
    """Every line's pieces in order, each kept or removed with its reason. `own`: for a
    line in another language than the document's (a Japanese copyright line under an
    Indonesian article), that language's knowledge, tried after the document's."""
    pieces = _split(lines, language, own)
    tail = tail_start([p.text for p in pieces])
    decided: list[Piece] = []
    list_rule: CompiledRule | None = None
    numbered: bool | None = None
    for index, piece in enumerate(pieces):
        if not piece.text:
            decided.append(piece)
            continue
        extra = own[piece.line] if own else None
        rule = matching_rule(piece.text, language.boilerplate, index >= tail)
        if rule is None and extra is not None:
            rule = matching_rule(piece.text, extra.boilerplate, index >= tail)
        if piece.reason:  # cut out of its line; a line rule's reason ("spam") is the sharper one
            decided.append(_removed(piece, rule.rule.reason) if rule else piece)
            continue
        if rule is None and list_rule is not None:
            item = _list_item(piece.text, language, numbered)
            if item is not None:
                numbered = item
                decided.append(_removed(piece, list_rule.rule.reason))
                continue
        list_rule, numbered = (rule, None) if rule and rule.rule.heads_list else (None, None)
        decided.append(_removed(piece, rule.rule.reason) if rule else piece)
    return decided


def _removed(piece: Piece, reason: str) -> Piece:
    return Piece(piece.line, piece.start, piece.end, piece.text, reason)


def _split(lines: list[str], language: LanguageKnowledge,
           own: list[LanguageKnowledge | None] | None) -> list[Piece]:
    pieces: list[Piece] = []
    offset = 0
    for index, line in enumerate(lines):
        extra = own[index] if own else None
        cuts = find_cuts(line, language) or (find_cuts(line, extra) if extra else [])
        position = 0
        for cut in cuts:
            _add(pieces, index, offset, line, position, cut.start)
            _add(pieces, index, offset, line, cut.start, cut.end, cut.reason)
            position = cut.end
        if not cuts:
            stripped = line.strip()
            first = line.find(stripped) if stripped else 0
            pieces.append(Piece(index, offset + first, offset + first + len(stripped), stripped))
        else:
            _add(pieces, index, offset, line, position, len(line))
        offset += len(line) + 1
    return pieces


def _add(pieces: list[Piece], index: int, offset: int, line: str, start: int, end: int,
         reason: str | None = None) -> None:
    part = line[start:end]
    stripped = part.strip()
    if stripped:
        first = start + part.find(stripped)
        pieces.append(Piece(index, offset + first, offset + first + len(stripped), stripped, reason))


_NUMBERED = regex.compile(r"^\W*\d{1,2}\s*[.):]?\s+\S")
_NUMERIC_STAMP = regex.compile(r"\d{1,4}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{1,4}|\b\d{1,2}[:.]\d{2}\b")
LIST_ITEM_MAX_WORDS = 20
LIST_ITEM_MIN_WORDS = 2


def _list_item(line: str, language: LanguageKnowledge, numbered: bool | None) -> bool | None:
    """Whether `line` is numbered, if it reads as another story's headline under a list
    heading; None if it ends the list: a sentence, a stamp, or a numbering that changes."""
    words = len(_WORD.findall(line))
    if (ends_like_sentence(line) and not line.endswith("?")) or not LIST_ITEM_MIN_WORDS <= words <= LIST_ITEM_MAX_WORDS:
        return None
    if _NUMERIC_STAMP.search(line) or language.derive("month_names", _month_names).search(line):
        return None
    is_numbered = bool(_NUMBERED.match(line))
    if numbered is not None and is_numbered != numbered:
        return None
    return is_numbered


def _month_names(language: LanguageKnowledge) -> regex.Pattern[str]:
    """A month's name next to a number: a date stamp, which ends a list."""
    months = alternation(language.dates.months)
    return regex.compile(rf"\d\s*{months}\b|\b{months}\s*\d", regex.IGNORECASE)
