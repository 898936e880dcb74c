"""Entity linking speed: loading the shipped gazetteer (and building its name automaton),
and linking one ~500-word article once loaded (issue 3: under 1 s and under 5 ms).

Articles: the development set's documents, cleaned, cut or repeated to ~500 words.

    python benchmarks/entities.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

LOAD = """
import time
t0 = time.perf_counter()
from dyads.langdata import Knowledge
from dyads.langdata.knowledge import DATA_DIR
t1 = time.perf_counter()
knowledge = Knowledge.load(DATA_DIR)
knowledge.gazetteer
knowledge.name_matcher
t2 = time.perf_counter()
print(t2 - t1, t2 - t0)
"""


def load_seconds() -> tuple[float, float]:
    """In a fresh interpreter each time: (gazetteer and automaton, the same with the
    package's imports), best of three."""
    runs = [tuple(map(float, subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True,
                                            check=True).stdout.split())) for _ in range(3)]
    return min(r[0] for r in runs), min(r[1] for r in runs)


def articles() -> list[tuple[str, str, str | None]]:
    from dyads import RawDocument, extract

    out = []
    for path in sorted((ROOT / "devset" / "tune").glob("*.txt")):
        document = extract(RawDocument(path.read_bytes(), str(path))).document
        words = document.text.split(" ")
        text = " ".join((words * (500 // len(words) + 1))[:500])
        out.append((text, document.language, document.published))
    return out


def main() -> None:
    from dyads.entities import link_entities
    from dyads.langdata import Knowledge

    load, cold = load_seconds()
    print(f"load gazetteer + name automaton (fresh process, best of 3): {load:.3f} s; "
          f"with the package imports (trafilatura…): {cold:.3f} s")
    knowledge = Knowledge.default()
    corpus = articles()
    link_entities(*corpus[0], knowledge)  # warm
    timings = []
    for text, language, published in corpus:
        started = time.perf_counter()
        for _ in range(20):
            link_entities(text, language, published, knowledge)
        timings.append((time.perf_counter() - started) / 20 * 1000)
    print(f"link one 500-word article: median {statistics.median(timings):.2f} ms, "
          f"max {max(timings):.2f} ms over {len(timings)} articles")


if __name__ == "__main__":
    main()
