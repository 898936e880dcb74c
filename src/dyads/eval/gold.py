"""Gold annotation files (CONTRACT §3), loaded and checked so that a typo in a gold file is
reported with its path instead of silently scoring zero."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from dyads.errors import DyadsError


class _Gold(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldEntity(_Gold):
    type: Literal["person", "organization", "country", "place"]
    names: list[str]
    surface: list[str] = []


class GoldAmount(_Gold):
    value: float
    currency: str


class GoldQuote(_Gold):
    speaker: str
    text: str


class GoldEvent(_Gold):
    type: str
    mode: str | None = None
    date: str | None = None
    status: Literal["occurred", "planned"] = "occurred"
    actors: list[list[str]]
    location: list[str] | None = None
    evidence: str
    amount: GoldAmount | None = None
    quote: GoldQuote | None = None
    context: list[str] | None = None

    @field_validator("date")
    @classmethod
    def _date(cls, value: str | None) -> str | None:
        if value is not None and len(value) not in (4, 7, 10):
            raise ValueError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
        return value


class Gold(_Gold):
    published: str | None = None
    language: str | None = None
    must_not_survive_cleaning: list[str] = []
    entities: list[GoldEntity] = []
    events: list[GoldEvent] = []
    notes: str | None = None


def load_gold(path: Path) -> Gold:
    try:
        raw: Any = json.loads(path.read_text(encoding="utf-8"))
        return Gold.model_validate(raw)
    except (OSError, ValueError, ValidationError) as exc:
        detail = str(exc).replace("\n", "; ")[:300]
        raise DyadsError("E070", path=str(path), detail=detail) from None


def gold_pairs(folder: Path) -> list[tuple[Path, Path]]:
    """(document, gold) pairs of an evaluation folder, sorted by name."""
    pairs = []
    for gold in sorted(folder.glob("*.gold.json")):
        document = gold.with_name(gold.name[: -len(".gold.json")] + ".txt")
        if document.exists():
            pairs.append((document, gold))
    return pairs
