"""Opening the record: a URL becomes a migrated engine with the settings its backend needs.

SQLite (the default, `sqlite:///dyads.db`) runs in WAL mode with a busy timeout and takes the
write lock when a write transaction begins (BEGIN IMMEDIATE), so two ingests into one file
wait for each other instead of failing on a lock upgrade. PostgreSQL serialises writers with
one advisory lock, because the merge recomputes events that both might touch.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.resources import files

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from dyads.errors import DyadsError

DEFAULT_URL = "sqlite:///dyads.db"
BUSY_TIMEOUT_S = 60
_WRITE_LOCK = 731_115_0001  # PostgreSQL advisory lock key of the record's writers


def database_url(given: str | None = None) -> str:
    """--db, else $DYADS_DB, else ./dyads.db; a bare path means a SQLite file."""
    url = given or os.environ.get("DYADS_DB") or DEFAULT_URL
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def open_engine(url: str | None = None, migrate: bool = True) -> Engine:
    url = database_url(url)
    try:
        parsed = sa.engine.make_url(url)
    except sa.exc.ArgumentError:
        raise DyadsError("E090", url=url) from None
    if parsed.get_backend_name() == "sqlite":
        engine = _sqlite(parsed)
    elif parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = sa.create_engine(parsed, pool_pre_ping=True)
    else:
        raise DyadsError("E091", url=url, backend=parsed.get_backend_name())
    if migrate:
        try:
            upgrade(engine)
        except sa.exc.OperationalError as exc:
            raise DyadsError("E092", url=_safe(parsed), detail=str(exc.orig).strip().splitlines()[0]) from None
    return engine


def _sqlite(parsed: sa.engine.URL) -> Engine:
    database = parsed.database
    if database and database != ":memory:":
        folder = os.path.dirname(os.path.abspath(database))
        if not os.path.isdir(folder):
            raise DyadsError("E093", path=database)
    engine = sa.create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_S})

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # The driver's own transaction handling off: SQLAlchemy's "begin" event decides.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get("dyads_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One write transaction, holding the record's write lock until it commits."""
    with engine.connect().execution_options(dyads_write=True) as connection, connection.begin():
        if engine.dialect.name == "postgresql":
            connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _WRITE_LOCK})
        yield connection


def _alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(files("dyads.store") / "migrations"))
    return config


# The newest migration; a test checks it against the migrations folder. Knowing it here
# lets a command that only reads skip importing Alembic.
HEAD = "0005"


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    if not sa.inspect(connection).has_table("alembic_version"):
        return None
    return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision; under the write lock, so that two processes
    opening a new file at once do not both create it."""
    with engine.connect() as connection:
        if current_revision(connection) == HEAD:
            return
    from alembic import command

    config = _alembic_config()
    with writing(engine) as connection:
        if current_revision(connection) == HEAD:
            return
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _safe(parsed: sa.engine.URL) -> str:
    return parsed.render_as_string(hide_password=True)
