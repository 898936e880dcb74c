"""The development set as a quality gate (trafilatura's habit): its gold files are
well-formed, and the figures never fall below their floors. Raise a floor when the
figures rise; never lower one silently.

Two splits: `devset/tune/`, which rules may be written against, and `devset/test/`, written
and annotated by a helper that never saw the extraction code, annotated before anything was
extracted from it, and not read while rules are written. A test figure far below the tune
figure means the rules memorised the tune split."""

from __future__ import annotations

import json

import pytest

from conftest import DEVSET
from dyads.eval import evaluate_folder
from dyads.eval.gold import gold_pairs, load_gold

TUNE, TEST = DEVSET / "tune", DEVSET / "test"
FLOORS = {
    # re-set when the tune split grew to 126 documents: 16 articles and 60 one-sentence wire
    # briefs (15 of them with no event), written by helpers on events no rule had seen
    "tune": {
        "cleaning_spam_removed": 0.99,
        "cleaning_evidence_kept": 1.0,
        "published": 0.99,
        "entity_recall": 0.81,
        "entity_precision": 0.95,
        "alias_recall": 0.84,
        "event_f1": 0.65,
        "event_f1_any_date": 0.71,
        "date_accuracy": 0.91,
    },
    "test": {
        "cleaning_spam_removed": 0.85,
        "cleaning_evidence_kept": 1.0,
        "published": 0.81,
        "entity_recall": 0.81,
        "entity_precision": 0.94,
        "alias_recall": 0.83,
        "event_f1": 0.50,
        "event_f1_any_date": 0.66,
        # 0.75 -> 0.74 when Indonesian passives found three more acts whose date is wrong
        # (accuracy is over matched acts; exact-date event F1 rose 0.492 -> 0.495)
        "date_accuracy": 0.74,
    },
}
# Ceilings: the share of gold events whose act was found with the wrong actors. The test
# ceiling was raised from 0.12 to 0.14 when more acts were found (event F1 0.43 -> 0.49)
# without their actors all being right: the actor rules are what still fails on new text.
CEILINGS = {"tune": {"wrong_actors": 0.12}, "test": {"wrong_actors": 0.14}}
# Size and make-up the issue asks of the set (at least 80 documents, 50 Indonesian with 20 in
# machine-translated style, 25 English; a test split of 30 or more).
MIN_DOCUMENTS = {"tune": 60, "test": 30}
MIN_TOTAL, MIN_ID, MIN_ID_MT, MIN_EN = 80, 50, 20, 25

PAIRS = {"tune": gold_pairs(TUNE), "test": gold_pairs(TEST)}
ALL = [pair for pairs in PAIRS.values() for pair in pairs]


def test_devset_size_and_languages():
    for split, minimum in MIN_DOCUMENTS.items():
        assert len(PAIRS[split]) >= minimum, split
    languages = [load_gold(gold).language for _, gold in ALL]
    translated = [d for d, g in ALL if load_gold(g).language == "id" and "-mt" in d.stem.replace("_", "-")]
    assert len(ALL) >= MIN_TOTAL
    assert languages.count("id") >= MIN_ID and languages.count("en") >= MIN_EN
    assert len(translated) >= MIN_ID_MT


@pytest.mark.parametrize(("document", "gold"), ALL, ids=[f"{d.parent.name}/{d.stem}" for d, _ in ALL])
def test_gold_strings_are_in_the_document(document, gold):
    text = document.read_text(encoding="utf-8")
    annotation = load_gold(gold)
    assert annotation.published and len(annotation.published) == 10
    for spam in annotation.must_not_survive_cleaning:
        assert spam in text, spam
    for entity in annotation.entities:
        for surface in entity.surface:
            assert surface in text, surface
    for event in annotation.events:
        assert event.evidence in text, event.evidence
        assert event.date is not None or event.status == "planned"


@pytest.mark.parametrize("split", ["tune", "test"])
def test_devset_floors(split):
    report = evaluate_folder(DEVSET / split)
    assert not report.failed, [(f.name, f.error) for f in report.failed]
    figures = report.total.metrics()
    below = {k: (figures[k], floor) for k, floor in FLOORS[split].items() if (figures[k] or 0.0) < floor}
    above = {k: (figures[k], ceiling) for k, ceiling in CEILINGS[split].items() if (figures[k] or 0.0) > ceiling}
    assert not below and not above, json.dumps({**below, **above})
