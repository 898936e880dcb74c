"""Triggers in every inflection, from the language data, and acts told twice: sentences
written for these tests (none is from the development set)."""

from __future__ import annotations

import pytest

from dyads import Options, RawDocument, extract
from dyads.events.lemmas import TriggerMatcher
from dyads.events.sentences import MAX_SENTENCE, split
from dyads.langdata import Knowledge
from dyads.model import Segment


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.default()


def _found(knowledge, language, text):
    matcher = TriggerMatcher(knowledge.language(language).events)
    return [(hit.group(), hit.spec.type, hit.spec.mode, hit.form) for hit in matcher.find(text)]


@pytest.mark.parametrize(("text", "word", "kind"), [
    ("Kunjungannya ke Hanoi berlangsung dua hari.", "Kunjungannya", ("CONSULT", "visit")),
    ("Pangkalan itu dikunjungi Menteri Pertahanan Vietnam.", "dikunjungi", ("CONSULT", "visit")),
    ("Delegasi Thailand berkunjung ke Manila.", "berkunjung", ("CONSULT", "visit")),
    ("Pertemuannya dengan Marles berlangsung di Canberra.", "Pertemuannya", ("CONSULT", "meeting")),
    ("Permintaan itu ditolak Berlin pekan lalu.", "ditolak", ("REJECT", "assist")),
])
def test_indonesian_inflections_are_one_trigger(knowledge, text, word, kind):
    found = {(w, t, m) for w, t, m, _ in _found(knowledge, "id", text)}
    assert (word, *kind) in found


def test_an_indonesian_stem_outside_the_list_is_no_trigger(knowledge):
    # "ditemukan" (was found) shares its stem with "bertemu" (met): only listed stems inflect
    assert _found(knowledge, "id", "Puing pesawat itu ditemukan di perairan Natuna.") == []


@pytest.mark.parametrize(("text", "word", "kind"), [
    ("The Kenyan president telephoned his Ethiopian counterpart.", "telephoned", ("CONSULT", "phone")),
    ("Brazil's navy chief meets his Chilean counterpart in Valparaiso.", "meets", ("CONSULT", "meeting")),
    ("The two ministers are holding talks in Ankara.", "holding talks", ("CONSULT", "meeting")),
    ("Warsaw demanded more air-defence batteries.", "demanded", ("REQUEST", "assist")),
    ("Oslo handed over two patrol boats to Kyiv.", "handed over", ("AID", "military")),
    ("Canberra turned down the request.", "turned down", ("REJECT", "assist")),
])
def test_english_forms_count_in_any_inflection(knowledge, text, word, kind):
    found = {(w, t, m) for w, t, m, _ in _found(knowledge, "en", text)}
    assert (word, *kind) in found


def test_an_english_plural_keeps_the_noun_form(knowledge):
    (hit,) = [h for h in _found(knowledge, "en", "Both meetings took place in Lima.") if h[1] == "CONSULT"]
    assert hit[3] == "meeting"


@pytest.mark.parametrize("text", [
    "The city will host the games.",  # a bare base form that is not listed
    "Lima has a policy of sending observers.",  # an activity, not an asserted act
])
def test_unlisted_base_forms_and_activities_are_no_triggers(knowledge, text):
    assert not [h for h in _found(knowledge, "en", text) if h[1] in ("CONSULT", "AID")]


def _events(text, language, published):
    extraction = extract(RawDocument(text.encode(), "test.txt"), Options(published=published, language=language))
    return extraction.to_dict()["events"]


def test_a_back_reference_is_the_meeting_already_told():
    text = ("Menteri Pertahanan Malaysia Mohamad Hasan bertemu dengan Menteri Pertahanan Turki Yasar Guler "
            "di Ankara pada hari Selasa. Dalam pertemuan tersebut, Mohamad Hasan dan Yasar Guler juga "
            "membahas pengadaan kapal patroli.")
    meetings = [e for e in _events(text, "id", "2024-05-16") if (e["type"], e["mode"]) == ("CONSULT", "meeting")]
    assert len(meetings) == 1
    assert meetings[0]["date"] == "2024-05-14"


def test_a_definite_noun_points_back_in_english():
    text = ("Chile's defence minister met Peru's defence minister in Santiago on Monday. "
            "During the talks, Brazil's ambassador joined them.")
    meetings = [e for e in _events(text, "en", "2023-03-08") if (e["type"], e["mode"]) == ("CONSULT", "meeting")]
    assert len(meetings) == 1


def test_an_endless_sentence_is_cut_into_bounded_pieces(knowledge):
    text = " ".join(["kunjungan", "Jakarta", "pada", "hari", "Senin"] * 2000)
    sentences = split(text, [Segment(0, len(text), "id")], knowledge.language("id"))
    assert len(sentences) > 1
    assert all(s.end - s.start <= MAX_SENTENCE for s in sentences)
    assert sentences[0].start == 0 and sentences[-1].end == len(text)



@pytest.mark.parametrize("line", [
    " ".join(["Menteri", "Pertahanan", "bertemu", "dengan", "kunjungan", "ke", "Jakarta", "pada", "hari", "Senin"] * 500),
    " ".join(["kunjungan"] * 20000),
])
def test_a_line_without_punctuation_is_extracted_within_the_deadline(line):
    # 5,000 words with no full stop, and one word 20,000 times: cut into pieces, never a hang
    extraction = extract(RawDocument(f"12 Maret 2024\n{line}\n".encode(), "long.txt"), Options(language="id"))
    assert extraction.document.text.endswith(line[-50:])
