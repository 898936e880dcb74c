"""The server against what a client may send (issue 14): integers past 64 bits, LIKE
wildcards, bodies over the limit, hostile documents, a copied session cookie, and many
requests at once, on SQLite. No answer is ever a 500."""

from __future__ import annotations

import base64
import json
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import ARTICLE_EN, ARTICLE_ID, ROOT, run_cli
from dyads.server import create_app
from dyads.store import tokens
from dyads.store.engine import open_engine, writing
from dyads.store.ingest import ingest

HUGE = str(2**63)


@pytest.fixture(scope="module")
def record(tmp_path_factory, knowledge) -> tuple[str, str]:
    """(URL, write token) of a SQLite record holding the bundled samples."""
    url = f"sqlite:///{tmp_path_factory.mktemp('api-limits') / 'record.db'}"
    engine = open_engine(url)
    ingest([str(ROOT / "samples")], engine, workers=1, knowledge=knowledge)
    with writing(engine) as connection:
        token = tokens.create(connection, "alice")
    engine.dispose()
    return url, token


@pytest.fixture(scope="module")
def client(record):
    with TestClient(create_app(record[0], extract_workers=1)) as c:
        yield c


def auth(record) -> dict[str, str]:
    return {"Authorization": f"Bearer {record[1]}"}


@pytest.mark.parametrize("url", [
    f"/api/events?offset={HUGE}", f"/events?offset={HUGE}", f"/api/review?offset={HUGE}",
    f"/api/entities?offset={HUGE}", f"/review?offset={HUGE}",
    "/api/events?min_sources=99999999999999999999999", "/events?min_sources=99999999999999999999999",
    "/api/events?offset=" + "9" * 5000,
])
def test_integers_past_64_bits_are_422(client, url):
    response = client.get(url)
    assert response.status_code == 422, (response.status_code, response.text[:300])


@pytest.mark.parametrize("option", ["--min-sources", "--limit"])
def test_integers_past_64_bits_on_the_command_line_are_refused(record, option):
    proc = run_cli("events", option, "99999999999999999999999", "--db", record[0])
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr[-500:]


def test_context_percent_is_a_character_not_a_wildcard(client):
    every = client.get("/api/events?limit=500").json()["total"]
    assert every > 0
    # not a wildcard: a context outside the vocabulary is refused, naming the valid ones
    for wild in ("%25", "_"):
        refused = client.get(f"/api/events?context={wild}")
        assert refused.status_code == 422 and "cbrn" in refused.text
    some = [e for e in client.get("/api/events?limit=500").json()["events"] if e["context"]]
    if some:
        context = some[0]["context"][0]
        assert client.get(f"/api/events?context={context}").json()["total"] >= 1
    assert client.get("/api/entities?q=%25").json()["total"] == 0


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, record):
    limit = 16 * 1024 * 1024
    # A declared length over the limit: refused from the header, nothing read.
    response = client.post("/api/documents", headers={**auth(record), "content-length": str(limit + 1)},
                           content=b"x" * 10)
    assert response.status_code == 413
    # Streamed without a length: refused as soon as the limit is passed.
    def chunks():
        for _ in range(40):
            yield b"a " * (512 * 1024)

    assert client.post("/api/documents", headers=auth(record), content=chunks()).status_code == 413


def test_the_body_is_read_only_up_to_the_limit():
    import asyncio

    from fastapi import HTTPException
    from starlette.requests import Request

    from dyads.server.work import read_body

    received = []

    async def receive():
        received.append(1)
        return {"type": "http.request", "body": b"x" * 1024, "more_body": len(received) < 1000}

    request = Request({"type": "http", "method": "POST", "headers": [], "path": "/api/documents"}, receive)
    with pytest.raises(HTTPException) as caught:
        asyncio.run(read_body(request, 10 * 1024))
    assert caught.value.status_code == 413
    assert len(received) == 11  # stopped at the first piece past the limit, not at the thousandth


@pytest.mark.parametrize("body, kind", [
    ('{"text": "Marles met Prabowo in Canberra \\ud800 on Thursday."}', "application/json"),
    ('{"text": ' + "[" * 100_000 + "}", "application/json"),
    ("[" * 100_000, "application/json"),
    ("[" * 100_000, "text/plain"),
    ('<?xml version="1.0" encoding="\udcff\udcfe"?><rss version="2.0"><channel><item><description>x</description></item></channel></rss>',
     "application/rss+xml"),
])
def test_hostile_documents_are_4xx(client, record, body, kind):
    data = body.encode("utf-8", "surrogateescape")
    response = client.post("/api/documents", headers={**auth(record), "content-type": kind}, content=data)
    assert response.status_code < 500, (response.status_code, response.text[:300])
    assert response.status_code in (201, 413, 422)


def _csrf(page: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def _cookie_payload(cookie: str) -> dict:
    data = cookie.split(".")[0]
    return json.loads(base64.b64decode(data + "=" * (-len(data) % 4)))


def test_session_cookie_holds_no_token_and_dies_at_logout(record):
    with TestClient(create_app(record[0], extract_workers=1)) as web:
        csrf = _csrf(web.get("/login").text)
        response = web.post("/login", data={"csrf": csrf, "token": record[1]}, follow_redirects=False)
        assert response.status_code == 303
        cookie = web.cookies.get("dyads_session")
        payload = _cookie_payload(cookie)
        assert record[1] not in json.dumps(payload) and "token" not in payload
        assert "alice" in web.get("/review").text
        csrf = _csrf(web.get("/review").text)
        assert web.post("/logout", data={"csrf": csrf}, follow_redirects=False).status_code == 303
        # The cookie copied before logout no longer signs anyone in.
        web.cookies.clear()
        web.cookies.set("dyads_session", cookie)
        assert "alice" not in web.get("/review").text


def test_session_cookie_is_secure_over_https(record):
    with TestClient(create_app(record[0], extract_workers=1), base_url="https://testserver") as web:
        response = web.get("/login")
        assert "secure" in response.headers["set-cookie"].lower()
    with TestClient(create_app(record[0], extract_workers=1)) as web:
        assert "secure" not in web.get("/login").headers["set-cookie"].lower()


def test_mixed_load_gives_no_500_and_stores_every_post(record, tmp_path):
    with TestClient(create_app(record[0], extract_workers=1)) as client:
        reads = ["/api/events?limit=5", "/events", "/api/entities", "/api/review", "/api/graph", "/review",
                 "/api/events?q=Seoul"] * 6
        posts = [f"{text}\nKunjungan ke-{n} dibahas lagi pada hari Senin." for n, text in
                 enumerate([ARTICLE_ID, ARTICLE_EN] * 4)]

        def get(url):
            return client.get(url).status_code

        def post(text):
            return client.post("/api/documents", headers={**auth(record), "content-type": "text/plain"},
                               content=text.encode()).status_code

        with ThreadPoolExecutor(24) as pool:
            posted = [pool.submit(post, text) for text in posts]
            read = [pool.submit(get, url) for url in reads]
            statuses = [f.result() for f in read]
            stored = [f.result() for f in posted]
    assert set(statuses) == {200}, statuses
    assert stored == [201] * len(posts), stored
