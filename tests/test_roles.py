"""Who acts on whom, read from the shipped parsers' trees: reporting clauses, passives,
relative clauses, coordinated acts and dates by clause. Sentences written for these tests
(none is from the development set); the people are in the shipped gazetteer."""

from __future__ import annotations

import pytest

from dyads import Options, RawDocument, extract
from dyads.langdata import Knowledge


@pytest.fixture(scope="module", autouse=True)
def parsers_shipped():
    missing = [lang for lang in ("id", "en") if Knowledge.default().parsers.get(lang) is None]
    assert not missing, f"no shipped parser for {missing}"


def _events(text: str, language: str, published: str) -> list[dict]:
    data = extract(RawDocument(text.encode(), "test.txt"), Options(published=published, language=language)).to_dict()
    names = {e["id"]: e["name"] for e in data["entities"]}
    out = []
    for event in data["events"]:
        roles = {"source": set(), "target": set()}
        for actor in event["actors"]:
            roles[actor["role"]].add(names[actor["entity"]])
        out.append({**event, "sources": roles["source"], "targets": roles["target"]})
    return out


def _one(events: list[dict], type_: str, mode: str | None) -> dict:
    found = [e for e in events if (e["type"], e["mode"]) == (type_, mode)]
    assert len(found) == 1, [(e["type"], e["mode"], e["sources"], e["targets"]) for e in events]
    return found[0]


@pytest.mark.parametrize(("text", "language"), [
    ("Menurut Penny Wong, Richard Marles mengunjungi Tokyo pada hari Rabu.", "id"),
    ("According to Penny Wong, Richard Marles visited Tokyo on Wednesday.", "en"),
    ("Richard Marles visited Tokyo on Wednesday, Penny Wong said.", "en"),
])
def test_the_speaker_of_a_reporting_clause_is_no_party(text, language):
    visit = _one(_events(text, language, "2024-03-15"), "CONSULT", "visit")
    assert visit["sources"] == {"Richard Marles"}
    assert "Penny Wong" not in visit["targets"]
    assert visit["date"] == "2024-03-13"


@pytest.mark.parametrize(("text", "language"), [
    ("Manila dikunjungi oleh Lloyd Austin pada hari Selasa.", "id"),
    ("Manila was visited by Lloyd Austin on Tuesday.", "en"),
])
def test_a_passive_agent_is_the_visitor(text, language):
    visit = _one(_events(text, language, "2023-02-03"), "CONSULT", "visit")
    assert visit["sources"] == {"Lloyd Austin"}
    assert visit["date"] == "2023-01-31"


def test_each_act_of_a_coordination_keeps_its_own_date():
    text = ("Richard Marles tiba di Jakarta pada hari Senin dan bertemu dengan Prabowo Subianto "
            "pada hari Selasa.")
    events = _events(text, "id", "2023-02-10")
    meeting = _one(events, "CONSULT", "meeting")
    assert {"Richard Marles", "Prabowo Subianto"} <= meeting["sources"] | meeting["targets"]
    assert meeting["date"] == "2023-02-07"


def test_a_relative_clause_takes_its_noun_as_subject():
    text = "Lloyd Austin, who arrived in Tokyo on Sunday, met Minoru Kihara on Monday."
    events = _events(text, "en", "2024-03-20")
    meeting = _one(events, "CONSULT", "meeting")
    assert {"Lloyd Austin", "Minoru Kihara"} <= meeting["sources"] | meeting["targets"]
    assert meeting["date"] == "2024-03-18"


def test_a_request_is_read_from_its_complement():
    text = "Rustem Umerov asked Lloyd Austin on Friday to speed up deliveries of air-defence missiles."
    request = _one(_events(text, "en", "2024-05-04"), "REQUEST", "assist")
    assert request["sources"] == {"Rustem Umerov"}
    assert "Lloyd Austin" in request["targets"]


def test_an_act_a_word_only_allows_is_not_asserted():
    text = "The agreement signed by Japan and Australia will allow joint exercises in northern Australia."
    events = _events(text, "en", "2022-01-07")
    assert not [e for e in events if e["type"] == "COOPERATE"]
