"""Filter values outside the contract §2 vocabulary are errors naming the option, the value
and the valid values (CLI exit 2, API 422), and an input set with no documents says so,
instead of an empty answer with exit status 0."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dyads.cli.app import app
from dyads.server import create_app
from dyads.store.query import EventFilter
from dyads.vocabulary import ALL_MODES, CONTEXTS, TYPES

BAD = [("--type", "FOO", "CONSULT"), ("--mode", "flying", "visit"), ("--context", "space", "cyber"),
       ("--status", "maybe", "planned")]


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'record.db'}"


def invoke(*args: str):
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(("option", "value", "valid"), BAD)
@pytest.mark.parametrize("command", [("events",), ("export", "--format", "jsonl")])
def test_cli_refuses_a_value_outside_the_vocabulary(db, command, option, value, valid):
    result = invoke(*command, option, value, "--db", db)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert f"invalid {option} value {value!r}" in lines[0] and valid in lines[0] and "[E103]" in lines[0]
    assert result.stdout == ""


def test_valid_values_pass_in_any_case(db):
    assert invoke("events", "--type", "consult", "--mode", "Visit", "--context", "CYBER", "--status", "planned",
                  "--db", db).exit_code == 0
    f = EventFilter(types=["agree"], modes=["Phone"], contexts=["Military"], status="Occurred")
    assert (f.types, f.modes, f.contexts, f.status) == (["AGREE"], ["phone"], ["military"], "occurred")


def test_the_vocabulary_is_contract_section_2():
    assert len(TYPES) == 16 and "REQUEST" in TYPES and "DEMAND" not in TYPES
    assert {"visit", "meeting", "phone", "multilateral", "third-party", "contract", "program"} <= set(ALL_MODES)
    assert len(CONTEXTS) == 37 and "nuclear" not in CONTEXTS and "cbrn" in CONTEXTS


@pytest.mark.parametrize(("option", "value", "valid"), BAD)
def test_api_answers_422_with_the_same_information(db, option, value, valid):
    client = TestClient(create_app(db))
    response = client.get("/api/events", params={option.lstrip("-"): value})
    assert response.status_code == 422
    message = response.json()["error"]
    assert f"invalid {option} value {value!r}" in message and valid in message and "[E103]" in message
    assert client.get("/api/events", params={"type": "consult", "status": ""}).status_code == 200


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_an_empty_folder_says_so(tmp_path, command):
    folder = tmp_path / "empty"
    folder.mkdir()
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # a file of no kind dyads reads: skipped
    extra = ["--db", f"sqlite:///{tmp_path / 'r.db'}", "--workers", "1"] if command == "ingest" else []
    result = invoke(command, str(folder), *extra)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and f"no documents in {folder}" in lines[0] and "[E015]" in lines[0]
