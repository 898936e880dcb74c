"""Where the CLI writes: results to stdout, progress and one-line errors to stderr."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

err = Console(stderr=True, highlight=False)
# Tables piped to a file or CI log are not cut to 80 columns.
out = Console(highlight=False)
if not out.is_terminal:
    out = Console(highlight=False, width=200)


def error(message: str) -> None:
    """One line, no traceback; paths may hold brackets, so no markup."""
    err.print(f"dyads: error: {message}", markup=False, style="red", soft_wrap=True)


@contextmanager
def progress(description: str, total: int | None = None) -> Iterator[Progress]:
    """A progress bar on stderr when it is a terminal; silent in pipes and CI."""
    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]}"), TimeElapsedColumn()]
    with Progress(*columns, console=err, disable=not err.is_terminal, transient=False) as bar:
        bar.add_task(description, total=total, rate="")
        yield bar
