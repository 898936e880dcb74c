"""WARC and WARC.gz: one document per HTTP response record carrying HTML or text (warcio).
Payloads are read through a cap, since warcio decodes Content-Encoding itself and a 1 KB
record can expand to hundreds of megabytes."""

from __future__ import annotations

import hashlib
import logging
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader, ChunkedDataReader, DecompressingBufferedReader
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from dyads.errors import DocumentError
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# What warcio raises on malformed records: besides its own error, a missing
# WARC-Target-URI ends in AttributeError, a Content-Length of 10^20 in OverflowError.
_DAMAGED = (ArchiveLoadFailed, ValueError, zlib.error, EOFError, AttributeError, OverflowError, TypeError, IndexError,
            KeyError)


# warcio logs a warning of its own for some malformed headers; the reader's one line is enough.
logging.getLogger("warcio").addHandler(logging.NullHandler())


class _Strict:
    """warcio's readers write a zlib error to stderr and return no data when a compressed
    stream breaks after its first block; these raise it instead, so it becomes one coded line."""

    decompressor: Any
    num_block_read: int

    def _decompress(self, data: bytes) -> bytes:
        if self.decompressor and data and self.num_block_read > 0:
            try:
                return self.decompressor.decompress(data)  # type: ignore[no-any-return]
            except zlib.error:
                raise
            except Exception as exc:  # noqa: BLE001 - brotli and others raise their own types
                raise zlib.error(str(exc)) from None
        return super()._decompress(data)  # type: ignore[misc,no-any-return]


class _StrictArchiveReader(_Strict, DecompressingBufferedReader):
    pass


class _StrictReader(_Strict, BufferedReader):
    pass


class _StrictChunkedReader(_Strict, ChunkedDataReader):
    pass


class _Archive(ArchiveIterator):
    # warcio writes a multi-line warning to stderr when a record's data runs past its
    # Content-Length; it still counts it in `err_count`, which is reported as E032 instead.
    INC_RECORD = ""

    def __init__(self, stream: BinaryIO, **options: Any) -> None:
        super().__init__(stream, **options)
        self.reader = _StrictArchiveReader(self.fh)  # before the first record is read


def read_warc(stream: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    limit = options.max_document_bytes
    number = 0
    found = 0
    failed = False  # a failure already reported for this file: the damage it causes next is not a second one
    archive = _Archive(stream, arc2warc=False, check_digests=False)
    records = iter(archive)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except _DAMAGED as exc:
            if failed:
                return
            raise DocumentError("E030", record=number, detail=_first_line(exc)) from None
        number += 1
        if record.rec_type != "response" or record.http_headers is None:
            item = None
        else:
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            item = _document(record, content_type, path, number, limit) if content_type.startswith(_TEXT_TYPES) else None
            found += item is not None
        try:
            length_ok = _read_to_end(archive, record)
        except _DAMAGED as exc:
            if isinstance(item, ReadFailure):
                yield item  # the record's own failure says what is wrong; the file ends there
                return
            raise DocumentError("E030", record=number, detail=_first_line(exc)) from None
        if not length_ok:
            failed = True
            detail = "its Content-Length does not match its data"
            yield ReadFailure(_label(path, record), str(DocumentError("E032", record=number, detail=detail)))
        elif item is not None:
            failed = failed or isinstance(item, ReadFailure)
            yield item
    if number == 0:
        raise DocumentError("E030", record=0, detail="no WARC records")
    if found == 0 and not failed:
        raise DocumentError("E033")


def _document(record: Any, content_type: str, path: str, number: int, limit: int) -> RawDocument | ReadFailure:
    try:
        payload = _content_stream(record).read(limit + 1)
    except (*_DAMAGED, OSError) as exc:
        return ReadFailure(_label(path, record), str(DocumentError("E032", record=number, detail=_first_line(exc))))
    if len(payload) > limit:
        return ReadFailure(_label(path, record), str(DocumentError("E031", record=number, limit=limit)))
    if not payload.strip():
        return ReadFailure(_label(path, record), str(DocumentError("E003")))
    return RawDocument(
        content=payload,
        path=record.rec_headers.get_header("WARC-Record-ID") or f"{path}#record{number}",
        kind="text" if content_type.startswith("text/plain") else "html",
        id=hashlib.sha256(payload).hexdigest(),
        url=record.rec_headers.get_header("WARC-Target-URI"),
    )


def _content_stream(record: Any) -> Any:
    """The HTTP body, its Content-Encoding and chunking undone (warcio's own
    `content_stream`, with the strict readers)."""
    encoding = (record.http_headers.get_header("content-encoding") or "").lower() or None
    encoding = "gzip" if encoding == "x-gzip" else encoding
    if encoding not in BufferedReader.get_supported_decompressors():
        encoding = None
    if record.http_headers.get_header("transfer-encoding") == "chunked":
        return _StrictChunkedReader(record.raw_stream, decomp_type=encoding)
    return _StrictReader(record.raw_stream, decomp_type=encoding) if encoding else record.raw_stream


def _read_to_end(archive: _Archive, record: Any) -> bool:
    """Consume the rest of `record`; False when its data is shorter or longer than its
    Content-Length (the file ends early, or the next record does not start right after)."""
    errors = archive.err_count
    archive.read_to_end()
    short = isinstance(record.raw_stream, LimitReader) and record.raw_stream.limit > 0
    return not short and archive.err_count == errors


def _label(path: str, record: Any) -> str:
    """A failure names the file and, when it has one, the record."""
    record_id = record.rec_headers.get_header("WARC-Record-ID")
    return f"{path} ({record_id})" if record_id else path


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, (AttributeError, TypeError, IndexError, KeyError)):
        return "malformed record headers, e.g. a response without WARC-Target-URI"
    if isinstance(exc, OverflowError):
        return "a length too large to be real"
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
