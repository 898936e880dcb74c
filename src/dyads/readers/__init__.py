"""Documents from paths: files (by content, then extension), folders (recursive, sorted,
known extensions only), `.gz` of any of them, and `-` for standard input.

`read` yields a `RawDocument` for each document and a `ReadFailure` (the reason, never a
bare None) for each one that cannot be read; a failure never stops the rest of a batch.
"""

from __future__ import annotations

import dataclasses
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dyads.errors import DocumentError
from dyads.limits import ReadClock
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options
from dyads.readers.feed import read_feed
from dyads.readers.jsonl import read_jsonl
from dyads.readers.single import read_single
from dyads.readers.sniff import by_name, sniff
from dyads.readers.stream import open_stream
from dyads.readers.warc import read_warc

STDIN = "-"

__all__ = ["read", "read_stream", "iter_files"]


def read(paths: Iterable[str], options: Options) -> Iterator[RawDocument | ReadFailure]:
    for given in paths:
        if given == STDIN:
            yield from read_stream(sys.stdin.buffer, "<stdin>", options)
            continue
        path = Path(given)
        if not path.exists():
            yield ReadFailure(given, str(DocumentError("E001")))
        elif path.is_dir():
            for file in iter_files(path):
                yield from _read_file(file, options)
        else:
            yield from _read_file(path, options, given)


def iter_files(folder: Path) -> Iterator[Path]:
    """Every file with a known extension below `folder`, sorted by path, streamed."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from iter_files(Path(entry.path))
        elif by_name(entry.name) is not None:
            yield Path(entry.path)


def _read_file(path: Path, options: Options, shown: str | None = None) -> Iterator[RawDocument | ReadFailure]:
    label = shown or str(path)
    try:
        handle = _open_regular(path)
    except DocumentError as exc:
        yield ReadFailure(label, str(exc))
        return
    except PermissionError:
        yield ReadFailure(label, str(DocumentError("E002")))
        return
    except OSError as exc:
        yield ReadFailure(label, str(DocumentError("E010", detail=exc.strerror or exc)))
        return
    with handle:
        yield from read_stream(handle, label, options)


_SPECIAL = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISCHR, "character device"), (stat.S_ISBLK, "block device"),
            (stat.S_ISSOCK, "socket"))


def _open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, or E011 for a FIFO, device or socket. Opened without
    blocking (a FIFO with no writer would wait forever in open()), then checked."""
    for test, kind in _SPECIAL:
        if test(path.stat().st_mode):
            raise DocumentError("E011", kind=kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode  # the file opened, should it have been swapped since stat()
        if not stat.S_ISREG(mode):
            raise DocumentError("E011", kind=next((kind for test, kind in _SPECIAL if test(mode)), "special file"))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_stream(raw: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    """Documents in one byte stream; the failure that ends the stream is yielded last.

    Reading between two items is bounded by `options.max_seconds` (E012). A flood of
    failures (more than FLOOD in a row, say every line of a file that is not JSON Lines) is
    one line (E013), in its place among the documents."""
    clock = ReadClock(options.max_seconds)
    run: list[ReadFailure] = []  # the failures since the last document, the first FLOOD of them
    count = 0
    for item in _read_stream(raw, path, options, clock):
        if isinstance(item, ReadFailure):
            count += 1
            if count <= FLOOD:
                run.append(item)
            else:
                run[-1] = item
            continue
        yield from _failures(run, count, path)
        run, count = [], 0
        yield dataclasses.replace(item, origin=path) if item.path != path else item
        clock.restart()  # the consumer's time is its own
    yield from _failures(run, count, path)


FLOOD = 10


def _failures(run: list[ReadFailure], count: int, path: str) -> Iterator[ReadFailure]:
    if count <= FLOOD:
        yield from run
        return
    first, last = run[0], run[-1]
    yield ReadFailure(path, f"{first.message}; " + str(DocumentError("E013", count=count - 1, last=last.message)))


def _read_stream(raw: BinaryIO, path: str, options: Options, clock: ReadClock) -> Iterator[RawDocument | ReadFailure]:
    fmt = "input"
    try:
        stream = open_stream(raw, options.max_decompressed_bytes, clock)
        head = stream.peek(8192)[:8192] if hasattr(stream, "peek") else b""
        if not head:
            raise DocumentError("E003")
        fmt = sniff(head, path)
        if fmt == "warc":
            yield from read_warc(stream, path, options)
        elif fmt == "feed":
            yield from read_feed(stream, path, options)
        elif fmt == "jsonl":
            yield from read_jsonl(stream, path, options)
        else:
            yield from read_single(stream, path, fmt, options)
    except DocumentError as exc:
        yield ReadFailure(path, str(exc))
    except OSError as exc:
        yield ReadFailure(path, str(DocumentError("E010", detail=exc.strerror or exc)))
    except (ValueError, LookupError, ArithmeticError, AttributeError, TypeError, RecursionError, MemoryError) as exc:
        # A parser's own bug on input nobody foresaw: still one coded line, and the batch goes on.
        detail = (str(exc).strip().splitlines() or [""])[0][:200]
        yield ReadFailure(path, str(DocumentError("E014", reader=fmt, detail=f"{type(exc).__name__}: {detail}")))
