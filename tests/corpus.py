"""A generated corpus for the ingest process tests: articles assembled (seeded) from the
development set's real sentences of one language, each with its own publication date."""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sentences() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {"id": [], "en": []}
    for gold in sorted((ROOT / "devset" / "tune").glob("*.gold.json")):
        language = json.loads(gold.read_text(encoding="utf-8")).get("language")
        text = gold.with_name(gold.name.replace(".gold.json", ".txt")).read_text(encoding="utf-8")
        if language in pools:
            pools[language].extend(line.strip() for line in text.splitlines() if len(line.split()) >= 8)
    return pools


def write_jsonl(path: Path, first: int, last: int, seed: int = 11) -> Path:
    """Documents number `first` to `last - 1` (the same number is always the same document)."""
    pools = sentences()
    with path.open("w", encoding="utf-8") as out:
        for i in range(first, last):
            rng = random.Random(seed * 100_003 + i)
            language = "id" if i % 3 else "en"
            lines, words = [], 0
            while words < 300:
                line = rng.choice(pools[language])
                lines.append(line)
                words += len(line.split())
            published = f"20{15 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            out.write(json.dumps({"text": "\n".join(lines), "published": published, "url": f"https://example.org/{i}"},
                                 ensure_ascii=False) + "\n")
    return path
