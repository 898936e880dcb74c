"""Bounded byte streams: gzip decompression with a size cap and clear errors for truncated
or corrupt data, so no reader can be made to hold more than a cap in memory."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from typing import BinaryIO

from dyads.errors import DocumentError
from dyads.limits import ReadClock

GZIP_MAGIC = b"\x1f\x8b"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_PIECE = 1 << 20


class CappedReader(io.RawIOBase):
    """Reads through `inner`, failing with E009 past `limit` bytes and turning the gzip
    module's exceptions into one-line document errors."""

    def __init__(self, inner: BinaryIO, limit: int, clock: ReadClock | None = None) -> None:
        self._inner = inner
        self._read = getattr(inner, "read1", inner.read)
        self._limit = limit
        self._count = 0
        self._clock = clock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._clock is not None:
            self._clock.check()
        try:
            # In pieces: a large read() would otherwise hold a second full-size copy. read1:
            # what inflates now, so the lines before a truncation are still read.
            data = self._read(min(len(buffer), _PIECE))
        except EOFError:
            raise DocumentError("E007") from None
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise DocumentError("E008", detail=str(exc)) from None
        n = len(data)
        self._count += n
        if self._count > self._limit:
            raise DocumentError("E009", limit=self._limit)
        buffer[:n] = data
        return n

    def close(self) -> None:
        self._inner.close()
        super().close()


class _Timed(io.RawIOBase):
    """Reads through `inner`, checking the reading clock before each buffer."""

    def __init__(self, inner: BinaryIO, clock: ReadClock) -> None:
        self._read = getattr(inner, "read1", inner.read)  # what a pipe has now, not a full buffer
        self._clock = clock

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        self._clock.check()
        data = self._read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


def open_stream(raw: BinaryIO, decompressed_limit: int, clock: ReadClock | None = None) -> BinaryIO:
    """`raw`, transparently gunzipped when it starts with the gzip magic number; with a
    `clock`, every buffer read checks it."""
    if clock is not None:
        raw = io.BufferedReader(_Timed(raw, clock), buffer_size=1 << 16)  # type: ignore[assignment]
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        gz = gzip.GzipFile(fileobj=buffered, mode="rb")
        return io.BufferedReader(CappedReader(gz, decompressed_limit, clock), buffer_size=1 << 16)  # type: ignore[return-value]
    return buffered  # type: ignore[return-value]


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """All of `stream`, or E006 when it holds more than `limit` bytes (read no further)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DocumentError("E006", limit=limit)
    return data


def no_surrogates(text: str) -> str:
    """JSON escapes and XML character references can name a lone surrogate (`"\\ud800"`),
    which UTF-8 (and so the record) cannot hold: each becomes U+FFFD, as a decoder makes it."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def utf8(text: str) -> bytes:
    """`text` as UTF-8, lone surrogates replaced."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return no_surrogates(text).encode("utf-8")
