"""A file that is one document: plain text or an HTML page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from dyads.errors import DocumentError
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options
from dyads.readers.stream import read_capped


def read_single(stream: BinaryIO, path: str, kind: str, options: Options) -> Iterator[RawDocument | ReadFailure]:
    data = read_capped(stream, options.max_document_bytes)
    if not data.strip():
        raise DocumentError("E003")
    yield RawDocument(content=data, path=path, kind="html" if kind == "html" else "text")
