"""Bounded byte streams: gzip decompression with a size cap and clear errors for truncated
or corrupt data, so no reader can be made to hold more than a cap in memory."""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from dyads.errors import DocumentError

GZIP_MAGIC = b"\x1f\x8b"
_PIECE = 1 << 20


class CappedReader(io.RawIOBase):
    """Reads through `inner`, failing with E009 past `limit` bytes and turning the gzip
    module's exceptions into one-line document errors."""

    def __init__(self, inner: BinaryIO, limit: int) -> None:
        self._inner = inner
        self._limit = limit
        self._count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        try:
            # In pieces: a large read() would otherwise hold a second full-size copy.
            data = self._inner.read(min(len(buffer), _PIECE))
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


def open_stream(raw: BinaryIO, decompressed_limit: int) -> BinaryIO:
    """`raw`, transparently gunzipped when it starts with the gzip magic number."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(raw)  # type: ignore[arg-type]
    if buffered.peek(2)[:2] == GZIP_MAGIC:
        gz = gzip.GzipFile(fileobj=buffered, mode="rb")
        return io.BufferedReader(CappedReader(gz, decompressed_limit), buffer_size=1 << 16)  # type: ignore[return-value]
    return buffered  # type: ignore[return-value]


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """All of `stream`, or E006 when it holds more than `limit` bytes (read no further)."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DocumentError("E006", limit=limit)
    return data
