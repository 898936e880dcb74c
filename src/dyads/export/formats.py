"""Export formats. Events are read in pages so an export of any size runs in flat memory;
Parquet is written one row group per page through pyarrow."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import IO, Any

from sqlalchemy.engine import Connection

from dyads.export.plover import full_date, to_plover
from dyads.store.query import EventFilter, find_events

PAGE = 1000
FORMATS = ("csv", "jsonl", "parquet", "plover")
CSV_FIELDS = ("id", "date", "date_precision", "type", "mode", "status", "context", "actors", "actor_ids",
              "location", "amounts", "quote", "confidence", "sources", "documents", "evidence")


def pages(connection: Connection, f: EventFilter) -> Iterator[list[dict[str, Any]]]:
    offset = 0
    while page := find_events(connection, f, limit=PAGE, offset=offset):
        yield page
        offset += len(page)


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """One row per event for spreadsheets: lists joined with "; "."""
    return {
        "id": event["id"], "date": event["date"], "date_precision": full_date(event["date"])[1],
        "type": event["type"], "mode": event["mode"], "status": event["status"],
        "context": "; ".join(event["context"]),
        "actors": "; ".join(f"{a['name']} ({a['role']})" for a in event["actors"]),
        "actor_ids": "; ".join(a["id"] for a in event["actors"]),
        "location": event["location"]["name"] if event["location"] else None,
        "amounts": "; ".join(f"{a['value']} {a['currency']}" for a in event["amounts"]),
        "quote": event["quote"]["text"] if event["quote"] else None,
        "confidence": event["confidence"], "sources": len(event["sources"]),
        "documents": "; ".join(s["document"] for s in event["sources"]),
        "evidence": event["sources"][0]["evidence"] if event["sources"] else None,
    }


def export(connection: Connection, f: EventFilter, fmt: str, out: IO[Any],
           on_page: Callable[[int], None] | None = None) -> int:
    """Write every matching event to `out` (binary for parquet, text otherwise); returns the count."""
    count = 0
    if fmt == "parquet":
        return _parquet(connection, f, out, on_page)
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS) if fmt == "csv" else None
    if writer:
        writer.writeheader()
    for page in pages(connection, f):
        for event in page:
            if writer:
                writer.writerow(flat(event))
            else:
                record = to_plover(event) if fmt == "plover" else event
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += len(page)
        if on_page:
            on_page(len(page))
    return count


def _parquet(connection: Connection, f: EventFilter, out: IO[bytes], on_page: Callable[[int], None] | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, pa.float64() if name == "confidence" else pa.int64() if name == "sources" else pa.string())
                        for name in CSV_FIELDS])
    count = 0
    with pq.ParquetWriter(out, schema) as writer:
        for page in pages(connection, f):
            rows = [flat(e) for e in page]
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            count += len(rows)
            if on_page:
                on_page(len(rows))
        if count == 0:
            writer.write_table(pa.Table.from_pylist([], schema=schema))
    return count
