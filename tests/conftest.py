"""Shared fixtures: the seeds, a CLI runner that runs the real `dyads` process, and a helper
that reads and extracts files the tests build."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from dyads.api import ExtractResult, extract_paths
from dyads.options import Options

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
DEVSET = ROOT / "devset"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# A developer's own gazetteer additions must not change what the tests see: point the
# user gazetteer (for this process and the CLI subprocesses) at an empty folder.
_EMPTY_GAZETTEER = tempfile.mkdtemp(prefix="dyads-test-gazetteer-")
os.environ["DYADS_GAZETTEER"] = _EMPTY_GAZETTEER


# Two short real-style reports the reader and bad-input tests build their files from.
ARTICLE_ID = (
    "Menteri Pertahanan Prabowo Subianto bertemu dengan Menteri Pertahanan Australia Richard "
    "Marles di Canberra pada hari Kamis.\n"
    "“Kerja sama ini penting,” katanya."
)
ARTICLE_EN = (
    "Australian Defence Minister Richard Marles met Indonesian Defence Minister Prabowo Subianto "
    "in Canberra on Thursday.\n"
    "“This partnership matters for the whole region,” Marles told reporters after the talks."
)


@pytest.fixture(scope="session")
def seeds() -> Path:
    if not SEEDS.is_dir():
        if IN_CI:
            pytest.fail(f"the seeds are missing: {SEEDS}")
        pytest.skip("../shared/seeds is not beside this checkout")
    return SEEDS


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess: exit status, stdout and stderr as a user sees them."""
    return subprocess.run(
        [sys.executable, "-m", "dyads", *args],
        input=stdin.decode("utf-8", "surrogateescape") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        timeout=300,
    )


def extract_files(*paths: Path | str, options: Options | None = None) -> list[ExtractResult]:
    return list(extract_paths([str(p) for p in paths], options or Options()))


def extract_one(path: Path | str, options: Options | None = None) -> ExtractResult:
    results = extract_files(path, options=options)
    assert len(results) == 1, results
    return results[0]


# The record's tests run against SQLite and against the PostgreSQL server scripts/test.sh
# starts (DYADS_TEST_POSTGRES); in CI a missing server is a failure, not a skip.
POSTGRES_URL = os.environ.get("DYADS_TEST_POSTGRES")


def _reset_postgres(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def empty_database(backend: str, folder: Path) -> str:
    """The URL of an empty database of the backend (a SQLite file in `folder`, or the test
    PostgreSQL server emptied)."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'record.db'}"
    if not POSTGRES_URL:
        if IN_CI:
            pytest.fail("DYADS_TEST_POSTGRES is not set: scripts/test.sh starts PostgreSQL for the tests")
        pytest.skip("no PostgreSQL server (run the suite through scripts/test.sh)")
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend."""
    return empty_database(request.param, tmp_path)


@pytest.fixture(scope="session")
def knowledge():
    from dyads.langdata import Knowledge

    return Knowledge.default()
