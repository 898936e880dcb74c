"""The language of each line and of the document.

A line's dominant writing system decides where it names a language by itself (kana → ja,
Hangul → ko); Latin and other shared scripts go to py3langid (chosen by measurement:
benchmarks/language_id.py). Lines too short to judge inherit the document's language.
Languages the classifier confuses (Indonesian/Malay) are decided once per document by
marker words, so a text never alternates between them line by line.
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass

import regex

from dyads.langdata import Knowledge
from dyads.patterns import words_pattern

MIN_WORDS = 3
MIN_LETTERS = 15
CLASSIFY_CHARS = 64  # enough to judge a paragraph; the classifier's cost grows with length
# When the opening is unsure (an English lead that starts with Indonesian names and titles),
# a longer stretch of the line is judged again.
UNSURE_CHARS = 256
SURE = 0.9  # a classified line needs this much to differ from its document
UNDETERMINED = "und"
MEMO_SAMPLES = 50_000  # distinct samples remembered (at most ~20 MB); later ones are classified each time

_DIGIT = regex.compile(r"\p{N}")
_ASCII_LETTER = regex.compile(r"[A-Za-z]")
_LATIN_LETTER = regex.compile(r"\p{Latin}")
_NON_LATIN_LETTER = regex.compile(r"(?=\p{L})\P{Latin}")


@dataclass(frozen=True, slots=True)
class LineLanguage:
    text: str
    language: str | None  # None: too short or unsure, inherits the document's
    weight: int  # letters in the line's dominant script family
    by_script: bool = False  # the script named the language; no classifier doubt
    probability: float = 0.0


@functools.cache
def _script_pattern(script: str) -> regex.Pattern[str]:
    return regex.compile(rf"\p{{Script={script}}}")


@functools.cache
def _family_pattern(scripts: tuple[str, ...]) -> regex.Pattern[str]:
    return regex.compile("[" + "".join(rf"\p{{Script={s}}}" for s in scripts) + "]")


def line_language(line: str, knowledge: Knowledge) -> LineLanguage:
    families = knowledge.scripts.families
    if line.isascii() or not _NON_LATIN_LETTER.search(line):  # most lines: only Latin letters
        latin = len((_ASCII_LETTER if line.isascii() else _LATIN_LETTER).findall(line))
        sizes = [(latin if "Latin" in f.scripts else 0, i) for i, f in enumerate(families)]
    else:
        sizes = [(len(_family_pattern(tuple(f.scripts)).findall(line)), i) for i, f in enumerate(families)]
    size, index = max(sizes)
    counts = {s: len(_script_pattern(s).findall(line)) for s in families[index].scripts} if families[index].rules else {}
    if size == 0:
        return LineLanguage(line, None, 0)
    family = families[index]
    if size < len(_DIGIT.findall(line)):
        return LineLanguage(line, None, size)  # mostly digits: a stamp, not language
    for rule in family.rules:
        if any(counts[s] for s in rule.scripts):
            return LineLanguage(line, rule.language, size, by_script=True, probability=1.0)
    if family.classify and size >= MIN_LETTERS and len(line.split()) >= MIN_WORDS:
        language, probability = _classify(line[:CLASSIFY_CHARS], knowledge)
        if probability < SURE and len(line) > CLASSIFY_CHARS:
            language, probability = _classify(line[:UNSURE_CHARS], knowledge)
        return LineLanguage(line, language, size, probability=probability)
    return LineLanguage(line, None, size)


def _classify(sample: str, knowledge: Knowledge) -> tuple[str, float]:
    """The sample's language and the probability of its confusable group, asked of the
    classifier once per distinct sample while the knowledge is loaded."""
    memo = knowledge.classified
    found = memo.get(sample)
    if found is None:
        found = _rank(sample, knowledge)
        if len(memo) < MEMO_SAMPLES:
            memo[sample] = found
    return found


def _rank(sample: str, knowledge: Knowledge) -> tuple[str, float]:
    ranked = knowledge.classifier.rank(sample)
    language = ranked[0][0]
    # Confusable languages share their probability: 0.55 ms + 0.43 id is sure of the group.
    group = _group_of(language, knowledge)
    return language, sum(p for lang, p in ranked if lang in group)


def document_language(lines: list[LineLanguage], knowledge: Knowledge) -> str:
    """The body's language: each judged line votes with its letters times its certainty
    (an English lead full of Indonesian names, "id" at 0.58, is outvoted by plain English
    lines at 0.99); confusable groups are then decided by marker words."""
    votes: Counter[str] = Counter()
    for line in lines:
        if line.language:
            votes[_group_of(line.language, knowledge)[0]] += line.weight * line.probability
    if not votes:
        return UNDETERMINED
    winner = votes.most_common(1)[0][0]
    return resolve_group(winner, "\n".join(line.text for line in lines), knowledge)


def _group_of(language: str, knowledge: Knowledge) -> list[str]:
    return next((g for g in knowledge.scripts.groups if language in g), [language])


def resolve_group(language: str, text: str, knowledge: Knowledge) -> str:
    """The member of `language`'s confusable group whose marker words the text uses most.
    Markers match as written: "kerajaan" votes Malay, "Kerajaan Malaysia" (a name) does not,
    so an Indonesian story full of Malaysian names and institutions stays Indonesian."""
    for group in knowledge.scripts.groups:
        if language in group:
            scores = {member: _marker_hits(text, knowledge, member) for member in group}
            best = max(scores.values())
            # The group's first member wins ties: the classifier cannot tell them apart.
            return next(m for m in group if scores[m] == best)
    return language


def _marker_hits(text: str, knowledge: Knowledge, code: str) -> int:
    markers = knowledge.language(code).markers
    if not markers:
        return 0
    return len(_markers_pattern(markers).findall(text))


@functools.cache
def _markers_pattern(markers: tuple[str, ...]) -> regex.Pattern[str]:
    return words_pattern(markers, flags=0)


def assign(lines: list[LineLanguage], document: str, knowledge: Knowledge) -> list[str]:
    """Each line's final language: a line keeps its own when its script says so or the
    classifier is sure of a language outside the document's group; the rest take the
    document's."""
    group = _group_of(document, knowledge)
    return [
        line.language
        if line.language and line.language not in group and (line.by_script or line.probability >= SURE)
        else document
        for line in lines
    ]
