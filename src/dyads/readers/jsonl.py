"""JSON Lines: one document per line, `text` plus optional `title`, `url`, `published`,
`language`. A bad line is reported and skipped; the rest of the file is still read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from dyads.errors import DocumentError
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options
from dyads.readers.stream import no_surrogates, utf8


def read_jsonl(stream: BinaryIO, path: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    limit = options.max_document_bytes
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            del line  # free the oversized prefix before skipping the rest of the line
            _skip_rest_of_line(stream)
            yield ReadFailure(path, str(DocumentError("E022", line=number, limit=limit)))
            continue
        body = line.rstrip(b"\r\n")
        if not body.strip():
            continue
        try:
            yield _document(body, path, number)
        except DocumentError as exc:
            yield ReadFailure(path, str(exc))


def _skip_rest_of_line(stream: BinaryIO, chunk: int = 1 << 16) -> None:
    while True:
        part = stream.readline(chunk)
        if not part or part.endswith(b"\n"):
            return


def _document(body: bytes, path: str, number: int) -> RawDocument:
    try:
        record: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError("E020", line=number, detail=str(exc).split(":")[0]) from None
    except RecursionError:  # e.g. 100,000 nested "["
        raise DocumentError("E020", line=number, detail="nested too deeply") from None
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise DocumentError("E021", line=number)
    url = _string(record.get("url"))
    return RawDocument(
        content=utf8(record["text"]),
        path=url or f"{path}:{number}",
        kind="text",
        id=hashlib.sha256(body).hexdigest(),
        title=_string(record.get("title")),
        published=_date(record.get("published")),
        language=_string(record.get("language")),
        url=url,
    )


def _string(value: Any) -> str | None:
    return no_surrogates(value.strip()) or None if isinstance(value, str) else None


def _date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10]).isoformat()
    except ValueError:
        return None
