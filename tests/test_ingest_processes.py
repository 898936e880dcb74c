"""Real ingest processes: a kill -9 in the middle leaves a consistent record that a second
run completes, and two ingests into one database at once both succeed."""

from __future__ import annotations

import signal
import subprocess
import sys
import time

import sqlalchemy as sa
from conftest import ROOT
from corpus import write_jsonl

from dyads.api import extract_paths
from dyads.store.engine import open_engine
from dyads.store.tables import documents, events, mentions, reports


def _start(db_url: str, *paths: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "dyads", "ingest", *paths, "--db", db_url, "--workers", "2",
                             "--batch-size", "32"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _extractions(corpus: list) -> dict:
    return {r.extraction.document.id: r.extraction for p in corpus for r in extract_paths([str(p)])}


def _consistent(db_url: str, expected: dict) -> int:
    """Invariants of a record: every report belongs to a stored document and to an event,
    every event has reports, and every stored document has all the facts its extraction
    gives — no half-written document. Returns the number of documents."""
    engine = open_engine(db_url)
    with engine.connect() as connection:
        count = lambda q: connection.execute(q).scalar()
        assert count(sa.select(sa.func.count()).select_from(reports).where(reports.c.event_id.is_(None))) == 0
        assert count(sa.select(sa.func.count()).select_from(reports).where(
            reports.c.event_id.not_in(sa.select(events.c.id)))) == 0
        assert count(sa.select(sa.func.count()).select_from(events).where(
            events.c.id.not_in(sa.select(reports.c.event_id)))) == 0
        assert count(sa.select(sa.func.count()).select_from(reports).where(
            reports.c.document_id.not_in(sa.select(documents.c.id)))) == 0
        stored = dict(connection.execute(
            sa.select(documents.c.id, sa.func.count(reports.c.id)).outerjoin(reports, reports.c.document_id == documents.c.id)
            .group_by(documents.c.id)).all())
        entities = dict(connection.execute(
            sa.select(mentions.c.document_id, sa.func.count()).group_by(mentions.c.document_id)).all())
    engine.dispose()
    for doc_id, count_reports in stored.items():
        assert count_reports == len(expected[doc_id].events)
        assert entities.get(doc_id, 0) == len(expected[doc_id].entities)
    return len(stored)


def test_kill_9_leaves_a_consistent_record_and_a_rerun_completes(db_url, tmp_path):
    corpus = write_jsonl(tmp_path / "corpus.jsonl", 0, 250)
    open_engine(db_url).dispose()  # schema first, so the poll below can read
    process = _start(db_url, str(corpus))
    engine = open_engine(db_url)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        with engine.connect() as connection:
            stored = connection.execute(sa.select(sa.func.count()).select_from(documents)).scalar()
        if stored > 0:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the ingest finished before it could be killed"
    process.send_signal(signal.SIGKILL)
    process.wait()
    engine.dispose()
    expected = _extractions([corpus])
    partial = _consistent(db_url, expected)
    assert 0 < partial < 250
    rerun = subprocess.run([sys.executable, "-m", "dyads", "ingest", str(corpus), "--db", db_url], cwd=ROOT,
                           capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{250 - partial} new, {partial} unchanged" in rerun.stderr
    assert _consistent(db_url, expected) == 250


def test_two_ingests_at_once_both_succeed(db_url, tmp_path):
    first = write_jsonl(tmp_path / "first.jsonl", 0, 100)
    second = write_jsonl(tmp_path / "second.jsonl", 50, 150)  # half of it overlaps
    open_engine(db_url).dispose()
    a, b = _start(db_url, str(first)), _start(db_url, str(second))
    _, err_a = a.communicate(timeout=600)
    _, err_b = b.communicate(timeout=600)
    assert (a.returncode, b.returncode) == (0, 0), err_a + err_b
    assert "Traceback" not in err_a + err_b
    assert _consistent(db_url, _extractions([first, second])) == 150
