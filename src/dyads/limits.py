"""A wall-clock cap per document, so one hostile page cannot stall a batch."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

from dyads.errors import DocumentError


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise E052 after `seconds`. Uses SIGALRM, so it only arms in the main thread of a
    Unix process; elsewhere (server threads) the caller's own timeouts apply."""
    usable = (
        seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def _expired(signum: int, frame: object) -> None:
        raise DocumentError("E052", limit=seconds)

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
