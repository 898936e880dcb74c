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

A cluster also keeps what its event is made of (sources, actors and their roles, the most
specific place, amounts, quote) as aggregates that do not depend on the order members are
added in, and remembers for each constraint (a place, a set of actors) the canonical
position of the member that brought it. That is what lets `place` add a report to a block
already clustered without reading its reports back: it finds where complete linkage in
canonical order would have put it, and tells when the new report would change where a later
report goes, in which case the block must be clustered again from its reports.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from dyads.store.records import precision

MAX_CONFIDENCE = 0.99
_CAP = Fraction(MAX_CONFIDENCE).limit_denominator(100)  # exactly 99/100
_CERTAIN = 1 - _CAP  # doubt at or below which confidence is capped

Key = tuple[int, str, str]  # a report's place in the canonical order


def canonical_order(report: dict[str, Any]) -> Key:
    return (-precision(report["date"]), report["date"] or "", report["id"])


@dataclass(slots=True)
class Cluster:
    # The reports, when the cluster was built from them (empty when it was loaded from its
    # state: then only reports new to the record are added, from documents it cannot hold).
    members: list[dict[str, Any]] = field(default_factory=list)
    documents: set[str] = field(default_factory=set)
    groups: dict[str, float] | None = field(default_factory=dict)  # copy group -> best confidence
    first: Key | None = None  # the first member in canonical order: its date is the most precise
    head: dict[str, Any] = field(default_factory=dict)  # type, mode, status, date, date_text of that member
    min_id: str = ""
    size: int = 0
    sources: int = 0
    doubt: tuple[int, int] | None = (1, 0)  # Π(1000 − 1000·c) over sources, 1000^k; None once capped
    # Constraints, each with the position of the earliest member that brought it.
    places: dict[str, tuple[list[str], Key]] = field(default_factory=dict)
    casts: dict[str, tuple[list[dict[str, Any]], Key]] = field(default_factory=dict)
    unplaced: bool = False  # some member names no place
    dates: set[str | None] = field(default_factory=set)
    sides: set[str] = field(default_factory=set)  # every side its members stand for (filing in `cluster`)
    # The event's makings, each kept with the position it is chosen by.
    actors: dict[str, tuple[tuple[Key, int], list[str], dict[str, tuple[int, Key, int]]]] = field(default_factory=dict)
    amounts: list[tuple[Key, int, Any]] = field(default_factory=list)
    quote: tuple[float, Key, Any] | None = None
    location: tuple[int, Key, str] | None = None
    context: set[str] = field(default_factory=set)
    digest: int = 0  # XOR of the members' hashes: changes when the event would
    # Loaded from its shell alone (see `SHELL`), a cluster does not know its makings yet:
    # the reports it takes wait in `pending` until `fill` brings them.
    complete: bool = True
    pending: list[dict[str, Any]] = field(default_factory=list)

    @property
    def date(self) -> str | None:
        return self.head.get("date")

    def admits(self, report: dict[str, Any], memo: dict[tuple[str, str], bool] | None = None,
               before: Key | None = None) -> bool:
        """Complete linkage: whether the report is compatible with every member (with
        `before`, every member that comes before that position). `memo` keeps actor
        comparisons already made (the same casts recur across documents)."""
        if (report["type"], report["mode"], report["status"]) != (self.head["type"], self.head["mode"], self.head["status"]):
            return False
        if report["document_id"] in self.documents or not dates_compatible(report["date"], self.date):
            return False
        place = report["location"]
        if place and any(place not in chain and other not in report["location_chain"]
                         for other, (chain, at) in self.places.items() if before is None or at < before):
            return False
        own = cast_key(report)
        for key, (cast, at) in self.casts.items():
            if before is not None and at >= before:
                continue
            if memo is None:
                if not actors_correspond(report["actors"], cast):
                    return False
                continue
            pair = (own, key)
            if pair not in memo:
                memo[pair] = actors_correspond(report["actors"], cast)
            if not memo[pair]:
                return False
        return True

    def may_hold_match_of(self, report: dict[str, Any], memo: dict[tuple[str, str], bool]) -> bool:
        """Whether some member might be compatible with the report (never wrongly False):
        dates, places and casts are checked each on their own."""
        if not any(dates_compatible(report["date"], d) for d in self.dates):
            return False
        place = report["location"]
        if place and not self.unplaced and all(place not in chain and other not in report["location_chain"]
                                               for other, (chain, _) in self.places.items()):
            return False
        own = cast_key(report)
        for key, (cast, _) in self.casts.items():
            if (own, key) not in memo:
                memo[(own, key)] = actors_correspond(report["actors"], cast)
            if memo[(own, key)]:
                return True
        return False

    def add(self, report: dict[str, Any], keep: bool = True) -> None:
        """Add a member (in any order: every aggregate is kept by canonical position)."""
        at = canonical_order(report)
        if keep:
            self.members.append(report)
        self.documents.add(report["document_id"])
        if self.first is None or at < self.first:
            self.first = at
            self.head = {k: report[k] for k in ("type", "mode", "status", "date", "date_text")}
        self.min_id = min(self.min_id, report["id"]) if self.min_id else report["id"]
        self.size += 1
        self.dates.add(report["date"])
        self.sides |= _sides(report)
        place = report["location"]
        if place:
            if place not in self.places or at < self.places[place][1]:
                self.places[place] = (report["location_chain"], at)
        else:
            self.unplaced = True
        cast = cast_key(report)
        if cast not in self.casts or at < self.casts[cast][1]:
            self.casts[cast] = (report["actors"], at)
        self.digest ^= _member_hash(report)
        if self.complete:
            self._make(report, at)
        else:
            self.pending.append(report)

    def _make(self, report: dict[str, Any], at: Key) -> None:
        """Take a member into the event's makings."""
        confidence = report["confidence"]
        if self.groups is not None:
            group = report["copy_group"]
            self.groups[group] = max(self.groups.get(group, 0.0), confidence)
        else:  # loaded from its state: a report new to the record is a new source
            self.sources += 1
            self.doubt = _less_doubt(self.doubt, confidence)
        place = report["location"]
        if place:
            specific = len(report["location_chain"])  # the most specific place, the earliest if equal
            if self.location is None or (specific, self.location[1]) > (self.location[0], at):
                self.location = (specific, at, place)
        for position, actor in enumerate(report["actors"]):
            spot = (at, position)
            old = self.actors.get(actor["key"])
            roles = dict(old[2]) if old else {}
            count, *seen = roles.get(actor["role"], (0, at, position))
            roles[actor["role"]] = (count + 1, *min(tuple(seen), spot))
            self.actors[actor["key"]] = (spot, actor["chain"], roles) if old is None or spot < old[0] else (old[0], old[1], roles)
        for index, amount in enumerate(report["amounts"]):
            found = next((i for i, (_, _, a) in enumerate(self.amounts) if a == amount), None)
            if found is None:
                self.amounts.append((at, index, amount))
            elif (at, index) < self.amounts[found][:2]:
                self.amounts[found] = (at, index, amount)
        if report["quote"] and (self.quote is None or (confidence, self.quote[1]) > (self.quote[0], at)):
            self.quote = (confidence, at, report["quote"])
        self.context.update(report["context"])

    @property
    def event_id(self) -> str:
        return "ev" + hashlib.sha256(self.min_id.encode()).hexdigest()[:16]

    @property
    def signature(self) -> str:
        return f"{self.digest:064x}"

    def settle(self) -> None:
        """Fold the copy groups into sources and doubt (a cluster built from its reports)."""
        if self.groups is None:
            return
        self.sources, self.doubt = len(self.groups), (1, 0)
        for confidence in sorted(self.groups.values()):
            self.doubt = _less_doubt(self.doubt, confidence)
        self.groups = None

    def state(self) -> dict[str, Any]:
        """What `from_state` needs to add reports later, as JSON: the shell (`SHELL`), then
        the makings."""
        self.settle()
        self.require_makings()
        return {
            "first": self.first, "head": self.head, "min_id": self.min_id, "size": self.size,
            "places": sorted([[p, chain, at] for p, (chain, at) in self.places.items()], key=lambda p: (p[2], p[0])),
            "casts": sorted([[c, cast, at] for c, (cast, at) in self.casts.items()], key=lambda c: (c[2], c[0])),
            "unplaced": self.unplaced, "dates": sorted(self.dates, key=lambda d: d or ""), "digest": self.signature,
            "sources": self.sources, "doubt": [str(n) for n in self.doubt] if self.doubt else None,
            "actors": sorted([[k, spot, chain, sorted([r, *v] for r, v in roles.items())]
                              for k, (spot, chain, roles) in self.actors.items()], key=lambda a: a[1]),
            "amounts": [list(a) for a in sorted(self.amounts, key=lambda a: a[:2])], "quote": list(self.quote) if self.quote else None,
            "location": list(self.location) if self.location else None, "context": sorted(self.context),
        }

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Cluster:
        """A cluster from its state, or from its shell alone (then `fill` must follow before
        its event can be made)."""
        found = cls(
            groups=None, first=_key(state["first"]), head=state["head"], min_id=state["min_id"], size=state["size"],
            places={p: (chain, _key(at)) for p, chain, at in state["places"]},
            casts={c: (cast, _key(at)) for c, cast, at in state["casts"]}, unplaced=state["unplaced"],
            dates=set(state["dates"]), digest=int(state["digest"], 16), complete=False,
        )
        if "sources" in state:
            found.fill(state)
        return found

    def require_makings(self) -> None:
        if not self.complete:
            raise ValueError("a cluster loaded from its shell has no makings until filled")

    def fill(self, makings: dict[str, Any]) -> None:
        """Bring in the makings of a cluster loaded from its shell, then take in the reports
        that were waiting for them."""
        doubt = makings["doubt"]
        self.sources, self.doubt = makings["sources"], (int(doubt[0]), int(doubt[1])) if doubt else None
        self.actors = {k: ((_key(spot[0]), spot[1]), chain, {r: (n, _key(at), pos) for r, n, at, pos in roles})
                       for k, spot, chain, roles in makings["actors"]}
        self.amounts = [(_key(at), i, a) for at, i, a in makings["amounts"]]
        quote, location = makings["quote"], makings["location"]
        self.quote = (quote[0], _key(quote[1]), quote[2]) if quote else None
        self.location = (location[0], _key(location[1]), location[2]) if location else None
        self.context = set(makings["context"])
        self.complete = True
        for report in self.pending:
            self._make(report, canonical_order(report))
        self.pending = []


SHELL = ("first", "head", "min_id", "size", "places", "casts", "unplaced", "dates", "digest")  # what placing reads


def split_state(state: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A state as its shell and its makings, stored apart so that placing reads the shell only."""
    return {k: v for k, v in state.items() if k in SHELL}, {k: v for k, v in state.items() if k not in SHELL}


def _key(value: list[Any]) -> Key:
    return (value[0], value[1], value[2])


def _less_doubt(doubt: tuple[int, int] | None, confidence: float) -> tuple[int, int] | None:
    """Doubt after one more independent source, exact (so it does not depend on the order
    sources come in), in thousandths; None once the confidence it leaves is capped."""
    if doubt is None:
        return None
    product, power = doubt[0] * (1000 - round(confidence * 1000)), doubt[1] + 1
    return None if Fraction(product, 1000 ** power) <= _CERTAIN else (product, power)


def _member_hash(report: dict[str, Any]) -> int:
    text = f"{report['id']}|{report['copy_group']}|{report['confidence']}"
    return int.from_bytes(hashlib.sha256(text.encode()).digest(), "big")


def cast_key(report: dict[str, Any]) -> str:
    """The report's actors as one string (computed once per report)."""
    key = report.get("_cast")
    if key is None:
        key = report["_cast"] = "|".join(sorted(f"{a['key']}>{'/'.join(a['chain'])}" for a in report["actors"]))
    return key


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
    return _join(clusters, together) if together else clusters


def place(clusters: list[Cluster], new: list[dict[str, Any]], memo: dict[tuple[str, str], bool],
          homes: dict[str, Cluster] | None = None) -> list[Cluster] | None:
    """Add reports from documents new to the record to a block's clusters (loaded from their
    states), exactly where `cluster` over all the block's reports would put them; None when
    one of them would move an older report (the block must then be clustered again).
    `homes` receives each new report's cluster.

    In canonical order a report goes to the first cluster, in the order of their first
    members, whose members before it admit it. That changes nothing for the reports after it
    if it is compatible with all the cluster's members, not only the earlier ones. A report
    no cluster takes changes nothing if no later-starting cluster could hold a report it
    matches; or if the first of those that could is compatible with all its members: the
    report becomes that cluster's first member, and every other report stays where it was
    (what could be drawn to the new report is in those clusters, and the first one draws
    nothing but its own members)."""
    homes = {} if homes is None else homes
    clusters = sorted(clusters, key=lambda c: c.first)
    for report in sorted(new, key=canonical_order):
        at = canonical_order(report)
        earlier = [c for c in clusters if c.first < at]
        home = next((c for c in earlier if c.admits(report, memo, before=at)), None)
        if home is None:
            later = [c for c in clusters[len(earlier):] if c.may_hold_match_of(report, memo)]
            if not later:
                home = Cluster(groups=None)
                clusters.insert(len(earlier), home)
            elif later[0].admits(report, memo):
                home = later[0]
                home.add(report, keep=False)
                homes[report["id"]] = home
                clusters.sort(key=lambda c: c.first)
                continue
            else:
                return None
        elif not home.admits(report, memo):
            return None
        home.add(report, keep=False)
        homes[report["id"]] = home
    for found in clusters:
        found.documents = set()  # only new documents were noted, to keep their events apart
    return clusters


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
        for member in found.members:
            target.add(member)
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
    event = _from_aggregates(cluster)
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


def _from_aggregates(cluster: Cluster) -> dict[str, Any]:
    cluster.require_makings()
    cluster.settle()
    doubt = Fraction(cluster.doubt[0], 1000 ** cluster.doubt[1]) if cluster.doubt else Fraction(0)
    confidence = float(round(min(_CAP, 1 - doubt), 3))
    actors = sorted(cluster.actors.items(), key=lambda item: item[1][0])
    return {
        "id": cluster.event_id, "signature": cluster.signature, **cluster.head,
        "context": sorted(cluster.context), "location": cluster.location[2] if cluster.location else None,
        "amounts": [a for _, _, a in sorted(cluster.amounts, key=lambda a: a[:2])],
        "quote": cluster.quote[2] if cluster.quote else None, "confidence": confidence,
        "sources": cluster.sources, "reports": cluster.size,
        "actors": [{"key": key, "role": min(roles.items(), key=lambda r: (-r[1][0], r[1][1:]))[0], "chain": chain}
                   for key, (_, chain, roles) in actors],
    }
