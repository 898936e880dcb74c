"""Teasers and credits glued into a paragraph ("… kata dia. Baca juga: Judul Berita Lain
Perjanjian itu akan …", "… on Monday. (Photo: Reuters)").

Cleaning removes whole lines; a glued teaser is first cut out as a line of its own, so the
paragraph's sentences stay as written, split where the teaser sat, and the teaser goes
whole with its reason and offsets. A cut needs a sure end: a closing bracket, the end of
the line (the rest holds no sentence), or the seam where a headline's words give way to the
next sentence — a title-case run meeting a lower-case word, or a sentence opener ("The",
"Sementara"). Without one, nothing is cut: a missed teaser is better than a lost sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from dyads.langdata.knowledge import CompiledInline, LanguageKnowledge

# What may stand before a marker: nothing, a sentence's end, an opening bracket or a dash.
_BEFORE = regex.compile(r"(?:^|[.!?…][\"'”’»)\]]*|[(\[]|\s[-–—|•])\s*$")
_TOKEN = regex.compile(r"\S+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{},;:"
_SENTENCE_END = regex.compile(r"[.!?…][\"'”’»)\]]*$")
# "U.S.", "S.", "AS.": capitals and dots, not a sentence's end.
_ABBREVIATION = regex.compile(r"^(?:\p{Lu}\.?){1,3}$")
_CLOSING = {"(": ")", "[": "]"}
MIN_HEADLINE_WORDS = 2
MIN_TITLE_CASE_WORDS = 3


@dataclass(frozen=True, slots=True)
class Cut:
    start: int  # offsets into the line
    end: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    core: str  # without surrounding quotes, brackets and commas
    raw: str


def find_cuts(line: str, language: LanguageKnowledge) -> list[Cut]:
    """The teasers to cut out of `line`, in order, none overlapping."""
    cuts: list[Cut] = []
    position = 0
    while position < len(line):
        found = _next_cut(line, position, language)
        if found is None:
            break
        cuts.append(found)
        position = found.end
    return cuts


def _next_cut(line: str, position: int, language: LanguageKnowledge) -> Cut | None:
    best: Cut | None = None
    for compiled in language.inline:
        for match in compiled.pattern.finditer(line, position):
            before = line[:match.start()]
            if not _BEFORE.search(before):
                continue
            cut = _cut_at(line, match.start(), match.end(), compiled, language)
            if cut and (best is None or cut.start < best.start):
                best = cut
            if cut:
                break
    return best


def _cut_at(line: str, start: int, marker_end: int, compiled: CompiledInline,
            language: LanguageKnowledge) -> Cut | None:
    rule = compiled.rule
    opening = line[:start].rstrip()[-1:]
    if opening in _CLOSING:  # "(Baca juga: …)", "(Photo: Reuters)": up to the bracket
        close = line.find(_CLOSING[opening], marker_end)
        if close < 0 or len(line[marker_end:close].split()) > rule.max_words:
            return None
        return Cut(len(line[:start].rstrip()) - 1, close + 1, rule.reason)
    if rule.brackets_only:
        return None
    rest = line[marker_end:]
    end = _headline_end(rest, language, rule.max_words)
    if end is None:
        return None
    return Cut(start, marker_end + len(rest[:end].rstrip()), rule.reason)


def _headline_end(rest: str, language: LanguageKnowledge, max_words: int) -> int | None:
    """Where the teaser's headline ends in `rest` (the text after its marker), or None."""
    tokens = [_Token(m.start(), m.end(), m.group().strip(_EDGE_PUNCT), m.group()) for m in _TOKEN.finditer(rest)]
    if not tokens:
        return None
    if not _holds_sentence_end(tokens):  # the rest of the line is the headline
        return len(rest) if len(tokens) <= max_words else None
    end = _title_case_seam(tokens, language) or _opener_seam(tokens, language)
    if end is None or len(rest[:end].split()) > max_words:
        return None
    return end


def _holds_sentence_end(tokens: list[_Token]) -> bool:
    return any(_SENTENCE_END.search(t.raw) and not _ABBREVIATION.match(t.raw.rstrip(".")) for t in tokens)


def _capitalised(token: _Token) -> bool:
    core = token.core
    return bool(core) and (core[0].isupper() or any(c.isdigit() for c in core))


def _joiner(token: _Token, language: LanguageKnowledge) -> bool:
    return not any(c.isalnum() for c in token.core) or token.core in language.headline_joiners


def _title_case_seam(tokens: list[_Token], language: LanguageKnowledge) -> int | None:
    """A headline in title case runs until a lower-case word; the capitalised word just
    before that word opened the next sentence. A headline word ending a sentence ("Rusia
    Tuding AS. Sementara itu …") or a sentence opener also closes the run."""
    for index, token in enumerate(tokens):
        if index >= MIN_HEADLINE_WORDS and token.core in language.sentence_openers:
            return token.start
        if _capitalised(token) or _joiner(token, language):
            if (index + 1 >= MIN_TITLE_CASE_WORDS and _SENTENCE_END.search(token.raw)
                    and not _ABBREVIATION.match(token.raw.rstrip(".")) and index + 1 < len(tokens)):
                return token.end
            continue
        opener = max((i for i in range(index) if _capitalised(tokens[i])), default=-1)
        words = [t for t in tokens[:opener] if not _joiner(t, language)]
        if opener >= 0 and len(words) >= MIN_TITLE_CASE_WORDS:
            return tokens[opener].start
        return None
    return tokens[-1].end  # all of it in title case: a headline ending with its stop


def _opener_seam(tokens: list[_Token], language: LanguageKnowledge) -> int | None:
    """A headline in sentence case ("Marcos says Manila will not be cowed The two …")
    ends where a sentence opener stands capitalised."""
    for index, token in enumerate(tokens):
        if index >= MIN_HEADLINE_WORDS and token.core in language.sentence_openers:
            return token.start
    return None
