"""`dyads serve`, `dyads token create`, `dyads review`: the analyst's desk and its keys."""

from __future__ import annotations

import getpass
import json
import sys
from typing import Annotated

import typer

from dyads.cli.console import err, error
from dyads.cli.record_cmd import Db, _engine, _events_table, _failing_cleanly
from dyads.errors import DyadsError

token_app = typer.Typer(help="API tokens: writing through the API and reviewing in the web UI need one.",
                        no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    private: Annotated[bool, typer.Option("--private", help="Reading needs a token too (default: anyone who can reach the server may read).")] = False,
    db: Db = None,
) -> None:
    """Open the record in a browser (events, dyad timelines, the actor network, sources side
    by side, the review queue) and serve the same data as JSON under /api (OpenAPI schema at
    /openapi.json, interactive docs at /docs).

    [bold]Examples[/bold]

      dyads serve                      then open http://127.0.0.1:8000

      dyads token create alice         a token for writing and reviewing
    """
    import uvicorn

    from dyads.server import create_app

    with _failing_cleanly():
        app = create_app(db, private=private)
    err.print(f"dyads: serving the record on http://{host}:{port} (Ctrl+C stops)", highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Argument(help="Who the token is for; review decisions are stored under this name.", show_default=False)],
    db: Db = None,
) -> None:
    """Create a token and print it once (only its hash is stored).

    Use it as `Authorization: Bearer TOKEN` in API calls, or sign in with it in the web UI.
    """
    from dyads.store import tokens
    from dyads.store.engine import writing

    with _failing_cleanly():
        engine = _engine(db)
        with writing(engine) as connection:
            token = tokens.create(connection, name)
    sys.stdout.write(token + "\n")
    err.print(f"dyads: token for {name!r} created; it is shown only now", highlight=False)


def review(
    event_id: Annotated[str | None, typer.Argument(help="The event to decide on; without it, the queue is listed.", show_default=False)] = None,
    accept: Annotated[bool, typer.Option("--accept", help="The event is right.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="The event is wrong: queries and exports leave it out.")] = False,
    correct: Annotated[list[str] | None, typer.Option("--correct", help="FIELD=VALUE for type, mode, date or status. Repeatable.")] = None,
    merge: Annotated[str | None, typer.Option("--merge", help="Merge this other event into it.")] = None,
    split: Annotated[str | None, typer.Option("--split", help="Take this report (id from `dyads events --format json` sources / the API) out of it.")] = None,
    reviewer: Annotated[str | None, typer.Option("--as", help="Who decides (default: your login name).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=1_000_000_000, help="Events of the queue to list.")] = 20,
    db: Db = None,
) -> None:
    """The review queue (unreviewed events, single-source and low-confidence first), or a
    decision on one event. Decisions are stored with who made them and when, and survive
    re-extraction.

    [bold]Examples[/bold]

      dyads review

      dyads review ev1234abcd --reject

      dyads review ev1234abcd --correct type=CONSULT --correct mode=visit --correct date=2024-02-29
    """
    from dyads.store import review as decisions
    from dyads.store.details import event_detail
    from dyads.store.engine import writing

    chosen = [name for name, on in (("--accept", accept), ("--reject", reject), ("--correct", bool(correct)),
                                    ("--merge", bool(merge)), ("--split", bool(split))) if on]
    if len(chosen) > 1:
        error(f"choose one decision, not {' and '.join(chosen)}")
        raise typer.Exit(2)
    with _failing_cleanly():
        engine = _engine(db)
        if event_id is None:
            with engine.connect() as connection:
                found, total = decisions.queue(connection, limit)
            _events_table(found, title=f"{total} events to review (showing {len(found)})")
            return
        if not chosen:
            with engine.connect() as connection:
                sys.stdout.write(json.dumps(event_detail(connection, event_id), ensure_ascii=False, indent=2) + "\n")
            return
        name = reviewer or getpass.getuser()
        changes = {}
        for item in correct or []:
            field, sep, value = item.partition("=")
            if not sep:
                raise DyadsError("E100", detail=f"--correct takes FIELD=VALUE, not {item!r}")
            changes[field.strip()] = value.strip() or None
        with writing(engine) as connection:
            if merge:
                new_id = decisions.merge(connection, event_id, merge, name)
            elif split:
                new_id = decisions.split(connection, event_id, split, name)
            else:
                action = "accept" if accept else "reject" if reject else "correct"
                new_id = decisions.decide(connection, event_id, action, name, changes)
    err.print(f"dyads: {chosen[0].lstrip('-')} recorded for {event_id}" + (f" (now {new_id})" if new_id != event_id else ""),
              highlight=False)
