"""Close pairs the classifier confuses (Indonesian and Malay) are decided by marker words
from the data files, matched as written: names and institutions ("Angkatan Tentera
Malaysia", "Kerajaan Malaysia") do not vote."""

from __future__ import annotations

import pytest

from conftest import extract_one
from dyads.clean.languages import line_language, resolve_group
from dyads.langdata import Knowledge


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.default()


INDONESIAN_WITH_MALAYSIAN_NAMES = """\
KUALA LUMPUR – Panglima Angkatan Tentera Malaysia Jeneral Tan Sri Mohammad Ab Rahman menerima kunjungan Panglima TNI Jenderal Agus Subiyanto di Wisma Pertahanan, Kuala Lumpur, Selasa.
Dalam pertemuan itu, kedua panglima membahas latihan bersama Tentera Darat Malaysia dan TNI Angkatan Darat di perbatasan Kalimantan serta patroli terkoordinasi di Selat Malaka.
Menteri Pertahanan Malaysia Datuk Seri Mohamed Khaled Nordin juga menyambut rombongan di Pejabat Perdana Menteri di Putrajaya.
Agus mengatakan Polis Diraja Malaysia dan Kerajaan Malaysia telah membantu persiapan kunjungan tersebut.
"""

MALAY_ABOUT_INDONESIA = """\
JAKARTA – Menteri Pertahanan Malaysia berkata kerajaan akan meneruskan rundingan dengan Kementerian Pertahanan Republik Indonesia selepas lawatan ke Jakarta semalam.
Beliau berkata kedua-dua pihak boleh berkongsi maklumat mengenai keselamatan maritim kerana ancaman lanun di Selat Melaka semakin meningkat.
Kenyataan itu dikeluarkan selepas mesyuarat dengan Tentara Nasional Indonesia dan Kepolisian Negara Republik Indonesia pada hari Isnin.
"""


def _doc(tmp_path, text):
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_one(path)
    assert result.extraction is not None, result.error
    return result


def test_indonesian_story_full_of_malaysian_names_is_indonesian(tmp_path, knowledge):
    # the classifier reads every line as Malay …
    assert {line_language(l, knowledge).language for l in INDONESIAN_WITH_MALAYSIAN_NAMES.splitlines()} == {"ms"}
    result = _doc(tmp_path, INDONESIAN_WITH_MALAYSIAN_NAMES)
    # … the markers, names left out, say Indonesian, and Indonesian triggers find the visit
    assert result.extraction.document.language == "id"
    assert {s.language for s in result.extraction.document.segments} == {"id"}
    assert result.extraction.events


def test_malay_story_full_of_indonesian_names_is_malay(tmp_path):
    assert _doc(tmp_path, MALAY_ABOUT_INDONESIA).extraction.document.language == "ms"


@pytest.mark.parametrize(("text", "language"), [
    # capitalised, these are names or sentence starts: they do not vote
    ("Kerajaan Malaysia. Polis Diraja Malaysia. Tentera Laut Diraja Malaysia. Pejabat Perdana Menteri.", "id"),
    ("kata dia, pemerintah bisa membantu", "id"),
    ("beliau berkata kerajaan boleh membantu", "ms"),
    # weekdays are written as they appear: "Isnin" and "Khamis" are Malay's
    ("bertemu pada hari Isnin dan Khamis", "ms"),
    ("bertemu pada hari Senin dan Kamis", "id"),
])
def test_markers_match_as_written(knowledge, text, language):
    assert resolve_group("ms", text, knowledge) == language


def test_english_lead_opening_with_indonesian_names_is_english(tmp_path):
    text = (
        "Indonesian Foreign Minister Retno Marsudi and Defense Minister Prabowo Subianto met US Secretary of "
        "State Antony Blinken and Defense Secretary Lloyd Austin in Washington on Thursday for the first "
        "ministerial dialogue between the two countries.\n"
    )
    assert _doc(tmp_path, text).extraction.document.language == "en"
