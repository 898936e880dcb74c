"""WARC and WARC.gz: one document per HTTP response record carrying HTML or text (warcio).
Payloads are read through a cap, since warcio decodes Content-Encoding itself and a 1 KB
record can expand to hundreds of megabytes."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from dyads.errors import DocumentError
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options

_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def read_warc(stream: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    limit = options.max_document_bytes
    number = 0
    found = 0
    records = iter(ArchiveIterator(stream, arc2warc=False, check_digests=False))
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except (ArchiveLoadFailed, ValueError, zlib.error, EOFError) as exc:
            raise DocumentError("E030", record=number, detail=_first_line(exc)) from None
        number += 1
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = (record.http_headers.get_header("Content-Type") or "").lower()
        if not content_type.startswith(_TEXT_TYPES):
            continue
        found += 1
        record_id = record.rec_headers.get_header("WARC-Record-ID") or f"{path}#record{number}"
        try:
            payload = record.content_stream().read(limit + 1)
        except (zlib.error, ValueError, EOFError, OSError) as exc:
            yield ReadFailure(record_id, str(DocumentError("E032", record=number, detail=_first_line(exc))))
            continue
        if len(payload) > limit:
            yield ReadFailure(record_id, str(DocumentError("E031", record=number, limit=limit)))
            continue
        if not payload.strip():
            yield ReadFailure(record_id, str(DocumentError("E003")))
            continue
        yield RawDocument(
            content=payload,
            path=record_id,
            kind="text" if content_type.startswith("text/plain") else "html",
            id=hashlib.sha256(payload).hexdigest(),
        )
    if number == 0:
        raise DocumentError("E030", record=0, detail="no WARC records")
    if found == 0:
        raise DocumentError("E033")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0][:200]
