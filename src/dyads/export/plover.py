"""A merged event as a PLOVER record (the PLOVER manual's event fields).

PLOVER wants a full date; an event known only to the month or year is exported on its first
day with `date_precision` saying so, and the words it came from in `date_text`.

Contract §2 states three differences from PLOVER, and this export maps them back: a planned
event is AGREE (PLOVER codes intentions and future meetings so), a signing or adoption
(dyads' occurred AGREE) is SUPPORT, and a mode PLOVER does not define for the exported type
(dyads' own sub-kinds, or a mode of the type dyads gave) leaves `mode` for `comment`.
"""

from __future__ import annotations

from typing import Any

from dyads import __version__
from dyads.vocabulary import plover_mode

_PRECISION = {10: "day", 7: "month", 4: "year"}


def full_date(date: str | None) -> tuple[str | None, str | None]:
    if not date:
        return None, None
    precision = _PRECISION[len(date)]
    return (date + "-01-01"[len(date) - 4:] if precision != "day" else date), precision


def _actor(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"name": actor["name"], "country": actor["country"], "identifier_id": actor["wikidata"],
            "identifier_source": "wikidata" if actor["wikidata"] else None, "dyads_id": actor["id"]}


def plover_coding(event_type: str, mode: str | None, status: str) -> tuple[str, str | None, str | None]:
    """(PLOVER event, PLOVER mode, comment) for a dyads type, mode and status (contract §2)."""
    notes = []
    if status == "planned":
        plover = "AGREE"
        notes.append(f"planned {event_type} (dyads keeps the type of a planned event; PLOVER codes it AGREE)")
    elif event_type == "AGREE":
        plover = "SUPPORT"
        notes.append("signing or adoption (dyads codes it AGREE; PLOVER puts signing under SUPPORT)")
    else:
        plover = event_type
    kept = mode if plover_mode(plover, mode) else None
    if mode and kept is None:
        notes.append(f"mode: {mode}")
    return plover, kept, "; ".join(notes) or None


def to_plover(event: dict[str, Any]) -> dict[str, Any]:
    actors = event["actors"]
    sources = [a for a in actors if a["role"] == "source"]
    targets = [a for a in actors if a["role"] == "target"]
    participants = [a for a in actors if a["role"] == "participant"]
    actor = (sources or participants or [None])[0]
    recipient = (targets or [a for a in participants if a is not actor] or [None])[0]
    others = [a for a in actors if a is not actor and a is not recipient]
    date, precision = full_date(event["date"])
    location = event["location"]
    first = event["sources"][0] if event["sources"] else None
    plover, mode, comment = plover_coding(event["type"], event["mode"], event["status"])
    return {
        "id": event["id"],
        "date": date,
        "date_precision": precision,
        "date_text": event["date_text"],
        "event": plover,
        "mode": mode,
        "context": event["context"],
        "comment": comment,
        "status": event["status"],
        "actor": _actor(actor),
        "recipient": _actor(recipient),
        "other_actors": [_actor(a) for a in others],
        "event_loc": None if location is None else {
            "name": location["name"], "country": location["country"], "identifier_id": location["wikidata"],
            "identifier_source": "wikidata" if location["wikidata"] else None},
        "event_text": first["evidence"] if first else None,
        "amounts": event["amounts"],
        "text_info": None if first is None else {
            "document": first["document"], "path": first["path"], "language": first["language"],
            "published": first["published"], "sources": len(event["sources"])},
        "cite_info": [{"document": s["document"], "path": s["path"], "language": s["language"],
                       "published": s["published"], "evidence": s["evidence"]} for s in event["sources"]],
        "coder_info": {"coder": f"dyads {__version__}", "confidence": event["confidence"]},
    }
