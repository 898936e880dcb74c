"""Languages of lines and documents: script decides where it can, the classifier where it
must, and Indonesian/Malay are told apart by marker words, once per document."""

from __future__ import annotations

import pytest

from conftest import extract_one
from dyads.clean.languages import line_language
from dyads.langdata import Knowledge


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.default()


@pytest.mark.parametrize(("line", "language"), [
    ("韓国国防相がNATO同盟作戦司令官と対面…「北の挑発抑止」協力・支持を求める", "ja"),
    ("신원식 국방부 장관, NATO 연합작전사령관 접견", "ko"),
    ("韩国国防部长会见北约盟军作战司令", "zh"),
    ("Menteri Pertahanan Korea Selatan bertemu dengan Komandan Operasi Aliansi NATO di Seoul", "id"),
    ("South Korea's defense minister met NATO's top military commander in Seoul on Thursday", "en"),
])
def test_line_language(knowledge, line, language):
    assert line_language(line, knowledge).language == language


@pytest.mark.parametrize("line", ["12 April 2022", "2024/03/01 08:13 KST", "NATO", "login sbobet", ""])
def test_short_lines_inherit(knowledge, line):
    assert line_language(line, knowledge).language is None


def _doc(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = extract_one(path)
    assert result.extraction is not None, result.error
    return result.extraction.document


MALAY = """\
KUALA LUMPUR – Menteri Pertahanan Malaysia berkata kerajaan akan memperkukuh kerjasama pertahanan dengan Indonesia selepas lawatan rasmi ke Jakarta minggu lalu.
Beliau berkata perbincangan itu turut menyentuh latihan bersama tentera kedua-dua negara kerana ancaman keselamatan maritim semakin meningkat.
Kenyataan kementerian menyebut kedua-dua pihak boleh berkongsi maklumat perisikan di Selat Melaka.
"""

INDONESIAN = """\
JAKARTA – Menteri Pertahanan Indonesia mengatakan pemerintah akan memperkuat kerja sama pertahanan dengan Malaysia setelah kunjungan resmi ke Kuala Lumpur pekan lalu.
Menurut pernyataan kementerian, pembicaraan itu juga membahas latihan bersama tentara kedua negara karena ancaman keamanan maritim semakin meningkat.
Kedua pihak bisa berbagi informasi intelijen di Selat Malaka, kata juru bicara.
"""


def test_malay_and_indonesian_are_told_apart_once_per_document(tmp_path):
    malay = _doc(tmp_path, "ms.txt", MALAY)
    indonesian = _doc(tmp_path, "id.txt", INDONESIAN)
    assert malay.language == "ms"
    assert {s.language for s in malay.segments} == {"ms"}
    assert indonesian.language == "id"
    assert {s.language for s in indonesian.segments} == {"id"}


def test_english_quote_line_in_indonesian_article_keeps_its_language(tmp_path):
    text = INDONESIAN + "\"We will continue to work closely with our partners in the region,\" the spokesman said in English.\n"
    doc = _doc(tmp_path, "mixed.txt", text)
    assert doc.language == "id"
    assert [s.language for s in doc.segments] == ["id", "id", "id", "en"]


def test_language_override(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(INDONESIAN, encoding="utf-8")
    from dyads.options import Options
    result = extract_one(path, Options(language="ms"))
    assert result.extraction.document.language == "ms"
