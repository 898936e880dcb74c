"""The publication date a text carries in its dateline, byline or closing stamp
("12 April 2022", "Rabu, 14 September 2023", "Jakarta, 31/3/2021 – …",
"Published: 9 July 2024", "2024/03/01 08:13 KST", "MANILA, July 8 (Reuters) -").

Only lines near the top or the bottom are read, and only when the date is the line's
point (a stamp) or opens it as a dateline: a date inside a sentence of the article is an
event's date, not the publication's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from dyads.langdata.knowledge import LanguageKnowledge
from dyads.model import Removal, Span
from dyads.patterns import alternation

EDGE_LINES = 6  # lines read at the top and at the bottom
_YEAR = regex.compile(r"\b(?:19|20)\d\d\b")
_ANY_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # also glued to 年/년


@dataclass(frozen=True, slots=True)
class Patterns:
    line: regex.Pattern[str]
    dateline: regex.Pattern[str]
    yearless: regex.Pattern[str]
    labelled: regex.Pattern[str]  # a publication label and its stamp inside a line
    months: dict[str, int]
    orders: tuple[str, ...]
    dotted: tuple[str, ...]


def _build(language: LanguageKnowledge) -> Patterns:
    d = language.dates
    month = r"(?P<m>" + alternation(list(d.months)) + r")\b\.?"
    weekday = r"(?:" + alternation(list(d.weekdays)) + r"\b\.?\s*,?\s*)"
    day = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<y>(?:19|20)\d\d)"
    named_dmy = day + r"\s+" + month + r",?\s+" + year
    named_mdy = month + r"\s+" + day + r",?\s+" + year
    iso = r"(?P<y>(?:19|20)\d\d)[-/.](?P<mn>[01]?\d)[-/.](?P<d>[0-3]?\d)"
    numeric = r"(?P<n1>[0-3]?\d)(?P<sep>[-/.])(?P<n2>[0-3]?\d)(?P=sep)(?P<y>(?:19|20)\d\d)"
    # Each language may add its own layouts, e.g. 2022年1月6日 (placeholders: see schema).
    extra = [f.replace("{year}", year).replace("{month}", r"(?P<mn>[01]?\d)").replace("{day}", day)
             .replace("{month_name}", month) for f in d.formats]
    date = "(?:" + "|".join((named_dmy, named_mdy, iso, numeric, *extra)) + ")"
    clock = r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\b\.?)?"
    time = r"(?:\s*(?:[,|·•./\-–—]|(?<=\d)T|\bat\b|\bpukul\b|\bpkl\b\.?|\bjam\b)?\s*" + clock + ")"
    zone = (r"(?:\s*\(?(?:" + alternation(d.timezones) + r"|(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?)\b\)?"
            r"|(?<=\d)(?:[+-]\d\d:?\d\d|Z)\b)")  # ISO 8601's offset glued to the time
    # A time may come first ("18:42 JST, January 13, 2025").
    lead = r"(?:(?<!\d)" + clock + zone + r"?\s*[,|·•\-–—]?\s*)"
    # A stamp's label: a known one ("Posted on"), any short words with a colon
    # ("Diperbarui:"), or up to two words alone before the date on a line of its own
    # ("Masukan 2023.10.05", a machine translation of Korean 입력).
    known = r"(?:(?P<updated>" + alternation(d.updated_labels) + r")|" + alternation(d.published_labels) + ")"
    label = (r"(?:" + known + r"(?![^\W\d])\s*(?:on|pada|at)?\s*[:：]?\s*"
             r"|[^\W\d][\w ]{0,30}?\s*[:：]\s*|[^\W\d]\w*(?:\s+[^\W\d]\w*){0,2}\s+(?=\d))")
    # A dateline's place ("Jakarta, ", "MANILA, "), never a weekday ("Rabu, ").
    place = r"(?:(?!" + alternation(list(d.weekdays)) + r"\b)(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s*,\s*)"
    # Before the label: a byline or section and a pipe ("Oleh Redaksi | "), or a site's
    # name and a dash ("Kompas.tv - ").
    before_pipe = r"(?:(?:[^|\n]{0,80}\|\s*){1,3}|[^\s|][^|\n]{0,40}?\s[-–—·•]\s+)?"
    stamp = r"(?P<stamp>" + lead + "?" + weekday + "?" + date + time + "?" + zone + "?)"
    flags = regex.IGNORECASE | regex.VERSION0
    # After the stamp: a "| section" or "/ Updated 2 hours ago" tail, a second labelled stamp ("Koreksi 2023.07.12 07:02",
    # "Updated : June 19, 2024 - 09:10"), a short "label: name" ("来源：新华网", "Editor: Rina")
    # or a note in brackets.
    after = (r"(?:\s*[|/][^\n]{0,80}|\s+[^\W\d]\w*\s*[:：]?\s*[\d./:\- ]{6,30}"
             r"|\s*[,;·•]?\s*[^\W\d][\w ]{0,20}[:：]\s*[^\n]{0,40}|\s*\([^)\n]{0,60}\)"
             r"|\s*[(（]?" + known + r"[)）]?)?")
    line = regex.compile(r"^\W*" + before_pipe + label + "?" + place + "?" + stamp + after + r"\W*$", flags)
    dateline = regex.compile(
        r"^\W*" + place + "?" + stamp + r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—]\s*\S", flags
    )
    yearless = regex.compile(
        r"^\W*" + place + r"(?P<stamp>(?:" + day + r"\s+" + month + "|" + month + r"\s+" + day + r"))"
        + r"\s*(?:\([^)\n]{1,40}\))?\s*[-–—]\s*\S",
        flags,
    )
    labelled = regex.compile(
        r"(?:^\W*|[|·•]\s*)" + alternation(d.published_labels) + r"(?![^\W\d])\s*(?:on|pada|at)?\s*[:：]?\s*" + stamp, flags
    )
    orders = tuple(o for o in d.numeric_order if o != "ymd") or ("dmy", "mdy")
    dotted = tuple(o for o in (d.dotted_order or d.numeric_order) if o != "ymd") or orders
    return Patterns(line, dateline, yearless, labelled, d.months, orders, dotted)


def _to_date(match: regex.Match[str], patterns: Patterns, year: int | None = None) -> dt.date | None:
    groups = match.groupdict()
    try:
        y = year if year is not None else int(groups["y"])
        if groups.get("m"):
            candidates = [(int(groups["d"]), patterns.months[groups["m"].lower().rstrip(".")])]
        elif groups.get("mn"):
            candidates = [(int(groups["d"]), int(groups["mn"]))]
        else:
            n1, n2 = int(groups["n1"]), int(groups["n2"])
            orders = patterns.dotted if groups.get("sep") == "." else patterns.orders
            candidates = [(n1, n2) if order == "dmy" else (n2, n1) for order in orders]
    except (KeyError, TypeError, ValueError):
        return None
    for day, month in candidates:
        try:
            return dt.date(y, month, day)
        except ValueError:
            continue
    return None


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the cleaned text with its offset and the knowledge of its language."""

    offset: int
    text: str
    language: LanguageKnowledge


def lines_of(text: str, language: LanguageKnowledge) -> list[Line]:
    """Every non-empty line of `text`, all read in one language."""
    lines: list[Line] = []
    offset = 0
    for raw in text.split("\n"):
        if raw.strip():
            lines.append(Line(offset, raw, language))
        offset += len(raw) + 1
    return lines


def _edges(lines: list[Line]) -> list[Line]:
    if len(lines) <= 2 * EDGE_LINES:
        return lines
    return lines[:EDGE_LINES] + lines[-EDGE_LINES:]


def find_published(
    lines: list[Line], removed: list[Removal], others: Sequence[LanguageKnowledge] = ()
) -> tuple[str, Span] | None:
    """The publication date and the span of the stamp it was read from, or None.

    Each line is read with the date words of its own language first, then with those of
    `others` (the document's language, then every other loaded one): a short stamp line
    has too few words for its language to be known ("Published: 9 July 2024" above an
    Indonesian body). A stamp labelled as an update is taken only when no other is found."""
    edges = _edges(lines)
    updated: tuple[str, Span] | None = None
    for kind in ("line", "dateline"):
        for line in edges:
            if not _ANY_YEAR.search(line.text):
                continue  # every stamp and dateline states its year
            found = _read_line(line, kind, others)
            if found is None:
                continue
            day, span, is_update = found
            if not is_update:
                return day, span
            updated = updated or (day, span)
        if updated:
            return updated
    # A wire dateline without a year ("MANILA, July 8 (Reuters) -") takes the year of the
    # page's copyright stamp, which cleaning removed but recorded.
    years = [int(y) for r in removed if r.reason == "copyright" for y in _YEAR.findall(r.text)]
    if years:
        for line in edges:
            patterns = line.language.derive("published", _build)
            match = patterns.yearless.match(line.text)
            if match and (date := _to_date(match, patterns, year=max(years))):
                return date.isoformat(), _span(line, match)
    return None


def _read_line(line: Line, kind: str, others: Sequence[LanguageKnowledge]) -> tuple[str, Span, bool] | None:
    """The line's stamp in the first language that reads one: date, span, and whether a
    label in any of the languages names it an update (then a publication label later in
    the line wins)."""
    languages = list({language.code: language for language in (line.language, *others)}.values())
    for language in languages:
        patterns = language.derive("published", _build)
        match = getattr(patterns, kind).match(line.text)
        if not match or not (date := _to_date(match, patterns)):
            continue
        if kind != "line" or not any(_is_update(line.text, other) for other in languages):
            return date.isoformat(), _span(line, match), False
        for other in languages:
            labelled = other.derive("published", _build)
            for inner in labelled.labelled.finditer(line.text):
                if (first := _to_date(inner, labelled)):
                    return first.isoformat(), _span(line, inner), False
        return date.isoformat(), _span(line, match), True
    return None


def _is_update(text: str, language: LanguageKnowledge) -> bool:
    match = language.derive("published", _build).line.match(text)
    return bool(match and match.group("updated"))


def _span(line: Line, match: regex.Match[str]) -> Span:
    return Span(line.offset + match.start("stamp"), line.offset + match.end("stamp"))
