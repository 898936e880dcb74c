"""CONTRACT §3 scoring, on extractions the tests write by hand, so that each rule of the
matcher is pinned down; and the command on real folders."""

from __future__ import annotations

import json

import pytest

from conftest import run_cli
from dyads.eval.gold import Gold
from dyads.eval.names import norm
from dyads.eval.scoring import score


def _extraction(text: str, entities=(), events=(), published="2024-03-01"):
    return {"document": {"text": text, "published": published}, "entities": list(entities), "events": list(events)}


def _gold(**fields):
    base = {"published": "2024-03-01", "language": "id", "must_not_survive_cleaning": [], "entities": [], "events": []}
    base.update(fields)
    return Gold.model_validate(base)


SHIN = {"id": "e1", "name": "Shin Won-sik", "type": "person", "country": "KOR", "affiliation": "e3",
        "aliases": ["Shin Won-sik", "Singh", "Menteri Pertahanan Singh"]}
CAVOLI = {"id": "e2", "name": "Christopher Cavoli", "type": "person", "country": None, "affiliation": "e4", "aliases": ["Cavoli"]}
MND = {"id": "e3", "name": "Ministry of National Defense", "type": "organization", "country": "KOR", "aliases": []}
ACO = {"id": "e4", "name": "Allied Command Operations", "type": "organization", "country": None, "part_of": "e5", "aliases": []}
NATO = {"id": "e5", "name": "NATO", "type": "organization", "country": None, "aliases": ["NATO"]}
KOREA = {"id": "e6", "name": "South Korea", "type": "country", "country": "KOR", "aliases": ["Korea Selatan"]}
SEOUL = {"id": "e7", "name": "Seoul", "type": "place", "country": "KOR", "aliases": ["Seoul"]}
ENTITIES = [SHIN, CAVOLI, MND, ACO, NATO, KOREA, SEOUL]


def _event(type="CONSULT", mode="meeting", date="2024-02-29", actors=("e1", "e2"), **extra):
    return {"type": type, "mode": mode, "date": date, "status": "occurred",
            "actors": [{"entity": a, "role": "participant"} for a in actors], "location": None, **extra}


GOLD_MEETING = {"type": "CONSULT", "mode": "meeting", "date": "2024-02-29", "status": "occurred",
                "actors": [["Shin Won-sik", "South Korea"], ["Christopher Cavoli", "NATO"]],
                "location": ["Seoul"], "evidence": "bertemu"}


def test_name_normalisation_ignores_case_accents_and_punctuation():
    assert norm("Won In-choul") == norm("won inchoul") == norm("WON IN‑CHOUL")
    assert norm("Pérez") == norm("Perez")
    assert norm("O'Brien") == norm("OBrien")
    assert norm("Adm. Bauer") == norm("adm bauer")


def test_cleaning_and_published_counts():
    gold = _gold(must_not_survive_cleaning=["login sbobet", "By gacor88"], events=[GOLD_MEETING])
    scored = score("x", _extraction("… bertemu … By gacor88", published="2024-02-29"), gold)
    m = scored.counts.metrics()
    assert m["cleaning_spam_removed"] == 0.5
    assert m["cleaning_evidence_kept"] == 1.0
    assert m["published"] == 0.0
    assert "cleaning: kept 'By gacor88'" in scored.misses


def test_entity_recall_precision_and_alias_recall():
    gold = _gold(entities=[
        {"type": "person", "names": ["Shin Won-sik", "Shin Won-shik"], "surface": ["Shin Won-sik", "Singh"]},
        {"type": "person", "names": ["Christopher Cavoli"], "surface": ["Christopher Cavoli", "Cavoli"]},
        {"type": "organization", "names": ["NATO"], "surface": ["NATO"]},
        {"type": "country", "names": ["Japan"], "surface": ["Jepang"]},
        {"type": "place", "names": ["Seoul"], "surface": ["Seoul"]},
    ])
    extra = {"id": "e9", "name": "Komandan", "type": "person", "aliases": ["Komandan"]}
    m = score("x", _extraction("", entities=[*ENTITIES, extra]), gold).counts.metrics()
    assert m["entity_recall"] == 3 / 4           # Japan missing; Seoul (place) not scored
    # predicted non-places: Shin, Cavoli, MND, ACO, NATO, South Korea, Komandan → 3 match gold names
    assert m["entity_precision"] == 3 / 7
    assert m["alias_recall"] == 3 / 4            # "Christopher Cavoli" is not among Cavoli's aliases


def test_person_does_not_match_an_organisation_of_the_same_name():
    gold = _gold(entities=[{"type": "person", "names": ["NATO"], "surface": []}])
    assert score("x", _extraction("", entities=[NATO]), gold).counts.entity_found == 0


def test_event_matches_through_affiliation_part_of_and_country():
    gold = _gold(events=[GOLD_MEETING])
    # actor e3 (the ministry) covers "South Korea" through its country; e4 covers NATO through part_of
    scored = score("x", _extraction("bertemu", ENTITIES, [_event(actors=("e3", "e4"))]), gold)
    assert scored.counts.event_exact == 1


def test_one_actor_cannot_cover_two_gold_groups():
    gold = _gold(events=[{**GOLD_MEETING, "actors": [["South Korea"], ["Shin Won-sik"]]}])
    assert score("x", _extraction("", ENTITIES, [_event(actors=("e1",))]), gold).counts.event_matched == 0
    assert score("x", _extraction("", ENTITIES, [_event(actors=("e1", "e6"))]), gold).counts.event_matched == 1


def test_type_and_status_must_agree():
    gold = _gold(events=[GOLD_MEETING])
    assert score("x", _extraction("", ENTITIES, [_event(type="AGREE")]), gold).counts.event_matched == 0
    planned = {**_event(), "status": "planned"}
    assert score("x", _extraction("", ENTITIES, [planned]), gold).counts.event_matched == 0


def test_two_passes_exact_date_first_then_any_date():
    gold = _gold(events=[GOLD_MEETING, {**GOLD_MEETING, "date": "2024-02-28"}])
    predicted = [_event(date="2024-02"), _event(date="2024-02-29")]
    c = score("x", _extraction("", ENTITIES, predicted), gold).counts
    # pass 1 gives the 29th its exact twin; pass 2 gives the 28th the month-only event
    assert (c.event_exact, c.event_matched) == (1, 2)
    m = c.metrics()
    assert m["event_f1"] == pytest.approx(0.5)
    assert m["event_f1_any_date"] == 1.0
    assert m["date_accuracy"] == 0.5


def test_unscored_types_neither_reward_nor_penalise():
    gold = _gold(events=[GOLD_MEETING])
    predicted = [_event(), _event(type="THREATEN")]
    m = score("x", _extraction("", ENTITIES, predicted), gold).counts.metrics()
    assert m["event_f1"] == 1.0


def test_mode_location_amount_and_quote_accuracies():
    gold_event = {**GOLD_MEETING, "type": "AID", "mode": "military",
                  "amount": {"value": 811000, "currency": "USD"},
                  "quote": {"speaker": "Shin Won-sik", "text": "NATO adalah mitra penting"}}
    gold = _gold(events=[gold_event])
    predicted = _event(type="AID", mode="humanitarian", location="e7",
                       amounts=[{"value": 1000000000, "currency": "KRW"}, {"value": 811000, "currency": "USD"}],
                       quote={"speaker": "e1", "text": "``NATO adalah mitra penting bagi strategi Indo-Pasifik''"})
    m = score("x", _extraction("", ENTITIES, [predicted]), gold).counts.metrics()
    assert (m["mode_accuracy"], m["location_accuracy"], m["amount_accuracy"], m["quote_accuracy"]) == (0.0, 1.0, 1.0, 1.0)


def test_eval_command_lists_misses_and_exits_cleanly(tmp_path):
    (tmp_path / "doc.txt").write_text("12 April 2022\n\nMenteri bertemu Jenderal di Seoul pada hari Senin.\nlogin sbobet\n", encoding="utf-8")
    (tmp_path / "doc.gold.json").write_text(json.dumps({
        "published": "2022-04-13", "language": "id", "must_not_survive_cleaning": ["login sbobet"],
        "entities": [], "events": []}), encoding="utf-8")
    result = run_cli("eval", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["total"]["cleaning_spam_removed"] == 1.0
    assert report["total"]["published"] == 0.0
    assert report["files"][0]["misses"] == ["published: 2022-04-12 (gold 2022-04-13)"]
    table = run_cli("eval", str(tmp_path))
    assert "TOTAL (1 documents)" in table.stdout
    assert "miss  published: 2022-04-12 (gold 2022-04-13)" in table.stdout


def test_invalid_gold_file_is_named(tmp_path):
    (tmp_path / "doc.txt").write_text("Menteri bertemu Jenderal di Seoul pada hari Senin.", encoding="utf-8")
    (tmp_path / "doc.gold.json").write_text('{"published": "2022-04-13", "events": [{"type": "CONSULT"}]}', encoding="utf-8")
    result = run_cli("eval", str(tmp_path))
    assert result.returncode == 2
    assert "doc.gold.json" in result.stderr and "E070" in result.stderr
    assert "Traceback" not in result.stderr


def test_folder_without_gold_files(tmp_path):
    result = run_cli("eval", str(tmp_path))
    assert result.returncode == 2
    assert "E071" in result.stderr
