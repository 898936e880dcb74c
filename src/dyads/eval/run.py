"""Extract every document of an evaluation folder (without its gold publication date) and
score it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyads.api import extract_paths
from dyads.errors import DyadsError
from dyads.eval.gold import gold_pairs, load_gold
from dyads.eval.scoring import Counts, FileScore, score
from dyads.langdata import Knowledge
from dyads.options import Options


@dataclass
class EvalReport:
    files: list[FileScore] = field(default_factory=list)
    total: Counts = field(default_factory=Counts)

    @property
    def failed(self) -> list[FileScore]:
        return [f for f in self.files if f.error]

    def to_dict(self) -> dict[str, Any]:
        return {
            "files": [
                {"file": f.name, "error": f.error, **f.counts.metrics(),
                 "published_predicted": f.published[0], "published_gold": f.published[1],
                 "misses": f.misses, "extras": f.extras}
                for f in self.files
            ],
            "total": {"documents": len(self.files), **self.total.metrics()},
        }


def evaluate_folder(
    folder: Path, knowledge: Knowledge | None = None, on_document: Callable[[str], None] | None = None,
    gold_published: bool = False,
) -> EvalReport:
    """Score every NAME.txt with a NAME.gold.json in `folder`; `on_document` hears each
    file name as it is done (progress bars). `gold_published` gives each document its gold
    publication date, to score the rest of extraction apart from finding that date."""
    pairs = gold_pairs(folder)
    if not pairs:
        raise DyadsError("E071", path=str(folder))
    golds = {str(document): load_gold(gold) for document, gold in pairs}
    report = EvalReport()
    if gold_published:
        results = (r for path, gold in golds.items()
                   for r in extract_paths([path], Options(published=gold.published), knowledge))
    else:
        results = extract_paths(list(golds), Options(), knowledge)
    for result in results:
        name = Path(result.path).name
        gold = golds[result.path]
        if result.extraction is None:
            report.files.append(FileScore(name, error=result.error))
            if on_document:
                on_document(name)
            continue
        scored = score(name, result.extraction.to_dict(), gold)
        report.files.append(scored)
        report.total.add(scored.counts)
        if on_document:
            on_document(name)
    return report
