"""Response times of every page and API call on a record of 100,000 events.

The record is generated, not extracted (extraction is measured in throughput.py and
ingest.py): 36,000 documents of three events each, among 30 states, 150 officials of them
and 20 international bodies, dated over ten years, written through the store's own batch
writer (so merging, copies and indexes are the real ones). Each URL is then requested 7
times in-process through FastAPI's TestClient after one warm-up; the median and the worst
are printed.

    python benchmarks/serve.py [--events 100000] [--db sqlite:///bench.db] [--keep]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

COUNTRIES = ["KOR", "USA", "JPN", "CHN", "IDN", "AUS", "PHL", "FRA", "GBR", "DEU", "IND", "VNM", "THA", "MYS", "SGP",
             "CAN", "ITA", "ESP", "POL", "UKR", "TUR", "BRA", "MEX", "NZL", "NOR", "SWE", "FIN", "NLD", "BEL", "PRK"]
TYPES = [("CONSULT", "meeting"), ("CONSULT", "visit"), ("CONSULT", "phone"), ("AGREE", "agreement"),
         ("COOPERATE", "exercise"), ("AID", "military"), ("REQUEST", "assist"), ("REJECT", "assist")]


def entities(rng: random.Random) -> list[dict]:
    out = [{"name": f"State {c}", "type": "country", "wikidata": None, "country": c} for c in COUNTRIES]
    out += [{"name": f"Official {i} of {c}", "type": "person", "wikidata": None, "country": c}
            for i, c in enumerate(rng.choices(COUNTRIES, k=150))]
    out += [{"name": f"Alliance {i}", "type": "organization", "wikidata": f"Q9{i:04d}", "country": None} for i in range(20)]
    return out


def build(url: str, n_events: int, seed: int = 5) -> None:
    from dyads.model import Document, Extraction
    from dyads.store import copies
    from dyads.store.engine import open_engine, writing
    from dyads.store.records import prepare
    from dyads.store.write import write_batch

    rng = random.Random(seed)
    pool = entities(rng)
    engine = open_engine(url)
    per_doc, batch, written = 3, [], 0
    started = time.perf_counter()
    for number in range(n_events // per_doc):
        day = 3650 - number * 3650 // (n_events // per_doc)
        published = time.strftime("%Y-%m-%d", time.gmtime((20089 - day) * 86400))
        chosen = rng.sample(pool, 6)
        ents = [{"id": f"e{i + 1}", **e, "affiliation": None, "part_of": None, "roles": [], "aliases": [e["name"]],
                 "mentions": [], "confidence": 0.9} for i, e in enumerate(chosen)]
        text = " ".join(f"{a['name']} and {b['name']} held talks on day {number} about topic {rng.randint(0, 10**9)}."
                        for a, b in zip(chosen[::2], chosen[1::2]))
        events = []
        for k in range(per_doc):
            kind, mode = rng.choice(TYPES)
            date = published if rng.random() < 0.7 else published[:7]
            start = text.find(chosen[2 * k]["name"])
            events.append({"id": f"v{k + 1}", "type": kind, "mode": mode, "context": rng.sample(["military", "cyber", "nuclear"], 1),
                           "status": "occurred", "date": date, "date_text": None,
                           "actors": [{"entity": f"e{2 * k + 1}", "role": "source"}, {"entity": f"e{2 * k + 2}", "role": "target"}],
                           "location": None, "amounts": [], "quote": None,
                           "evidence": {"start": start, "end": text.find(".", start) + 1}, "confidence": round(rng.uniform(0.4, 0.9), 2)})
        doc_id = hashlib.sha256(f"{seed}-{number}".encode()).hexdigest()
        extraction = Extraction(Document(id=doc_id, path=f"https://bench.example/{number}", text=text,
                                         published=published, language=rng.choice(["en", "id"])), ents, events)
        prepared = prepare(extraction, "bench", "2026-01-01T00:00:00+00:00")
        signature = copies.signature(text)
        prepared.minhash, prepared.bands = copies.to_bytes(signature), copies.band_hashes(signature)
        batch.append(prepared)
        if len(batch) == 500:
            with writing(engine) as connection:
                write_batch(connection, batch)
            written += len(batch)
            batch = []
            print(f"\r  {written} documents written ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    if batch:
        with writing(engine) as connection:
            write_batch(connection, batch)
    print(file=sys.stderr)
    engine.dispose()


def measure(url: str) -> list[tuple[str, float, float]]:
    import sqlalchemy as sa
    from fastapi.testclient import TestClient

    from dyads.server import create_app
    from dyads.store.engine import open_engine
    from dyads.store.tables import events, reports

    engine = open_engine(url)
    with engine.connect() as connection:
        total = connection.execute(sa.select(sa.func.count()).select_from(events)).scalar()
        event_id = connection.execute(sa.select(events.c.id).order_by(events.c.id).limit(1)).scalar()
        document = connection.execute(sa.select(reports.c.document_id).where(reports.c.event_id == event_id)).scalar()
    print(f"record: {total} events", file=sys.stderr)
    client = TestClient(create_app(url))
    html = {"Accept": "text/html"}
    urls = [
        ("/api/events", {}), ("/api/events?actor=KOR&limit=100", {}), ("/api/events?between=KOR&between=USA", {}),
        ("/api/events?type=CONSULT&mode=visit&since=2020&until=2021-06", {}), ("/api/events?context=cyber&min_sources=1", {}),
        ("/api/events?q=official%2012%20of", {}), ("/api/events?sort=-date&offset=50000", {}),
        (f"/api/events/{event_id}", {}), ("/api/entities", {}), ("/api/entities?q=official", {}), ("/api/entities/KOR", {}),
        ("/api/timeline?a=KOR&b=USA", {}), ("/api/graph", {}), ("/api/graph?type=AID&since=2024", {}),
        (f"/api/documents/{document}", {}), ("/api/review", {}),
        ("/events", html), ("/events?q=official&type=AGREE", html), (f"/events/{event_id}", html),
        (f"/documents/{document}", html), ("/timeline?a=KOR&b=USA", html), ("/graph", html), ("/entities/KOR", html),
        ("/review", html),
    ]
    results = []
    for path, headers in urls:
        response = client.get(path, headers=headers)
        assert response.status_code == 200, (path, response.status_code, response.text[:200])
        times = []
        for _ in range(7):
            started = time.perf_counter()
            client.get(path, headers=headers)
            times.append((time.perf_counter() - started) * 1000)
        results.append((path, statistics.median(times), max(times)))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", help="database URL (default: a new SQLite file in a temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="measure the existing --db without building it")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
    if not args.reuse:
        build(url, args.events)
    slow = 0
    for path, median, worst in measure(url):
        flag = "" if worst < 300 else "  <-- over 300 ms"
        slow += worst >= 300
        print(f"{median:7.1f} ms median {worst:7.1f} ms worst  {path}{flag}")
    print(f"{slow} of the calls over 300 ms at worst")


if __name__ == "__main__":
    main()
