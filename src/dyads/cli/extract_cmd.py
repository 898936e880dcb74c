"""`dyads extract`: the pure extraction, printed as contract JSON (CONTRACT §1)."""

from __future__ import annotations

import json
import sys
import time
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from dyads.cli.console import error, progress
from dyads.errors import DyadsError
from dyads.options import Options

if TYPE_CHECKING:
    from dyads.api import ExtractResult


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"


def extract(
    paths: Annotated[list[str], typer.Argument(
        help="Files, folders (read recursively, sorted) or - for standard input. Reads .txt, "
             ".html/.htm, .jsonl/.ndjson, .warc/.warc.gz, .xml/.rss/.atom feeds, and any of them .gz.",
        show_default=False)],
    format: Annotated[Format, typer.Option("--format", "-f", help="jsonl: one object per line; json: one pretty array.")] = Format.jsonl,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for every document, overriding what is detected.")] = None,
    language: Annotated[str | None, typer.Option(help="ISO 639-1 code of the article body (e.g. id, en), overriding detection.")] = None,
) -> None:
    """Extract each document and print its JSON; nothing is stored.

    Exit status 0 if every document was read, 2 if any failed (one line each on stderr;
    the others are still printed).

    [bold]Examples[/bold]

      dyads extract ../shared/seeds

      dyads extract article.html --format json

      curl -s https://example.org/feed.xml | dyads extract - --published 2024-03-01
    """
    from dyads.api import extract_paths

    try:
        options = Options(published=published, language=language)
    except DyadsError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    failures = count = 0
    first = True
    started = time.perf_counter()
    with progress("extracting") as bar:
        if format is Format.json:
            sys.stdout.write("[")
        for count, result in enumerate(extract_paths(paths, options), start=1):
            failures += _emit(result, format, first)
            first = first and result.extraction is None
            elapsed = time.perf_counter() - started
            bar.update(bar.task_ids[0], advance=1, rate=f"{count / elapsed:.0f} docs/s" if elapsed else "")
        if format is Format.json:
            sys.stdout.write("\n]\n" if not first else "]\n")
    sys.stdout.flush()
    if count == 0:  # nothing readable under the paths: say so rather than print nothing
        error(str(DyadsError("E015", paths=", ".join(paths))))
    if failures or count == 0:
        raise typer.Exit(2)


def _emit(result: ExtractResult, format: Format, first: bool) -> int:
    if result.extraction is None:
        error(f"{result.path}: {result.error}")
        return 1
    payload = result.extraction.to_dict()
    if format is Format.json:
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        sys.stdout.write(("\n" if first else ",\n") + text)
    else:
        sys.stdout.write(json.dumps(payload, ensure_ascii=False) + "\n")
    return 0
