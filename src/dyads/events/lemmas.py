"""Trigger words found in every inflection, from the language data.

A trigger is listed once by its forms; the text may inflect it ("kunjungannya",
"dikunjungi", "telephoned", "holding talks"). Three data-driven ways to recognise it:
- `forms`: the listed words and phrases as written;
- `clitics`: a listed form with a clitic glued to it ("pertemuannya" = "pertemuan" + "nya");
- `lemmas`: any word whose lemma (simplemma) is listed there — for stems whose every
  derivation names the act ("kunjung": kunjungan, mengunjungi, dikunjungi, berkunjung);
- `inflect_forms`: every listed form in any inflection of its words (English: "meets",
  "held talks" → "holding talks"); a bare base form that is not listed does not count
  ("host", "sign": often nouns of something else).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex
import simplemma

from dyads.langdata.schema import EventsFile, TriggerForms
from dyads.patterns import words_pattern

_TOKEN = regex.compile(r"[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*")
_GAP = regex.compile(r"[ \t]+")


@dataclass(frozen=True, slots=True)
class Hit:
    """A trigger in the text: its span, the listed form it stands for and the entry.
    Shaped like a regex match (`start()`, `end()`, `span()`, `group()`) for the stages."""

    begin: int
    finish: int
    text: str
    form: str
    spec: TriggerForms
    # other entries listing the same form ("called on": a courtesy call, or an urging when
    # "to" follows); the first whose needs the sentence meets is the one kept
    others: tuple[TriggerForms, ...] = ()

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def span(self) -> tuple[int, int]:
        return self.begin, self.finish

    def group(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class _Plan:
    """What one word (casefolded) can be: a trigger by itself (`fixed`: the listed form and
    entry), or the first word of listed forms (`sequences`, longest first; `entries`: all
    forms its lemma begins, among which a one-word match takes the nearest in shape)."""

    fixed: tuple[str, TriggerForms] | None
    sequences: tuple[tuple[tuple[str, ...], str], ...] = ()
    entries: tuple[tuple[tuple[str, ...], str], ...] = ()


class Lemmas:
    """simplemma with a memo: a word's lemma never changes, so it is looked up once."""

    def __init__(self, language: str | None) -> None:
        self.language = language
        self.memo: dict[str, str] = {}

    def __call__(self, word: str) -> str:
        folded = word.casefold()
        if self.language is None:
            return folded
        found = self.memo.get(folded)
        if found is None:
            found = self.memo[folded] = simplemma.lemmatize(folded, lang=self.language).casefold()
        return found


class TriggerMatcher:
    def __init__(self, events: EventsFile) -> None:
        self.by_form: dict[str, TriggerForms] = {}
        self.alternatives: dict[str, tuple[TriggerForms, ...]] = {}
        for trigger in events.triggers:
            for form in trigger.forms:
                key = form.casefold()
                if key in self.by_form and self.by_form[key] is not trigger:
                    self.alternatives[key] = (*self.alternatives.get(key, ()), trigger)
                else:
                    self.by_form[key] = trigger
        self.surface = words_pattern(list(self.by_form))
        self.clitics = sorted((c.casefold() for c in events.clitics), key=len, reverse=True)
        self.lemma = Lemmas(events.lemmatizer)
        self.activity = tuple(e.casefold() for e in events.activity_endings)
        self.by_lemma = {self.lemma(word): trigger for trigger in events.triggers for word in trigger.lemmas}
        # lemma sequences of the listed forms, by their first lemma, longest first
        self.sequences: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        if events.inflect_forms and events.lemmatizer:
            for form in self.by_form:
                words = tuple(self._key(w) for w in _TOKEN.findall(form))
                if words:
                    self.sequences.setdefault(words[0], []).append((words, form))
            for entries in self.sequences.values():
                entries.sort(key=lambda e: -len(e[0]))
        # what a word as written can start, worked out once per word (the matcher lives as
        # long as the loaded language, so the memo is its own, like `Lemmas.memo`)
        self.plans: dict[str, _Plan] = {}

    def _key(self, word: str) -> str:
        """The lemma of the lemma: simplemma takes "meetings" to "meeting", then to "meet"."""
        return self.lemma(self.lemma(word))

    def find(self, text: str) -> list[Hit]:
        hits = [Hit(m.start(), m.end(), m.group(), m.group().casefold(), self.by_form[m.group().casefold()],
                    self.alternatives.get(m.group().casefold(), ()))
                for m in self.surface.finditer(text)]
        tokens = list(_TOKEN.finditer(text))
        covered = {i for h in hits for i in range(h.begin, h.finish)}
        for index, token in enumerate(tokens):
            if token.start() in covered:
                continue
            hit = self._inflected(text, tokens, index)
            if hit is not None:
                hits.append(hit)
                covered.update(range(hit.begin, hit.finish))
        hits.sort(key=lambda h: h.begin)
        return hits

    def _inflected(self, text: str, tokens: list[regex.Match[str]], index: int) -> Hit | None:
        token = tokens[index]
        word = token.group().casefold()
        plan = self.plans.get(word)
        if plan is None:
            plan = self.plans[word] = self._plan(word)
        if plan.fixed is not None:
            form, spec = plan.fixed
            return Hit(token.start(), token.end(), token.group(), form, spec)
        for words, form in plan.sequences:
            end = self._sequence_end(text, tokens, index, words)
            if end is not None:
                spec = self.by_form[form]
                if len(words) == 1:  # the listed form nearest in shape: "meetings" -> "meeting"
                    form = _nearest([f for w, f in plan.entries if len(w) == 1 and self.by_form[f] is spec], word)
                return Hit(token.start(), end, text[token.start():end], form, spec)
        return None

    def _plan(self, word: str) -> _Plan:
        """What the word alone decides: a listed stem before a clitic, a listed lemma, or
        the listed phrases it may begin (the words after it are checked in the text)."""
        for clitic in self.clitics:
            stem = word[:-len(clitic)]
            if word.endswith(clitic) and len(stem) >= 4 and stem in self.by_form:
                return _Plan((stem, self.by_form[stem]))
        lemma = self.lemma(word)
        if lemma in self.by_lemma:
            spec = self.by_lemma[lemma]
            return _Plan((_nearest([f.casefold() for f in spec.forms], word), spec))
        key = self._key(word)
        entries = tuple(self.sequences.get(key, ()))
        # an unlisted base form ("host", "sign") or activity ("sending") begins no one-word form
        bare = word == key or word.endswith(self.activity)
        return _Plan(None, tuple(e for e in entries if len(e[0]) > 1 or not bare), entries)

    def _sequence_end(self, text: str, tokens: list[regex.Match[str]], index: int,
                      words: tuple[str, ...]) -> int | None:
        if index + len(words) > len(tokens):
            return None
        for offset, wanted in enumerate(words[1:], start=1):
            token, previous = tokens[index + offset], tokens[index + offset - 1]
            if not _GAP.fullmatch(text, previous.end(), token.start()) or self._key(token.group()) != wanted:
                return None
        return tokens[index + len(words) - 1].end()


def _nearest(forms: list[str], word: str) -> str:
    """The listed form that shares the longest beginning with the word as written."""
    return max(forms, key=lambda f: _common_prefix(f, word))


def _common_prefix(a: str, b: str) -> int:
    size = 0
    for x, y in zip(a, b):
        if x != y:
            break
        size += 1
    return size
