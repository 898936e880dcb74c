"""RSS and Atom feeds with full-content items (feedparser): one document per item."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from dyads.errors import DocumentError
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options
from dyads.readers.stream import no_surrogates, read_capped, utf8

# What feedparser raises on hostile declarations instead of flagging the feed as malformed:
# an encoding name of undecodable bytes (UnicodeDecodeError), one holding a NUL (ValueError).
_UNPARSABLE = (ValueError, LookupError, TypeError, AttributeError, IndexError, KeyError, OverflowError, RecursionError)


def read_feed(stream: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    data = read_capped(stream, options.max_feed_bytes)
    try:
        parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    except _UNPARSABLE as exc:
        detail = str(exc).strip() or type(exc).__name__
        raise DocumentError("E040", detail=detail.splitlines()[0][:200]) from None
    version = getattr(parsed, "version", "")
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no items") if parsed.get("bozo") or not version else "no items"
        raise DocumentError("E040", detail=detail.splitlines()[0][:200])
    for number, entry in enumerate(parsed.entries, start=1):
        given = entry.get("link") or entry.get("id")
        given = no_surrogates(str(given)) if given else None
        link = given or f"{path}#item{number}"
        content = _content(entry)
        if not content.strip():
            # A failure names the file (and the item's link when it has one).
            yield ReadFailure(f"{path} ({given})" if given else path, str(DocumentError("E041", item=number)))
            continue
        payload = utf8(content)
        yield RawDocument(
            content=payload,
            path=link,
            kind="html",
            id=hashlib.sha256(payload).hexdigest(),
            title=no_surrogates(str(entry.get("title") or "").strip()) or None,
            published=_date(entry),
            url=given if given and "://" in given else None,
        )


def _content(entry: Any) -> str:
    for part in entry.get("content") or []:
        if part.get("value", "").strip():
            return str(part["value"])
    return str(entry.get("summary") or "")


def _date(entry: Any) -> str | None:
    """The item's date as the publisher wrote it: feedparser's `*_parsed` values are
    converted to UTC, which moves an early-morning WIB (UTC+7) item to the day before."""
    for key in ("published", "updated"):
        written = _written_date(entry.get(key))
        if written:
            return written
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except (AttributeError, ValueError, OverflowError):
        return None


def _written_date(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()  # RSS: RFC 822
    except (TypeError, ValueError, IndexError, OverflowError):  # a year of 30 digits overflows
        pass
    try:
        return dt.datetime.fromisoformat(value.strip()).date().isoformat()  # Atom: RFC 3339
    except ValueError:
        return None
