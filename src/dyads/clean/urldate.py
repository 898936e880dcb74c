"""The publication date a URL carries: `/2022/07/24/slug`, `/2023-05-17/`, `?date=2023-05-17`
(read by htmldate), or a compact `…/20210408…` run of digits that opens with a valid date
(newsrooms' article ids: `AEN20250110003200315`, `20230727095812-20-978456`), which
htmldate does not read in URLs.

The bounds are fixed rather than "today", so that extraction stays a pure function of the
document.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import regex
from htmldate import find_date

EARLIEST = dt.datetime(1995, 1, 1)
LATEST = dt.datetime(2039, 12, 31)
_EMPTY_PAGE = "<html><body></body></html>"
# Eight digits or more, not inside a longer number, opening with 19xx/20xx.
_COMPACT = regex.compile(r"(?<!\d)((?:19|20)\d\d)(\d\d)(\d\d)\d*")


def url_date(url: str | None) -> str | None:
    """The date in `url`'s path or query as YYYY-MM-DD, or None."""
    if not url or "/" not in url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    # The host never dates a page ("2024.example.com"); the path and query may.
    rest = "/" + parts.path.lstrip("/") + ("?" + parts.query if parts.query else "")
    found = find_date(_EMPTY_PAGE, url=rest, extensive_search=False, original_date=True,
                      min_date=EARLIEST, max_date=LATEST)
    if found:
        return str(found)
    return _compact(rest)


def _compact(rest: str) -> str | None:
    for match in _COMPACT.finditer(rest):
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        if EARLIEST.date() <= day <= LATEST.date():
            return day.isoformat()
    return None
