"""The record's commands as a user runs them: ingest, events with every filter and format,
timeline, entity, stats, forget and every export format (PLOVER checked field by field)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import ROOT, empty_database, run_cli

SAMPLES = ROOT / "samples"
PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def record(request, tmp_path_factory, seeds) -> str:
    """A database holding the seeds and the bundled samples, ingested by the real command."""
    url = empty_database(request.param, tmp_path_factory.mktemp("record"))
    result = run_cli("ingest", str(seeds), str(SAMPLES), "--db", url)
    assert result.returncode == 0, result.stderr
    assert "8 new, 0 unchanged, 0 failed" in result.stderr
    assert "1 syndicated copies" in result.stderr
    return url


def events(record: str, *args: str) -> list[dict]:
    result = run_cli("events", *args, "--format", "json", "--db", record)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_events_json_is_the_contract_record(record):
    found = events(record)
    assert len(found) > 20
    assert [(e["date"] or "", e["id"]) for e in found] == sorted((e["date"] or "", e["id"]) for e in found)
    keys = {"id", "type", "mode", "context", "status", "date", "date_text", "actors", "location", "amounts",
            "quote", "confidence", "sources", "related"}
    for event in found:
        assert keys <= set(event)
        for actor in event["actors"]:
            assert set(actor) == {"id", "name", "wikidata", "country", "role"}
        assert event["location"] is None or set(event["location"]) == {"id", "name", "wikidata", "country"}
        assert event["sources"]
        for source in event["sources"]:
            assert set(source) == {"document", "path", "language", "published", "evidence"}
            assert source["evidence"] in Path(source["path"]).read_text(encoding="utf-8")
    amounts = [a for e in found for a in e["amounts"]]
    assert {"value": 1000000000, "currency": "KRW"} in amounts  # the seed's aid, in every stated form
    assert any(e["quote"] and e["quote"]["speaker"] for e in found)


def test_names_resolve_in_any_language_code_or_id(record):
    by_name = [events(record, "--actor", name) for name in ("South Korea", "Korea Selatan", "韓国", "KOR", "Q884")]
    assert by_name[0] and all(found == by_name[0] for found in by_name)
    persons = [events(record, "--actor", name) for name in ("Shin Won-sik", "Menteri Pertahanan Singh")]
    assert persons[0] and persons[0] == persons[1]


def test_every_filter_selects_what_it_says(record):
    everything = events(record)
    checks = {
        ("--type", "CONSULT"): lambda e: e["type"] == "CONSULT",
        ("--mode", "visit"): lambda e: e["mode"] == "visit",
        ("--context", "cyber"): lambda e: "cyber" in e["context"],
        ("--since", "2023"): lambda e: e["date"] >= "2023",
        ("--until", "2022-04"): lambda e: e["date"][:7] <= "2022-04",
        ("--status", "planned"): lambda e: e["status"] == "planned",
        ("--min-sources", "2"): lambda e: len(e["sources"]) >= 2,
        ("--country", "Belgia"): lambda e: True,  # checked against the actors below
    }
    for args, holds in checks.items():
        found = events(record, *args)
        assert found, args
        assert len(found) < len(everything), args
        assert all(holds(e) for e in found), args
    dyad = events(record, "--between", "Korea Selatan", "NATO")
    assert dyad and all({"KOR", "Q7184"} & {a["id"] for a in e["actors"]} or e["actors"] for e in dyad)
    assert len(dyad) < len(everything)
    combined = events(record, "--type", "CONSULT", "--mode", "visit", "--since", "2022", "--until", "2023")
    assert combined and all(e["mode"] == "visit" and "2022" <= e["date"][:4] <= "2023" for e in combined)


def test_table_and_csv_formats(record):
    table = run_cli("events", "--between", "South Korea", "NATO", "--db", record)
    assert table.returncode == 0 and "CONSULT/visit" in table.stdout and "Seoul" in table.stdout
    result = run_cli("events", "--format", "csv", "--db", record)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == len(events(record))
    assert {"id", "date", "type", "actors", "evidence"} <= set(rows[0])


def test_timeline_pairs_return_visits(record):
    result = run_cli("timeline", "South Korea", "NATO", "--db", record)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    dyad = json.loads(run_cli("timeline", "韓国", "NATO", "--format", "json", "--db", record).stdout)
    assert lines[0].startswith("South Korea – North Atlantic Treaty Organization") and len(lines) == len(dyad) + 1
    returns = [e for e in dyad if e["related"]]
    assert returns, "Bauer's April 2022 visit returns Won's November 2021 visit"
    earlier = {e["id"]: e for e in dyad}[returns[0]["related"][0]["event"]]
    assert earlier["mode"] == "visit" and earlier["date"] < returns[0]["date"]
    assert any("return visit to" in line for line in lines)


def test_entity_shows_identity_roles_counterparts_and_events(record):
    result = run_cli("entity", "Menteri Pertahanan Singh", "--format", "json", "--db", record)
    profile = json.loads(result.stdout)
    assert profile["name"] == "Shin Won-sik" and profile["country"] == "KOR"
    assert any(r["title"] == "Minister of National Defense" and r["start"].startswith("2023") for r in profile["roles"])
    assert profile["events"] and "Christopher Cavoli" in {c["name"] for c in profile["counterparts"]}
    table = run_cli("entity", "NATO", "--db", record)
    assert table.returncode == 0 and "North Atlantic Treaty Organization" in table.stdout


def test_stats(record):
    found = json.loads(run_cli("stats", "--format", "json", "--db", record).stdout)
    assert found["totals"]["documents"] == 8
    assert {row["language"] for row in found["documents_by_language_month"]} == {"en", "id"}
    assert sum(row["events"] for row in found["events_by_type"]) == found["totals"]["events"]


def test_exports(record, tmp_path):
    import pyarrow.parquet as pq

    everything = events(record)
    for fmt in ("csv", "jsonl", "parquet", "plover"):
        target = tmp_path / f"events.{fmt}"
        result = run_cli("export", "--format", fmt, "-o", str(target), "--db", record)
        assert result.returncode == 0, result.stderr
        assert f"exported {len(everything)} events" in result.stderr
    assert pq.read_table(tmp_path / "events.parquet").num_rows == len(everything)
    assert [json.loads(line) for line in (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()] == everything
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == len(everything)
    assert not list(tmp_path.glob(".*part"))  # no leftovers of the atomic write
    plover = [json.loads(line) for line in (tmp_path / "events.plover").read_text(encoding="utf-8").splitlines()]
    _validate_plover(plover, {e["id"]: e for e in everything})


def _validate_plover(records: list[dict], events_by_id: dict[str, dict]) -> None:
    assert len(records) == len(events_by_id)
    for record in records:
        event = events_by_id[record["id"]]
        # contract §2: planned events are AGREE, signings (occurred AGREE) SUPPORT, and a mode
        # PLOVER does not define for the exported type is kept in the comment
        expected = "AGREE" if event["status"] == "planned" else "SUPPORT" if event["type"] == "AGREE" else event["type"]
        assert record["event"] == expected and record["event"] in PLOVER_TYPES
        assert record["mode"] in (event["mode"], None) and record["context"] == event["context"]
        if event["mode"] and record["mode"] is None:
            assert f"mode: {event['mode']}" in record["comment"]
        precision = {10: "day", 7: "month", 4: "year"}[len(event["date"])] if event["date"] else None
        assert record["date_precision"] == precision
        if event["date"]:
            assert len(record["date"]) == 10 and record["date"].startswith(event["date"])
        for side in ("actor", "recipient"):
            if record[side] is not None:
                match = [a for a in event["actors"] if a["id"] == record[side]["dyads_id"]]
                assert match and record[side]["name"] == match[0]["name"]
                assert record[side]["identifier_id"] == match[0]["wikidata"]
                assert record[side]["country"] == match[0]["country"]
        sources = [a for a in event["actors"] if a["role"] == "source"]
        if sources:
            assert record["actor"]["dyads_id"] == sources[0]["id"]
        named = {record["actor"]["dyads_id"] if record["actor"] else None,
                 record["recipient"]["dyads_id"] if record["recipient"] else None} - {None}
        assert named | {a["dyads_id"] for a in record["other_actors"]} == {a["id"] for a in event["actors"]}
        if event["location"]:
            assert record["event_loc"]["name"] == event["location"]["name"]
            assert record["event_loc"]["identifier_id"] == event["location"]["wikidata"]
        else:
            assert record["event_loc"] is None
        assert record["event_text"] == event["sources"][0]["evidence"]
        assert record["text_info"]["document"] == event["sources"][0]["document"]
        assert record["text_info"]["sources"] == len(event["sources"])
        assert [c["document"] for c in record["cite_info"]] == [s["document"] for s in event["sources"]]
        assert record["coder_info"]["confidence"] == event["confidence"]


def test_forget_and_bad_input_fail_cleanly(record, tmp_path):
    cases = [
        (("forget", "0" * 64), "no such document in the record"),
        (("events", "--since", "2024-13"), "invalid date '2024-13' for --since"),
        (("events", "--actor", "Atlantis Republic"), "no entity in the gazetteer or the record is called 'Atlantis Republic'"),
        (("export", "--format", "parquet"), "--format parquet needs --output FILE"),
    ]
    for args, message in cases:
        result = run_cli(*args, "--db", record)
        assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr, args
    missing = run_cli("events", "--db", str(tmp_path / "no" / "such" / "dyads.db"))
    assert missing.returncode == 2 and "folder does not exist" in missing.stderr


def test_forget_retracts_through_the_command(tmp_path, seeds):
    url = f"sqlite:///{tmp_path / 'f.db'}"
    assert run_cli("ingest", str(seeds), "--db", url).returncode == 0
    before = events(url)
    document = before[0]["sources"][0]["document"]
    result = run_cli("forget", document, "--db", url)
    assert result.returncode == 0 and document in result.stderr
    after = events(url)
    assert len(after) < len(before)
    assert all(s["document"] != document for e in after for s in e["sources"])


def test_review_from_the_command_line(tmp_path, seeds):
    url = f"sqlite:///{tmp_path / 'r.db'}"
    assert run_cli("ingest", str(seeds), "--db", url).returncode == 0
    queue = run_cli("review", "--db", url)
    assert queue.returncode == 0 and "events to review" in queue.stdout
    first = events(url)[0]
    shown = json.loads(run_cli("review", first["id"], "--db", url).stdout)
    assert shown["id"] == first["id"] and shown["reports"]
    rejected = run_cli("review", first["id"], "--reject", "--as", "tester", "--db", url)
    assert rejected.returncode == 0 and "reject recorded" in rejected.stderr
    assert first["id"] not in {e["id"] for e in events(url)}
    second = events(url)[0]
    corrected = run_cli("review", second["id"], "--correct", "type=CONSULT", "--correct", "mode=phone", "--as", "tester", "--db", url)
    assert corrected.returncode == 0, corrected.stderr
    after = {e["id"]: e for e in events(url)}[second["id"]]
    assert (after["type"], after["mode"]) == ("CONSULT", "phone")
    history = json.loads(run_cli("review", second["id"], "--db", url).stdout)["reviews"]
    assert history[-1]["reviewer"] == "tester" and history[-1]["changes"] == {"type": "CONSULT", "mode": "phone"}
    both = run_cli("review", second["id"], "--accept", "--reject", "--db", url)
    assert both.returncode == 2 and "choose one decision" in both.stderr
    bad = run_cli("review", second["id"], "--correct", "colour", "--db", url)
    assert bad.returncode == 2 and "FIELD=VALUE" in bad.stderr and "Traceback" not in bad.stderr
    token = run_cli("token", "create", "alice", "--db", url)
    assert token.returncode == 0 and token.stdout.startswith("dy_")
    again = run_cli("token", "create", "alice", "--db", url)
    assert again.returncode == 2 and "exists already" in again.stderr
