"""Publication dates as documents write them, first, last or in a dateline, in every
supported language whatever the body's; the URL's date through the real readers; the
precedence of metadata, stamp and URL; and the dates that must not be taken for one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import ARTICLE_EN, ARTICLE_ID, extract_files, extract_one
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dyads.clean.publication import publication_date
from dyads.clean.published import Line, find_published, lines_of
from dyads.clean.urldate import url_date
from dyads.langdata import Knowledge
from dyads.model import RawDocument, Removal
from dyads.options import Options
from dyads.pipeline import extract

BODY_ID = "Menteri Pertahanan Korea Selatan bertemu dengan Komandan NATO di Seoul untuk membahas kerja sama pertahanan."
BODY_EN = "South Korea's defense minister met NATO's top commander in Seoul to discuss defense cooperation."


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.default()


@pytest.mark.parametrize(("language", "text", "date", "stamp"), [
    ("id", f"12 April 2022\n\n{BODY_ID}", "2022-04-12", "12 April 2022"),
    ("id", f"Rabu, 14 September 2023\n{BODY_ID}", "2023-09-14", "Rabu, 14 September 2023"),
    ("id", f"Senin, 8 Juli 2024 | 14:20 WIB\n{BODY_ID}", "2024-07-08", "Senin, 8 Juli 2024 | 14:20 WIB"),
    ("id", f"Jakarta, 31/3/2021 – {BODY_ID}", "2021-03-31", "31/3/2021"),
    ("id", f"JAKARTA, 5 Agt 2023 - {BODY_ID}", "2023-08-05", "5 Agt 2023"),
    ("id", f"{BODY_ID}\nDiterbitkan: 9 Juli 2024", "2024-07-09", "9 Juli 2024"),
    ("id", f"{BODY_ID}\n2024/03/01 08:13 KST", "2024-03-01", "2024/03/01 08:13 KST"),
    ("id", f"Oleh Redaksi | Kamis, 29 Agustus 2024 10:05 WIB\n{BODY_ID}", "2024-08-29", "Kamis, 29 Agustus 2024 10:05 WIB"),
    ("id", f"{BODY_ID}\nPewarta: Rina\n15 Desember 2022 20:11 WIB", "2022-12-15", "15 Desember 2022 20:11 WIB"),
    ("en", f"Published: 9 July 2024\n{BODY_EN}", "2024-07-09", "9 July 2024"),
    ("en", f"July 9, 2024 at 3:42 PM\n{BODY_EN}", "2024-07-09", "July 9, 2024 at 3:42 PM"),
    ("en", f"Posted on Feb. 29, 2024\n{BODY_EN}", "2024-02-29", "Feb. 29, 2024"),
    ("en", f"Updated: 2024-07-08 11:02 GMT+7\n{BODY_EN}", "2024-07-08", "2024-07-08 11:02 GMT+7"),
    ("en", f"Tuesday, April 12, 2022\n{BODY_EN}", "2022-04-12", "Tuesday, April 12, 2022"),
    ("en", f"SEOUL, 3/14/2023 - {BODY_EN}", "2023-03-14", "3/14/2023"),
    ("en", f"{BODY_EN}\nFirst published 14/03/2023", "2023-03-14", "14/03/2023"),
    # Korean stamps machine-translated: 입력 ("input") 2023.10.05 14:32
    ("id", f"Masukan 2023.10.05 14:32\n{BODY_ID}", "2023-10-05", "2023.10.05 14:32"),
    ("id", f"Masukan 2023.07.12 06:15 Koreksi 2023.07.12 07:02\n{BODY_ID}", "2023-07-12", "2023.07.12 06:15"),
])
def test_publication_stamps(knowledge, language, text, date, stamp):
    found = find_published(lines_of(text, knowledge.language(language)), [])
    assert found is not None
    published, span = found
    assert published == date
    assert text[span.start:span.end] == stamp


def test_wire_dateline_takes_the_year_of_the_removed_copyright(knowledge):
    text = f"MANILA, July 8 (Reuters) - {BODY_EN}"
    lines = lines_of(text, knowledge.language("en"))
    found = find_published(lines, [Removal("© 2024 Reuters", "copyright")])
    assert found is not None
    assert found[0] == "2024-07-08"
    assert text[found[1].start:found[1].end] == "July 8"
    assert find_published(lines, []) is None


@pytest.mark.parametrize(("language", "text"), [
    # A date inside a sentence is an event's date, not the publication's.
    ("id", "Kunjungan pertama dilakukan oleh Petr Pavel, pada Mei 2016.\nKedua pihak bertemu pada 12 April 2022 di Seoul."),
    ("en", "The first visit was on 12 April 2022, officials said.\nThe treaty was signed on July 9, 2024 in Manila."),
    # Impossible dates are not dates.
    ("id", f"31 Februari 2024\n{BODY_ID}"),
    ("en", f"13/13/2024\n{BODY_EN}"),
])
def test_dates_that_are_not_publication_stamps(knowledge, language, text):
    assert find_published(lines_of(text, knowledge.language(language)), []) is None


def test_only_edges_of_a_long_document_are_read(knowledge):
    middle = [BODY_ID] * 10 + ["14 September 2023"] + [BODY_ID] * 10
    assert find_published(lines_of("\n".join(middle), knowledge.language("id")), []) is None


def test_top_stamp_wins_over_bottom_stamp(knowledge):
    text = f"12 April 2022\n{BODY_ID}\n13 April 2022"
    assert find_published(lines_of(text, knowledge.language("id")), [])[0] == "2022-04-12"


@pytest.mark.parametrize(("stamp", "date"), [
    ("2022年1月6日", "2022-01-06"),
    ("2024年2月29日(木)", "2024-02-29"),
    ("2022年1月6日 19時45分", "2022-01-06"),
    ("2024년 2월 29일", "2024-02-29"),
])
def test_east_asian_stamps_read_in_any_language(knowledge, stamp, date):
    for language in ("id", "en", "ja"):
        found = find_published(lines_of(stamp + "\n" + BODY_ID, knowledge.language(language)), [])
        assert found is not None and found[0] == date
        assert (found[1].start, found[1].end) == (0, len(stamp))


def test_each_line_is_read_with_its_own_language(knowledge):
    """A Malay stamp is read with Malay month words, which Indonesian does not have."""
    stamp = "Isnin, 8 Julai 2024"
    lines = [Line(0, stamp, knowledge.language("ms")), Line(len(stamp) + 1, BODY_ID, knowledge.language("id"))]
    assert find_published(lines, [])[0] == "2024-07-08"
    assert find_published(lines_of(stamp + "\n" + BODY_ID, knowledge.language("id")), []) is None


# --- stamps as news sites lay them out, read with every loaded language's date words ---

def _all_languages(knowledge, first):
    return [knowledge.language(first), *(knowledge.languages[c] for c in sorted(knowledge.languages))]


@pytest.mark.parametrize(("language", "top", "date", "stamp"), [
    # site name and stamp on one line
    ("id", "Kompas.tv - 27 Juli 2023, 09:58 WIB", "2023-07-27", "27 Juli 2023, 09:58 WIB"),
    ("id", "ANTARA - Selasa, 5 Maret 2024 07:00 WIB", "2024-03-05", "Selasa, 5 Maret 2024 07:00 WIB"),
    ("en", "The Korea Herald · 2024-06-18 20:38:00", "2024-06-18", "2024-06-18 20:38:00"),
    ("en", "October 5, 2018 / 6:41 PM / Updated 2 hours ago", "2018-10-05", "October 5, 2018 / 6:41 PM"),
    # labels, with and without a colon, spaced colons, "pada"/"on"
    ("en", "Published : June 18, 2024 - 20:38", "2024-06-18", "June 18, 2024 - 20:38"),
    ("en", "Posted on Jan. 13, 2025 at 10:30 a.m. EST", "2025-01-13", "Jan. 13, 2025 at 10:30 a.m. EST"),
    ("en", "Published Mar 5, 2024, 08:30 PM SGT", "2024-03-05", "Mar 5, 2024, 08:30 PM SGT"),
    ("en", "Posted: 2024-04-11T10:30:00+07:00", "2024-04-11", "2024-04-11T10:30:00+07:00"),
    ("id", "Diterbitkan pada Rabu, 14 Februari 2024 pukul 10.15 WIB", "2024-02-14",
     "Rabu, 14 Februari 2024 pukul 10.15 WIB"),
    ("id", "Diposting: 2024-02-14 10:15 WITA", "2024-02-14", "2024-02-14 10:15 WITA"),
    ("id", "Dipublikasikan 13 Des 2023 | 19.30 WIB", "2023-12-13", "13 Des 2023 | 19.30 WIB"),
    ("id", "Diterbitkan: 10/01/2025 13:45 WIT", "2025-01-10", "10/01/2025 13:45 WIT"),
    # bylines before the stamp, one or several pipes
    ("en", "By Lee Min-young | Jan. 13, 2025 - 18:42 KST", "2025-01-13", "Jan. 13, 2025 - 18:42 KST"),
    ("id", "Reporter: Budi Santoso | Editor: Rina | Selasa, 5 Maret 2024 07:00 WIB", "2024-03-05",
     "Selasa, 5 Maret 2024 07:00 WIB"),
    # the time before the date
    ("en", "18:42 JST, January 13, 2025", "2025-01-13", "18:42 JST, January 13, 2025"),
    ("en", "08:30 ICT, 5 March 2024", "2024-03-05", "08:30 ICT, 5 March 2024"),
    # time zones
    ("en", "July 9, 2024 - 3:42 PM AEST", "2024-07-09", "July 9, 2024 - 3:42 PM AEST"),
    ("en", "Sept. 4, 2024 08:00 EDT", "2024-09-04", "Sept. 4, 2024 08:00 EDT"),
    ("en", "March 5, 2024 | 8:30 PM PHT", "2024-03-05", "March 5, 2024 | 8:30 PM PHT"),
    ("en", "2024-07-08 03:00 UTC", "2024-07-08", "2024-07-08 03:00 UTC"),
    ("en", "Published 2024.03.12 09:00 AEDT", "2024-03-12", "2024.03.12 09:00 AEDT"),
    ("en", "12.03.2024 | 08:15 CET", "2024-03-12", "12.03.2024 | 08:15 CET"),
    ("en", "Published: 11 April 2024 - 10:30 SAST", "2024-04-11", "11 April 2024 - 10:30 SAST"),
    ("en", "First published 1 Feb 2024 09:10 GMT+5:30", "2024-02-01", "1 Feb 2024 09:10 GMT+5:30"),
    ("en", "Posted on 9 July 2024 16:00 BST", "2024-07-09", "9 July 2024 16:00 BST"),
    ("en", "Published: 9 July 2024 11:00 CEST", "2024-07-09", "9 July 2024 11:00 CEST"),
    ("en", "Dated 02/08/2024 21:15 IST", "2024-02-08", "02/08/2024 21:15 IST"),
    ("id", "Jumat, 10 Jan 2025 16:02 GMT+7", "2025-01-10", "Jumat, 10 Jan 2025 16:02 GMT+7"),
    ("ms", "Isnin, 8 Julai 2024 10:00 MYT", "2024-07-08", "Isnin, 8 Julai 2024 10:00 MYT"),
    # numeric layouts
    ("id", "Jakarta | 2024-05-17", "2024-05-17", "2024-05-17"),
    ("id", "17/05/2024", "2024-05-17", "17/05/2024"),
    ("id", "2024.05.17 06:00", "2024-05-17", "2024.05.17 06:00"),
    ("id", "12.03.2024", "2024-03-12", "12.03.2024"),
    ("en", "12.03.2024", "2024-03-12", "12.03.2024"),  # dotted: day first, even in English
    ("en", "2025.01.10. 16:02", "2025-01-10", "2025.01.10. 16:02"),
    # Japanese, Korean and Chinese stamps, labels before or after
    ("ja", "2025年1月13日 18時42分 配信", "2025-01-13", "2025年1月13日 18時42分"),
    ("ja", "配信 2024年3月1日(金) 8:13", "2024-03-01", "2024年3月1日(金) 8:13"),
    ("ko", "기사입력 2024년 3월 1일 08:13", "2024-03-01", "2024년 3월 1일 08:13"),
    ("ko", "입력 2024.03.01 08:13 수정 2024.03.01 09:00", "2024-03-01", "2024.03.01 08:13"),
    ("zh", "发布时间：2024-05-09 07:12", "2024-05-09", "2024-05-09 07:12"),
    ("zh", "2024年05月09日 07:12 来源：新华网", "2024-05-09", "2024年05月09日 07:12"),
    # a Russian stamp left above a machine translation
    ("id", "17 января 2025, 18:40", "2025-01-17", "17 января 2025, 18:40"),
    ("id", "Опубликовано: 17.01.2025 18:40 МСК", "2025-01-17", "17.01.2025 18:40 МСК"),
])
def test_stamp_layouts_of_news_sites(knowledge, language, top, date, stamp):
    body = BODY_EN if language == "en" else BODY_ID
    text = f"{top}\n{body}"
    found = find_published(lines_of(text, knowledge.language(language)), [], _all_languages(knowledge, language))
    assert found is not None, top
    assert found[0] == date
    assert text[found[1].start:found[1].end] == stamp


@pytest.mark.parametrize(("bottom", "date", "stamp"), [
    ("2025/01/10 16:02 KST", "2025-01-10", "2025/01/10 16:02 KST"),
    ("Copyright holder: Yonhap | 2025/01/10 16:02 KST", "2025-01-10", "2025/01/10 16:02 KST"),
    ("Posted: 13 Jan. 2025, 07:00", "2025-01-13", "13 Jan. 2025, 07:00"),
])
def test_footer_stamps(knowledge, bottom, date, stamp):
    text = "\n".join([BODY_EN] * 14 + [bottom])
    found = find_published(lines_of(text, knowledge.language("en")), [], _all_languages(knowledge, "en"))
    assert found is not None and found[0] == date
    assert text[found[1].start:found[1].end] == stamp


def test_a_stamp_line_in_another_language_than_the_line_was_given(knowledge):
    """An English stamp above an Indonesian body: the line is too short for its language to
    be told, so it carries the body's; the other languages' month words read it."""
    text = f"Published: 9 July 2024\n{BODY_ID}"
    lines = lines_of(text, knowledge.language("id"))
    assert find_published(lines, []) is None  # Indonesian has no "July"
    found = find_published(lines, [], _all_languages(knowledge, "id"))
    assert found is not None and found[0] == "2024-07-09"
    assert text[found[1].start:found[1].end] == "9 July 2024"


@pytest.mark.parametrize(("text", "date"), [
    # the update first, the publication below it: the publication wins
    (f"Updated: July 10, 2024 08:00 EDT\nPublished: July 9, 2024 21:30 EDT\n{BODY_EN}", "2024-07-09"),
    (f"Diperbarui 15 Feb 2024, 08:00 WITA\nDiterbitkan 14 Feb 2024, 19:00 WITA\n{BODY_ID}", "2024-02-14"),
    # both on one line, either order
    (f"Updated: July 10, 2024 | Published: July 9, 2024\n{BODY_EN}", "2024-07-09"),
    (f"Published : June 18, 2024 - 20:38 Updated : June 19, 2024 - 09:10\n{BODY_EN}", "2024-06-18"),
    # only an update: better than nothing
    (f"Last updated: 14/02/2024 10:15 GMT+5:30\n{BODY_EN}", "2024-02-14"),
])
def test_an_update_stamp_gives_way_to_the_publication_stamp(knowledge, text, date):
    found = find_published(lines_of(text, knowledge.language("en")), [], _all_languages(knowledge, "en"))
    assert found is not None and found[0] == date


@pytest.mark.parametrize(("language", "text"), [
    # a news peg without a year never sets one, even with a copyright year at hand
    ("id", f"JAKARTA - Senin (08/09), {BODY_ID}"),
    ("id", f"Senin (08/09)\n{BODY_ID}"),
    ("id", f"Jakarta (ANTARA) - Kamis (14/3) {BODY_ID}"),
    # a sentence that mentions a date is an event's date
    ("en", f"{BODY_EN}\nThe two ministers last met on June 18, 2024 - in Singapore, officials said."),
    ("en", "The agreement, published on 9 July 2024, sets out joint patrols in the strait."),
    ("id", "Perjanjian itu ditandatangani pada Rabu, 14 Februari 2024 di Jakarta oleh kedua menteri."),
    # a dated headline of another story in a list is no stamp of this one
    ("id", f"{BODY_ID}\nBaca juga: Prabowo terima kunjungan Menhan Australia, 13 Des 2023 di Jakarta"),
])
def test_pegs_and_sentences_are_not_publication_stamps(knowledge, language, text):
    lines = lines_of(text, knowledge.language(language))
    assert find_published(lines, [Removal("© 2024 Kantor Berita", "copyright")],
                          _all_languages(knowledge, language)) is None


# --- the whole pipeline: precedence, and the URL's date through the real readers ---


BODY_ID_LONG = (
    "Menteri Pertahanan Prabowo Subianto menerima kunjungan Menteri Pertahanan Australia Richard "
    "Marles di Jakarta pada hari Kamis.\n"
    "Kedua menteri membahas latihan militer bersama dan pertukaran perwira antara kedua negara.\n"
    "“Kerja sama ini penting bagi stabilitas kawasan,” kata Prabowo kepada wartawan usai pertemuan."
)


@pytest.mark.parametrize(("url", "date"), [
    ("https://www.example.co.id/nasional/2022/07/24/menhan-bertemu-marles", "2022-07-24"),
    ("https://nasional.example.com/read/2023/07/27/09580041/prabowo-terima-marles", "2023-07-27"),
    ("https://news.example.com/2023-05-17/defence-talks", "2023-05-17"),
    ("https://example.com/article?id=81&date=2023-05-17", "2023-05-17"),
    ("https://www.example.com/nasional/20210408123456-20-626811/prabowo-marles", "2021-04-08"),
    ("https://en.example.co.kr/view/AEN20250110003200315", "2025-01-10"),
    ("https://www.example.com/view.php?ud=20240618050123", "2024-06-18"),
    # no date: an article number, a month only, a date in the host, an impossible date
    ("https://www.example.com/berita/3912345/prabowo-marles", None),
    ("https://example.com/2022/07/defence-talks", None),
    ("https://2024.example.com/defence-talks", None),
    ("https://example.com/p/20241399", None),
    ("<urn:uuid:6d0c2f58-0d2b-4c1c-9a55-1f1f0f1f0f1f>", None),
])
def test_url_dates(url, date):
    assert url_date(url) == date


def test_jsonl_url_dates_a_document_without_stamp_or_metadata(tmp_path: Path):
    rows = [
        {"text": BODY_ID_LONG, "url": "https://www.example.co.id/berita/2022/07/24/prabowo-marles"},
        {"text": ARTICLE_EN, "url": "https://www.example.com/world/20210408123456/marles-prabowo"},
        {"text": ARTICLE_EN, "url": "https://www.example.com/world/marles-prabowo"},
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = [r.extraction.document for r in extract_files(path)]
    assert [d.published for d in docs] == ["2022-07-24", "2021-04-08", None]
    assert [d.published_evidence for d in docs] == [None, None, None]
    assert docs[0].published_source.kind == "url"
    assert docs[0].published_source.detail == rows[0]["url"]
    assert docs[2].published_source is None


def test_precedence_metadata_then_stamp_then_url(tmp_path: Path):
    url = "https://www.example.co.id/berita/2022/07/24/prabowo-marles"
    stamped = f"Jakarta | Senin, 25 Juli 2022 10:15 WIB\n{BODY_ID_LONG}"
    rows = [
        {"text": stamped, "url": url, "published": "2022-07-26T08:00:00+07:00"},  # metadata
        {"text": stamped, "url": url},  # the stamp, with its offsets
        {"text": BODY_ID_LONG, "url": url},  # the URL
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs = [r.extraction.document for r in extract_files(path)]
    assert [d.published for d in docs] == ["2022-07-26", "2022-07-25", "2022-07-24"]
    assert [d.published_source.kind for d in docs] == ["metadata", "stamp", "url"]
    assert docs[0].published_evidence is None  # the stamp states another day
    evidence = docs[1].published_evidence
    assert docs[1].text[evidence.start:evidence.end] == "Senin, 25 Juli 2022 10:15 WIB"
    # the option beats them all
    option = extract_files(path, options=Options(published="2022-08-01"))
    assert {r.extraction.document.published for r in option} == {"2022-08-01"}
    assert {r.extraction.document.published_source.kind for r in option} == {"option"}


def test_metadata_that_agrees_with_the_stamp_keeps_its_offsets():
    text = f"Diterbitkan: 25 Juli 2022\n{BODY_ID_LONG}"
    doc = extract(RawDocument(text.encode(), "a.txt", published="2022-07-25")).document
    assert doc.published_source.kind == "metadata"
    assert doc.text[doc.published_evidence.start:doc.published_evidence.end] == "25 Juli 2022"


def test_english_stamp_above_an_indonesian_body_through_the_pipeline():
    text = f"Published: 9 July 2024\n{BODY_ID_LONG}"
    doc = extract(RawDocument(text.encode(), "a.txt")).document
    assert doc.language == "id"
    assert doc.published == "2024-07-09"
    assert doc.text[doc.published_evidence.start:doc.published_evidence.end] == "9 July 2024"


def test_a_yearless_peg_leaves_the_date_to_the_url():
    text = f"JAKARTA - Senin (25/07), {BODY_ID_LONG}"
    raw = RawDocument(text.encode(), "https://www.example.co.id/berita/2022/07/24/x",
                      url="https://www.example.co.id/berita/2022/07/24/x")
    assert extract(raw).document.published == "2022-07-24"
    assert extract(RawDocument(text.encode(), "a.txt")).document.published is None


def _rss(items: list[tuple[str, str | None]]) -> str:
    body = "".join(
        f"<item><title>Kunjungan {n}</title><link>{link}</link>"
        + (f"<pubDate>{date}</pubDate>" if date else "")
        + "<description><![CDATA[" + "".join(f"<p>{p}</p>" for p in BODY_ID_LONG.split("\n"))
        + "]]></description></item>"
        for n, (link, date) in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title>{body}</channel></rss>'


def test_feed_item_link_dates_an_item_without_pubdate(tmp_path: Path):
    path = tmp_path / "feed.xml"
    path.write_text(_rss([
        ("https://www.example.co.id/berita/2023/05/17/kunjungan", None),
        ("https://www.example.co.id/berita/2023/05/17/kunjungan-2", "Thu, 18 May 2023 07:30:00 +0700"),
    ]), encoding="utf-8")
    docs = [r.extraction.document for r in extract_files(path)]
    assert [d.published for d in docs] == ["2023-05-17", "2023-05-18"]
    assert [d.published_source.kind for d in docs] == ["url", "metadata"]


def test_warc_target_uri_dates_the_record(tmp_path: Path):
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kunjungan</title></head><body><article>"
            + "".join(f"<p>{p}</p>" for p in BODY_ID_LONG.split("\n")) + "</article></body></html>").encode()
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        record = writer.create_warc_record(
            "https://www.example.co.id/berita/20230517093000-20-12345/kunjungan", "response",
            payload=io.BytesIO(page),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                          protocol="HTTP/1.1"))
        writer.write_record(record)
    doc = extract_one(path).extraction.document
    assert doc.published == "2023-05-17"
    assert doc.published_source.kind == "url"
    assert doc.published_evidence is None


def test_html_og_url_dates_a_page_without_date_metadata(tmp_path: Path):
    paragraphs = "".join(f"<p>{p}</p>" for p in (BODY_ID_LONG.split("\n") * 3))
    path = tmp_path / "halaman.html"
    path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kunjungan</title>"
        "<meta property='og:url' content='https://www.example.co.id/read/2024/02/29/kunjungan'>"
        f"</head><body><article>{paragraphs}</article></body></html>", encoding="utf-8")
    doc = extract_one(path).extraction.document
    assert doc.published == "2024-02-29"
    assert doc.published_source.kind in ("metadata", "url")  # htmldate may read it first


def test_a_url_without_date_and_a_dated_file_path_date_nothing(tmp_path: Path):
    folder = tmp_path / "2024-05-17"
    folder.mkdir()
    (folder / "berita.txt").write_text(BODY_ID_LONG, encoding="utf-8")
    assert extract_one(folder / "berita.txt").extraction.document.published is None
    path = tmp_path / "crawl.jsonl"
    path.write_text(json.dumps({"text": ARTICLE_ID, "url": "https://www.example.com/berita/3912345/x"}) + "\n",
                    encoding="utf-8")
    assert extract_one(path).extraction.document.published is None


def test_a_stamp_on_a_removed_byline_dates_the_document_without_offsets(knowledge):
    languages = _all_languages(knowledge, "id")
    lines = lines_of(BODY_ID, knowledge.language("id"))
    common = {"option": None, "metadata": None, "metadata_detail": "", "lines": lines, "languages": languages,
              "urls": ("https://www.example.co.id/berita/2024/03/01/x",)}
    byline = Removal("Reporter: Budi Santoso | Selasa, 5 Maret 2024 07:00 WIB", "byline")
    found = publication_date(removed=[byline], **common)
    assert (found.date, found.evidence, found.source.kind) == ("2024-03-05", None, "stamp")
    # a removed teaser's date is another story's: the URL dates this one
    teaser = Removal("Baca juga: Menhan terima Marles | Senin, 4 Maret 2024 10:00 WIB", "related-link")
    found = publication_date(removed=[teaser], **common)
    assert (found.date, found.source.kind) == ("2024-03-01", "url")
