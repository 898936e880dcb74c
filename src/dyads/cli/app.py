"""`dyads` — turn news reports of defense diplomacy into a sourced record of events."""

from __future__ import annotations

import typer

from dyads.cli import eval_cmd, extract_cmd

app = typer.Typer(
    name="dyads",
    help=(
        "Turn news reports of defense diplomacy into a sourced, queryable record of events: "
        "who met whom, when, where, about what — with every fact traceable to its words.\n\n"
        "Start with:  dyads extract ../shared/seeds   (prints one JSON object per document)"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("extract")(extract_cmd.extract)
app.command("eval")(eval_cmd.evaluate)


def main() -> None:
    app()
