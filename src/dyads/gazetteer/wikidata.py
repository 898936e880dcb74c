"""Extends the gazetteer from a Wikidata JSON dump (`latest-all.json.bz2` or an excerpt),
streamed in two passes with bounded memory:

1. countries (items with an ISO 3166-1 alpha-3 code, P298) and positions (items whose
   English label names one of our office kinds, data/gazetteer/offices.yaml, with the
   state they apply to, P1001 or P17);
2. people holding those positions (P39, with start P580 and end P582 qualifiers), and
   organizations of the kinds defense news names (ministries, armed forces, alliances…),
   with their state (P17) and the body they belong to (P361).

The result is a user gazetteer file in the same format as `dyads gazetteer add` takes.
"""

from __future__ import annotations

import bz2
import gzip
import json
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from dyads.errors import DyadsError
from dyads.gazetteer.load import LANGUAGES

# Instance-of (P31) values that make an item an organization worth keeping.
ORGANIZATION_CLASSES = {
    "Q192350": "ministry",  # ministry
    "Q327333": "agency",  # government agency
    "Q772547": "military",  # armed forces
    "Q176799": "military",  # military unit
    "Q1127126": "international",  # military alliance
    "Q484652": "international",  # international organization
    "Q245065": "international",  # intergovernmental organization
    "Q11422536": "military",  # military branch
    "Q35535": "agency",  # police
}
HUMAN = "Q5"
TITLE_LANGUAGE = "en"


@dataclass
class BuildReport:
    items: int = 0
    countries: int = 0
    positions: int = 0
    people: int = 0
    organizations: int = 0
    output: Path | None = None


@dataclass
class _Index:
    countries: dict[str, str] = field(default_factory=dict)  # QID -> ISO3
    positions: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # QID -> (title, state QID)


def open_dump(path: Path) -> IO[bytes]:
    name = path.name.lower()
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


def iter_items(path: Path) -> Iterator[dict[str, Any]]:
    """One entity per line, as Wikidata writes its dumps: `[`, `{…},` lines, `]`."""
    with open_dump(path) as stream:
        for raw in stream:
            line = raw.strip().rstrip(b",")
            if not line or line in (b"[", b"]"):
                continue
            try:
                item = json.loads(line)
            except ValueError:
                continue  # a damaged line: skip it, the dump is huge
            if isinstance(item, dict) and item.get("type") == "item":
                yield item


def _values(item: dict[str, Any], prop: str) -> list[Any]:
    out = []
    for claim in item.get("claims", {}).get(prop, []):
        if claim.get("rank") == "deprecated":
            continue
        snak = claim.get("mainsnak", {})
        if snak.get("snaktype") == "value":
            out.append(snak.get("datavalue", {}).get("value"))
    return out


def _item_ids(item: dict[str, Any], prop: str) -> list[str]:
    return [v["id"] for v in _values(item, prop) if isinstance(v, dict) and "id" in v]


def _names(item: dict[str, Any]) -> dict[str, list[str]]:
    names: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        forms = []
        label = item.get("labels", {}).get(lang, {}).get("value")
        if label:
            forms.append(label)
        forms += [a["value"] for a in item.get("aliases", {}).get(lang, []) if a.get("value")]
        if forms:
            names[lang] = list(dict.fromkeys(forms))
    return names


def _label(item: dict[str, Any]) -> str | None:
    labels = item.get("labels", {})
    for lang in (TITLE_LANGUAGE, *LANGUAGES):
        if lang in labels:
            return str(labels[lang]["value"])
    return None


def _time(qualifiers: dict[str, Any], prop: str) -> str | None:
    for snak in qualifiers.get(prop, []):
        value = snak.get("datavalue", {}).get("value", {})
        text, precision = value.get("time"), value.get("precision", 11)
        if not text:
            continue
        date = text.lstrip("+")[:10]
        return date[:4] if precision <= 9 else date[:7] if precision == 10 else date
    return None


def office_title(label: str, titles: list[str]) -> str | None:
    """The office title a position's label names ("Prime Minister of Japan" → Prime Minister)."""
    lowered = label.casefold()
    for title in sorted(titles, key=len, reverse=True):
        if lowered == title.casefold() or lowered.startswith(title.casefold() + " "):
            return title
    return None


def build(dump: Path, output: Path, titles: list[str], progress: Callable[[int], None] | None = None,
          check: Callable[[Path], None] | None = None) -> BuildReport:
    """Write `output` whole or not at all: a file that is not a dump (E110), or one with
    nothing to keep (E111), leaves any earlier `output` as it was; so does a `check` of the
    finished file (given its temporary path) that raises."""
    report = BuildReport(output=output)
    index = _Index()
    pending_positions: dict[str, tuple[str, list[str]]] = {}
    countries: list[dict[str, Any]] = []
    for item in iter_items(dump):  # pass 1
        report.items += 1
        if progress:
            progress(report.items)
        iso3 = [v for v in _values(item, "P298") if isinstance(v, str)]
        if iso3:
            index.countries[item["id"]] = iso3[0]
            countries.append({"iso3": iso3[0], "wikidata": item["id"], "press": _names(item)})
            continue
        label = _label(item)
        title = office_title(label, titles) if label else None
        if title:
            pending_positions[item["id"]] = (title, _item_ids(item, "P1001") + _item_ids(item, "P17"))
    for qid, (title, states) in pending_positions.items():
        state = next((s for s in states if s in index.countries), None)
        index.positions[qid] = (title, state)
    report.countries, report.positions = len(countries), len(index.positions)
    if report.items == 0:
        raise DyadsError("E110", detail="no line of it is a Wikidata entity (a JSON object with \"type\": \"item\")")

    with tempfile.TemporaryDirectory() as scratch:
        people_path, orgs_path = Path(scratch) / "people", Path(scratch) / "orgs"
        with people_path.open("w", encoding="utf-8") as people, orgs_path.open("w", encoding="utf-8") as orgs:
            for item in iter_items(dump):  # pass 2
                if progress:
                    progress(report.items + report.people + report.organizations)
                instance = _item_ids(item, "P31")
                if HUMAN in instance:
                    person = _person(item, index)
                    if person:
                        people.write(json.dumps(person, ensure_ascii=False) + "\n")
                        report.people += 1
                    continue
                kind = next((ORGANIZATION_CLASSES[c] for c in instance if c in ORGANIZATION_CLASSES), None)
                if kind and _label(item):
                    orgs.write(json.dumps(_organization(item, kind, index), ensure_ascii=False) + "\n")
                    report.organizations += 1
        if not (report.countries or report.people or report.organizations):
            raise DyadsError("E111", detail=f"{report.items} items read, none a country, an office holder "
                                            "or an organization")
        output.parent.mkdir(parents=True, exist_ok=True)
        # a temporary file beside the output, renamed over it only once written and checked
        handle, name = tempfile.mkstemp(dir=output.parent, prefix=f".{output.name}.", suffix=".partial")
        partial = Path(name)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                _write_file(out, countries, people_path, orgs_path)
            if check:
                check(partial)
            os.replace(partial, output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return report


def _write_file(out: IO[str], countries: list[dict[str, Any]], people_path: Path, orgs_path: Path) -> None:
    out.write('{"countries": ' + json.dumps(countries, ensure_ascii=False))
    for key, path in (("people", people_path), ("organizations", orgs_path)):
        out.write(f', "{key}": [')
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines):
                out.write(("," if number else "") + line.rstrip("\n"))
        out.write("]")
    out.write("}\n")


def _person(item: dict[str, Any], index: _Index) -> dict[str, Any] | None:
    roles = []
    for claim in item.get("claims", {}).get("P39", []):
        snak = claim.get("mainsnak", {})
        value = snak.get("datavalue", {}).get("value", {}) if snak.get("snaktype") == "value" else {}
        position = value.get("id") if isinstance(value, dict) else None
        if position not in index.positions:
            continue
        title, state = index.positions[position]
        qualifiers = claim.get("qualifiers", {})
        roles.append({
            "title": title,
            "organization": index.countries[state].lower() if state else None,
            "start": _time(qualifiers, "P580"),
            "end": _time(qualifiers, "P582"),
        })
    if not roles:
        return None
    citizenship = next((index.countries[c] for c in _item_ids(item, "P27") if c in index.countries), None)
    return {
        "key": f"wd-{item['id'].lower()}",
        "name": _label(item),
        "wikidata": item["id"],
        "country": citizenship,
        "names": _names(item),
        "roles": roles,
        "sources": [f"https://www.wikidata.org/wiki/{item['id']}"],
    }


def _organization(item: dict[str, Any], kind: str, index: _Index) -> dict[str, Any]:
    state = next((index.countries[c] for c in _item_ids(item, "P17") if c in index.countries), None)
    parent = next(iter(_item_ids(item, "P361")), None)
    return {
        "key": f"wd-{item['id'].lower()}",
        "name": _label(item),
        "kind": kind if not (kind == "international" and state) else "body",
        "wikidata": item["id"],
        "country": None if kind == "international" else state,
        "part_of": f"wd-{parent.lower()}" if parent else None,
        "names": _names(item),
        "sources": [f"https://www.wikidata.org/wiki/{item['id']}"],
    }
