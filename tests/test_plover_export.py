"""`dyads export --format plover` as contract §2 says, field by field, on a small record built
through the real ingest path: a signing is SUPPORT, a planned event AGREE, a mode PLOVER does
not define for the exported type moves to `comment`; every event, mode and context is one
PLOVER defines."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from dyads.cli.app import app
from dyads.store.engine import open_engine
from dyads.store.ingest import ingest
from dyads.store.query import EventFilter, find_events

# PLOVER's own vocabulary (the PLOVER manual's event types and mode tables; REQUEST and
# REJECT as contract §2 gives them), written out here so the test does not read the code's.
PLOVER_EVENTS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                 "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
PLOVER_MODES = {"CONSULT": {"visit", "third-party", "multilateral", "phone"},
                "AID": {"economic", "military", "humanitarian", "asylum"},
                "REQUEST": {"assist", "change", "yield", "meet"}, "REJECT": {"assist", "change", "yield", "meet"}}
PLOVER_CONTEXTS = {"military", "intelligence", "executive", "legislative", "election", "political_institutions",
                   "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
                   "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
                   "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
                   "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
                   "misinformation", "crime", "corruption", "illegal_drugs", "trafficking"}

WIRE = [
    ("https://example.org/a", "2024-03-06", ("Jakarta (ANTARA) - Indonesia and South Korea signed a defense cooperation "
     "agreement in Jakarta on Monday, Indonesian Defense Minister Prabowo Subianto said.")),
    ("https://example.org/b", "2024-03-06", ("Brussels - South Korean Defense Minister Shin Won-sik met NATO Secretary "
     "General Jens Stoltenberg in Brussels on Tuesday to discuss cyber defense.")),
    ("https://example.org/c", "2024-03-06", ("Tokyo - Japanese Defense Minister Minoru Kihara will visit Manila next month, "
     "the ministry said on Wednesday.")),
    ("https://example.org/d", "2024-03-09", ("Tokyo - Australian Defence Minister Richard Marles visited Tokyo on Friday "
     "and met his Japanese counterpart Minoru Kihara.")),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory, knowledge):
    """(the §4 events, the PLOVER records by id) of a record of four wire briefs."""
    folder = tmp_path_factory.mktemp("plover")
    feed = folder / "wire.jsonl"
    feed.write_text("".join(json.dumps({"text": text, "published": day, "language": "en", "url": url}) + "\n"
                            for url, day, text in WIRE), encoding="utf-8")
    url = f"sqlite:///{folder / 'record.db'}"
    engine = open_engine(url)
    summary = ingest([str(feed)], engine, workers=1, knowledge=knowledge)
    assert summary.new == 4 and summary.failed == 0
    with engine.connect() as connection:
        found = find_events(connection, EventFilter())
    engine.dispose()
    target = folder / "events.plover.jsonl"
    result = CliRunner().invoke(app, ["export", "--format", "plover", "-o", str(target), "--db", url])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [e["id"] for e in found]
    return found, {r["id"]: r for r in records}


def _one(found, type_, mode, status, source):
    (event,) = [e for e in found if (e["type"], e["mode"], e["status"]) == (type_, mode, status)
                and any(a["name"] == source and a["role"] == "source" for a in e["actors"])]
    return event


def test_a_signing_is_support(exported):
    found, records = exported
    event = _one(found, "AGREE", "agreement", "occurred", "Indonesia")
    record = records[event["id"]]
    assert record["event"] == "SUPPORT" and record["mode"] is None
    assert "signing" in record["comment"] and "mode: agreement" in record["comment"]
    assert (record["date"], record["date_precision"]) == (event["date"], "day") == ("2024-03-04", "day")
    assert record["event_loc"]["name"] == "Jakarta"


def test_a_planned_visit_is_agree_with_its_type_and_mode_in_the_comment(exported):
    found, records = exported
    event = _one(found, "CONSULT", "visit", "planned", "Minoru Kihara")
    record = records[event["id"]]
    assert record["event"] == "AGREE" and record["mode"] is None
    assert "planned CONSULT" in record["comment"] and "mode: visit" in record["comment"]
    assert (record["date"], record["date_precision"]) == ("2024-04-01", "month")
    assert record["actor"]["name"] == "Minoru Kihara" and record["actor"]["dyads_id"] == event["actors"][0]["id"]


def test_a_dyads_only_mode_moves_to_the_comment(exported):
    found, records = exported
    event = _one(found, "CONSULT", "meeting", "occurred", "Shin Won-sik")
    record = records[event["id"]]
    assert (record["event"], record["mode"], record["comment"]) == ("CONSULT", None, "mode: meeting")
    assert record["actor"]["name"] == "Shin Won-sik" and record["recipient"]["name"] == "Jens Stoltenberg"
    assert record["context"] == event["context"] == ["cyber", "military"]
    assert record["event_loc"]["name"] == "Brussels"


def test_a_plover_mode_stays(exported):
    found, records = exported
    event = _one(found, "CONSULT", "visit", "occurred", "Richard Marles")
    record = records[event["id"]]
    assert (record["event"], record["mode"], record["comment"]) == ("CONSULT", "visit", None)
    assert record["recipient"]["name"] == "Japan" and record["recipient"]["identifier_id"] == "Q17"
    assert record["recipient"]["identifier_source"] == "wikidata" and record["recipient"]["country"] == "JPN"


def test_every_record_is_plover_and_traces_its_sources(exported):
    found, records = exported
    texts = {url: text for url, _, text in WIRE}
    for event in found:
        record = records[event["id"]]
        assert record["event"] in PLOVER_EVENTS
        assert record["mode"] is None or record["mode"] in PLOVER_MODES.get(record["event"], set())
        assert set(record["context"]) <= PLOVER_CONTEXTS
        if event["mode"] and record["mode"] is None:
            assert f"mode: {event['mode']}" in record["comment"]
        assert record["event_text"] == event["sources"][0]["evidence"]
        assert any(record["event_text"] in text for text in texts.values())
        assert [c["document"] for c in record["cite_info"]] == [s["document"] for s in event["sources"]]
        assert record["text_info"]["sources"] == len(event["sources"])
        assert record["coder_info"]["confidence"] == event["confidence"]
