"""API tokens: `dyads token create NAME` prints a token once; the record keeps its hash."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from dyads.errors import DyadsError
from dyads.store.tables import tokens


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def fingerprint(token: str) -> str:
    """What the record keeps of a token (and a web session of its holder's)."""
    return _hash(token.strip())


def create(connection: Connection, name: str) -> str:
    name = name.strip()
    if not name or len(name) > 100:
        raise DyadsError("E101", name=name)
    if connection.execute(sa.select(tokens.c.id).where(tokens.c.name == name)).first() is not None:
        raise DyadsError("E102", name=name)
    token = "dy_" + secrets.token_urlsafe(32)
    connection.execute(tokens.insert().values(name=name, hash=_hash(token),
                                              created_at=datetime.now(UTC).isoformat(timespec="seconds")))
    return token


def holder(connection: Connection, token: str | None) -> str | None:
    """The name a token was created for, or None if it is not a valid token."""
    if not token:
        return None
    return connection.execute(sa.select(tokens.c.name).where(tokens.c.hash == _hash(token.strip()))).scalar()
