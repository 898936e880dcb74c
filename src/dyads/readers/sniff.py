"""Which reader a stream needs, by its content first and its name second."""

from __future__ import annotations

import json
from typing import Literal

Format = Literal["warc", "feed", "html", "jsonl", "text"]

# Extensions a folder walk picks up (contract §1); anything else there is skipped.
EXTENSIONS: dict[str, Format] = {
    ".txt": "text",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


def strip_gz(name: str) -> str:
    return name[:-3] if name.lower().endswith(".gz") else name


def by_name(name: str) -> Format | None:
    inner = strip_gz(name).lower()
    for extension, fmt in EXTENSIONS.items():
        if inner.endswith(extension):
            return fmt
    return None


def sniff(head: bytes, name: str) -> Format:
    if head.startswith(b"WARC/"):
        return "warc"
    sample = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if sample.startswith(b"<"):
        if b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample:
            return "feed"
        if sample.startswith((b"<!doctype html", b"<html")) or any(
            tag in sample for tag in (b"<head", b"<body", b"<div", b"<p>", b"<article", b"<meta")
        ):
            return "html"
    named = by_name(name)
    if named == "jsonl" or (named is None and _first_line_is_json_object(sample)):
        return "jsonl"
    if named in ("html", "feed", "warc"):
        return named
    return "text"


def _first_line_is_json_object(sample: bytes) -> bool:
    if not sample.startswith(b"{"):
        return False
    line = sample.split(b"\n", 1)[0]
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):  # the head may cut a line, or nest too deep to parse
        return False
