"""An extraction as the record's rows: canonical entity keys, actor chains, reports.

Pure functions (no database), so the ingest workers can prepare rows in parallel.
A canonical key names the same real-world entity in every document: the ISO code of a
country, the Wikidata id when known, else type, country and name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from dyads.model import Extraction

PRECISION = {10: 3, 7: 2, 4: 1}  # length of a date string -> day, month, year


def entity_key(entity: dict[str, Any]) -> str:
    if entity["type"] == "country" and entity.get("country"):
        return entity["country"]
    if entity.get("wikidata"):
        return entity["wikidata"]
    return f"{entity['type'][0]}:{entity.get('country') or 'int'}:{slug(entity['name'])}"


def slug(name: str) -> str:
    return re.sub(r"[^\w]+", "-", normal_name(name)).strip("-")


def normal_name(name: str) -> str:
    """How names are compared: case, accents, hyphens, dots and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-‐‑–—.'’`]+", " ", bare).split())


def precision(date: str | None) -> int:
    return PRECISION.get(len(date), 0) if date else 0


def block_of(event_type: str, mode: str | None, status: str, date: str | None) -> str:
    """Reports are merged within a block: the same type, mode and status, and the same month
    (day and month dates) or year (year-only dates), or no date at all."""
    when = date[:7] if precision(date) >= 2 else (date or "undated")
    return f"{event_type}|{mode or '-'}|{status}|{when}"


@dataclass(slots=True)
class Prepared:
    """One document's rows, ready to write."""

    document: dict[str, Any]
    entities: list[dict[str, Any]] = field(default_factory=list)
    names: list[dict[str, str]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    reports: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    minhash: bytes = b""
    bands: list[tuple[int, int]] = field(default_factory=list)


def prepare(extraction: Extraction, extractor: str, now: str) -> Prepared:
    document = extraction.document
    local = {e["id"]: e for e in extraction.entities}
    keys = {e["id"]: entity_key(e) for e in extraction.entities}
    prepared = Prepared(document={
        "id": document.id, "path": document.path, "origin": None, "title": document.title,
        "published": document.published, "language": document.language, "text": document.text,
        "segments": [s.to_dict() for s in document.segments],
        "removed": [r.to_dict() for r in document.removed],
        "extractor": extractor, "ingested_at": now, "copy_group": document.id,
    })
    seen_names: set[tuple[str, str]] = set()
    for entity in extraction.entities:
        key = keys[entity["id"]]
        prepared.entities.append({"key": key, "name": entity["name"], "type": entity["type"],
                                  "wikidata": entity.get("wikidata"), "country": entity.get("country")})
        for name in (entity["name"], *entity.get("aliases", ())):
            pair = (normal_name(name)[:300], key)
            if pair[0] and pair not in seen_names:
                seen_names.add(pair)
                prepared.names.append({"name": pair[0], "entity_key": key})
        prepared.mentions.append({
            "document_id": document.id, "local_id": entity["id"], "entity_key": key,
            "aliases": entity.get("aliases", []), "roles": entity.get("roles", []),
            "affiliation": keys.get(entity.get("affiliation") or ""),
            "part_of": keys.get(entity.get("part_of") or ""),
            "spans": entity.get("mentions", []), "confidence": entity.get("confidence", 0.0),
        })

    def chain(local_id: str) -> list[str]:
        """The entity, then the bodies and state it acts for: Shin Won-sik -> Ministry of
        National Defense -> KOR; Cavoli -> Allied Command Operations -> NATO."""
        out: list[str] = []
        todo = [local_id]
        while todo:
            current = todo.pop(0)
            entity = local.get(current)
            if entity is None or keys[current] in out:
                continue
            out.append(keys[current])
            todo.extend(x for x in (entity.get("affiliation"), entity.get("part_of")) if x)
        country = local[local_id].get("country") if local_id in local else None
        if country and country not in out:
            out.append(country)
        return out

    for event in extraction.events:
        actors = [{"key": keys[a["entity"]], "role": a["role"], "chain": chain(a["entity"])}
                  for a in event["actors"] if a["entity"] in keys]
        location = event.get("location")
        quote = event.get("quote")
        prepared.reports.append({
            "id": f"{document.id}:{event['id']}", "document_id": document.id,
            "block": block_of(event["type"], event.get("mode"), event["status"], event.get("date")),
            "event_id": None, "type": event["type"], "mode": event.get("mode"),
            "context": event.get("context", []), "status": event["status"], "date": event.get("date"),
            "date_text": event.get("date_text"),
            "location": keys.get(location) if location else None,
            "location_chain": chain(location) if location in keys else [],
            "actors": actors, "amounts": event.get("amounts", []),
            "quote": _quote(quote, keys) if quote else None,
            "evidence_start": event["evidence"]["start"], "evidence_end": event["evidence"]["end"],
            "evidence": document.text[event["evidence"]["start"]:event["evidence"]["end"]],
            "confidence": event.get("confidence", 0.0), "extractor": extractor,
        })
    for position, quote in enumerate(extraction.quotes):
        prepared.quotes.append({"document_id": document.id, "position": position, **_quote(quote, keys)})
    return prepared


def _quote(quote: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    return {"speaker": keys.get(quote.get("speaker") or ""), "text": quote["text"],
            "start": quote["start"], "end": quote["end"]}
