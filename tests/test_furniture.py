"""Page furniture on pages in the shapes news sites use (tests/pages/: HTML layouts, their
plain-text and JSON Lines versions, each with a gold listing what must go and what must
stay), and the inline cuts that take a teaser out of a paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import extract_one
from dyads.api import extract_paths
from dyads.clean.inline import find_cuts
from dyads.langdata import Knowledge

PAGES = Path(__file__).resolve().parent / "pages"
GOLDS = sorted(p for p in PAGES.rglob("*.yaml") if p.name != "crawl.yaml")


def _gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _check(document, gold: dict) -> None:
    assert document.language == gold["language"]
    for furniture in gold["must_not_survive"]:
        assert furniture not in document.text, furniture
    for sentence in gold["must_survive"]:
        assert sentence in document.text, sentence
    for removal in document.removed:
        assert removal.reason and removal.text
        assert removal.start is not None and removal.end - removal.start == len(removal.text)
        assert 0 <= removal.at <= len(document.text)


def test_the_fixtures_cover_ten_layouts_in_three_languages():
    pages = sorted(PAGES.glob("*.html"))
    assert len(pages) >= 10
    assert {_gold(p.with_suffix(".yaml"))["language"] for p in pages} == {"id", "en", "ms"}


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: str(p.relative_to(PAGES)))
def test_page_furniture_goes_and_the_article_stays(gold_path):
    source = next(p for p in gold_path.parent.glob(gold_path.stem + ".*") if p.suffix in (".html", ".txt"))
    result = extract_one(source)
    assert result.extraction is not None, result.error
    _check(result.extraction.document, _gold(gold_path))


def test_crawler_records_with_urls_are_cleaned_like_their_pages():
    folder = PAGES / "text"
    golds = [_gold(folder / name) for name in _gold(folder / "crawl.yaml")["records"]]
    results = list(extract_paths([str(folder / "crawl.jsonl")]))
    assert len(results) == len(golds)
    for result, gold in zip(results, golds):
        assert result.extraction is not None, result.error
        _check(result.extraction.document, gold)


def test_removal_offsets_point_into_the_text_cleaning_read(tmp_path):
    source = (PAGES / "text" / "korea_english_daily_en.txt").read_text(encoding="utf-8")
    path = tmp_path / "page.txt"
    path.write_text(source, encoding="utf-8")
    document = extract_one(path).extraction.document
    for removal in document.removed:
        assert source[removal.start:removal.end] == removal.text
    # the glued teaser stood between the two sentences of its paragraph
    teaser = next(r for r in document.removed if r.text.startswith("Read also:"))
    assert document.text[:teaser.at].endswith("before the end of the year.")
    assert document.text[teaser.at:].lstrip().startswith("The ministers also agreed")


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.default()


def _cut_texts(line: str, language) -> list[str]:
    return [line[c.start:c.end] for c in find_cuts(line, language)]


@pytest.mark.parametrize(("code", "line", "teaser"), [
    # title case running into the next sentence: the capitalised word before the first
    # lower-case word opened that sentence
    ("id", "Kedua menteri bertemu di Jakarta. Baca juga: Prabowo Bertemu Austin di Pentagon, Bahas Kerja Sama "
           "Pertahanan Perjanjian itu akan memperkuat latihan bersama.",
     "Baca juga: Prabowo Bertemu Austin di Pentagon, Bahas Kerja Sama Pertahanan"),
    # a sentence opener after a headline in sentence case
    ("en", "The pact was signed on Monday. Read also: Marcos says Manila will not be cowed after clash "
           "The two ministers met again on Tuesday.",
     "Read also: Marcos says Manila will not be cowed after clash"),
    # brackets close it
    ("id", "Latihan digelar pekan depan. (Baca juga: Kapal Selam India Singgah di Sabang) Sebanyak 300 personel ikut.",
     "(Baca juga: Kapal Selam India Singgah di Sabang)"),
    ("en", "The ministers met in Manila on Monday. (Photo: Reuters)", "(Photo: Reuters)"),
    # the rest of the line holds no sentence: all of it is the headline
    ("id", "Latihan mencakup patroli terkoordinasi. Baca: Kapal selam India singgah di Sabang untuk pertama kali",
     "Baca: Kapal selam India singgah di Sabang untuk pertama kali"),
])
def test_inline_teasers_are_cut_at_their_seams(knowledge, code, line, teaser):
    assert _cut_texts(line, knowledge.language(code)) == [teaser]


@pytest.mark.parametrize(("code", "line"), [
    # a headline in sentence case running into a sentence that no opener starts: no sure seam
    ("en", "The pact was signed on Monday. Read also: Marcos says Manila will not be cowed Manila and Tokyo "
           "signed the pact in June."),
    # the marker inside a sentence is no teaser
    ("id", "Warga diminta membaca juga: aturan baru berlaku bulan depan."),
    ("en", "He urged reporters to read more: the text was published online."),
    # a credit word without brackets in a sentence
    ("en", "Photo: the minister met troops in Darwin, officials said."),
])
def test_no_cut_without_a_sure_seam(knowledge, code, line):
    assert find_cuts(line, knowledge.language(code)) == []


def test_a_list_under_its_heading_stops_at_the_date_stamp_and_the_sentence(tmp_path):
    text = (
        "Most Popular\n"
        "Oil prices slip as demand worries weigh\n"
        "Australia and Japan sign defence pact\n"
        "Published: 9 July 2024\n"
        "TOKYO - Japan and Australia signed a reciprocal access agreement on Monday, officials said.\n"
        "The pact lets their forces train on each other's soil.\n"
    )
    path = tmp_path / "list.txt"
    path.write_text(text, encoding="utf-8")
    document = extract_one(path).extraction.document
    assert [(r.text, r.reason) for r in document.removed] == [
        ("Most Popular", "popular"),
        ("Oil prices slip as demand worries weigh", "popular"),
        ("Australia and Japan sign defence pact", "popular"),
    ]
    assert document.text.startswith("Published: 9 July 2024\nTOKYO - Japan")
    assert document.published == "2024-07-09"


@pytest.mark.parametrize(("line", "reason"), [
    ("Foto: ANTARA/Hafidz Mubarak A.", "caption"),
    ("Photo : YONHAP News", "caption"),
    ("(Photo: Reuters)", "caption"),
    ("Ilustrasi", "caption"),
    ("Prabowo berjabat tangan dengan Marles di Canberra, Kamis (29/8/2024). ANTARA FOTO/Hafidz Mubarak A/aww.", "caption"),
    ("Reporter: Dimas Prasetyo | Editor: Ani Wulandari", "credits"),
    ("Pewarta: Tim Antara Jatim", "credits"),
    ("By Maria Santos and Kenji Ito", "byline"),
    ("Tulis komentar", "comment-form"),
    ("Leave a comment", "comment-form"),
    ("Sign up for our newsletter and get the top stories of the day in your inbox.", "newsletter"),
    ("Tags: Australia, Fiji, SOFA", "tags"),
    ("Tag: kapal selam, scorpene", "tags"),
    ("Iklan", "advertisement"),
    ("SCROLL TO CONTINUE WITH CONTENT", "advertisement"),
    ("Beranda » Nasional » Pertahanan", "navigation"),
    ("Baca: Kapal Selam India Singgah di Sabang", "related-link"),
    ("Bagikan: Facebook Twitter WhatsApp", "share-buttons"),
    ("Copyright © 2024 Korea English Daily. All rights reserved.", "copyright"),
])
def test_each_furniture_class_goes_with_its_reason(tmp_path, line, reason):
    body = ("Menteri Pertahanan bertemu Menteri Pertahanan Australia di Jakarta pada hari Selasa untuk membahas "
            "latihan bersama.\nKedua menteri sepakat memperluas patroli terkoordinasi di Laut Arafura.\n")
    if line.isascii() and any(w in line for w in ("By ", "Leave", "Sign up", "Tags", "Photo", "Copyright", "SCROLL")):
        body = ("Defense Minister Shin Won-sik met Polish Defense Minister Wladyslaw Kosiniak-Kamysz in Seoul on "
                "Tuesday to discuss tank production.\nThe two ministers agreed to set up a working group.\n")
    path = tmp_path / "page.txt"
    path.write_text(body + line + "\n", encoding="utf-8")
    document = extract_one(path).extraction.document
    assert [(r.text, r.reason) for r in document.removed] == [(line, reason)]
    assert document.text == body.strip()


@pytest.mark.parametrize("line", [
    "By Tuesday, the two sides had agreed on a schedule for the joint drills.",
    "Photo opportunities were limited during the closed-door meeting, officials said.",
    "Editor pertahanan majalah itu mengatakan kunjungan tersebut sudah lama direncanakan.",
    "Related talks on the submarine deal will take place in Canberra next month.",
    "Iklan kampanye itu tidak menyebut kerja sama pertahanan dengan Australia.",
])
def test_sentences_that_begin_like_furniture_stay(tmp_path, line):
    path = tmp_path / "page.txt"
    path.write_text(line + "\n", encoding="utf-8")
    document = extract_one(path).extraction.document
    assert document.removed == []
    assert document.text == line
