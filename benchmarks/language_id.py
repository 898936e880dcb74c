"""Language identification on short news lines: py3langid (the one dyads ships) against
lingua (optional, `pip install -e .[bench]`), accuracy and speed.

Indonesian and Malay count as one group, decided later per document by marker words (see
dyads/clean/languages.py), so a line labelled id or ms is right when either is predicted;
the strict column counts exact labels.

    python benchmarks/language_id.py
"""

from __future__ import annotations

import time
from pathlib import Path

DATA = Path(__file__).with_name("data") / "language_lines.tsv"
GROUP = {"id": "id/ms", "ms": "id/ms"}


def load() -> list[tuple[str, str]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            label, text = line.split("\t", 1)
            rows.append((label, text))
    return rows


def measure(name: str, classify, rows: list[tuple[str, str]], repeat: int = 20) -> None:
    predictions = [classify(text) for _, text in rows]
    strict = sum(p == label for p, (label, _) in zip(predictions, rows))
    grouped = sum(GROUP.get(p, p) == GROUP.get(label, label) for p, (label, _) in zip(predictions, rows))
    words = sum(len(text.split()) for _, text in rows) * repeat
    started = time.perf_counter()
    for _ in range(repeat):
        for _, text in rows:
            classify(text)
    elapsed = time.perf_counter() - started
    wrong = [(label, p, text[:50]) for p, (label, text) in zip(predictions, rows) if GROUP.get(p, p) != GROUP.get(label, label)]
    print(f"{name:<28} grouped {grouped}/{len(rows)}  strict {strict}/{len(rows)}  "
          f"{elapsed / words * 1000 * 1000:.2f} ms per 1,000 words")
    for label, predicted, text in wrong:
        print(f"    wrong: {label} -> {predicted}: {text}")


def main() -> None:
    rows = load()
    from dyads.langdata import Knowledge

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    everything = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    measure("py3langid (all 97 languages)", lambda t: everything.classify(t)[0], rows)
    shipped = Knowledge.default()
    identifier = shipped.classifier
    count = len(shipped.scripts.classifier_languages or [])
    measure(f"py3langid ({count}, as shipped)", lambda t: identifier.classify(t)[0], rows)
    try:
        from lingua import Language, LanguageDetectorBuilder
    except ImportError:
        print("lingua not installed: pip install -e .[bench]")
        return
    detector = LanguageDetectorBuilder.from_languages(
        Language.INDONESIAN, Language.MALAY, Language.ENGLISH, Language.JAPANESE, Language.KOREAN
    ).build()
    codes = {Language.INDONESIAN: "id", Language.MALAY: "ms", Language.ENGLISH: "en",
             Language.JAPANESE: "ja", Language.KOREAN: "ko"}

    def lingua_classify(text: str) -> str:
        found = detector.detect_language_of(text)
        return codes.get(found, "?") if found else "?"

    measure("lingua (5 languages)", lingua_classify, rows)


if __name__ == "__main__":
    main()
