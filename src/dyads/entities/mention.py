"""What every linking stage shares: a mention (a span of the text and the identity it was
linked to), how it was linked, and the confidence each way of linking earns."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from dyads.entities.tenure import OfficeLink

NEW = "new:"  # key prefix of people the gazetteer does not know

# How a mention was linked, and the confidence that earns (the entity takes its best):
#   name           a gazetteer name, found as written
#   title-name     a name too short to search for alone ("Yoon"), confirmed by a title
#   short          a short form of someone named in the text ("Bauer")
#   role           a title with no name: the office's one holder that day
#   office         a name next to a title whose country or body is stated: the office's one
#                  holder that day, and the name resembles them
#   context-office the same, with the country taken from what the document talks about
#   translated     a name machine translation made words of ("Umum Menang" -> Won)
#   garbled        the most similar of several holders, clearly ahead of the others
#   guess          the office's one holder whom the name does not resemble, or the most
#                  similar of several holders by a narrow lead
#   new            an unknown name after a title: a new person
CONFIDENCE = {
    "name": 0.95, "title-name": 0.95, "short": 0.85, "role": 0.8, "office": 0.8, "context-office": 0.7,
    "translated": 0.75, "garbled": 0.7, "guess": 0.6, "new": 0.55,
}

NAME = regex.compile(r"\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*")  # a capitalised word
# A family name behind a lower-case article joined by a hyphen ("Ahmed al-Sharaa", "el-Sisi"),
# read only after a capitalised word of the same name
PARTICLE_NAME = regex.compile(r"\p{Ll}{1,3}-\p{Lu}[\p{L}'’]*(?:-\p{L}[\p{L}'’]*)*")
TOKEN = regex.compile(r"[\p{L}'’]+(?:-[\p{L}'’]+)*")  # a word, hyphenated parts together
BLANK = regex.compile(r"[ \t\u00a0]+")


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    key: str
    how: str  # a CONFIDENCE key
    phrase: tuple[int, int] | None = None  # a longer surface to list as alias too
    qualifier: str | None = None  # for new people: the body or country named with them
    role: str | None = None  # for new people: the title they were named with
    via: OfficeLink | None = None  # the office this mention was linked through

    @property
    def confidence(self) -> float:
        return CONFIDENCE[self.how]

    @property
    def is_new(self) -> bool:
        return self.key.startswith(NEW)
