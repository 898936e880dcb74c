"""Merging reports across documents (pure): what merges, what never does, and that the
result depends only on the set of reports."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyads.store.merge import (
    Cluster,
    cluster,
    compatible,
    dates_compatible,
    merged_event,
    place,
    split_state,
)

SHIN = {"key": "p:KOR:shin-won-sik", "role": "source", "chain": ["p:KOR:shin-won-sik", "Q488542", "KOR"]}
CAVOLI = {"key": "p:int:christopher-cavoli", "role": "target", "chain": ["p:int:christopher-cavoli", "o:int:aco", "Q7184"]}
STOLTENBERG = {"key": "Q57653", "role": "target", "chain": ["Q57653", "Q7184"]}
KOREA = {"key": "KOR", "role": "source", "chain": ["KOR"]}
NATO = {"key": "Q7184", "role": "target", "chain": ["Q7184"]}


def report(rid: str, date: str | None, actors: list[dict], *, doc: str | None = None, location: str | None = None,
           chain: list[str] | None = None, mode: str = "meeting", type_: str = "CONSULT", group: str | None = None,
           confidence: float = 0.7) -> dict:
    document = doc or rid.split(":")[0]
    return {"id": rid, "document_id": document, "copy_group": group or document, "type": type_, "mode": mode,
            "status": "occurred", "date": date, "date_text": None, "location": location,
            "location_chain": chain or ([location] if location else []), "actors": actors, "amounts": [],
            "quote": None, "context": [], "confidence": confidence}


def groups(clusters) -> set[frozenset[str]]:
    return {frozenset(m["id"] for m in c.members) for c in clusters}


def test_same_meeting_in_two_languages_merges_with_a_country_level_report():
    found = cluster([report("a:v1", "2024-02-29", [SHIN, CAVOLI], location="Seoul", chain=["Seoul", "KOR"]),
                     report("b:v1", "2024-02-29", [SHIN, CAVOLI], location="KOR"),
                     report("c:v2", "2024-02", [KOREA, NATO])])
    assert groups(found) == {frozenset({"a:v1", "b:v1", "c:v2"})}
    event = merged_event(found[0])
    assert event["date"] == "2024-02-29"  # the most precise consistent date
    assert event["location"] == "Seoul"  # the most specific place
    assert event["sources"] == 3


def test_a_coarse_report_never_glues_two_days_together():
    reports = [report("a:v1", "2024-02-28", [SHIN, CAVOLI]), report("b:v1", "2024-02-29", [SHIN, CAVOLI]),
               report("c:v1", "2024-02", [SHIN, CAVOLI])]
    found = groups(cluster(reports))
    assert not any({"a:v1", "b:v1"} <= g for g in found)
    assert len(found) == 2


def test_different_counterparts_places_modes_and_documents_stay_apart():
    base = report("a:v1", "2024-02-29", [SHIN, CAVOLI], location="Seoul", chain=["Seoul", "KOR"])
    assert len(cluster([base, report("b:v1", "2024-02-29", [SHIN, STOLTENBERG])])) == 2
    assert len(cluster([base, report("b:v1", "2024-02-29", [SHIN, CAVOLI], location="Brussels", chain=["Brussels", "BEL"])])) == 2
    assert len(cluster([base, report("b:v1", "2024-02-29", [SHIN, CAVOLI], mode="phone")])) == 2
    # two events of one document are two events: the extractor already kept them apart
    assert len(cluster([base, report("a:v2", "2024-02-29", [SHIN, CAVOLI])])) == 2


def test_copies_count_as_one_source_and_independent_sources_raise_confidence():
    one = merged_event(cluster([report("a:v1", "2024-02-29", [SHIN, CAVOLI])])[0])
    copies = merged_event(cluster([report("a:v1", "2024-02-29", [SHIN, CAVOLI], group="a"),
                                   report("b:v1", "2024-02-29", [SHIN, CAVOLI], group="a")])[0])
    two = merged_event(cluster([report("a:v1", "2024-02-29", [SHIN, CAVOLI]),
                                report("c:v1", "2024-02-29", [SHIN, CAVOLI])])[0])
    assert (one["sources"], copies["sources"], two["sources"]) == (1, 1, 2)
    assert one["confidence"] == copies["confidence"] < two["confidence"]


def test_dates_compatible_at_their_precisions():
    assert dates_compatible("2024-02", "2024-02-29") and dates_compatible("2024", "2024-02")
    assert not dates_compatible("2024-02-28", "2024-02-29") and not dates_compatible("2024-02", "2024-03-01")
    assert not dates_compatible(None, "2024") and dates_compatible(None, None)


DATES = ["2024-02-27", "2024-02-28", "2024-02-29", "2024-02", "2024-03-01", "2024-03"]
ACTORS = [[SHIN, CAVOLI], [KOREA, NATO], [SHIN, STOLTENBERG], [KOREA]]
PLACES = [(None, []), ("Seoul", ["Seoul", "KOR"]), ("KOR", ["KOR"]), ("Brussels", ["Brussels", "BEL"])]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DATES), st.integers(0, len(ACTORS) - 1), st.integers(0, len(PLACES) - 1)),
                min_size=2, max_size=9),
       st.randoms(use_true_random=False))
def test_clusters_and_ids_do_not_depend_on_order(specs, rng):
    reports = [report(f"d{i}:v1", date, ACTORS[a], location=PLACES[p][0], chain=PLACES[p][1])
               for i, (date, a, p) in enumerate(specs)]
    shuffled = list(reports)
    rng.shuffle(shuffled)
    first, second = cluster(reports), cluster(shuffled)
    assert groups(first) == groups(second)
    assert {c.event_id for c in first} == {c.event_id for c in second}
    for found in first:  # complete linkage: every two members compatible, so no two days in one event
        assert all(compatible(a, b) for a in found.members for b in found.members if a is not b)
        days = {m["date"] for m in found.members if len(m["date"]) == 10}
        assert len(days) <= 1


AMOUNTS = [[], [{"value": 1e9, "currency": "KRW"}], [{"value": 811000, "currency": "USD"}, {"value": 1e9, "currency": "KRW"}]]
QUOTES = [None, {"speaker": "KOR", "text": "We will deepen cooperation", "start": 0, "end": 26}]


def _events(clusters) -> list[str]:
    """Every event as it would be stored, merge state included, in a comparable form."""
    return sorted(json.dumps({**merged_event(c), "state": c.state()}, sort_keys=True, default=list) for c in clusters)


def _add_incrementally(batches: list[list[dict]]) -> tuple[list, int]:
    """Batches of reports from new documents added as an ingest adds them: placed into the
    shells of the events stored so far (through JSON, as stored), the makings of the events
    that take a report filled in afterwards, and every report clustered again only when
    `place` says it must. Returns the clusters and how many batches were placed."""
    stored, seen, placed = {}, [], 0  # event id -> its state as JSON, as the record keeps it
    for batch in batches:
        seen += batch
        shells = {event_id: Cluster.from_state(split_state(json.loads(text))[0]) for event_id, text in stored.items()}
        loaded = {id(c): event_id for event_id, c in shells.items()}
        homes = {}
        found = place(list(shells.values()), batch, {}, homes)
        if found is None:
            found = cluster(seen)
        else:
            placed += 1
            assert set(homes) == {r["id"] for r in batch} and all(homes[r["id"]] in found for r in batch)
            assert all(c.complete or c.pending for c in homes.values())
            for c in found:
                if c.pending:
                    c.fill(split_state(json.loads(stored[loaded[id(c)]]))[1])
        stored = {c.event_id: json.dumps(c.state(), default=list) if c.complete else stored[loaded[id(c)]]
                  for c in found}
    return [Cluster.from_state(json.loads(text)) for text in stored.values()], placed


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(DATES), st.integers(0, len(ACTORS) - 1), st.integers(0, len(PLACES) - 1),
                          st.integers(0, len(AMOUNTS) - 1), st.integers(0, 1), st.sampled_from([0.55, 0.7, 0.85, 0.9])),
                min_size=1, max_size=12),
       st.lists(st.integers(1, 4), min_size=1, max_size=12))
def test_placing_new_reports_into_stored_states_equals_clustering_all_reports(specs, sizes):
    reports = []
    for i, (date, a, p, amount, quote, confidence) in enumerate(specs):
        made = report(f"d{(i * 7919) % 101:03d}x{i}:v1", date, ACTORS[a], location=PLACES[p][0], chain=PLACES[p][1],
                      confidence=confidence)
        made.update(amounts=AMOUNTS[amount], quote=QUOTES[quote], context=["defense"] if amount else [])
        reports.append(made)
    batches, start = [], 0
    for size in sizes:
        if start < len(reports):
            batches.append(reports[start:start + size])
            start += size
    if start < len(reports):
        batches.append(reports[start:])
    clusters, _ = _add_incrementally(batches)
    assert _events(clusters) == _events(cluster(reports))


def test_a_further_report_of_a_known_meeting_is_placed_without_reclustering():
    seoul = {"location": "Seoul", "chain": ["Seoul", "KOR"]}
    first = [report("a:v1", "2024-02-29", [SHIN, CAVOLI], **seoul), report("b:v1", "2024-03-01", [SHIN, STOLTENBERG])]
    again = [report("c:v1", "2024-02-29", [SHIN, CAVOLI], **seoul)]
    clusters, placed = _add_incrementally([first, again])
    assert placed == 2
    meeting = next(c for c in clusters if c.size == 2)
    assert (merged_event(meeting)["sources"], meeting.date, merged_event(meeting)["location"]) == (2, "2024-02-29", "Seoul")
    # A shell knows where reports go but not what its event is made of, until its makings are filled in.
    shell = Cluster.from_state(split_state(meeting.state())[0])
    with pytest.raises(ValueError):
        merged_event(shell)
    # Country-level actors the event did not have are placed too, being compatible with every member ...
    assert place([Cluster.from_state(c.state()) for c in clusters], [report("d:v1", "2024-02", [KOREA, NATO])], {})
    # ... but a report that would push out a later member (Seoul) means clustering again.
    vague = cluster([report("a:v1", "2024-02-29", [SHIN, CAVOLI]), report("m:v1", "2024-02", [SHIN, CAVOLI], **seoul)])
    brussels = report("n:v1", "2024-02-29", [SHIN, CAVOLI], location="Brussels", chain=["Brussels", "BEL"])
    assert len(vague) == 1 and place(vague, [brussels], {}) is None
    # A more precise report becomes the first member of the one event that fits it ...
    coarse = cluster([report("e:v1", "2024-02", [KOREA, NATO])])
    assert [c.date for c in place(coarse, [report("f:v1", "2024-02-27", [KOREA, NATO])], {})] == ["2024-02-27"]
    # ... but one that event cannot take (Brussels, not Seoul) would draw its placeless member away.
    seoul_meeting = cluster([report("g:v1", "2024-02-28", [SHIN, CAVOLI], **seoul), report("h:v1", "2024-02-28", [SHIN, CAVOLI])])
    assert len(seoul_meeting) == 1 and place(seoul_meeting, [brussels | {"id": "a:v1", "document_id": "a", "date": "2024-02-28"}], {}) is None
