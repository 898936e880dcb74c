"""Stage 3, short forms: a person's single name words ("Bauer" after "Rob Bauer", "Parly"
after a new person "Florence Parly", "Singh" after "Menteri Pertahanan Singh Menang-sik"
linked to Shin Won-sik) and a body's name without its parent's ("Komite Militer" after
"Komite Militer NATO"), wherever they stand later or earlier in the text, when the form
belongs to one identity only."""

from __future__ import annotations

import bisect

from dyads.entities.mention import CONFIDENCE, TOKEN, Mention
from dyads.gazetteer import Gazetteer

SHORT_FROM_LINKED = ("office", "context-office", "garbled", "guess", "translated")


def short_forms(text: str, gazetteer: Gazetteer, mentions: list[Mention], title_words: frozenset[str] = frozenset(),
                words: frozenset[str] = frozenset()) -> None:
    """`title_words`: casefolded one-word titles, never a short form ("Presiden" of a
    gazetteer name "Presiden Jokowi"); `words`: name tokens machine translation makes of
    common words ("Menang", "Baru"), never a short form either."""
    forms: dict[str, set[str]] = {}
    weak: dict[str, str] = {}  # form -> how its source was linked, when less sure than a short form
    for mention in mentions:
        if mention.how not in ("name", "title-name", *SHORT_FROM_LINKED) and not mention.is_new:
            continue
        written = text[mention.start:mention.end]
        if mention.how in SHORT_FROM_LINKED:
            # a garbled name linked through its title ("Menteri Pertahanan Singh Menang-sik")
            # is written the same way again: "Singh mengatakan …"
            for token in TOKEN.findall(written):
                if len(token) >= 3 and token[0].isupper() and token.casefold() not in title_words and token not in words:
                    forms.setdefault(token, set()).add(mention.key)
                    if CONFIDENCE[mention.how] < CONFIDENCE[weak.get(token, "short")]:
                        weak[token] = mention.how  # no surer than the link it repeats
        elif mention.is_new or gazetteer[mention.key].type == "person":
            source = written if mention.is_new else gazetteer[mention.key].name + " " + written
            for token in TOKEN.findall(source):
                if len(token) >= 3 and token[0].isupper() and token.casefold() not in title_words:
                    forms.setdefault(token, set()).add(mention.key)
        else:
            short = gazetteer.short_forms.get((mention.key, written))
            if short:
                forms.setdefault(short, set()).add(mention.key)
    unique = {form: next(iter(keys)) for form, keys in forms.items() if len(keys) == 1}
    if not unique:
        return
    taken = sorted((m.start, m.end) for m in mentions)
    starts = [start for start, _ in taken]
    found: list[tuple[int, int, str]] = []
    for token in TOKEN.finditer(text):  # one-word forms: one pass over the words
        key = unique.get(token.group())
        if key is not None:
            found.append((token.start(), token.end(), key))
    for form, key in unique.items():  # the few multi-word forms ("Komite Militer")
        if " " in form:
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                    found.append((start, end, key))
                start = text.find(form, end)
    for start, end, key in sorted(found, key=lambda f: (f[0], -f[1])):
        if not _overlaps(taken, starts, start, end) and not any(s < end and start < e for s, e, _ in found if (s, e) != (start, end) and e - s > end - start):
            mentions.append(Mention(start, end, key, weak.get(text[start:end], "short")))


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of the sorted, non-nested-enough spans `taken`."""
    index = bisect.bisect_left(starts, end)
    return any(s < end and start < e for s, e in taken[max(0, index - 8):index])
