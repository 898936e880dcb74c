"""Loads the shipped gazetteer (data/gazetteer/), CLDR country names (babel, pycountry) and
a user's own additions (`dyads gazetteer add`, `dyads gazetteer build`), into one
`Gazetteer`. A user's entry replaces a shipped one with the same key."""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from dyads.gazetteer.model import Entry, Gazetteer, Role
from dyads.gazetteer.schema import (
    CountryFile,
    DemonymFile,
    GenericFile,
    OfficesFile,
    OrganizationFile,
    PersonFile,
    PlaceFile,
    UserFile,
)
from dyads.yamlfile import loads

LANGUAGES = ("en", "id", "ja", "ko")  # CLDR names loaded for each country

class GazetteerError(Exception):
    """A gazetteer file that cannot be read or does not fit its schema."""


def user_dir() -> Path:
    """Where a user's own gazetteer files live: $DYADS_GAZETTEER, else the XDG data home."""
    explicit = os.environ.get("DYADS_GAZETTEER")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "dyads" / "gazetteer"


def read_file(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            return json.loads(text)
        return loads(text)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise GazetteerError(f"{path}: {str(exc).splitlines()[0] if str(exc) else exc}") from None


def _validate(path: Path, model: type[BaseModel], raw: Any) -> Any:
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise GazetteerError(f"{path}: {where}: {first['msg']}") from None


def _entries(path: Path, model: type[BaseModel]) -> list[Any]:
    raw = read_file(path) or []
    if not isinstance(raw, list):
        raise GazetteerError(f"{path}: expected a list of entries")
    return [_validate(path, model, item) for item in raw]


def _flat(names: dict[str, list[str]]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for forms in names.values():
        for form in forms:
            if form and form.strip():
                seen.setdefault(form.strip(), None)
    return tuple(seen)


def _office_index(offices: OfficesFile) -> dict[str, str]:
    return {title.casefold(): office for office, titles in offices.offices.items() for title in titles}


def person_entry(item: PersonFile, offices: dict[str, str]) -> Entry:
    roles = tuple(
        Role(r.title, offices.get(r.title.casefold()), r.organization, r.start, r.end) for r in item.roles
    )
    return Entry(item.key, "person", item.name, item.wikidata, item.country, None, None, _flat(item.names), roles)


def organization_entry(item: OrganizationFile) -> Entry:
    return Entry(item.key, "organization", item.name, item.wikidata, item.country, item.part_of, item.kind, _flat(item.names))


def place_entry(item: PlaceFile) -> Entry:
    # a capital is also its government's metonym ("Moscow said"): its kind says so
    kind = "capital" if item.capital else item.kind
    return Entry(item.key, "place", item.name, item.wikidata, item.country, None, kind, _flat(item.names))


def country_entries(extra: Iterable[CountryFile]) -> Iterator[Entry]:
    """Every ISO 3166 country with its CLDR names in our languages, plus press forms and
    verified Wikidata ids from data/gazetteer/countries.yaml."""
    import pycountry
    from babel import Locale

    territories = {lang: Locale.parse(lang).territories for lang in LANGUAGES}
    by_iso3 = {c.iso3: c for c in extra}
    for country in pycountry.countries:
        iso3 = country.alpha_3
        names: dict[str, list[str]] = {}
        for lang in LANGUAGES:
            cldr = territories[lang].get(country.alpha_2)
            if cldr:
                names[lang] = [cldr, cldr.split(" (")[0]] if " (" in cldr else [cldr]
        names["iso"] = [n for n in (getattr(country, "common_name", None), country.name,
                                    getattr(country, "official_name", None)) if n]
        info = by_iso3.get(iso3)
        if info is not None:
            for lang, forms in info.press.items():
                names.setdefault(lang, []).extend(forms)
        english = names.get("en", [country.name])[0]
        yield Entry(iso3.lower(), "country", english, info.wikidata if info else None, iso3, None, "country", _flat(names))


def load(data_dir: Path, user: Path | None = None) -> Gazetteer:
    root = data_dir / "gazetteer"
    offices_file = _validate(root / "offices.yaml", OfficesFile, read_file(root / "offices.yaml"))
    offices = _office_index(offices_file)
    countries = _entries(root / "countries.yaml", CountryFile) if (root / "countries.yaml").exists() else []
    entries: dict[str, Entry] = {}
    origin: dict[str, Path] = {}

    def add(entry: Entry, path: Path, replace: bool = False) -> None:
        if entry.key in entries and not replace:
            raise GazetteerError(f"{path}: key {entry.key!r} is already used in {origin[entry.key]}")
        entries[entry.key] = entry
        origin[entry.key] = path

    user_files = sorted(p for p in user.glob("*") if p.suffix in (".yaml", ".yml", ".json")) if user and user.is_dir() else []
    user_data = [(p, _validate(p, UserFile, read_file(p) or {})) for p in user_files]
    countries = [*countries, *(c for _, u in user_data for c in u.countries)]
    demonyms: dict[str, list[str]] = {}
    if (root / "demonyms.yaml").exists():
        for item in _entries(root / "demonyms.yaml", DemonymFile):
            demonyms.setdefault(item.iso3, []).extend(f for forms in (item.model_extra or {}).values() for f in forms)
    for entry in country_entries(countries):
        extra = demonyms.get(entry.country or "", [])
        add(dataclasses.replace(entry, names=(*entry.names, *extra)) if extra else entry, root / "countries.yaml", replace=True)
    for path in sorted((root / "organizations").glob("*.yaml")):
        for item in _entries(path, OrganizationFile):
            add(organization_entry(item), path)
    for path in sorted((root / "people").glob("*.yaml")):
        for item in _entries(path, PersonFile):
            add(person_entry(item, offices), path)
    if (root / "places.yaml").exists():
        for item in _entries(root / "places.yaml", PlaceFile):
            add(place_entry(item), root / "places.yaml")
    # A user's entry replaces a shipped one with its key; one built from Wikidata (key
    # wd-q…) for an item the shipped gazetteer already has is left out, and references to
    # it point at the shipped entry instead.
    by_qid = {e.wikidata: e.key for e in entries.values() if e.wikidata}
    same = {f"wd-{qid.lower()}": key for qid, key in by_qid.items()}
    for path, data in user_data:
        for person in data.people:
            if person.key not in same:
                add(_remap(person_entry(person, offices), same), path, replace=True)
        for organization in data.organizations:
            if organization.key not in same:
                add(_remap(organization_entry(organization), same), path, replace=True)
        for place in data.places:
            if place.key not in same:
                add(place_entry(place), path, replace=True)
    generic_path = root / "generic.yaml"
    generic = _entries(generic_path, GenericFile) if generic_path.exists() else []
    return Gazetteer.build(entries.values(), ((form, g.bodies) for g in generic for form in g.forms), offices_file.unique)


def _remap(entry: Entry, same: dict[str, str]) -> Entry:
    if not same:
        return entry
    roles = tuple(dataclasses.replace(r, organization=same.get(r.organization or "", r.organization)) for r in entry.roles)
    return dataclasses.replace(entry, part_of=same.get(entry.part_of or "", entry.part_of), roles=roles)
