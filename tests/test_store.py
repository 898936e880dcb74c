"""The record on SQLite and PostgreSQL: migrations, idempotent ingest, re-extraction,
cross-source merging of real reports, copies, order independence, forgetting, relations."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import sqlalchemy as sa
from conftest import ROOT

from dyads.model import Document, Extraction
from dyads.store import copies, merge
from dyads.store.engine import open_engine, writing
from dyads.store.ingest import EXTRACTOR, ingest
from dyads.store.query import EventFilter, find_events
from dyads.store.records import prepare
from dyads.store.tables import (
    documents,
    event_actors,
    event_pairs,
    events,
    metadata,
    reports,
)
from dyads.store.write import forget_document, recompute_blocks, write_batch

SAMPLES = ROOT / "samples"


def _all(url: str) -> list[dict]:
    engine = open_engine(url)
    with engine.connect() as connection:
        found = find_events(connection, EventFilter())
    engine.dispose()
    return found


def _counts(url: str) -> dict[str, int]:
    engine = open_engine(url)
    with engine.connect() as connection:
        out = {t.name: connection.execute(sa.select(sa.func.count()).select_from(t)).scalar() for t in metadata.sorted_tables}
    engine.dispose()
    return out


def test_migrations_create_exactly_the_declared_schema(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    engine = open_engine(db_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_ingest_is_idempotent(db_url, seeds, knowledge):
    engine = open_engine(db_url)
    first = ingest([str(seeds), str(SAMPLES)], engine, workers=1, knowledge=knowledge)
    assert (first.new, first.failed) == (8, 0) and first.events_added > 10
    before, events_before = _counts(db_url), _all(db_url)
    again = ingest([str(seeds), str(SAMPLES)], engine, workers=1, knowledge=knowledge)
    assert (again.new, again.unchanged, again.events_added, again.events_merged) == (0, 8, 0, 0)
    assert _counts(db_url) == before
    assert _all(db_url) == events_before


def test_a_newer_extractor_reextracts_only_when_asked(db_url, seeds, knowledge):
    engine = open_engine(db_url)
    ingest([str(seeds)], engine, workers=1, knowledge=knowledge)
    with writing(engine) as connection:  # as if an older version had stored them
        connection.execute(documents.update().values(extractor="dyads 0.0.1"))
    kept = ingest([str(seeds)], engine, workers=1, knowledge=knowledge)
    assert (kept.outdated, kept.new, kept.reextracted) == (2, 0, 0)
    before = _all(db_url)
    redone = ingest([str(seeds)], engine, workers=1, knowledge=knowledge, reextract=True)
    assert redone.reextracted == 2
    with engine.connect() as connection:
        assert set(connection.execute(sa.select(documents.c.extractor)).scalars()) == {EXTRACTOR}
    assert _all(db_url) == before  # same documents, same extractor: the same record


def test_same_visit_in_two_languages_is_one_event_and_copies_count_once(db_url, seeds, knowledge):
    engine = open_engine(db_url)
    summary = ingest([str(seeds), str(SAMPLES)], engine, workers=1, knowledge=knowledge)
    assert summary.copies == 1  # s02 is a syndicated copy of s01
    visits = [e for e in _all(db_url) if (e["type"], e["mode"], e["date"]) == ("CONSULT", "visit", "2024-02-29")
              and "Christopher Cavoli" in {a["name"] for a in e["actors"]}]
    assert len(visits) == 1
    visit = visits[0]
    assert "South Korea" in {a["name"] for a in visit["actors"]}
    paths = {Path(s["path"]).name for s in visit["sources"]}
    # seed 003 (Indonesian) and the English wire, whose copy s02 is not a second source
    assert paths == {"003_495ea96e029421a2.txt", "s01_cavoli-seoul-en.txt"}
    assert {s["language"] for s in visit["sources"]} == {"id", "en"}
    for source in visit["sources"]:  # the very words of each source
        assert source["evidence"] and source["evidence"] in Path(source["path"]).read_text(encoding="utf-8")
    with engine.connect() as connection:
        stored = connection.execute(sa.select(reports.c.document_id).where(reports.c.event_id == visit["id"])).scalars().all()
    assert len(set(stored)) == 3  # every report is kept, copies included


def test_merging_does_not_depend_on_ingest_order(tmp_path, seeds, knowledge):
    files = sorted(seeds.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    forward, backward = f"sqlite:///{tmp_path / 'a.db'}", f"sqlite:///{tmp_path / 'b.db'}"
    ingest([str(f) for f in files], open_engine(forward), workers=1, knowledge=knowledge, batch_size=3)
    engine = open_engine(backward)
    for f in reversed(files):  # one document per transaction, the other way round
        ingest([str(f)], engine, workers=1, knowledge=knowledge)
    assert json.dumps(_all(forward), sort_keys=True) == json.dumps(_all(backward), sort_keys=True)


def test_events_placed_into_stored_shells_are_those_clustering_every_report_gives(db_url, seeds, knowledge, monkeypatch):
    """Documents added one at a time (batches of one ingest, then one ingest each) go into the
    stored events' shells, and only the events that take a report read their makings. Every
    stored row, merge state included, must be what clustering all the reports at once writes."""
    filled = []
    fill = merge.Cluster.fill
    monkeypatch.setattr(merge.Cluster, "fill", lambda self, makings: (filled.append(self.min_id), fill(self, makings))[1])
    files = sorted(seeds.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    engine = open_engine(db_url)
    ingest([str(f) for f in files[:4]], engine, workers=1, knowledge=knowledge, batch_size=1)
    for f in files[4:]:
        ingest([str(f)], engine, workers=1, knowledge=knowledge)
    assert filled, "no stored event took a report: nothing was placed"

    def stored() -> list[dict]:
        with engine.connect() as connection:
            return [dict(row) for row in connection.execute(sa.select(events).order_by(events.c.id)).mappings()]

    placed = stored()
    with writing(engine) as connection:
        blocks = set(connection.execute(sa.select(reports.c.block).distinct()).scalars())
        for table in (event_actors, event_pairs, events):
            connection.execute(table.delete())
        recompute_blocks(connection, blocks)
    assert json.dumps(stored(), sort_keys=True) == json.dumps(placed, sort_keys=True)
    engine.dispose()


def test_forget_retracts_a_document_and_recomputes_merges(db_url, seeds, knowledge):
    engine = open_engine(db_url)
    ingest([str(seeds), str(SAMPLES)], engine, workers=1, knowledge=knowledge)

    def visit() -> dict | None:
        found = [e for e in _all(db_url) if (e["type"], e["mode"], e["date"]) == ("CONSULT", "visit", "2024-02-29")
                 and "Christopher Cavoli" in {a["name"] for a in e["actors"]}]
        return found[0] if found else None

    ids = {Path(s["path"]).name: s["document"] for s in visit()["sources"]}
    with writing(engine) as connection:
        assert forget_document(connection, ids["s01_cavoli-seoul-en.txt"])
    # the copy s02 now stands for the English wire
    assert {Path(s["path"]).name for s in visit()["sources"]} == {"003_495ea96e029421a2.txt", "s02_cavoli-seoul-en-copy.txt"}
    with writing(engine) as connection:
        for doc in connection.execute(sa.select(documents.c.id, documents.c.path)).all():
            if Path(doc.path).name in ("003_495ea96e029421a2.txt", "s02_cavoli-seoul-en-copy.txt"):
                forget_document(connection, doc.id)
        assert not forget_document(connection, "0" * 64)
    assert visit() is None  # the event lost its last source
    with engine.connect() as connection:
        orphans = connection.execute(sa.select(sa.func.count()).select_from(events).where(
            events.c.id.not_in(sa.select(reports.c.event_id).where(reports.c.event_id.is_not(None))))).scalar()
    assert orphans == 0


def _document(doc_id: str, published: str, text: str = "") -> Document:
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text or f"Report {doc_id} of an exchange.", published=published, language="en")


ENTITIES = [
    {"id": "e1", "name": "South Korea", "type": "country", "wikidata": "Q884", "country": "KOR", "affiliation": None, "part_of": None, "roles": [], "aliases": ["South Korea"], "mentions": [], "confidence": 0.9},
    {"id": "e2", "name": "North Atlantic Treaty Organization", "type": "organization", "wikidata": "Q7184", "country": None, "affiliation": None, "part_of": None, "roles": [], "aliases": ["NATO"], "mentions": [], "confidence": 0.9},
]


def _event(eid: str, type_: str, mode: str, date: str, source: str, target: str) -> dict:
    return {"id": eid, "type": type_, "mode": mode, "context": [], "status": "occurred", "date": date, "date_text": None,
            "actors": [{"entity": source, "role": "source"}, {"entity": target, "role": "target"}], "location": None,
            "amounts": [], "quote": None, "evidence": {"start": 0, "end": 10}, "confidence": 0.7}


def _store(engine, extractions: list[Extraction]) -> None:
    batch = []
    for extraction in extractions:
        prepared = prepare(extraction, EXTRACTOR, "2026-01-01T00:00:00+00:00")
        signature = copies.signature(extraction.document.text)
        prepared.minhash, prepared.bands = copies.to_bytes(signature), copies.band_hashes(signature)
        batch.append(prepared)
    with writing(engine) as connection:
        write_batch(connection, batch)


def test_return_visits_pair_one_to_one_and_refusals_answer_requests(db_url):
    engine = open_engine(db_url)
    docs = [
        ("2021-11-12", [_event("v1", "CONSULT", "visit", "2021-11-10", "e1", "e2")]),   # Korea visits NATO
        ("2022-04-12", [_event("v1", "CONSULT", "visit", "2022-04-11", "e2", "e1")]),   # NATO returns it
        ("2023-01-31", [_event("v1", "CONSULT", "visit", "2023-01-29", "e2", "e1")]),   # NATO again: nothing to return
        ("2023-05-02", [_event("v1", "REQUEST", "assist", "2023-05-01", "e2", "e1"),
                        _event("v2", "REJECT", "assist", "2023-05-02", "e1", "e2")]),
    ]
    extractions = []
    for i, (published, evs) in enumerate(docs):
        doc_id = hashlib.sha256(str(i).encode()).hexdigest()
        extractions.append(Extraction(_document(doc_id, published, f"document number {i} " * (i + 3)), list(ENTITIES), evs))
    _store(engine, extractions)
    found = {(e["type"], e["date"]): e for e in _all(db_url)}
    first, second, third = (found[("CONSULT", d)] for d in ("2021-11-10", "2022-04-11", "2023-01-29"))
    assert second["related"] == [{"event": first["id"], "relation": "return-visit-of"}]
    assert first["related"] == [] and third["related"] == []
    assert found[("REJECT", "2023-05-02")]["related"] == [{"event": found[("REQUEST", "2023-05-01")]["id"], "relation": "reply-to"}]


def test_two_syndicated_copies_found_whichever_comes_first(db_url, tmp_path, knowledge):
    text = (SAMPLES / "s01_cavoli-seoul-en.txt").read_text(encoding="utf-8")
    copy_path = tmp_path / "copy.txt"
    copy_path.write_text("Republished from Korea Defense Wire\n\n" + text + "\n\nAll rights reserved.\n", encoding="utf-8")
    original = tmp_path / "original.txt"
    shutil.copy(SAMPLES / "s01_cavoli-seoul-en.txt", original)
    engine = open_engine(db_url)
    ingest([str(copy_path)], engine, workers=1, knowledge=knowledge)
    summary = ingest([str(original)], engine, workers=1, knowledge=knowledge)
    assert summary.copies == 1
    with engine.connect() as connection:
        groups = connection.execute(sa.select(documents.c.copy_group)).scalars().all()
    assert len(groups) == 2 and len(set(groups)) == 1 and groups[0] == min(connection_ids(engine))
    assert all(len(e["sources"]) == 1 for e in _all(db_url))


def connection_ids(engine) -> list[str]:
    with engine.connect() as connection:
        return connection.execute(sa.select(documents.c.id)).scalars().all()


def test_parallel_ingest_stores_what_one_process_stores(tmp_path, seeds, knowledge):
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    ingest([str(seeds), str(SAMPLES)], open_engine(one), workers=1, knowledge=knowledge)
    ingest([str(seeds), str(SAMPLES)], open_engine(two), workers=2, knowledge=knowledge, batch_size=2)
    assert _all(one) == _all(two)


def test_the_engine_knows_the_newest_migration():
    from dyads.store.engine import HEAD, head_revision

    assert HEAD == head_revision()


PEOPLE = ENTITIES + [
    {"id": "e3", "name": "Jens Stoltenberg", "type": "person", "wikidata": "Q57653", "country": None, "affiliation": "e2", "part_of": None, "roles": [], "aliases": [], "mentions": [], "confidence": 0.9},
    {"id": "e4", "name": "Won In-choul", "type": "person", "wikidata": None, "country": "KOR", "affiliation": "e1", "part_of": None, "roles": [], "aliases": [], "mentions": [], "confidence": 0.9},
    {"id": "e5", "name": "NATO Military Committee", "type": "organization", "wikidata": None, "country": None, "affiliation": None, "part_of": "e2", "roles": [], "aliases": [], "mentions": [], "confidence": 0.9},
    {"id": "e6", "name": "Rob Bauer", "type": "person", "wikidata": None, "country": None, "affiliation": "e5", "part_of": None, "roles": [], "aliases": [], "mentions": [], "confidence": 0.9},
]


def test_a_return_visit_answers_whom_the_earlier_visitor_met(db_url):
    """A Korean general calling on the NATO Military Committee does not return the Secretary
    General's visit to Seoul; the committee chair's visit to Seoul returns the general's."""
    engine = open_engine(db_url)
    docs = [("2017-11-02", _event("v1", "CONSULT", "visit", "2017-11-01", "e3", "e1")),
            ("2021-11-12", _event("v1", "CONSULT", "visit", "2021-11-10", "e4", "e5")),
            ("2022-04-12", _event("v1", "CONSULT", "visit", "2022-04-11", "e6", "e1"))]
    extractions = [Extraction(_document(hashlib.sha256(f"p{i}".encode()).hexdigest(), published, f"text {i} " * (i + 4)),
                              list(PEOPLE), [event]) for i, (published, event) in enumerate(docs)]
    _store(engine, extractions)
    found = {e["date"]: e for e in _all(db_url)}
    assert found["2021-11-10"]["related"] == []
    assert found["2022-04-11"]["related"] == [{"event": found["2021-11-10"]["id"], "relation": "return-visit-of"}]
