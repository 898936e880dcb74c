"""The shape of gazetteer files (data/gazetteer/ and a user's own); a file that does not
fit is refused with its path and the entry that is wrong."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Names = dict[str, list[str]]  # language code -> names
QID = r"^Q[1-9]\d*$"
ISO3 = r"^[A-Z]{3}$"


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    text = str(value)
    try:
        if len(text) == 7:
            dt.date.fromisoformat(text + "-01")
        elif len(text) == 4:
            dt.date(int(text), 1, 1)
        else:
            dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}") from None
    return text


class RoleFile(_Entry):
    title: str
    organization: str | None = None
    start: str | None = None
    end: str | None = None

    @field_validator("start", "end", mode="before")
    @classmethod
    def _dates(cls, value: object) -> str | None:
        # YAML reads 2023-10-07 as a date, 2023-10 as a string: both become text.
        return _check_date(None if value is None else str(value))


class PersonFile(_Entry):
    key: str
    name: str
    wikidata: str | None = Field(default=None, pattern=QID)
    country: str | None = Field(default=None, pattern=ISO3)
    names: Names = {}
    roles: list[RoleFile] = []
    sources: list[str] = []
    note: str | None = None


class OrganizationFile(_Entry):
    key: str
    name: str
    kind: Literal["international", "body", "ministry", "military", "agency", "government"] = "body"
    wikidata: str | None = Field(default=None, pattern=QID)
    country: str | None = Field(default=None, pattern=ISO3)
    part_of: str | None = None
    names: Names = {}
    sources: list[str] = []
    note: str | None = None


class PlaceFile(_Entry):
    key: str
    name: str
    kind: Literal["city", "region", "base", "sea", "area", "building"] = "city"
    capital: bool = False
    country: str | None = Field(default=None, pattern=ISO3)
    wikidata: str | None = Field(default=None, pattern=QID)
    names: Names = {}
    sources: list[str] = []
    source: str | list[str] | None = None
    note: str | None = None


class CountryFile(_Entry):
    iso3: str = Field(pattern=ISO3)
    wikidata: str | None = Field(default=None, pattern=QID)
    press: Names = {}
    abbrev: Names = {}  # one-character forms inside compounds (日米): never matched alone
    source: str | list[str] | None = None
    sources: list[str] = []
    note: str | None = None


class OfficesFile(_Entry):
    """Office kinds (what a title in the text can name) and the role titles of each."""

    offices: dict[str, list[str]]
    unique: list[str] = []  # offices that exist once in the world


class UserFile(_Entry):
    """A user's own entries (`dyads gazetteer add`), any kinds together."""

    people: list[PersonFile] = []
    organizations: list[OrganizationFile] = []
    places: list[PlaceFile] = []
    countries: list[CountryFile] = []


class GenericFile(_Entry):
    """Names a body of any state goes by, and the bodies such a name can mean."""

    forms: list[str]
    bodies: list[str]


class DemonymFile(_Entry):
    """Adjectives that name one state, per language."""

    model_config = ConfigDict(extra="allow", frozen=True)

    iso3: str = Field(pattern=ISO3)
