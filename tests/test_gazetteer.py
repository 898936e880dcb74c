"""The gazetteer: shipped data loads fast enough to matter and fits its schema; tenures
answer "who held this office that day"; a user's additions and a Wikidata dump extend it."""

from __future__ import annotations

import bz2
import json
import shutil

import pytest

from conftest import run_cli
from dyads import RawDocument, extract
from dyads.gazetteer.load import GazetteerError, load
from dyads.langdata import Knowledge
from dyads.langdata.knowledge import DATA_DIR


@pytest.fixture(scope="module")
def gazetteer():
    return Knowledge.default().gazetteer


def test_shipped_gazetteer_covers_the_states_and_nato(gazetteer):
    for key in ("kor", "prk", "jpn", "usa", "idn", "aus", "phl", "chn", "rus", "ukr", "nato", "nato-mc", "kor-mnd"):
        assert key in gazetteer.entries, key
    assert gazetteer["kor"].name == "South Korea"
    assert "Korea Selatan" in gazetteer["kor"].names and "韓国" in gazetteer["kor"].names
    assert gazetteer["nato-mc"].part_of == "nato"


@pytest.mark.parametrize(("office", "day", "country", "holder"), [
    ("defense-minister", "2022-04-11", "KOR", "Suh Wook"),
    ("defense-minister", "2024-02-29", "KOR", "Shin Won-sik"),
    ("defense-minister", "2024-03", "KOR", "Shin Won-sik"),
    ("chief-of-defense", "2022-04-11", "KOR", "Won In-choul"),
    ("head-of-state", "2023-07-11", "KOR", "Yoon Suk Yeol"),
    ("defense-minister", "2022-02-10", "IDN", "Prabowo Subianto"),
    ("head-of-state", "2025-01-01", "IDN", "Prabowo Subianto"),
])
def test_who_held_the_office_that_day(gazetteer, office, day, country, holder):
    assert [e.name for e in gazetteer.holders_on(office, day, country)] == [holder]


@pytest.mark.parametrize(("office", "day", "holder"), [
    ("nato-mc-chair", "2016-05-15", "Petr Pavel"),
    ("nato-mc-chair", "2022-04-11", "Rob Bauer"),
    ("saceur", "2024-02-29", "Christopher Cavoli"),
])
def test_nato_offices(gazetteer, office, day, holder):
    assert [e.name for e in gazetteer.holders_on(office, day)] == [holder]


def test_wikidata_ids_are_well_formed_or_null(gazetteer):
    import re

    for entry in gazetteer.entries.values():
        assert entry.wikidata is None or re.fullmatch(r"Q[1-9]\d*", entry.wikidata), entry.key


def test_broken_shipped_file_names_itself(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    broken = data / "gazetteer" / "people" / "kor.yaml"
    broken.write_text("- key: x\n  name: X\n  roles:\n    - title: President\n      start: 2024-13-01\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        load(data)
    assert str(broken) in str(caught.value) and "start" in str(caught.value)


def test_duplicate_key_names_both_files(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "gazetteer" / "people" / "zzz.yaml").write_text("- key: shin-won-sik\n  name: Someone Else\n", encoding="utf-8")
    with pytest.raises(GazetteerError) as caught:
        load(data)
    assert "zzz.yaml" in str(caught.value) and "kor.yaml" in str(caught.value)


USER_FILE = """\
people:
  - key: lee-test-minister
    name: Lee Hyun-woo
    country: KOR
    names: {en: [Lee Hyun-woo], ko: [이현우]}
    roles:
      - {title: Minister of National Defense, organization: kor-mnd, start: 2030-01-01, end: null}
"""


def test_gazetteer_add_extends_linking(tmp_path):
    mine = tmp_path / "mine.yaml"
    mine.write_text(USER_FILE, encoding="utf-8")
    folder = tmp_path / "gaz"
    result = run_cli("gazetteer", "add", str(mine), "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    assert (folder / "mine.yaml").exists()
    knowledge = Knowledge.load(user_gazetteer=folder)
    text = "2030/05/01 09:00 KST\nMenteri Pertahanan Korea Selatan Lee Hyun-woo bertemu dengan Sekretaris Jenderal NATO di Seoul."
    entities = extract(RawDocument(text.encode(), "x.txt"), knowledge=knowledge).entities
    lee = next(e for e in entities if e["name"] == "Lee Hyun-woo")
    assert lee["roles"] == ["Minister of National Defense"] and lee["country"] == "KOR"


def test_gazetteer_add_refuses_a_bad_file_whole(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("people:\n  - key: a\n    name: A\n    wikidata: not-a-qid\n", encoding="utf-8")
    folder = tmp_path / "gaz"
    result = run_cli("gazetteer", "add", str(bad), "--dir", str(folder))
    assert result.returncode == 2
    assert "bad.yaml" in result.stderr and "wikidata" in result.stderr and "Traceback" not in result.stderr
    assert not folder.exists() or not any(folder.iterdir())


def _claim(prop, value_id=None, qualifiers=None, string=None):
    value = {"value": string, "type": "string"} if string else {
        "value": {"entity-type": "item", "numeric-id": int(value_id[1:]), "id": value_id}, "type": "wikibase-entityid"}
    claim = {"mainsnak": {"snaktype": "value", "property": prop, "datavalue": value}, "type": "statement", "rank": "normal"}
    if qualifiers:
        claim["qualifiers"] = qualifiers
    return claim


def _time(prop, text, precision=11):
    return {prop: [{"snaktype": "value", "property": prop, "datavalue": {
        "value": {"time": text, "timezone": 0, "before": 0, "after": 0, "precision": precision,
                  "calendarmodel": "http://www.wikidata.org/entity/Q1985727"}, "type": "time"}}]}


def _label(lang, text):
    return {lang: {"language": lang, "value": text}}


def _dump_items():
    utopia = {"type": "item", "id": "Q9000001", "labels": {**_label("en", "Testland"), **_label("id", "Negeri Uji")},
              "claims": {"P297": [_claim("P297", string="XT")], "P298": [_claim("P298", string="ATF")]}}
    position = {"type": "item", "id": "Q9000002", "labels": _label("en", "Minister of Defence of Testland"),
                "claims": {"P31": [_claim("P31", "Q4164871")], "P1001": [_claim("P1001", "Q9000001")]}}
    minister = {"type": "item", "id": "Q9000003",
                "labels": {**_label("en", "Arda Vantorel"), **_label("ko", "아르다 반토렐")},
                "aliases": {"en": [{"language": "en", "value": "A. Vantorel"}]},
                "claims": {"P31": [_claim("P31", "Q5")], "P27": [_claim("P27", "Q9000001")],
                           "P39": [_claim("P39", "Q9000002", {**_time("P580", "+2031-02-03T00:00:00Z"),
                                                               **_time("P582", "+2033-06-00T00:00:00Z", 10)})]}}
    ministry = {"type": "item", "id": "Q9000004", "labels": _label("en", "Defence Ministry of Testland"),
                "claims": {"P31": [_claim("P31", "Q192350")], "P17": [_claim("P17", "Q9000001")]}}
    noise = {"type": "item", "id": "Q9000005", "labels": _label("en", "A painting"), "claims": {"P31": [_claim("P31", "Q3305213")]}}
    return [utopia, position, minister, ministry, noise]


def _write_dump(path):
    lines = ["["] + [json.dumps(item) + "," for item in _dump_items()]
    lines[-1] = lines[-1].rstrip(",")
    lines.append("]")
    with bz2.open(path, "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")


def test_gazetteer_build_from_a_wikidata_dump(tmp_path):
    dump = tmp_path / "excerpt.json.bz2"
    _write_dump(dump)
    folder = tmp_path / "gaz"
    result = run_cli("gazetteer", "build", str(dump), "--dir", str(folder))
    assert result.returncode == 0, result.stderr
    built = json.loads((folder / "wikidata.json").read_text(encoding="utf-8"))
    (person,) = built["people"]
    assert person["name"] == "Arda Vantorel" and person["wikidata"] == "Q9000003" and person["country"] == "ATF"
    assert person["roles"] == [{"title": "Minister of Defence", "organization": "atf",
                                "start": "2031-02-03", "end": "2033-06"}]
    assert [o["name"] for o in built["organizations"]] == ["Defence Ministry of Testland"]
    assert built["countries"][0]["iso3"] == "ATF" and built["countries"][0]["wikidata"] == "Q9000001"

    knowledge = Knowledge.load(user_gazetteer=folder)
    gazetteer = knowledge.gazetteer
    assert [e.name for e in gazetteer.holders_on("defense-minister", "2032-01-01", "ATF")] == ["Arda Vantorel"]
    assert gazetteer.holders_on("defense-minister", "2034-01-01", "ATF") == []
    text = "2032/01/10 10:00 KST\nDefense Minister Arda Vantorel met South Korea's defense minister in Seoul on Friday."
    names = {e["name"] for e in extract(RawDocument(text.encode(), "x.txt"), knowledge=knowledge).entities}
    assert "Arda Vantorel" in names


def test_gazetteer_build_names_a_missing_dump(tmp_path):
    result = run_cli("gazetteer", "build", str(tmp_path / "nope.json.bz2"), "--dir", str(tmp_path))
    assert result.returncode == 2 and "nope.json.bz2" in result.stderr
