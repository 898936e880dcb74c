"""A wall-clock cap per document, so one hostile page cannot stall a batch."""

from __future__ import annotations

import contextlib
import signal
import threading
import time
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


class ReadClock:
    """The reading half of the per-document deadline: the time a reader spends between two
    documents (or failures) it hands out, checked on every buffer it reads. A file of blank
    lines inflating to gigabytes, which yields nothing for hours, ends with E012 instead.
    The consumer's own time (extracting what it was handed) is not counted."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.restart()

    def restart(self) -> None:
        self._until = time.monotonic() + self.seconds if self.seconds > 0 else float("inf")

    def check(self) -> None:
        if time.monotonic() > self._until:
            raise DocumentError("E012", limit=self.seconds)
