"""RSS and Atom feeds with full-content items (feedparser): one document per item."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from typing import Any, BinaryIO

import feedparser

from dyads.errors import DocumentError
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options
from dyads.readers.stream import read_capped


def read_feed(stream: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    data = read_capped(stream, options.max_feed_bytes)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    version = getattr(parsed, "version", "")
    if not parsed.entries:
        detail = str(parsed.get("bozo_exception") or "no items") if parsed.get("bozo") or not version else "no items"
        raise DocumentError("E040", detail=detail.splitlines()[0][:200])
    for number, entry in enumerate(parsed.entries, start=1):
        link = entry.get("link") or entry.get("id") or f"{path}#item{number}"
        content = _content(entry)
        if not content.strip():
            yield ReadFailure(link, str(DocumentError("E041", item=number)))
            continue
        payload = content.encode("utf-8")
        yield RawDocument(
            content=payload,
            path=link,
            kind="html",
            id=hashlib.sha256(payload).hexdigest(),
            title=(entry.get("title") or "").strip() or None,
            published=_date(entry.get("published_parsed") or entry.get("updated_parsed")),
        )


def _content(entry: Any) -> str:
    for part in entry.get("content") or []:
        if part.get("value", "").strip():
            return str(part["value"])
    return str(entry.get("summary") or "")


def _date(parsed: Any) -> str | None:
    if not parsed:
        return None
    try:
        return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    except (AttributeError, ValueError):
        return None
