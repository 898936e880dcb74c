"""The record's commands: ingest, events, timeline, entity, stats, forget, export.

Each is thin over `dyads.store` (sqlite-utils' cli.py over db.py): open the database, resolve
the names given, call one library function, print.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from dyads.cli.console import err, error, out, progress
from dyads.errors import DyadsError
from dyads.langdata import Knowledge
from dyads.options import Options

DB_HELP = "Database URL (sqlite:///FILE or postgresql+psycopg://user@host/db), or a SQLite file path. Default: $DYADS_DB, else ./dyads.db."
Db = Annotated[str | None, typer.Option("--db", help=DB_HELP, show_default=False)]


class EventsFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class TimelineFormat(str, Enum):
    table = "table"
    json = "json"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
    plover = "plover"


@contextmanager
def _failing_cleanly() -> Iterator[None]:
    """Expected failures end the command with one line and exit status 2."""
    try:
        yield
    except DyadsError as exc:
        error(str(exc))
        raise typer.Exit(2) from None


def _gazetteer():  # type: ignore[no-untyped-def]
    """Loaded only when a name must be looked up (it takes most of a second)."""
    return Knowledge.default().gazetteer


def _engine(db: str | None, migrate: bool = True):  # type: ignore[no-untyped-def]
    from dyads.store.engine import open_engine

    return open_engine(db, migrate=migrate)


def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - (every format `dyads extract` reads).", show_default=False)],
    db: Db = None,
    reextract: Annotated[bool, typer.Option("--reextract", help="Re-extract documents stored by an older extractor version.")] = False,
    workers: Annotated[int | None, typer.Option("--workers", "-j", min=1, help="Extraction processes (default: one per core).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=10_000, help="Documents written per transaction.")] = 256,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for every document, overriding what is detected.")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code of the article bodies, overriding detection.")] = None,
) -> None:
    """Extract documents and add them to the record, merging reports of the same event.

    Idempotent: the same bytes again change nothing. Safe to interrupt (even kill -9): each
    batch of documents (--batch-size) is written in one transaction; run it again to finish
    the job.
    Exit status 2 if any document failed (one line each on stderr).

    [bold]Examples[/bold]

      dyads ingest ../shared/seeds samples

      dyads ingest crawl.warc.gz --db postgresql+psycopg://dyads@localhost/dyads
    """
    from dyads.store.ingest import ingest as run

    with _failing_cleanly():
        options = Options(published=published, language=language)
        engine = _engine(db)
        started = time.perf_counter()
        done = 0
        with progress("ingesting") as bar:
            def advance(n: int) -> None:
                nonlocal done
                done += n
                elapsed = time.perf_counter() - started
                bar.update(bar.task_ids[0], advance=n, rate=f"{done / elapsed:.0f} docs/s" if elapsed else "")

            summary = run(paths, engine, options, reextract=reextract, workers=workers, batch_size=batch_size,
                          on_progress=advance, on_failure=error)
    if summary.seen == 0:  # nothing readable under the paths: say so rather than report "0 new"
        error(str(DyadsError("E015", paths=", ".join(paths))))
        raise typer.Exit(2)
    elapsed = time.perf_counter() - started
    parts = [f"{summary.new} new", f"{summary.unchanged} unchanged"]
    if summary.reextracted:
        parts.append(f"{summary.reextracted} re-extracted")
    if summary.outdated:
        parts.append(f"{summary.outdated} from an older extractor (use --reextract)")
    parts += [f"{summary.failed} failed", f"{summary.events_added} events added",
              f"{summary.events_merged} reports merged into events of other sources"]
    if summary.copies:
        parts.append(f"{summary.copies} syndicated copies")
    err.print(f"dyads: ingested {summary.seen} documents in {elapsed:.1f} s: " + ", ".join(parts), highlight=False, soft_wrap=True)
    if summary.failed:
        raise typer.Exit(2)


def _filters(connection, gazetteer, actor, between, type_, mode, context, since, until, country, status, min_sources):  # type: ignore[no-untyped-def]
    from dyads.store.names import named_filter

    return named_filter(connection, gazetteer, actors=actor or [], between=between, countries=country or [],
                        types=type_ or [], modes=mode or [], contexts=context or [], since=since, until=until,
                        status=status, min_sources=min_sources)


Actor = Annotated[list[str] | None, typer.Option("--actor", "-a", help="Events this actor (or one acting for it) takes part in; any language, ISO code or Wikidata id. Repeatable: all must take part.")]
Between = Annotated[tuple[str, str] | None, typer.Option("--between", help="Events between two actors, e.g. --between 'South Korea' NATO.", show_default=False)]
Type = Annotated[list[str] | None, typer.Option("--type", "-t", help="PLOVER type (CONSULT, AGREE, COOPERATE, AID, REQUEST, REJECT …). Repeatable.")]
Mode = Annotated[list[str] | None, typer.Option("--mode", "-m", help="Mode (visit, meeting, phone, agreement …). Repeatable.")]
Context = Annotated[list[str] | None, typer.Option("--context", "-c", help="PLOVER context (military, cyber, cbrn …). Repeatable: all must apply.")]
Since = Annotated[str | None, typer.Option("--since", help="From this date on (YYYY, YYYY-MM or YYYY-MM-DD).")]
Until = Annotated[str | None, typer.Option("--until", help="Up to this date, inclusive (YYYY, YYYY-MM or YYYY-MM-DD).")]
Country = Annotated[list[str] | None, typer.Option("--country", help="Events with an actor of this country (name or ISO code). Repeatable.")]
Status = Annotated[str | None, typer.Option("--status", help="occurred or planned.")]
MinSources = Annotated[int | None, typer.Option("--min-sources", min=1, max=1_000_000_000, help="Only events reported by at least this many independent sources.")]


def events(
    actor: Actor = None, between: Between = None, type_: Type = None, mode: Mode = None, context: Context = None,
    since: Since = None, until: Until = None, country: Country = None, status: Status = None,
    min_sources: MinSources = None, limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, max=1_000_000_000, help="At most this many events.")] = None,
    format: Annotated[EventsFormat, typer.Option("--format", "-f", help="table (readable), json (contract §4 array) or csv.")] = EventsFormat.table,
    db: Db = None,
) -> None:
    """List merged events, sorted by date, with their actors, place and sources.

    [bold]Examples[/bold]

      dyads events --between "Korea Selatan" NATO --since 2022

      dyads events --type CONSULT --mode visit --min-sources 2 --format json

      dyads events --country 韓国 --context cyber --format csv > cyber.csv
    """
    from dyads.store.query import find_events

    with _failing_cleanly():
        engine = _engine(db)
        with engine.connect() as connection:
            f = _filters(connection, _gazetteer, actor, between, type_, mode, context,
                         since, until, country, status, min_sources)
            found = find_events(connection, f, limit=limit)
    if format is EventsFormat.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
    elif format is EventsFormat.csv:
        from dyads.export.formats import CSV_FIELDS, flat

        writer = csv.DictWriter(sys.stdout, fieldnames=CSV_FIELDS)
        writer.writeheader()
        writer.writerows(flat(e) for e in found)
    else:
        _events_table(found, title=f"{len(found)} events")


def _who(event: dict[str, Any]) -> str:
    sources = [a["name"] for a in event["actors"] if a["role"] in ("source", "participant")]
    targets = [a["name"] for a in event["actors"] if a["role"] == "target"]
    return ", ".join(sources) + (" → " + ", ".join(targets) if targets else "")


def _events_table(found: list[dict[str, Any]], title: str) -> None:
    table = Table(title=title, title_justify="left", show_lines=False)
    for name, style in (("date", "bold"), ("type", "cyan"), ("who", ""), ("where", ""), ("sources", ""), ("id", "dim")):
        table.add_column(name, style=style or None, justify="right" if name == "sources" else "left")
    for e in found:
        kind = f"{e['type']}/{e['mode']}" if e["mode"] else e["type"]
        if e["status"] == "planned":
            kind += " (planned)"
        # Names come from scraped text: Text cells are never read as markup.
        table.add_row(*(Text(cell) for cell in (e["date"] or "—", kind, _who(e), e["location"]["name"] if e["location"] else "",
                                                  str(len(e["sources"])), e["id"])))
    out.print(table)


def timeline(
    a: Annotated[str, typer.Argument(help="One side of the dyad (any language, ISO code, Wikidata id).", show_default=False)],
    b: Annotated[str, typer.Argument(help="The other side.", show_default=False)],
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="table or json (contract §4 array).")] = TimelineFormat.table,
    db: Db = None,
) -> None:
    """The history of a dyad: one line per event, reciprocal visits paired.

    [bold]Examples[/bold]

      dyads timeline "South Korea" NATO

      dyads timeline 韓国 NATO --format json
    """
    from dyads.store.names import resolve
    from dyads.store.query import EventFilter, find_events

    with _failing_cleanly():
        engine = _engine(db)
        with engine.connect() as connection:
            first, second = resolve(connection, a, _gazetteer), resolve(connection, b, _gazetteer)
            found = find_events(connection, EventFilter(between=(first.keys, second.keys)))
    if format is TimelineFormat.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    by_id = {e["id"]: e for e in found}
    out.print(Text(f"{first.name} – {second.name}", style="bold") + Text(f": {len(found)} events"), highlight=False)
    for e in found:
        kind = f"{e['type']}/{e['mode']}" if e["mode"] else e["type"]
        if e["status"] == "planned":
            kind += " (planned)"
        where = f" in {e['location']['name']}" if e["location"] else ""
        n = len(e["sources"])
        line = f"{(e['date'] or '—'):<10}  {kind:<22} {_who(e)}{where}  [{n} source{'s' if n != 1 else ''}]"
        for link in e["related"]:
            earlier = by_id.get(link["event"])
            what = f"{_lead(earlier)}'s {earlier['date']} visit" if earlier else link["event"]
            line += f"  ({link['relation'].replace('-', ' ')} {what})" if link["relation"] != "return-visit-of" else f"  (return visit to {what})"
        out.print(line, highlight=False, markup=False, soft_wrap=True)


def _lead(event: dict[str, Any]) -> str:
    sources = [a for a in event["actors"] if a["role"] == "source"] or event["actors"]
    return sources[0]["name"] if sources else "the"


def entity(
    name: Annotated[str, typer.Argument(help="A name in any language, an ISO code or a Wikidata id.", show_default=False)],
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="table or json.")] = TimelineFormat.table,
    db: Db = None,
) -> None:
    """Who or what it is: identity, roles with tenures, counterparts and events.

    [bold]Examples[/bold]

      dyads entity "Menteri Pertahanan Singh"

      dyads entity Q7184
    """
    from dyads.store.names import describe

    with _failing_cleanly():
        engine = _engine(db)
        with engine.connect() as connection:
            profile = describe(connection, name, _gazetteer)
    if format is TimelineFormat.json:
        sys.stdout.write(json.dumps(profile, ensure_ascii=False, indent=2) + "\n")
        return
    kind, wikidata, country = profile["type"] or "", profile["wikidata"], profile["country"]
    out.print(Text(profile["name"], style="bold") + Text(f" — {kind}" + (f", {country}" if country else "") + (f", Wikidata {wikidata}" if wikidata else "")), highlight=False)
    for role in profile["roles"]:
        out.print(f"  {role['title']}: {role['start'] or '?'} – {role['end'] or 'now'}", highlight=False, markup=False)
    if profile["counterparts"]:
        out.print("Counterparts: " + ", ".join(f"{c['name']} ({c['events']})" for c in profile["counterparts"]), highlight=False, markup=False)
    _events_table(profile["events"], title=f"{profile['events_total']} events (latest first)")


def stats(
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help="table or json.")] = TimelineFormat.table,
    db: Db = None,
) -> None:
    """What the record holds: documents by language and month, events by type."""
    from dyads.store.query import stats as compute

    with _failing_cleanly():
        engine = _engine(db)
        with engine.connect() as connection:
            found = compute(connection)
    if format is TimelineFormat.json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False, indent=2) + "\n")
        return
    out.print(", ".join(f"{n} {name}" for name, n in found["totals"].items()), highlight=False)
    docs = Table(title="Documents by language and month", title_justify="left")
    for column in ("language", "month", "documents"):
        docs.add_column(column, justify="right" if column == "documents" else "left")
    for row in found["documents_by_language_month"]:
        docs.add_row(Text(row["language"]), Text(row["month"]), str(row["documents"]))
    out.print(docs)
    kinds = Table(title="Events by type", title_justify="left")
    for column in ("type", "mode", "events"):
        kinds.add_column(column, justify="right" if column == "events" else "left")
    for row in found["events_by_type"]:
        kinds.add_row(Text(row["type"]), Text(row["mode"] or ""), str(row["events"]))
    out.print(kinds)


def forget(
    document_id: Annotated[str, typer.Argument(help="The document's id (SHA-256 of its bytes, as `dyads events --format json` shows).", show_default=False)],
    db: Db = None,
) -> None:
    """Retract a document: its reports go, events that lose their last source go, merges are
    recomputed."""
    from dyads.store.engine import writing
    from dyads.store.write import forget_document

    with _failing_cleanly():
        engine = _engine(db)
        with writing(engine) as connection:
            if not forget_document(connection, document_id):
                raise DyadsError("E094", id=document_id)
    err.print(f"dyads: forgot document {document_id}", highlight=False)


def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv, jsonl (contract §4 objects), parquet, or plover (PLOVER JSON Lines).")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file (needed for parquet); default: standard output.")] = None,
    actor: Actor = None, between: Between = None, type_: Type = None, mode: Mode = None, context: Context = None,
    since: Since = None, until: Until = None, country: Country = None, status: Status = None,
    min_sources: MinSources = None, db: Db = None,
) -> None:
    """Export events (all, or those the filters select) for other tools.

    The file is written whole or not at all.

    [bold]Examples[/bold]

      dyads export --format plover -o events.jsonl

      dyads export --format parquet -o events.parquet --since 2023
    """
    import os
    import tempfile

    from dyads.export import export as run

    if format is ExportFormat.parquet and output is None:
        error("--format parquet needs --output FILE (Parquet is binary)")
        raise typer.Exit(2)
    with _failing_cleanly():
        engine = _engine(db)
        with engine.connect() as connection:
            f = _filters(connection, _gazetteer, actor, between, type_, mode, context,
                         since, until, country, status, min_sources)
            binary = format is ExportFormat.parquet
            if output is None:
                count = run(connection, f, format.value, sys.stdout)
            else:
                folder = output.resolve().parent
                if not folder.is_dir():
                    error(f"{output}: the folder does not exist")
                    raise typer.Exit(2)
                handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{output.name}.", suffix=".part")
                try:
                    with os.fdopen(handle, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as stream:
                        count = run(connection, f, format.value, stream)
                    os.replace(temporary, output)
                except BaseException:
                    os.unlink(temporary)
                    raise
    err.print(f"dyads: exported {count} events" + (f" to {output}" if output else ""), highlight=False)
