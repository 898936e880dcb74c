"""Ingest throughput and peak memory of `dyads ingest` into SQLite and PostgreSQL.

The corpus is a JSON Lines feed written to a temporary file, streamed: N articles of ~400
words, each assembled (seeded, reproducible) from the development set's real sentences of
one language (as in throughput.py), published one after another like a news feed (about
40 articles a day from 2015 on), a third of them with a spam footer. Each run is a real
`dyads ingest` process with 2 extraction workers into an empty database; the figures are
wall-clock documents per second and the peak resident memory of the largest process of
the run (ru_maxrss of the waited-for process tree).

    python benchmarks/ingest.py [N ...] [--postgres URL]
    e.g. python benchmarks/ingest.py 5000 25000
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import article, sentences_by_language  # noqa: E402

PER_DAY = 40


def write_feed(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    pools = sentences_by_language()
    start = datetime.date(2015, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            lines = article(rng, pools, "id" if i % 3 else "en", spam=i % 3 == 0)
            published = (start + datetime.timedelta(days=i // PER_DAY)).isoformat()
            out.write(json.dumps({"text": "\n".join(lines), "published": published,
                                  "url": f"https://news.example/{i}"}, ensure_ascii=False) + "\n")


def measure(feed: Path, url: str) -> tuple[float, int, str]:
    """(seconds, peak RSS in MiB, the command's summary line) of one ingest in a child
    process, whose own children (the workers) it waits for."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "print(time.perf_counter() - t); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
             "print(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else r.returncode)")
    command = [sys.executable, "-c", probe, sys.executable, "-m", "dyads", "ingest", str(feed), "--db", url,
               "--workers", "2"]
    seconds, rss, summary = subprocess.run(command, capture_output=True, text=True, check=True).stdout.splitlines()
    return float(seconds), int(rss) // 1024, summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5000])
    parser.add_argument("--postgres", help="also measure into this empty PostgreSQL database URL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            feed = Path(folder) / f"feed-{n}.jsonl"
            write_feed(feed, n)
            targets = [("SQLite", f"sqlite:///{folder}/record-{n}.db")]
            if args.postgres:
                targets.append(("PostgreSQL", args.postgres))
            for name, url in targets:
                if name == "PostgreSQL":
                    import sqlalchemy as sa

                    engine = sa.create_engine(url)
                    with engine.begin() as connection:
                        connection.execute(sa.text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
                    engine.dispose()
                seconds, rss, summary = measure(feed, url)
                print(f"{name:<10} {n:>6} docs  {seconds:7.1f} s  {n / seconds:6.1f} docs/s  peak RSS {rss} MiB")
                print(f"           {summary}")
            feed.unlink()


if __name__ == "__main__":
    main()
