"""Which publication date a document gets, by one precedence:

1. the caller's `--published` option;
2. the document's metadata: a feed item's date, JSON Lines `published`, an HTML page's
   meta tags (htmldate, which reads the page's URL only when its meta tags say nothing);
3. a stamp in the text's first or last lines (clean/published.py), with its offsets; else
   a stamp on a byline or credits line that cleaning removed (no offsets: it is not in the
   text);
4. the date in the document's URL (clean/urldate.py): JSON Lines `url`, a feed item's
   link, a WARC-Target-URI, an HTML page's canonical or og:url address.

The source is kept on a typed object (`PublishedSource`); the contract's JSON has room
only for a stamp's offsets (`published_evidence`), which stay null for the other sources.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from dyads.clean.published import Line, find_published
from dyads.clean.urldate import url_date
from dyads.langdata.knowledge import LanguageKnowledge
from dyads.model import PublishedSource, Removal, Span

# Removed lines that may carry the stamp: never a teaser or list of other stories, whose
# dates are theirs.
STAMP_REASONS = ("byline", "credits")


@dataclass(frozen=True, slots=True)
class Publication:
    date: str | None
    evidence: Span | None  # the stamp the date was read from (or that states the same day)
    stamp: Span | None  # the text's stamp, whatever the date's source: it dates no event
    source: PublishedSource | None


def publication_date(
    *,
    option: str | None,
    metadata: str | None,
    metadata_detail: str,
    lines: list[Line],
    removed: list[Removal],
    languages: Sequence[LanguageKnowledge],
    urls: Sequence[str | None],
) -> Publication:
    """The date by the precedence above. `languages` are tried on each stamp line after
    its own (the document's first); `urls` in order of trust."""
    found = find_published(lines, removed, languages)
    stamp = found[1] if found else None
    given = (option, PublishedSource("option")) if option else None
    given = given or ((metadata, PublishedSource("metadata", metadata_detail)) if metadata else None)
    if given:
        date, source = given
        # The stamp is the evidence when it states the same day.
        return Publication(date, stamp if found and found[0] == date else None, stamp, source)
    if found:
        return Publication(found[0], stamp, stamp, PublishedSource("stamp"))
    if languages and (bylines := [r for r in removed if r.reason in STAMP_REASONS]):
        for removal in bylines:
            if (inside := find_published([Line(0, removal.text, languages[0])], [], languages)):
                return Publication(inside[0], None, None, PublishedSource("stamp", f"removed {removal.reason} line"))
    for url in urls:
        if url and (from_url := url_date(url)):
            return Publication(from_url, None, None, PublishedSource("url", url))
    return Publication(None, None, None, None)
