"""`extract` is a pure function: same input, same output, whatever ran before; and its
JSON has exactly the contract's shape with offsets that point at the words."""

from __future__ import annotations

import hashlib
import json

from dyads import Options, RawDocument, extract

ARTICLE = (
    "Rabu, 14 September 2023\n\n"
    "JAKARTA – Menteri Pertahanan Prabowo Subianto menerima kunjungan Menteri Pertahanan Jepang "
    "di Kementerian Pertahanan pada hari Selasa.\n"
    "Kedua menteri membahas rencana latihan bersama dan kerja sama industri pertahanan.\n"
    "login sbobet\n"
)
PAGE = (
    "<html><head><title>Austin meets Prabowo</title></head><body><article>"
    "<p>U.S. Defense Secretary Lloyd Austin met Indonesian Defense Minister Prabowo Subianto in Jakarta on Monday.</p>"
    "<p>The two discussed maritime security and joint exercises in the South China Sea, officials said.</p>"
    "</article></body></html>"
)


def _raw_text() -> RawDocument:
    return RawDocument(content=ARTICLE.encode(), path="a.txt")


def _raw_html() -> RawDocument:
    return RawDocument(content=PAGE.encode(), path="p.html", kind="html")


def test_same_input_same_output_in_any_order():
    first = [extract(_raw_text()).to_dict(), extract(_raw_html()).to_dict()]
    second = [extract(_raw_html()).to_dict(), extract(_raw_text()).to_dict()]
    assert first == second[::-1]
    assert extract(_raw_text()).to_dict() == first[0]


def test_contract_shape():
    result = extract(_raw_text()).to_dict()
    assert list(result) == ["schema", "document", "entities", "events", "quotes"]
    assert result["schema"] == "dyads.extraction/1"
    assert list(result["document"]) == [
        "id", "path", "title", "published", "published_evidence", "language", "segments", "text", "removed",
    ]
    assert result["document"]["id"] == hashlib.sha256(ARTICLE.encode()).hexdigest()
    json.dumps(result)  # serialisable as is


def test_offsets_point_at_the_words():
    doc = extract(_raw_text()).document
    assert doc.text[doc.published_evidence.start:doc.published_evidence.end] == "Rabu, 14 September 2023"
    for segment in doc.segments:
        piece = doc.text[segment.start:segment.end]
        assert piece and "\n" not in piece and piece == piece.strip()
    assert doc.removed[0].text == "login sbobet"


def test_published_override_beats_metadata_and_text():
    raw = RawDocument(content=ARTICLE.encode(), path="a.txt", published="2020-01-01")
    assert extract(raw).document.published == "2020-01-01"
    doc = extract(raw, Options(published="2023-09-15")).document
    assert doc.published == "2023-09-15"
    assert doc.published_evidence is None


def test_a_dateline_dates_no_event_when_the_date_is_given():
    # the stamp opens the lead; the signing's own day comes a sentence later
    text = ("Hanoi, 14/3/2024 – Vietnam dan Filipina menandatangani nota kesepahaman kerja sama penjaga pantai "
            "untuk mencegah insiden di Laut China Selatan. Nota itu diteken Presiden Filipina Ferdinand Marcos Jr. "
            "dan Presiden Vietnam Vo Van Thuong di Hanoi, Selasa (12/3).\n\nKedua pemimpin juga membahas beras.")
    for given in (None, "2024-03-14", "2024-03-15"):
        extraction = extract(RawDocument(content=text.encode(), path="x.txt"), Options(published=given))
        assert [(e["type"], e["date"]) for e in extraction.to_dict()["events"]] == [("AGREE", "2024-03-12")]
    # a stamp of another day than the one given is no evidence of it
    assert extraction.document.published == "2024-03-15" and extraction.document.published_evidence is None


def test_html_title_from_the_page():
    doc = extract(_raw_html()).document
    assert doc.title == "Austin meets Prabowo"
    assert doc.language == "en"
    assert doc.text.startswith("U.S. Defense Secretary Lloyd Austin met")
