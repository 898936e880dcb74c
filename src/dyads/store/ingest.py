"""`dyads ingest`: stream documents, extract them in parallel, write them in batches.

The main process reads (readers stream, so memory stays flat), asks the record which
documents it already holds, sends the rest to worker processes that run the pure
extraction and prepare the rows, and writes each batch in one transaction while the
workers extract the next.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice

from sqlalchemy.engine import Engine

from dyads import __version__
from dyads.errors import DyadsError
from dyads.langdata import Knowledge
from dyads.model import Extraction, RawDocument, ReadFailure
from dyads.options import Options
from dyads.pipeline import extract
from dyads.readers import read
from dyads.store import copies
from dyads.store.engine import writing
from dyads.store.records import Prepared, prepare
from dyads.store.write import existing_documents, write_batch

EXTRACTOR = f"dyads {__version__}"
# Documents per transaction: the merge recomputes each touched block once per batch, so
# larger batches merge more cheaply; a crash loses at most one batch's work.
BATCH = 256
# A batch keeps hundreds of thousands of containers alive at once (prepared documents, merge
# shells, rows to write), so with Python's default thresholds the collector rescans the whole
# heap several times a batch: a third of the writer's time, measured. Almost all of this
# garbage is freed by reference counting, so collections can be rarer.
GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


@dataclass(slots=True)
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    outdated: int = 0  # stored by an older extractor and left alone (no --reextract)
    reextracted: int = 0
    failed: int = 0
    events_added: int = 0
    events_merged: int = 0
    copies: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.new + self.unchanged + self.outdated + self.reextracted + self.failed


@dataclass(frozen=True, slots=True)
class _Outcome:
    prepared: Prepared | None
    error: str | None = None


_knowledge: Knowledge | None = None


def _init_worker(knowledge: Knowledge | None) -> None:
    global _knowledge  # one per worker process, loaded once (or inherited by fork)
    _knowledge = knowledge or Knowledge.default()


def _work(item: tuple[RawDocument, Options, str]) -> _Outcome:
    raw, options, now = item
    return prepare_document(raw, options, _knowledge or Knowledge.default(), now)


def prepare_document(raw: RawDocument, options: Options, knowledge: Knowledge, now: str) -> _Outcome:
    label = f"{raw.origin} ({raw.path})" if raw.origin and raw.origin != raw.path else raw.path
    try:
        extraction = extract(raw, options, knowledge)
    except DyadsError as exc:
        return _Outcome(None, f"{label}: {exc}")
    except RecursionError:
        return _Outcome(None, f"{label}: {DyadsError('E050', limit=options.max_html_depth)}")
    except Exception as exc:  # noqa: BLE001 - one input's surprise must not end the whole ingest
        from dyads.api import unexpected

        return _Outcome(None, f"{label}: {unexpected(exc)}")
    return _Outcome(prepare_extraction(extraction, raw, now))


def prepare_extraction(extraction: Extraction, raw: RawDocument, now: str) -> Prepared:
    """An extraction's rows, with the document's copy signature."""
    prepared = prepare(extraction, EXTRACTOR, now)
    prepared.document["origin"] = raw.origin
    signature = copies.signature(extraction.document.text)
    prepared.minhash = copies.to_bytes(signature)
    prepared.bands = copies.band_hashes(signature)
    return prepared


@_fewer_collections()
def ingest(
    paths: Iterable[str], engine: Engine, options: Options | None = None, *, reextract: bool = False,
    workers: int | None = None, batch_size: int = BATCH, knowledge: Knowledge | None = None,
    on_progress: Callable[[int], None] | None = None, on_failure: Callable[[str], None] | None = None,
) -> IngestSummary:
    """Ingest every document under `paths`; returns counts of what happened."""
    options = options or Options()
    knowledge = knowledge or Knowledge.default()
    workers = workers if workers is not None else (os.cpu_count() or 1)
    summary = IngestSummary()

    def fail(message: str) -> None:
        summary.failed += 1
        summary.failures.append(message)
        if on_failure:
            on_failure(message)

    batches = _batches(read(paths, options), batch_size)
    memo: dict[tuple[str, str], bool] = {}  # actor comparisons, kept between batches
    pool = None
    if workers > 1:
        knowledge.gazetteer, knowledge.name_matcher  # noqa: B018 - load before fork, shared copy-on-write
        context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
        gc.freeze()  # the workers' collections then leave the inherited objects (and their pages) alone
        pool = context.Pool(workers, initializer=_init_worker,
                            initargs=(knowledge if context.get_start_method() == "fork" else None,))
    try:
        pending = None  # (async result, count of items) of the batch the workers are on
        for batch in batches:
            todo = _select(batch, engine, reextract, summary, fail)
            now = datetime.now(UTC).isoformat(timespec="seconds")
            items = [(raw, options, now) for raw in todo]
            if pool is not None:
                submitted = pool.map_async(_work, items, chunksize=max(1, len(items) // (workers * 2) or 1))
                if pending is not None:
                    _write(pending.get(), engine, reextract, summary, fail, on_progress, memo)
                pending = submitted
            else:
                _write([prepare_document(raw, options, knowledge, now) for raw in todo],
                       engine, reextract, summary, fail, on_progress, memo)
            if on_progress:
                on_progress(len(batch) - len(todo))
        if pending is not None:
            _write(pending.get(), engine, reextract, summary, fail, on_progress, memo)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
            gc.unfreeze()
    return summary


def _batches(items: Iterator[RawDocument | ReadFailure], size: int) -> Iterator[list[RawDocument | ReadFailure]]:
    while batch := list(islice(items, size)):
        yield batch


def _select(batch: list[RawDocument | ReadFailure], engine: Engine, reextract: bool,
            summary: IngestSummary, fail: Callable[[str], None]) -> list[RawDocument]:
    """The documents of a batch that need extracting; the rest are counted."""
    raws: dict[str, RawDocument] = {}
    for item in batch:
        if isinstance(item, ReadFailure):
            fail(str(item))
        elif item.id not in raws:
            raws[item.id] = item
        else:
            summary.unchanged += 1  # the same bytes twice in one run
    with engine.connect() as connection:
        stored = existing_documents(connection, raws)
    todo = []
    for doc_id, raw in raws.items():
        version = stored.get(doc_id)
        if version is None or (reextract and version != EXTRACTOR):
            todo.append(raw)
        elif version == EXTRACTOR:
            summary.unchanged += 1
        else:
            summary.outdated += 1
    return todo


def _write(outcomes: list[_Outcome], engine: Engine, reextract: bool, summary: IngestSummary,
           fail: Callable[[str], None], on_progress: Callable[[int], None] | None, memo: dict[tuple[str, str], bool]) -> None:
    prepared = []
    for outcome in outcomes:
        if outcome.prepared is None:
            fail(outcome.error or "unknown failure")
        else:
            prepared.append(outcome.prepared)
    if prepared:
        with writing(engine) as connection:
            result = write_batch(connection, prepared, replace=reextract, memo=memo)
        summary.new += result.new
        summary.reextracted += result.replaced
        summary.unchanged += len(prepared) - result.new - result.replaced
        summary.events_added += result.events_added
        summary.events_merged += result.events_merged
        summary.copies += result.copies
    if on_progress:
        on_progress(len(outcomes))
