"""The development set as a quality gate (trafilatura's habit): its gold files are
well-formed, and the figures never fall below their floors. Raise a floor when the
figures rise; never lower one silently."""

from __future__ import annotations

import json

import pytest

from conftest import DEVSET
from dyads.eval import evaluate_folder
from dyads.eval.gold import gold_pairs, load_gold

FLOORS = {
    "cleaning_spam_removed": 1.0,
    "cleaning_evidence_kept": 1.0,
    "published": 1.0,
    "entity_recall": 0.93,
    "entity_precision": 0.97,
    "alias_recall": 0.95,
    "event_f1": 0.795,
    "event_f1_any_date": 0.82,
    "date_accuracy": 0.96,
}
MIN_DOCUMENTS = 30

PAIRS = gold_pairs(DEVSET)


def test_devset_has_enough_documents_in_both_languages():
    assert len(PAIRS) >= MIN_DOCUMENTS
    languages = {load_gold(gold).language for _, gold in PAIRS}
    assert {"id", "en"} <= languages


@pytest.mark.parametrize(("document", "gold"), PAIRS, ids=[d.stem for d, _ in PAIRS])
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


def test_devset_floors():
    report = evaluate_folder(DEVSET)
    assert not report.failed, [(f.name, f.error) for f in report.failed]
    figures = report.total.metrics()
    below = {k: (figures[k], floor) for k, floor in FLOORS.items() if (figures[k] or 0.0) < floor}
    assert not below, json.dumps(below)
