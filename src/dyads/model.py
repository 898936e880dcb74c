"""Typed objects that travel through the pipeline, and their contract JSON (CONTRACT §1).

Offsets are always Python string indices into the cleaned text, so every fact can be
shown to a reader as the exact words it came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "dyads.extraction/1"

Kind = Literal["text", "html"]


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as a reader found it: its own bytes plus whatever metadata came along.

    `id` is the SHA-256 of the document's own raw bytes (the contract decides which bytes
    for each input kind), so it is given by the reader rather than derived here.
    """

    content: bytes
    path: str
    kind: Kind = "text"
    id: str = ""
    title: str | None = None
    published: str | None = None
    language: str | None = None
    # The file (or stream) it came from, when `path` names a record or URL inside it.
    origin: str | None = None
    # The address the document was fetched from (JSON Lines `url`, a feed item's link, a
    # WARC-Target-URI), which may carry its publication date.
    url: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", hashlib.sha256(self.content).hexdigest())


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """A reader's reason for not producing a document; never a bare None."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True, slots=True)
class Segment:
    start: int
    end: int
    language: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "language": self.language}


@dataclass(frozen=True, slots=True)
class Removal:
    """What cleaning took out and why. `start`/`end`: its place in the text cleaning read
    (the decoded page text, before removal); `at`: where it stood in the cleaned text (a
    teaser cut out of a paragraph sits between the two parts left)."""

    text: str
    reason: str
    start: int | None = None
    end: int | None = None
    at: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "reason": self.reason}
        if self.start is not None:
            out.update(start=self.start, end=self.end, at=self.at)
        return out


PublishedFrom = Literal["option", "metadata", "stamp", "url"]


@dataclass(frozen=True, slots=True)
class PublishedSource:
    """Where the publication date came from, in order of precedence: the caller's option,
    the document's metadata (feed date, JSON `published`, HTML meta), a stamp in the text
    (its offsets are `published_evidence`), the URL. `detail` names the metadata or URL.
    Internal: the contract's output has no field for it."""

    kind: PublishedFrom
    detail: str | None = None


@dataclass(slots=True)
class Document:
    id: str
    path: str
    text: str
    title: str | None = None
    published: str | None = None
    published_evidence: Span | None = None
    language: str = "und"
    segments: list[Segment] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    published_source: PublishedSource | None = None  # not in the contract's JSON

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "published_evidence": self.published_evidence.to_dict() if self.published_evidence else None,
            "language": self.language,
            "segments": [s.to_dict() for s in self.segments],
            "text": self.text,
            "removed": [r.to_dict() for r in self.removed],
        }


@dataclass(slots=True)
class Extraction:
    """What `extract` returns for one document. Entities, events and quotes are plain
    contract dictionaries until their stages exist."""

    document: Document
    entities: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": self.document.to_dict(),
            "entities": list(self.entities),
            "events": list(self.events),
            "quotes": list(self.quotes),
        }
