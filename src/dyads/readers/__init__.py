"""Documents from paths: files (by content, then extension), folders (recursive, sorted,
known extensions only), `.gz` of any of them, and `-` for standard input.

`read` yields a `RawDocument` for each document and a `ReadFailure` (the reason, never a
bare None) for each one that cannot be read; a failure never stops the rest of a batch.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dyads.errors import DocumentError
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
        handle = path.open("rb")
    except PermissionError:
        yield ReadFailure(label, str(DocumentError("E002")))
        return
    except OSError as exc:
        yield ReadFailure(label, str(DocumentError("E010", detail=exc.strerror or exc)))
        return
    with handle:
        yield from read_stream(handle, label, options)


def read_stream(raw: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    """Documents in one byte stream; the failure that ends the stream is yielded last."""
    for item in _read_stream(raw, path, options):
        if isinstance(item, RawDocument) and item.path != path:
            item = dataclasses.replace(item, origin=path)
        yield item


def _read_stream(raw: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    try:
        stream = open_stream(raw, options.max_decompressed_bytes)
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
