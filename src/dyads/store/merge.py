"""Merging reports of one real-world event across documents (pure; no database).

Two reports may merge when type, mode and status agree, they come from different documents,
their dates are compatible at their precisions, their places do not conflict, and their
actors correspond: every actor of the report with fewer actors matches a distinct actor of
the other, where an actor matches one it acts for (Shin Won-sik ~ South Korea) or the same
entity.

Compatibility is not transitive ("2024-02" fits the 28th and the 29th), so clusters are
built by complete linkage — a report joins a cluster only if it is compatible with every
member — visiting reports in a canonical order (most precise date first, then date, then
id). The result depends only on the set of reports, never on the order they arrived in,
and a coarse report can never glue two days together.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dyads.store.records import precision

MAX_CONFIDENCE = 0.99


@dataclass(slots=True)
class Cluster:
    members: list[dict[str, Any]] = field(default_factory=list)
    # What every member must agree with, kept small: members are mutually compatible, so
    # their dates are prefixes of the most precise one, and the distinct places and actor
    # lists are few however many documents report the event.
    date: str | None = None
    documents: set[str] = field(default_factory=set)
    places: dict[str, list[str]] = field(default_factory=dict)
    casts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sides: set[str] = field(default_factory=set)  # every side its members stand for

    def admits(self, report: dict[str, Any], memo: dict[tuple[str, str], bool] | None = None) -> bool:
        """Complete linkage: whether the report is compatible with every member. `memo`
        keeps actor comparisons already made (the same casts recur across documents)."""
        first = self.members[0]
        if (report["type"], report["mode"], report["status"]) != (first["type"], first["mode"], first["status"]):
            return False
        if report["document_id"] in self.documents or not dates_compatible(report["date"], self.date):
            return False
        place = report["location"]
        if place and any(place not in chain and other not in report["location_chain"] for other, chain in self.places.items()):
            return False
        if memo is None:
            return all(actors_correspond(report["actors"], cast) for cast in self.casts.values())
        own = cast_key(report)
        for key, cast in self.casts.items():
            pair = (own, key)
            if pair not in memo:
                memo[pair] = actors_correspond(report["actors"], cast)
            if not memo[pair]:
                return False
        return True

    def add(self, report: dict[str, Any]) -> None:
        if not self.members or precision(report["date"]) > precision(self.date):
            self.date = report["date"]
        self.members.append(report)
        self.documents.add(report["document_id"])
        if report["location"]:
            self.places.setdefault(report["location"], report["location_chain"])
        self.casts.setdefault(cast_key(report), report["actors"])

    @property
    def anchor(self) -> str:
        return min(m["id"] for m in self.members)

    @property
    def event_id(self) -> str:
        return "ev" + hashlib.sha256(self.anchor.encode()).hexdigest()[:16]

    @property
    def signature(self) -> str:
        parts = sorted(f"{m['id']}|{m['copy_group']}|{m['confidence']}" for m in self.members)
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def cast_key(report: dict[str, Any]) -> str:
    """The report's actors as one string (computed once per report)."""
    key = report.get("_cast")
    if key is None:
        key = report["_cast"] = "|".join(sorted(f"{a['key']}>{'/'.join(a['chain'])}" for a in report["actors"]))
    return key


def canonical_order(report: dict[str, Any]) -> tuple[int, str, str]:
    return (-precision(report["date"]), report["date"] or "", report["id"])


def cluster(reports: Iterable[dict[str, Any]], apart: frozenset[str] = frozenset(),
            together: Iterable[tuple[str, str]] = (), memo: dict[tuple[str, str], bool] | None = None) -> list[Cluster]:
    """Reports of one block (same type, mode and status) grouped into events. A reviewer's
    decisions come first: reports split off (`apart`) stand alone, and reports a reviewer
    merged (`together`) share an event whatever the rules say. `memo` may carry actor
    comparisons from earlier calls (they depend on the actors alone)."""
    clusters: list[Cluster] = []
    # Clusters by (side, date): a cluster's date is its first member's, the most precise, and
    # never changes; it is filed under that date and each coarser prefix, so a report finds
    # the clusters whose date it fits without looking at the others.
    under_prefix: dict[tuple[str, str], list[int]] = defaultdict(list)
    exactly: dict[tuple[str, str], list[int]] = defaultdict(list)
    memo = {} if memo is None else memo
    for report in sorted(reports, key=canonical_order):
        if report["id"] in apart:
            clusters.append(Cluster())
            clusters[-1].add(report)
            continue
        sides = _sides(report)
        date = report["date"] or ""
        coarser = [date[:n] for n in (4, 7) if n < len(date)]
        found: set[int] = set()
        for side in sides:
            found.update(under_prefix.get((side, date), ()))
            for prefix in coarser:
                found.update(exactly.get((side, prefix), ()))
        home = next((i for i in sorted(found) if clusters[i].admits(report, memo)), None)
        if home is None:
            home = len(clusters)
            clusters.append(Cluster())
            for side in sides:
                exactly[(side, date)].append(home)
                for prefix in {date, *coarser}:
                    under_prefix[(side, prefix)].append(home)
        else:
            for side in sides - clusters[home].sides:
                exactly[(side, clusters[home].date or "")].append(home)
                cluster_date = clusters[home].date or ""
                for prefix in {cluster_date, *(cluster_date[:n] for n in (4, 7) if n < len(cluster_date))}:
                    under_prefix[(side, prefix)].append(home)
        clusters[home].add(report)
        clusters[home].sides |= sides
    return _join(clusters, together) if together else clusters


def _join(clusters: list[Cluster], together: Iterable[tuple[str, str]]) -> list[Cluster]:
    where = {m["id"]: i for i, c in enumerate(clusters) for m in c.members}
    parent = list(range(len(clusters)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for a, b in together:
        if a in where and b in where:
            x, y = sorted((root(where[a]), root(where[b])))
            parent[y] = x
    joined: dict[int, Cluster] = {}
    for i, found in enumerate(clusters):
        target = joined.setdefault(root(i), Cluster())
        target.members.extend(found.members)
    return list(joined.values())


def _sides(report: dict[str, Any]) -> set[str]:
    """Every key an actor stands for: any two merging reports share at least one."""
    return {key for actor in report["actors"] for key in actor["chain"]} or {"-"}


def compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a["document_id"] == b["document_id"]:
        return False  # the extractor already decided these are different events
    if (a["type"], a["mode"], a["status"]) != (b["type"], b["mode"], b["status"]):
        return False
    if not dates_compatible(a["date"], b["date"]):
        return False
    if a["location"] and b["location"] and a["location"] not in b["location_chain"] and b["location"] not in a["location_chain"]:
        return False
    return actors_correspond(a["actors"], b["actors"])


def dates_compatible(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.startswith(b) or b.startswith(a)


def actors_correspond(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    """Whether every actor of the shorter list matches a distinct actor of the longer one:
    a bipartite matching (augmenting paths), exact at any list length."""
    few, many = (a, b) if len(a) <= len(b) else (b, a)
    if not few:
        return not many
    options = [[j for j, other in enumerate(many) if _same(actor, other)] for actor in few]
    if not all(options):
        return False
    owner: dict[int, int] = {}

    def place(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or place(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    return all(place(i, set()) for i in range(len(few)))


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return a["key"] in b["chain"] or b["key"] in a["chain"]


def merged_event(cluster: Cluster, decisions: list[dict[str, Any]] = ()) -> dict[str, Any]:
    """The event the cluster's reports describe: the most precise date (the first member in
    canonical order), the most specific place, every actor, every stated amount; confidence
    rises with independent sources (copies of one article count once). A reviewer's
    decisions on it (oldest first) then accept, reject or correct it."""
    event = _from_reports(cluster)
    state = None
    for decision in decisions:
        if decision["action"] == "reject":
            state = "rejected"
        elif decision["action"] == "accept":
            state = "accepted" if state != "corrected" else state
        elif decision["action"] == "correct":
            event.update({k: v for k, v in decision["changes"].items() if k in CORRECTABLE})
            state = "corrected"
    event["review"] = state
    event["signature"] = signature(cluster, decisions)
    return event


def signature(cluster: Cluster, decisions: list[dict[str, Any]] = ()) -> str:
    """Changes when the event would: its reports, their copy groups and confidences, and
    the decisions on it."""
    if not decisions:
        return cluster.signature
    ids = ",".join(str(d["id"]) for d in decisions)
    return hashlib.sha256(f"{cluster.signature}|{ids}".encode()).hexdigest()


CORRECTABLE = ("type", "mode", "date", "status", "actors")


def _from_reports(cluster: Cluster) -> dict[str, Any]:
    members = sorted(cluster.members, key=canonical_order)
    first = members[0]
    by_group: dict[str, float] = {}
    for m in members:
        by_group[m["copy_group"]] = max(by_group.get(m["copy_group"], 0.0), m["confidence"])
    doubt = 1.0
    for confidence in by_group.values():
        doubt *= 1.0 - confidence
    actors: dict[str, dict[str, Any]] = {}
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    for m in members:
        for actor in m["actors"]:
            actors.setdefault(actor["key"], actor)
            roles[actor["key"]][actor["role"]] += 1
    located = [m for m in members if m["location"]]
    location = max(located, key=lambda m: (len(m["location_chain"]), -members.index(m)))["location"] if located else None
    amounts: list[dict[str, Any]] = []
    for m in members:
        amounts.extend(a for a in m["amounts"] if a not in amounts)
    quoted = [m for m in members if m["quote"]]
    quote = max(quoted, key=lambda m: m["confidence"])["quote"] if quoted else None
    context = sorted({c for m in members for c in m["context"]})
    return {
        "id": cluster.event_id, "signature": cluster.signature, "type": first["type"],
        "mode": first["mode"], "context": context, "status": first["status"], "date": first["date"],
        "date_text": first["date_text"], "location": location, "amounts": amounts, "quote": quote,
        "confidence": round(min(MAX_CONFIDENCE, 1.0 - doubt), 3),
        "sources": len(by_group), "reports": len(members),
        "actors": [{"key": key, "role": roles[key].most_common(1)[0][0], "chain": actor["chain"]}
                   for key, actor in actors.items()],
        "member_ids": [m["id"] for m in members],
    }
