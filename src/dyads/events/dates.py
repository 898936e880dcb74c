"""Dates of events, as the text writes them, resolved by the contract's §5 rules.

dateparser was measured to return nothing for "hari Senin", "November lalu", "Juli tahun
lalu", "pekan lalu" and a future date for "tanggal 29"; the expressions news uses are few
and their rules are the contract's, so they are matched from each language's date words
(data/lang/*/dates.yaml) and resolved here with plain calendar arithmetic, never the
machine's clock or time zone.

Precision is what the text gives: "Mei 2016" → 2016-05, "pada tanggal 29" → a day,
"sejak 2006" → 2006.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

import regex

from dyads.langdata.knowledge import LanguageKnowledge
from dyads.patterns import alternation

_WORD_START = regex.compile(r"(?<!\w)\w+")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    kind: str  # full, month_year, year, weekday, day, month, relative, ago, day_month
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO, Monday = 1
    direction: str | None = None  # "past" / "future" when the words say so
    shift_year: int = 0  # "Juli tahun lalu": -1
    relative: str | None = None
    amount: int = 0
    unit: str | None = None

    @property
    def explicit(self) -> bool:
        """A date the words fix without the publication date."""
        return self.kind in ("full", "month_year", "year")


@dataclass(frozen=True)
class _Patterns:
    pattern: regex.Pattern[str]
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, str]
    numbers: dict[str, int]
    units: dict[str, str]
    before: frozenset[str]
    after: frozenset[str]
    starters: frozenset[str]  # first words a date phrase can begin with (casefolded)


def _capitalised(words: list[str]) -> list[str]:
    return [w[:1].upper() + w[1:] for w in words]


def _build(language: LanguageKnowledge) -> _Patterns:
    d = language.dates
    # Month and day names only capitalised: English "may" is a verb, Indonesian "minggu"
    # a week; everything else in any case.
    month = r"(?P<month>(?-i:" + alternation(_capitalised(list(d.months))) + r"))\.?"
    weekday = r"(?P<weekday>(?-i:" + alternation(_capitalised(list(d.weekdays))) + r"))"
    before_after = r"(?:\s+(?P<dir>" + alternation([*d.before, *d.after]) + r"))?"
    last_next = r"(?:(?P<lastnext>" + alternation([*d.last, *d.next]) + r")\s+)?"
    year_shift = r"(?:\s+(?P<shift>" + alternation([*d.previous_year, *d.next_year_words]) + r"))?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    # "Selasa (30/3)", "Rabu (15/11/2023)": Indonesian news dates a weekday in brackets.
    bracket = r"(?:\s*\((?P<bday>[0-3]?\d)/(?P<bmonth>[01]?\d)(?:/(?P<byear>(?:19|20)?\d\d))?\))?"
    relative = {phrase.casefold(): kind for kind, phrases in d.relative.items() for phrase in phrases}
    ago = d.ago or None
    numbers = {k.casefold(): v for k, v in d.numbers.items()}
    alternatives = [
        r"(?P<full1>" + day + r"\s+" + month + r",?\s+" + year + r")",
        r"(?P<full2>" + month + r"\s+" + day + r",?\s+" + year + r")",
        r"(?P<full3>(?P<nday>[0-3]?\d)/(?P<nmonth>[01]?\d)/(?P<nyear>(?:19|20)\d\d))",
        r"(?P<monthyear>" + month + r",?\s+" + year + r")",
        r"(?P<wd>" + last_next + weekday + bracket + before_after + r")",
        r"(?P<dm1>" + day + r"\s+" + month + r")(?!\s*,?\s*(?:19|20)\d\d)",
        r"(?P<dm2>" + month + r"\s+" + day + r")(?![\d,]*\s*(?:19|20)\d\d)(?!\d)",
        # "tanggal 29", but "tanggal 2 Juni" is a day and month (matched from its number)
        r"(?P<dayword>" + alternation(d.day_words) + r"\s+" + day + r")(?!\s+" + month.replace("?P<month>", "?:") + r")",
        r"(?P<mon>" + last_next + month + year_shift + before_after + r")",
        r"(?P<rel>" + alternation(list(relative)) + r")",
        r"(?P<yr>" + year + r")",
    ]
    if ago and ago.units:
        number = r"(?P<n>\d+|" + alternation(list(numbers)) + r")"
        alternatives.insert(0, r"(?P<ago>" + number + r"\s+(?P<unit>" + alternation(list(ago.units)) + r")\s+" + alternation(ago.after) + r")")
    pattern = regex.compile(r"(?<![\w])(?:" + "|".join(alternatives) + r")(?![\w])", regex.IGNORECASE | regex.VERSION0)
    first_words = [*d.months, *d.weekdays, *d.last, *d.next, *d.day_words, *numbers,
                   *(phrase.split()[0] for phrase in relative)]
    starters = frozenset(w.casefold().rstrip(".") for w in first_words if w)
    return _Patterns(pattern, {k.casefold(): v for k, v in d.months.items()},
                     {k.casefold(): v for k, v in d.weekdays.items()}, relative, numbers,
                     {k.casefold(): v for k, v in (ago.units.items() if ago else ())},
                     frozenset(w.casefold() for w in [*d.before, *d.last]),
                     frozenset(w.casefold() for w in [*d.after, *d.next]), starters)


def find_dates(text: str, start: int, end: int, language: LanguageKnowledge) -> list[DateMention]:
    """Date expressions in text[start:end], with offsets into `text`."""
    patterns = language.derive("event-dates", _build)
    found = []
    position = start
    # Try the (large) pattern only where a date can begin: a number or a starter word.
    for word in _WORD_START.finditer(text, start, end):
        if word.start() < position or not (word.group()[0].isdigit() or word.group().casefold() in patterns.starters):
            continue
        match = patterns.pattern.match(text, word.start(), end)
        if match:
            mention = _mention(match, patterns, language)
            if mention is not None:
                found.append(mention)
            position = match.end()
    return found


def _direction(match: regex.Match[str], patterns: _Patterns) -> str | None:
    for group in ("dir", "lastnext"):
        word = (match.group(group) or "").casefold()
        if word in patterns.before:
            return "past"
        if word in patterns.after:
            return "future"
    return None


def _mention(match: regex.Match[str], p: _Patterns, language: LanguageKnowledge) -> DateMention | None:
    s, e = match.span()
    g = match.groupdict()
    month = p.months.get((g.get("month") or "").casefold().rstrip("."))
    if g.get("ago"):
        raw = g["n"].casefold()
        amount = int(raw) if raw.isdigit() else p.numbers.get(raw, 0)
        return DateMention(s, e, "ago", amount=amount, unit=p.units.get(g["unit"].casefold()))
    if g.get("full1") or g.get("full2"):
        return _checked(DateMention(s, e, "full", int(g["year"]), month, int(g["day"])))
    if g.get("full3"):
        return _checked(DateMention(s, e, "full", int(g["nyear"]), int(g["nmonth"]), int(g["nday"])))
    if g.get("monthyear"):
        return DateMention(s, e, "month_year", int(g["year"]), month)
    if g.get("wd"):
        weekday = p.weekdays[g["weekday"].casefold()]
        if g.get("bday"):
            year = g.get("byear")
            year_value = (int(year) + 2000 if len(year) == 2 else int(year)) if year else None
            kind = "full" if year_value else "day_month"
            return _checked(DateMention(s, e, kind, year_value, int(g["bmonth"]), int(g["bday"]), weekday))
        return DateMention(s, e, "weekday", weekday=weekday, direction=_direction(match, p))
    if g.get("dm1") or g.get("dm2"):
        return _checked(DateMention(s, e, "day_month", None, month, int(g["day"])))
    if g.get("dayword"):
        return DateMention(s, e, "day", day=int(g["day"]))
    if g.get("mon"):
        shift_word = (g.get("shift") or "").casefold()
        shift = -1 if shift_word in {w.casefold() for w in language.dates.previous_year} else (
            1 if shift_word else 0)
        return DateMention(s, e, "month", month=month, direction=_direction(match, p), shift_year=shift)
    if g.get("rel"):
        return DateMention(s, e, "relative", relative=p.relative.get(g["rel"].casefold()))
    if g.get("yr"):
        return DateMention(s, e, "year", int(g["year"]))
    return None


def _checked(mention: DateMention) -> DateMention | None:
    try:
        dt.date(mention.year or 2000, mention.month or 1, mention.day or 1)
    except ValueError:
        return None
    return mention


def resolve(m: DateMention, published: dt.date, reference: dt.date, planned: bool,
            previous: str | None = None) -> str | None:
    """The date `m` names, at its precision: YYYY-MM-DD, YYYY-MM or YYYY."""
    future = m.direction == "future" or (planned and m.direction != "past")
    if m.kind == "full":
        try:
            return dt.date(m.year, m.month, m.day).isoformat()  # type: ignore[arg-type]
        except ValueError:  # "0 April 2024", "31 Juni": no such day
            return None
    if m.kind == "month_year":
        return f"{m.year:04d}-{m.month:02d}"
    if m.kind == "year":
        return f"{m.year:04d}"
    if m.kind == "weekday":
        assert m.weekday is not None
        if future:
            ahead = (m.weekday - published.isoweekday()) % 7
            return (published + dt.timedelta(days=ahead)).isoformat()
        back = (published.isoweekday() - m.weekday) % 7
        if back == 0 and m.direction == "past":
            back = 7  # "Senin lalu" said on a Monday: the one before
        return (published - dt.timedelta(days=back)).isoformat()
    if m.kind == "day_month":
        assert m.month is not None and m.day is not None
        return _nearest_day_month(m.month, m.day, published, future).isoformat()
    if m.kind == "day":
        assert m.day is not None
        return _nearest_day(m.day, published, future).isoformat()
    if m.kind == "month":
        assert m.month is not None
        if m.shift_year:
            return f"{published.year + m.shift_year:04d}-{m.month:02d}"
        if future:
            year = published.year if m.month >= published.month else published.year + 1
        else:
            year = published.year if m.month <= published.month else published.year - 1
        return f"{year:04d}-{m.month:02d}"
    if m.kind == "ago":
        return _ago(m.amount, m.unit, published)
    if m.kind == "relative":
        return _relative(m.relative, published, reference, previous)
    return None


def _nearest_day(day: int, published: dt.date, future: bool) -> dt.date:
    """The latest `day`-th on or before publication (the next on or after, if planned)."""
    year, month = published.year, published.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = dt.date(year, month, day)
            if (candidate >= published) if future else (candidate <= published):
                return candidate
        month += 1 if future else -1
        if month == 0:
            year, month = year - 1, 12
        elif month == 13:
            year, month = year + 1, 1
    return published


def _nearest_day_month(month: int, day: int, published: dt.date, future: bool) -> dt.date:
    for year in ((published.year, published.year + 1) if future else (published.year, published.year - 1)):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if (candidate >= published) if future else (candidate <= published):
            return candidate
    return published


def _month_shift(day: dt.date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _ago(amount: int, unit: str | None, published: dt.date) -> str | None:
    if unit == "day":
        return (published - dt.timedelta(days=amount)).isoformat()
    if unit == "week":
        year, month = _month_shift(published - dt.timedelta(weeks=amount), 0)
        return f"{year:04d}-{month:02d}"
    if unit == "month":
        year, month = _month_shift(published, -amount)
        return f"{year:04d}-{month:02d}"
    if unit == "year":
        return f"{published.year - amount:04d}"
    return None


def _relative(kind: str | None, published: dt.date, reference: dt.date, previous: str | None) -> str | None:
    if kind == "today":
        return reference.isoformat()
    if kind == "yesterday":
        return (published - dt.timedelta(days=1)).isoformat()
    if kind == "tomorrow":
        return (published + dt.timedelta(days=1)).isoformat()
    if kind in ("last_week", "next_week"):
        shifted = published + dt.timedelta(weeks=-1 if kind == "last_week" else 1)
        return f"{shifted.year:04d}-{shifted.month:02d}"
    if kind in ("last_month", "this_month", "next_month"):
        year, month = _month_shift(published, {"last_month": -1, "this_month": 0, "next_month": 1}[kind])
        return f"{year:04d}-{month:02d}"
    if kind in ("last_year", "this_year", "next_year"):
        return f"{published.year + {'last_year': -1, 'this_year': 0, 'next_year': 1}[kind]:04d}"
    if kind == "same_month":
        return previous[:7] if previous and len(previous) >= 7 else None
    if kind == "that_day":  # "pada hari itu": the day just named
        return previous if previous and len(previous) == 10 else reference.isoformat()
    if kind in ("day_before", "day_after"):  # "sehari sebelumnya", "the next day": from the day just named
        day = dt.date.fromisoformat(previous) if previous and len(previous) == 10 else reference
        return (day + dt.timedelta(days=-1 if kind == "day_before" else 1)).isoformat()
    return None
