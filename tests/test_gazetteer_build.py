"""`dyads gazetteer build` and `add` check first and write whole or not at all: a file that
is not a Wikidata dump, a dump with nothing to keep, or a result that would not load is a
coded error, and the gazetteer built before stays byte for byte as it was."""

from __future__ import annotations

import bz2
import json

import pytest
from test_gazetteer import _dump_items, _write_dump
from typer.testing import CliRunner

from dyads.cli.app import app


def invoke(*args: str):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def built(tmp_path):
    """A gazetteer folder holding a file built from a good dump (never the shipped data)."""
    dump = tmp_path / "good.json.bz2"
    _write_dump(dump)
    folder = tmp_path / "gaz"
    result = invoke("gazetteer", "build", dump, "--dir", folder)
    assert result.exit_code == 0, result.output
    output = folder / "wikidata.json"
    assert json.loads(output.read_text(encoding="utf-8"))["people"]
    return folder, output.read_bytes()


def _unchanged(folder, before: bytes) -> None:
    assert (folder / "wikidata.json").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["wikidata.json"]  # no temporary file left behind


def _one_error_line(result, code: str) -> str:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output and f"[{code}]" in lines[0], result.output
    return lines[0]


def test_a_file_that_is_not_a_dump_leaves_the_gazetteer_alone(built, tmp_path):
    folder, before = built
    notes = tmp_path / "notes.json"
    notes.write_text("Meeting notes, 3 March\nThe ministers met in Seoul.\n", encoding="utf-8")
    line = _one_error_line(invoke("gazetteer", "build", notes, "--dir", folder), "E110")
    assert str(notes) in line and "not a Wikidata JSON dump" in line
    _unchanged(folder, before)


def test_a_dump_with_nothing_to_keep_leaves_the_gazetteer_alone(built, tmp_path):
    folder, before = built
    paintings = tmp_path / "paintings.json.bz2"
    noise = _dump_items()[-1]
    with bz2.open(paintings, "wt", encoding="utf-8") as handle:
        handle.write("[\n" + json.dumps(noise) + "\n]\n")
    line = _one_error_line(invoke("gazetteer", "build", paintings, "--dir", folder), "E111")
    assert "1 items read" in line
    _unchanged(folder, before)


def test_a_damaged_archive_leaves_the_gazetteer_alone(built, tmp_path):
    folder, before = built
    damaged = tmp_path / "latest-all.json.bz2"
    damaged.write_bytes(bz2.compress(b"[\n" + b'{"type": "item", "id": "Q1"},\n' * 50)[:40])
    _one_error_line(invoke("gazetteer", "build", damaged, "--dir", folder), "E010")
    _unchanged(folder, before)


def test_a_result_that_would_not_load_is_not_written(built, tmp_path):
    """An odd claim in the dump (an ISO code of four letters) would make a file that breaks
    every later command; it is refused before it replaces the good one."""
    folder, before = built
    odd = _dump_items()
    odd[0]["claims"]["P298"][0]["mainsnak"]["datavalue"]["value"] = "ATFX"
    dump = tmp_path / "odd.json"
    dump.write_text("[\n" + ",\n".join(json.dumps(item) for item in odd) + "\n]\n", encoding="utf-8")
    line = _one_error_line(invoke("gazetteer", "build", dump, "--dir", folder), "E112")
    assert str(dump) in line and "does not load" in line
    _unchanged(folder, before)


def test_add_refuses_a_file_without_entries_and_keeps_what_is_there(built, tmp_path):
    folder, before = built
    empty = tmp_path / "wikidata.yaml"
    empty.write_text("# nothing yet\n", encoding="utf-8")
    line = _one_error_line(invoke("gazetteer", "add", empty, "--dir", folder), "E111")
    assert str(empty) in line
    _unchanged(folder, before)
    broken = tmp_path / "wikidata.json"  # same name as the built file, with a bad ISO code
    broken.write_text(json.dumps({"countries": [{"iso3": "ATFX", "wikidata": "Q9000001"}]}), encoding="utf-8")
    line = _one_error_line(invoke("gazetteer", "add", broken, "--dir", folder), "E112")
    assert "iso3" in line
    _unchanged(folder, before)
