"""The HTTP API through FastAPI's TestClient, on SQLite and PostgreSQL: every endpoint,
tokens, reviews that survive re-extraction, and bad input answered with JSON (never 500)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import ROOT, empty_database
from dyads.server import create_app
from dyads.store import tokens
from dyads.store.engine import open_engine, writing
from dyads.store.ingest import ingest
from dyads.store.tables import documents

SAMPLES = ROOT / "samples"


@pytest.fixture(params=["sqlite", "postgresql"])
def record(request, tmp_path, seeds, knowledge) -> tuple[str, str]:
    """(database URL, a write token) of a record holding the seeds and the samples."""
    url = empty_database(request.param, tmp_path)
    engine = open_engine(url)
    ingest([str(seeds), str(SAMPLES)], engine, workers=1, knowledge=knowledge)
    with writing(engine) as connection:
        token = tokens.create(connection, "alice")
    engine.dispose()
    return url, token


@pytest.fixture
def client(record) -> TestClient:
    return TestClient(create_app(record[0]))


def auth(record) -> dict[str, str]:
    return {"Authorization": f"Bearer {record[1]}"}


def test_openapi_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/entities", "/api/entities/{entity_id}", "/api/timeline",
                 "/api/graph", "/api/documents/{document_id}", "/api/documents", "/api/events/{event_id}/review",
                 "/api/events/{event_id}/merge", "/api/events/{event_id}/split", "/api/review"):
        assert path in paths


def test_events_are_paginated_and_filtered(client):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["total"] == len(everything["events"]) > 20
    pages = [client.get("/api/events", params={"limit": 7, "offset": o}).json() for o in range(0, everything["total"], 7)]
    assert [e["id"] for p in pages for e in p["events"]] == [e["id"] for e in everything["events"]]
    assert all(p["total"] == everything["total"] for p in pages)
    korea = client.get("/api/events", params={"actor": "韓国", "type": "CONSULT", "limit": 500}).json()
    assert 0 < korea["total"] < everything["total"]
    assert all(e["type"] == "CONSULT" for e in korea["events"])
    dyad = client.get("/api/events", params=[("between", "Korea Selatan"), ("between", "NATO")]).json()
    assert 0 < dyad["total"] < everything["total"]
    searched = client.get("/api/events", params={"q": "cavoli"}).json()
    assert searched["total"] and all("Cavoli" in str(e) for e in searched["events"])


def test_bad_parameters_are_422_json(client):
    for params in ({"since": "2024-13"}, {"limit": 0}, {"limit": 100000}, {"min_sources": "many"}, {"status": "maybe"},
                   {"between": "NATO"}, {"actor": "Atlantis Republic"}, {"offset": -1}, {"sort": "colour"}):
        response = client.get("/api/events", params=params)
        assert response.status_code == 422, params
        assert response.json()["error"], params
    assert client.get("/api/timeline", params={"a": "NATO"}).status_code == 422
    assert client.get("/api/graph", params={"max_edges": 0}).status_code == 422


def test_event_detail_has_every_report_with_its_evidence(client):
    found = client.get("/api/events", params={"min_sources": 2}).json()["events"]
    detail = client.get(f"/api/events/{found[0]['id']}").json()
    assert len(detail["reports"]) >= 2 and detail["review"] is None
    for report in detail["reports"]:
        document = client.get(f"/api/documents/{report['document']}").json()
        span = report["evidence"]
        assert document["text"][span["start"]:span["end"]] == span["text"]
        assert any(e["event"] == found[0]["id"] for e in document["events"])
    missing = client.get("/api/events/ev0000000000000000")
    assert missing.status_code == 404 and "no such event" in missing.json()["error"]
    assert client.get("/api/documents/" + "0" * 64).status_code == 404


def test_entities_timeline_and_graph(client):
    listed = client.get("/api/entities", params={"q": "korea"}).json()
    assert listed["total"] >= 2 and all("korea" in e["name"].lower() for e in listed["entities"])
    korea = client.get("/api/entities/Korea Selatan").json()
    assert (korea["id"], korea["name"], korea["wikidata"]) == ("KOR", "South Korea", "Q884")
    assert korea["events_total"] > 5 and korea["counterparts"]
    shin = client.get("/api/entities/Menteri Pertahanan Singh").json()
    assert shin["name"] == "Shin Won-sik" and shin["roles"]
    assert client.get("/api/entities/Atlantis Republic").status_code == 404
    timeline = client.get("/api/timeline", params={"a": "South Korea", "b": "NATO"}).json()
    assert timeline["a"]["name"] == "South Korea" and timeline["events"]
    assert any(e["related"] for e in timeline["events"])
    graph = client.get("/api/graph").json()
    names = {n["id"] for n in graph["nodes"]}
    assert graph["edges"] and all(e["source"] in names and e["target"] in names and e["weight"] >= 1 for e in graph["edges"])
    consult = client.get("/api/graph", params={"type": "REQUEST"}).json()
    assert sum(e["weight"] for e in consult["edges"]) < sum(e["weight"] for e in graph["edges"])


ARTICLE = ("14 March 2024\n\nAustralian Defence Minister Richard Marles met Indonesian Defence Minister Prabowo Subianto "
           "in Canberra on Thursday.\n“This partnership matters for the whole region,” Marles told reporters after the talks.\n")


def test_posting_a_document_needs_a_token_and_stores_it_once(client, record):
    assert client.post("/api/documents", content=ARTICLE).status_code == 401
    assert client.post("/api/documents", content=ARTICLE, headers={"Authorization": "Bearer nope"}).status_code == 401
    created = client.post("/api/documents", content=ARTICLE, headers={**auth(record), "Content-Type": "text/plain"})
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["extraction"]["schema"] == "dyads.extraction/1" and body["stored"]["new"] is True
    assert body["stored"]["events"] and body["stored"]["by"] == "alice"
    again = client.post("/api/documents", content=ARTICLE, headers={**auth(record), "Content-Type": "text/plain"}).json()
    assert again["stored"]["new"] is False and again["stored"]["events"] == body["stored"]["events"]
    as_json = client.post("/api/documents", json={"text": ARTICLE.replace("Thursday", "Friday"), "published": "2024-03-16"},
                          headers=auth(record))
    assert as_json.status_code == 201 and as_json.json()["extraction"]["document"]["published"] == "2024-03-16"
    html = "<html><head><title>Talks</title></head><body><article><p>" + ARTICLE.replace("\n", " ") + "</p></article></body></html>"
    assert client.post("/api/documents", content=html, headers={**auth(record), "Content-Type": "text/html"}).status_code == 201
    for content, kind in (("", "text/plain"), ("{not json", "application/json"), ('{"title": "no text"}', "application/json")):
        response = client.post("/api/documents", content=content, headers={**auth(record), "Content-Type": kind})
        assert response.status_code == 422 and response.json()["error"]


def test_reviews_change_queries_and_survive_reextraction(client, record, knowledge, seeds):
    queue = client.get("/api/review").json()
    assert queue["total"] > 0
    target = queue["events"][0]["id"]
    assert client.post(f"/api/events/{target}/review", json={"action": "reject"}).status_code == 401
    rejected = client.post(f"/api/events/{target}/review", json={"action": "reject"}, headers=auth(record)).json()
    assert rejected["review"] == "rejected" and rejected["reviews"][-1]["reviewer"] == "alice"
    listed = {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["events"]}
    assert target not in listed
    assert target not in {e["id"] for e in client.get("/api/review", params={"limit": 500}).json()["events"]}
    # a newer extractor re-extracts everything; the human decision stays
    engine = open_engine(record[0])
    with writing(engine) as connection:
        connection.execute(documents.update().values(extractor="dyads 0.0.1"))
    redone = ingest([str(seeds), str(SAMPLES)], engine, workers=1, knowledge=knowledge, reextract=True)
    assert redone.reextracted == 8
    assert client.get(f"/api/events/{target}").json()["review"] == "rejected"
    assert target not in {e["id"] for e in client.get("/api/events", params={"limit": 500}).json()["events"]}


def test_corrections_merges_and_splits(client, record):
    events = client.get("/api/events", params={"limit": 500}).json()["events"]
    single = next(e for e in events if len(e["sources"]) == 1 and e["date"] and len(e["date"]) == 10)
    corrected = client.post(f"/api/events/{single['id']}/review", headers=auth(record),
                            json={"action": "correct", "changes": {"type": "CONSULT", "mode": "phone", "date": single["date"][:7]}}).json()
    assert (corrected["type"], corrected["mode"], corrected["date"], corrected["review"]) == ("CONSULT", "phone", single["date"][:7], "corrected")
    bad = client.post(f"/api/events/{single['id']}/review", headers=auth(record),
                      json={"action": "correct", "changes": {"date": "2024-02-30"}})
    assert bad.status_code == 422 and "invalid date" in bad.json()["error"]
    unknown = client.post(f"/api/events/{single['id']}/review", headers=auth(record), json={"action": "correct", "changes": {"colour": "red"}})
    assert unknown.status_code == 422
    assert client.post(f"/api/events/{single['id']}/review", headers=auth(record), json={"action": "maybe"}).status_code == 422
    # merge two events of the same block, then split one report off again
    by_block: dict[tuple, list[dict]] = {}
    for e in events:
        if e["date"] and e["id"] != single["id"]:
            by_block.setdefault((e["type"], e["mode"], e["status"], e["date"][:7]), []).append(e)
    pair = next(v for v in by_block.values() if len(v) >= 2)
    merged = client.post(f"/api/events/{pair[0]['id']}/merge", json={"other": pair[1]["id"]}, headers=auth(record))
    assert merged.status_code == 200, merged.text
    documents_of = {r["document"] for r in merged.json()["reports"]}
    assert {s["document"] for s in pair[0]["sources"]} | {s["document"] for s in pair[1]["sources"]} <= documents_of
    report = merged.json()["reports"][-1]["id"]
    split = client.post(f"/api/events/{merged.json()['id']}/split", json={"report": report}, headers=auth(record))
    assert split.status_code == 200 and [r["id"] for r in split.json()["reports"]] == [report]
    far = next(e for e in events if e["type"] != pair[0]["type"])
    refused = client.post(f"/api/events/{pair[0]['id']}/merge", json={"other": far["id"]}, headers=auth(record))
    assert refused.status_code == 422 and "same type" in refused.json()["error"]


def test_a_private_record_needs_a_token_to_read(record):
    client = TestClient(create_app(record[0], private=True))
    assert client.get("/api/events").status_code == 401
    assert client.get("/api/events", headers=auth(record)).status_code == 200
    page = client.get("/events", headers={"Accept": "text/html"})
    assert page.status_code == 401 and "private" in page.text


def test_pages_escape_and_carry_security_headers(client, record):
    response = client.get("/events", headers={"Accept": "text/html"})
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert response.headers["x-frame-options"] == "DENY"
    hostile = client.get("/api/events", params={"q": "<script>alert(1)</script>"})
    assert hostile.status_code == 200 and hostile.json()["total"] == 0
    page = client.get("/events", params={"q": "<script>alert(1)</script>"}, headers={"Accept": "text/html"})
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    # a form without the session's CSRF token is refused, signed in or not
    forged = client.post("/review/ev0000000000000000", data={"csrf": "forged", "action": "reject"}, headers={"Accept": "text/html"})
    assert forged.status_code == 403
