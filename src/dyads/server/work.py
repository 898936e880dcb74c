"""How the server shares its machine: reads through a gate sized to the connection pool,
extraction of posted documents in worker processes, writes one at a time.

Measured before (issue 14): posted documents were extracted on the event loop while holding
a pooled connection, and every request could hold one, so 32 concurrent clients exhausted
SQLAlchemy's pool (HTTP 500 after its 30 s timeout) and one long sentence froze every read.
Now a request waits for the gate (a coroutine waiting holds no thread and no connection),
extraction runs in its own process (a core of its own, and the SIGALRM deadline works in a
process's main thread), and the write that follows takes the write lock before a connection.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import os
import secrets
import threading
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException, Request
from sqlalchemy.engine import Connection, Engine

from dyads.store.engine import writing

# Requests that may touch the database at once. A page holds up to two connections (its
# query and the signed-in user's name), SQLAlchemy's default pool holds 5 + 10 overflow, and
# the writer takes one more: 6 × 2 + 1 < 15, so no request ever waits on the pool itself.
GATE = 6
# Posted documents waiting for extraction before the server answers 503 (retry later).
MAX_PENDING = 256
SESSION_SECONDS = 12 * 3600


@dataclass
class Work:
    """Per-application state shared by the routes."""

    extract_workers: int = 1
    gate: asyncio.Semaphore | None = None
    _gate_loop: Any = None
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    pending: int = 0
    _pool: concurrent.futures.ProcessPoolExecutor | None = None
    _pool_lock: threading.Lock = field(default_factory=threading.Lock)
    # web sessions: session id -> (SHA-256 of the token, expiry); a cookie carries only the id
    sessions: dict[str, tuple[str, float]] = field(default_factory=dict)

    def the_gate(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self.gate is None or self._gate_loop is not loop:  # one per event loop (tests start several)
            self.gate, self._gate_loop = asyncio.Semaphore(GATE), loop
        return self.gate

    def pool(self) -> concurrent.futures.ProcessPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                # forkserver: workers start from a clean process, not a copy of this
                # multi-threaded one; each loads the knowledge once.
                method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
                self._pool = concurrent.futures.ProcessPoolExecutor(
                    self.extract_workers, mp_context=multiprocessing.get_context(method), initializer=_load)
            return self._pool

    def reset_pool(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def shutdown(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    # -- sessions ------------------------------------------------------------------------

    def open_session(self, token_hash: str) -> str:
        now = time.time()
        for sid, (_, until) in list(self.sessions.items()):
            if until < now:
                del self.sessions[sid]
        sid = secrets.token_urlsafe(32)
        self.sessions[sid] = (token_hash, now + SESSION_SECONDS)
        return sid

    def session_token_hash(self, sid: Any) -> str | None:
        entry = self.sessions.get(sid) if isinstance(sid, str) else None
        if entry is None or entry[1] < time.time():
            return None
        return entry[0]

    def close_session(self, sid: Any) -> None:
        if isinstance(sid, str):
            self.sessions.pop(sid, None)


def work(request: Request) -> Work:
    return request.app.state.work  # type: ignore[no-any-return]


def default_workers() -> int:
    """One extraction process on a machine of two cores or fewer (the server keeps one);
    half the cores above that."""
    cores = os.cpu_count() or 1
    return max(1, cores // 2)


@contextmanager
def serialized_write(request: Request) -> Iterator[Connection]:
    """One write transaction, queued behind the app's other writers before it takes a
    connection (SQLite would otherwise hold a pooled connection waiting for its lock)."""
    engine: Engine = request.app.state.settings.engine
    with work(request).write_lock, writing(engine) as connection:
        yield connection


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes `limit` bytes (a declared
    Content-Length over the limit is refused before reading anything)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"document too large: more than {limit} bytes")
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"document too large: more than {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


async def extract_elsewhere(request: Request, raw: Any, options: Any) -> Any:
    """`extract(raw, options)` in a worker process (an Extraction, or the coded error as a
    string); 503 when too many wait already."""
    state = work(request)
    if state.pending >= MAX_PENDING:
        raise HTTPException(503, "too many documents waiting for extraction: retry later", headers={"Retry-After": "5"})
    state.pending += 1
    try:
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(state.pool(), _extract, raw, options)
        except BrokenProcessPool:
            state.reset_pool()  # a worker died (killed, out of memory): the next request gets a new pool
            raise HTTPException(503, "the extraction worker stopped: retry", headers={"Retry-After": "1"}) from None
    finally:
        state.pending -= 1


_knowledge: Any = None


def _load() -> None:
    global _knowledge
    from dyads.langdata import Knowledge

    _knowledge = Knowledge.default()


def _extract(raw: Any, options: Any) -> Any:
    """The extraction, or its coded error as a string (a DyadsError does not survive pickling)."""
    from dyads.api import unexpected
    from dyads.errors import DyadsError
    from dyads.pipeline import extract

    try:
        return extract(raw, options, _knowledge)
    except DyadsError as exc:
        return str(exc)
    except RecursionError:
        return str(DyadsError("E050", limit=options.max_html_depth))
    except Exception as exc:  # noqa: BLE001 - one document's surprise is its own 422
        return str(unexpected(exc))
