"""`dyads eval`: CONTRACT §3 figures for a folder of NAME.txt + NAME.gold.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from dyads.cli.console import error, out, progress
from dyads.errors import DyadsError

if TYPE_CHECKING:
    from dyads.eval import EvalReport

COLUMNS = [
    ("cleaning_spam_removed", "spam out"),
    ("cleaning_evidence_kept", "kept"),
    ("published", "pub"),
    ("entity_recall", "ent R"),
    ("entity_precision", "ent P"),
    ("alias_recall", "alias R"),
    ("event_f1", "ev F1"),
    ("event_f1_any_date", "F1 any"),
    ("date_accuracy", "date acc"),
    ("mode_accuracy", "mode"),
    ("location_accuracy", "loc"),
    ("amount_accuracy", "amount"),
    ("quote_accuracy", "quote"),
]


def evaluate(
    folder: Annotated[Path, typer.Argument(help="A folder of NAME.txt documents, each with NAME.gold.json.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures, misses and extras as JSON.")] = False,
    details: Annotated[bool, typer.Option("--details/--no-details", help="List each file's misses and extras under the table.")] = True,
    gold_published: Annotated[bool, typer.Option(
        "--gold-published", help="Give each document its gold publication date, to score events apart from finding that date.")] = False,
) -> None:
    """Score extraction against gold annotations (CONTRACT §3): cleaning, publication
    date, entities, events — per file and in total, with the misses and extras.

    The gold publication date is not passed to the extractor: detecting it is scored
    (with --gold-published it is passed, and the rest is scored as if the date were known).

    [bold]Example[/bold]

      dyads eval ../shared/seeds
    """
    if not folder.is_dir():
        error(f"{folder}: not a folder [E071]")
        raise typer.Exit(2)
    try:
        from dyads.eval import evaluate_folder
        from dyads.eval.gold import gold_pairs

        with progress("evaluating", total=len(gold_pairs(folder))) as bar:
            report = evaluate_folder(folder, on_document=lambda name: bar.advance(bar.task_ids[0]),
                                     gold_published=gold_published)
    except DyadsError as exc:
        error(str(exc))
        raise typer.Exit(2) from None
    if as_json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print(report, details)
    for failed in report.failed:
        error(f"{failed.name}: {failed.error}")
    if report.failed:
        raise typer.Exit(2)


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _print(report: "EvalReport", details: bool) -> None:
    table = Table(title="dyads eval", show_lines=False)
    table.add_column("file", overflow="fold")
    for _, header in COLUMNS:
        table.add_column(header, justify="right")
    for f in report.files:
        if f.error:
            table.add_row(f.name, *(["error"] + [""] * (len(COLUMNS) - 1)))
            continue
        metrics = f.counts.metrics()
        table.add_row(f.name, *(_fmt(metrics[key]) for key, _ in COLUMNS))
    if details:
        for f in report.files:
            if f.misses or f.extras:
                out.print(f"[bold]{f.name}[/bold]")
                for miss in f.misses:
                    out.print(f"  miss  {miss}", markup=False)
                for extra in f.extras:
                    out.print(f"  extra {extra}", markup=False)
    total = report.total.metrics()
    table.add_row(f"TOTAL ({len(report.files)} documents)", *(_fmt(total[key]) for key, _ in COLUMNS), style="bold")
    out.print(table)
    c = report.total
    out.print(
        f"events: {c.event_exact} exact-date and {c.event_matched} any-date matches of {c.event_gold} gold, "
        f"{c.event_predicted} predicted; entities: {c.entity_found}/{c.entity_gold} found, "
        f"{c.entity_predicted_matching}/{c.entity_predicted} predicted matching",
        markup=False,
    )
