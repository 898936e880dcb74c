"""Whole-line removal of spam and page furniture, by the per-language rules in
data/lang/*/cleaning.yaml. Lines go whole or stay whole: the article's own characters are
never rewritten, and each removal is recorded with its reason."""

from __future__ import annotations

import regex

from dyads.langdata.knowledge import CompiledRule
from dyads.model import Removal

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
            return rule.reason
    return None


def keep_lines(lines: list[str], rules: tuple[CompiledRule, ...],
               own_rules: list[tuple[CompiledRule, ...] | None] | None = None) -> tuple[list[bool], list[Removal]]:
    """For each line, whether it stays; and what went, in order. `own_rules`: for a line
    in another language than the document's (a Japanese copyright line under an Indonesian
    article), that language's rules, tried after the document's."""
    tail = tail_start(lines)
    keep: list[bool] = []
    removed: list[Removal] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        reason = removal_reason(stripped, rules, index >= tail) if stripped else None
        extra = own_rules[index] if own_rules else None
        if stripped and reason is None and extra:
            reason = removal_reason(stripped, extra, index >= tail)
        if reason:
            removed.append(Removal(text=stripped, reason=reason))
        keep.append(reason is None)
    return keep, removed
