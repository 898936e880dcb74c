"""`dyads` — turn news reports of defense diplomacy into a sourced record of events."""

from __future__ import annotations

import typer

from dyads.cli import eval_cmd, extract_cmd, gazetteer_cmd, record_cmd, serve_cmd
from dyads.cli.console import error

app = typer.Typer(
    name="dyads",
    help=(
        "Turn news reports of defense diplomacy into a sourced, queryable record of events: "
        "who met whom, when, where, about what — with every fact traceable to its words.\n\n"
        "Start with:  dyads ingest ../shared/seeds   then   dyads timeline \"South Korea\" NATO"
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command("extract")(extract_cmd.extract)
app.command("eval")(eval_cmd.evaluate)
for name in ("ingest", "events", "timeline", "entity", "stats", "forget", "export"):
    app.command(name)(getattr(record_cmd, name))
app.command("review")(serve_cmd.review)
app.command("serve")(serve_cmd.serve)
app.add_typer(serve_cmd.token_app, name="token")
app.add_typer(gazetteer_cmd.app, name="gazetteer")


def main() -> None:
    """Broken data files end the command with one line naming the file, no traceback."""
    from dyads.gazetteer.load import GazetteerError
    from dyads.langdata.knowledge import LanguageDataError

    try:
        app()
    except (GazetteerError, LanguageDataError) as exc:
        error(str(exc))
        raise SystemExit(2) from None
