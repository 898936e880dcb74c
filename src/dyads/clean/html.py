"""An HTML page's article text, title and publication date (trafilatura, whose metadata
step runs htmldate), with a depth cap against pathological nesting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import trafilatura
from lxml import etree

from dyads.clean.decode import is_binary
from dyads.errors import DocumentError

# Tags whose text is never article text, for the fallback below.
_NON_TEXT = ("script", "style", "noscript", "template", "head", "nav", "footer", "form", "iframe", "svg")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td", "th", "br",
           "article", "section", "header", "dd", "dt", "figcaption", "tr"}


@dataclass(frozen=True, slots=True)
class PageText:
    text: str
    title: str | None
    published: str | None
    url: str | None = None  # the canonical or og:url address, which may carry a date


def html_to_text(data: bytes, max_depth: int) -> PageText:
    if is_binary(data):
        raise DocumentError("E004")
    tree = trafilatura.load_html(data)
    if tree is None:
        raise DocumentError("E051")
    _check_depth(tree, max_depth)
    result = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
        # Metadata before the URL: the URL is the last resort (clean/publication.py).
        date_extraction_params={"extensive_search": False, "original_date": True, "deferred_url_extractor": True},
    )
    text = (result.text or "") if result is not None else ""
    title = (result.title or None) if result is not None else None
    published = _iso_date(result.date) if result is not None else None
    url = (result.url or None) if result is not None else None
    if not text.strip():
        # Short pages and feed fragments are below trafilatura's size threshold: take the
        # visible block text instead, never script or style content.
        text = _block_text(trafilatura.load_html(data))
    if not text.strip():
        raise DocumentError("E051")
    return PageText(text=text, title=title, published=published, url=url)


def _check_depth(tree: etree._Element, max_depth: int) -> None:
    depth = 0
    for event, _ in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > max_depth:
            raise DocumentError("E050", limit=max_depth)


def _block_text(tree: etree._Element | None) -> str:
    if tree is None:
        return ""
    etree.strip_elements(tree, *_NON_TEXT, with_tail=False)
    parts: list[str] = []
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag in _BLOCKS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        if element.tail:
            parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None
