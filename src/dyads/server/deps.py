"""What every route shares: the database, the gazetteer, who is asking, and how failures
become JSON with the right status."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

import sqlalchemy as sa
from fastapi import Depends, HTTPException, Query, Request
from pydantic import BeforeValidator
from sqlalchemy.engine import Connection, Engine

from dyads.errors import DyadsError
from dyads.store import tokens
from dyads.store.query import EventFilter
from dyads.store.tables import tokens as token_table

NOT_FOUND = {"E094", "E098", "E099"}


# The largest count or offset a request may give: far beyond any record, far below the
# 64-bit integers the databases bind (a larger one raised OverflowError: a 500).
MAX_COUNT = 1_000_000_000


def _positive_or_empty(value: Any) -> Any:
    if value in ("", None):
        return None
    number = int(value)
    if number < 1:
        raise ValueError("must be 1 or more")
    if number > MAX_COUNT:
        raise ValueError(f"must be at most {MAX_COUNT}")
    return number


EmptyIsNone = Annotated[int | None, BeforeValidator(_positive_or_empty)]


@dataclass
class Settings:
    engine: Engine
    private: bool = False  # reading needs a token too


def settings(request: Request) -> Settings:
    return request.app.state.settings


def connection(request: Request) -> Iterator[Connection]:
    with settings(request).engine.connect() as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]


def gazetteer(request: Request) -> Any:
    if request.app.state.gazetteer is None:
        from dyads.langdata import Knowledge

        request.app.state.gazetteer = Knowledge.default().gazetteer
    return request.app.state.gazetteer


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


def who(request: Request, conn: Connection) -> str | None:
    """The token holder behind a request: an API bearer token, or the web session's. The
    session cookie carries only a random id; the server keeps which token it stands for
    until logout or expiry, so a copied cookie is worthless after logout."""
    name = tokens.holder(conn, bearer(request))
    if name is None and "session" in request.scope:
        token_hash = request.app.state.work.session_token_hash(request.session.get("sid"))
        if token_hash is not None:
            name = conn.execute(sa.select(token_table.c.name).where(token_table.c.hash == token_hash)).scalar()
    return name


def reader(request: Request, conn: Conn) -> str | None:
    name = who(request, conn)
    if settings(request).private and name is None:
        raise HTTPException(401, "this record is private: send Authorization: Bearer <token> (dyads token create NAME)")
    return name


def writer(request: Request, conn: Conn) -> str:
    name = who(request, conn)
    if name is None:
        raise HTTPException(401, "writing needs a token: send Authorization: Bearer <token> (dyads token create NAME)")
    return name


def failure(exc: DyadsError) -> HTTPException:
    return HTTPException(404 if exc.code in NOT_FOUND else 422, f"{exc.message} [{exc.code}]")


def event_filter(
    request: Request, conn: Conn,
    actor: Annotated[list[str], Query(description="Events this actor (or one acting for it) takes part in; any language, ISO code or Wikidata id. Repeatable.")] = [],  # noqa: B006
    between: Annotated[list[str], Query(description="Two actors: ?between=South Korea&between=NATO")] = [],  # noqa: B006
    type: Annotated[list[str], Query(description="PLOVER type. Repeatable.")] = [],  # noqa: B006
    mode: Annotated[list[str], Query(description="Mode (contract §2: visit, meeting, phone …). Repeatable.")] = [],  # noqa: B006
    context: Annotated[list[str], Query(description="PLOVER context (military, cyber …). Repeatable: all must apply.")] = [],  # noqa: B006
    since: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(description="YYYY, YYYY-MM or YYYY-MM-DD, inclusive")] = None,
    country: Annotated[list[str], Query()] = [],  # noqa: B006
    status: Annotated[str | None, Query(description="occurred or planned")] = None,
    min_sources: Annotated[EmptyIsNone, Query(description="at least this many independent sources (1 or more)")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words in an actor's name or a source's evidence")] = None,
) -> EventFilter:
    from dyads.store.names import named_filter

    # a form sends its empty fields: empty means "not given"
    actor, between, type, mode, context, country = ([v for v in values if v.strip()] for values in (actor, between, type, mode, context, country))
    since, until, status, q = (v if v and v.strip() else None for v in (since, until, status, q))
    if between and len(between) != 2:
        raise HTTPException(422, "between takes exactly two actors: ?between=A&between=B")
    try:
        return named_filter(conn, lambda: gazetteer(request), actors=actor, between=between, countries=country,
                            types=type, modes=mode, contexts=context, since=since, until=until, status=status,
                            min_sources=min_sources, text=q or None)
    except DyadsError as exc:
        raise failure(exc) from None
