"""Every reader on a real file built in `tmp_path`: plain text in its encodings, HTML,
JSON Lines, WARC, RSS/Atom, folders, standard input, and the `dyads extract` output
(CONTRACT §1)."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import html
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ARTICLE_EN, ARTICLE_ID, extract_files, extract_one, run_cli

SCHEMA = "dyads.extraction/1"
TOP_KEYS = {"schema", "document", "entities", "events", "quotes"}

PARAGRAPHS = [
    "Menteri Pertahanan Prabowo Subianto bertemu dengan Menteri Pertahanan Australia Richard Marles "
    "di Canberra pada hari Kamis untuk membahas kerja sama pertahanan kedua negara.",
    "“Kerja sama ini penting bagi stabilitas kawasan Indo-Pasifik,” kata Prabowo kepada wartawan "
    "usai pertemuan tertutup yang berlangsung selama dua jam.",
    "Kedua menteri juga sepakat untuk meningkatkan latihan militer bersama dan pertukaran perwira "
    "antara Tentara Nasional Indonesia dan Angkatan Pertahanan Australia.",
    "Marles mengatakan Australia akan terus mendukung modernisasi alutsista Indonesia, termasuk "
    "melalui program pelatihan dan hibah peralatan.",
]
PAGE_TITLE = "Prabowo dan Marles bahas kerja sama pertahanan"
# Strings that only occur in the page's furniture: script, style, navigation, footer.
FURNITURE = ["trackingPixelId", "loadAds", "alert(", "dataLayer", "font-family", "Beranda",
             "Ekonomi Nasional", "Hak cipta"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ok(result):
    assert result.error is None, result.error
    return result.extraction.document


def news_page(paragraphs: list[str] = PARAGRAPHS, title: str = PAGE_TITLE,
              published: str = "2024-02-29T10:00:00+09:00") -> str:
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{title}</title>
<meta property="article:published_time" content="{published}">
<style>.nav {{ color: #c00; }} body {{ font-family: sans-serif; }}</style>
<script>var trackingPixelId = 12345; function loadAds() {{ alert("iklan"); }}</script>
</head>
<body>
<nav class="nav"><ul><li><a href="/">Beranda</a></li><li><a href="/politik">Politik</a></li>
<li><a href="/ekonomi">Ekonomi Nasional</a></li></ul></nav>
<article>
<h1>{title}</h1>
{body}
</article>
<footer><p>Hak cipta © 2024 Kantor Berita Contoh. Seluruh hak dilindungi undang-undang.</p></footer>
<script>window.dataLayer = window.dataLayer || []; loadAds();</script>
</body>
</html>
"""


# --- plain text ------------------------------------------------------------------------


def test_utf8_text(tmp_path: Path) -> None:
    path = tmp_path / "berita.txt"
    path.write_bytes(ARTICLE_ID.encode("utf-8"))
    doc = ok(extract_one(path))
    assert doc.text == ARTICLE_ID
    assert doc.language == "id"
    assert doc.id == sha256(path.read_bytes())
    assert doc.path == str(path)


def test_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + ARTICLE_ID.encode("utf-8"))
    doc = ok(extract_one(path))
    assert doc.text == ARTICLE_ID
    assert "\ufeff" not in doc.text
    assert doc.id == sha256(path.read_bytes())  # the raw bytes, BOM included


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "utf16.txt"
    bom = {"utf-16": b"", "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[encoding]
    path.write_bytes(bom + ARTICLE_ID.encode(encoding))
    assert path.read_bytes()[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    doc = ok(extract_one(path))
    assert doc.text == ARTICLE_ID
    assert doc.id == sha256(path.read_bytes())


def test_cp1252_file_is_decoded(tmp_path: Path) -> None:
    text = (
        "Spanish Defence Minister Margarita Robles met her Indonesian counterpart in Madrid on "
        "Tuesday, the ministry said.\n"
        "“We agreed to hold joint naval exercises next year,” said Admiral Teodoro López Pérez, "
        "adding that the talks had been ‘constructive’ — and long overdue."
    )
    path = tmp_path / "madrid.txt"
    path.write_bytes(text.encode("cp1252"))
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    doc = ok(extract_one(path))
    assert doc.text == text
    assert "Pérez" in doc.text and "“We agreed" in doc.text
    assert doc.id == sha256(path.read_bytes())


def as_windows_1252(data: bytes) -> str:
    """Bytes read as Windows-1252 the way browsers and editors do: the five undefined
    bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the control characters of the same number."""
    chars = []
    for byte in data:
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


def test_mojibake_is_repaired_but_real_punctuation_is_kept(tmp_path: Path) -> None:
    meant = ("Menteri Pertahanan Prabowo Subianto bertemu dengan Menteri Pertahanan Spanyol di Madrid "
             "pada hari Kamis.\n“Kerja sama ini penting,” kata Laksamana Pérez.")
    # UTF-8 read as Windows-1252 and saved again: the classic “ → â€œ mojibake.
    garbled = as_windows_1252(meant.encode("utf-8"))
    assert "â€œ" in garbled and "â€\x9d" in garbled and "PÃ©rez" in garbled
    real = ("Latihan ``Garuda Shield'' 2024 diikuti ＴＮＩ ＡＤ dan “US Army” — kata ‘juru bicara’ "
            "Dispenad.")
    path = tmp_path / "mojibake.txt"
    path.write_bytes((garbled + "\n" + real + "\n").encode("utf-8"))
    doc = ok(extract_one(path))
    assert "â€" not in doc.text and "Ã©" not in doc.text
    assert doc.text.startswith("Menteri Pertahanan Prabowo Subianto")
    assert "“Kerja sama ini penting,” kata Laksamana Pérez." in doc.text
    # Untouched: LaTeX-style quotes, typographic quotes, dashes, full-width letters.
    assert real in doc.text
    assert doc.text == meant + "\n" + real


def test_path_is_kept_as_given(tmp_path: Path) -> None:
    folder = tmp_path / "a b" / "c"
    folder.mkdir(parents=True)
    path = folder / "berita [1].txt"
    path.write_text(ARTICLE_ID, encoding="utf-8")
    given = str(tmp_path / "a b" / "." / "c" / "berita [1].txt")
    doc = ok(extract_one(given))
    assert doc.path == given


# --- HTML ------------------------------------------------------------------------------


def _check_news_page(doc, raw: bytes) -> None:
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for furniture in FURNITURE:
        assert furniture not in doc.text
    assert "<p>" not in doc.text and "</" not in doc.text
    assert doc.title == PAGE_TITLE
    assert doc.published == "2024-02-29"
    assert doc.published_evidence is None
    assert doc.language == "id"
    assert doc.id == sha256(raw)


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "berita.html"
    path.write_text(news_page(), encoding="utf-8")
    doc = ok(extract_one(path))
    _check_news_page(doc, path.read_bytes())
    assert doc.path == str(path)
    # Paragraphs come out in page order.
    positions = [doc.text.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)


def test_html_in_a_txt_file_is_read_as_html(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(news_page(), encoding="utf-8")
    doc = ok(extract_one(path))
    _check_news_page(doc, path.read_bytes())
    assert "<!DOCTYPE" not in doc.text and "<article>" not in doc.text


def test_htm_extension(tmp_path: Path) -> None:
    path = tmp_path / "berita.htm"
    path.write_text(news_page(), encoding="utf-8")
    _check_news_page(ok(extract_one(path)), path.read_bytes())


# --- JSON Lines --------------------------------------------------------------------------

JSONL_RECORDS = [
    {"text": ARTICLE_ID, "title": "Prabowo bertemu Marles", "url": "https://example.id/berita/1",
     "published": "2024-02-29T08:00:00+07:00", "language": "id"},
    None,  # a blank line
    {"text": ARTICLE_EN, "title": "Marles meets Prabowo", "published": "2024-03-01", "language": "en"},
    "{\"text\": \"Menteri Pertahanan bertemu",  # invalid JSON
    {"title": "Berita tanpa teks", "url": "https://example.id/berita/kosong"},  # no "text"
    {"text": "Panglima Angkatan Tentera Malaysia menerima kunjungan Panglima TNI di Kuala Lumpur "
             "pada hari Isnin untuk membincangkan rondaan bersama di Selat Melaka.", "language": "ms"},
]


def _jsonl_lines() -> list[bytes]:
    lines = []
    for record in JSONL_RECORDS:
        if record is None:
            lines.append(b"   ")
        elif isinstance(record, str):
            lines.append(record.encode("utf-8"))
        else:
            lines.append(json.dumps(record, ensure_ascii=False).encode("utf-8"))
    return lines


@pytest.mark.parametrize("name, newline", [("berita.jsonl", b"\n"), ("berita.ndjson", b"\r\n")])
def test_jsonl(tmp_path: Path, name: str, newline: bytes) -> None:
    lines = _jsonl_lines()
    path = tmp_path / name
    path.write_bytes(newline.join(lines) + newline)
    results = extract_files(path)
    assert len(results) == 5  # 3 documents, 2 failures; the blank line is skipped

    first, second, bad_json, no_text, fourth = results
    doc = ok(first)
    assert doc.id == sha256(lines[0])
    assert doc.path == "https://example.id/berita/1"
    assert doc.title == "Prabowo bertemu Marles"
    assert doc.published == "2024-02-29"
    assert doc.published_evidence is None
    assert doc.language == "id"
    assert doc.text == ARTICLE_ID

    doc = ok(second)
    assert doc.id == sha256(lines[2])
    assert doc.path == f"{path}:3"
    assert doc.title == "Marles meets Prabowo"
    assert doc.published == "2024-03-01"
    assert doc.language == "en"
    assert doc.text == ARTICLE_EN

    assert bad_json.extraction is None and "line 4" in bad_json.error and "[E020]" in bad_json.error
    assert no_text.extraction is None and "line 5" in no_text.error and "[E021]" in no_text.error
    assert str(path) in bad_json.path and str(path) in no_text.path

    doc = ok(fourth)
    assert doc.id == sha256(lines[5])
    assert doc.path == f"{path}:6"
    assert doc.title is None
    assert doc.language == "ms"  # the field, not detection
    assert doc.text.startswith("Panglima Angkatan Tentera Malaysia")


def test_jsonl_without_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "dua.jsonl"
    lines = [json.dumps({"text": ARTICLE_ID}).encode(), json.dumps({"text": ARTICLE_EN}).encode()]
    path.write_bytes(b"\n".join(lines))
    docs = [ok(r) for r in extract_files(path)]
    assert [d.id for d in docs] == [sha256(line) for line in lines]
    assert [d.path for d in docs] == [f"{path}:1", f"{path}:2"]


# --- WARC --------------------------------------------------------------------------------


def _html_bytes(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article>{body}</article></body></html>").encode("utf-8")


PAGE_1 = _html_bytes("Prabowo bertemu Marles", ARTICLE_ID.split("\n"))
PAGE_2 = _html_bytes("Marles meets Prabowo", ARTICLE_EN.split("\n"))


def write_warc(path: Path, gzipped: bool) -> list[str]:
    """A small crawl: warcinfo, request, HTML response, PNG response, HTML response.
    Returns the record ids of the two HTML responses."""
    ids = []
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gzipped)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test-crawler/1.0"}))
        request = writer.create_warc_record(
            "https://example.id/berita/1", "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("GET /berita/1 HTTP/1.1", [("Host", "example.id")],
                                          is_http_request=True))
        writer.write_record(request)
        png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
        for url, body, content_type in (
            ("https://example.id/berita/1", PAGE_1, "text/html; charset=utf-8"),
            ("https://example.id/logo.png", png, "image/png"),
            ("https://example.com/news/2", PAGE_2, "text/html"),
        ):
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body),
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                                         ("Content-Length", str(len(body)))],
                                              protocol="HTTP/1.1"))
            writer.write_record(record)
            if content_type.startswith("text/html"):
                ids.append(record.rec_headers.get_header("WARC-Record-ID"))
    return ids


@pytest.mark.parametrize("name, gzipped", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_warc(tmp_path: Path, name: str, gzipped: bool) -> None:
    path = tmp_path / name
    ids = write_warc(path, gzipped)
    assert (path.read_bytes()[:2] == b"\x1f\x8b") is gzipped
    results = extract_files(path)
    docs = [ok(r) for r in results]
    assert len(docs) == 2
    assert [d.path for d in docs] == ids
    assert all(i.startswith("<urn:uuid:") for i in ids)
    assert [d.id for d in docs] == [sha256(PAGE_1), sha256(PAGE_2)]
    assert docs[0].title == "Prabowo bertemu Marles"
    assert docs[0].text == ARTICLE_ID
    assert docs[1].title == "Marles meets Prabowo"
    assert docs[1].text == ARTICLE_EN
    assert docs[1].language == "en"


# --- feeds -------------------------------------------------------------------------------

ITEM_1 = ("<p>Menteri Pertahanan Prabowo Subianto bertemu dengan Menteri Pertahanan Australia Richard "
          "Marles di Canberra pada hari Kamis.</p><p>“Kerja sama ini penting,” katanya.</p>")
ITEM_1_TEXT = ARTICLE_ID
ITEM_2 = ("<p>Panglima TNI Jenderal Agus Subiyanto menerima kunjungan Kepala Staf Angkatan Darat "
          "Amerika Serikat Jenderal Randy George di Mabes TNI, Cilangkap, Jakarta.</p>"
          "<p>Keduanya membahas latihan bersama Super Garuda Shield.</p>")
ITEM_2_TEXT = ("Panglima TNI Jenderal Agus Subiyanto menerima kunjungan Kepala Staf Angkatan Darat "
               "Amerika Serikat Jenderal Randy George di Mabes TNI, Cilangkap, Jakarta.\n"
               "Keduanya membahas latihan bersama Super Garuda Shield.")

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Berita Pertahanan</title><link>https://example.id/</link><description>Berita</description>
<item>
  <title>Prabowo bertemu Marles</title>
  <link>https://example.id/berita/1</link>
  <pubDate>Thu, 29 Feb 2024 10:00:00 +0700</pubDate>
  <description>Ringkasan singkat.</description>
  <content:encoded><![CDATA[{ITEM_1}]]></content:encoded>
</item>
<item>
  <title>Berita tanpa isi</title>
  <link>https://example.id/berita/kosong</link>
  <pubDate>Fri, 01 Mar 2024 09:00:00 +0700</pubDate>
</item>
<item>
  <title>Panglima TNI terima KSAD AS</title>
  <link>https://example.id/berita/2</link>
  <pubDate>Mon, 04 Mar 2024 06:30:00 +0700</pubDate>
  <content:encoded><![CDATA[{ITEM_2}]]></content:encoded>
</item>
</channel>
</rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Berita Pertahanan</title><id>urn:example:berita</id><updated>2024-03-04T06:30:00+07:00</updated>
<entry>
  <title>Prabowo bertemu Marles</title><link href="https://example.id/berita/1"/><id>urn:example:1</id>
  <updated>2024-02-29T10:00:00+07:00</updated>
  <content type="html">{html.escape(ITEM_1)}</content>
</entry>
<entry>
  <title>Berita tanpa isi</title><link href="https://example.id/berita/kosong"/><id>urn:example:k</id>
  <updated>2024-03-01T09:00:00+07:00</updated>
</entry>
<entry>
  <title>Panglima TNI terima KSAD AS</title><link href="https://example.id/berita/2"/><id>urn:example:2</id>
  <updated>2024-03-04T06:30:00+07:00</updated>
  <content type="html">{html.escape(ITEM_2)}</content>
</entry>
</feed>
"""


@pytest.mark.parametrize("name, feed", [("berita.rss", RSS), ("berita.xml", RSS), ("berita.atom", ATOM)])
def test_feed(tmp_path: Path, name: str, feed: str) -> None:
    path = tmp_path / name
    path.write_text(feed, encoding="utf-8")
    results = extract_files(path)
    assert len(results) == 3
    first, empty, second = results

    doc = ok(first)
    assert doc.path == "https://example.id/berita/1"
    assert doc.title == "Prabowo bertemu Marles"
    assert doc.published == "2024-02-29"
    assert doc.published_evidence is None
    assert doc.text == ITEM_1_TEXT
    assert doc.id == sha256(ITEM_1.encode("utf-8"))
    assert "Ringkasan" not in doc.text  # the full content, not the summary

    assert empty.extraction is None and "[E041]" in empty.error
    assert str(path) in empty.path  # the failure names the file

    doc = ok(second)
    assert doc.path == "https://example.id/berita/2"
    assert doc.title == "Panglima TNI terima KSAD AS"
    # 06:30 WIB on 4 March is 3 March in UTC: the date is the one the publisher wrote.
    assert doc.published == "2024-03-04"
    assert doc.text == ITEM_2_TEXT
    assert doc.id == sha256(ITEM_2.encode("utf-8"))


# --- folders, gzip, stdin ----------------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "korpus"
    (root / "2024-02").mkdir(parents=True)
    (root / "2024-03" / "wire").mkdir(parents=True)
    (root / "2024-03" / "wire" / "empty-sub").mkdir()
    texts = {
        "01-ringkasan.txt": "Ringkasan: " + ARTICLE_ID,
        "2024-02/a-prabowo.txt": ARTICLE_ID,
        "2024-02/b-marles.html": news_page(),
        "2024-03/c-canberra.txt": ARTICLE_EN,
    }
    for name, text in texts.items():
        (root / name).write_text(text, encoding="utf-8")
    with gzip.open(root / "2024-03" / "wire" / "d-wire.txt.gz", "wb") as fh:
        fh.write(("Jakarta (ANTARA) - " + ARTICLE_ID).encode("utf-8"))
    jsonl_lines = [json.dumps({"text": ARTICLE_EN, "url": "https://example.com/e1"}).encode(),
                   json.dumps({"text": ARTICLE_ID}).encode()]
    with gzip.open(root / "2024-03" / "wire" / "e-feed.jsonl.gz", "wb") as fh:
        fh.write(b"\n".join(jsonl_lines) + b"\n")
    # Skipped silently: gold files, other JSON, CSV, images.
    (root / "2024-02" / "a-prabowo.gold.json").write_text('{"published": "2024-02-29"}', encoding="utf-8")
    (root / "meta.json").write_text('{"text": "bukan dokumen"}', encoding="utf-8")
    (root / "2024-03" / "index.csv").write_text("path,title\na.txt,Prabowo\n", encoding="utf-8")
    (root / "2024-03" / "wire" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))

    results = extract_files(root)
    docs = [ok(r) for r in results]
    wire = root / "2024-03" / "wire"
    assert [d.path for d in docs] == [
        str(root / "01-ringkasan.txt"),
        str(root / "2024-02" / "a-prabowo.txt"),
        str(root / "2024-02" / "b-marles.html"),
        str(root / "2024-03" / "c-canberra.txt"),
        str(wire / "d-wire.txt.gz"),
        "https://example.com/e1",
        f"{wire / 'e-feed.jsonl.gz'}:2",
    ]
    assert docs[1].text == ARTICLE_ID
    assert docs[2].title == PAGE_TITLE
    # .txt.gz: the id is the uncompressed bytes', the text is the decompressed text.
    assert docs[4].id == sha256(("Jakarta (ANTARA) - " + ARTICLE_ID).encode("utf-8"))
    assert docs[4].text.endswith("“Kerja sama ini penting,” katanya.")
    assert [d.id for d in docs[5:]] == [sha256(line) for line in jsonl_lines]
    # The same folder read twice gives the same order.
    assert [r.path for r in extract_files(root)] == [d.path for d in docs]


def test_gzipped_html(tmp_path: Path) -> None:
    raw = news_page().encode("utf-8")
    path = tmp_path / "berita.html.gz"
    path.write_bytes(gzip.compress(raw))
    doc = ok(extract_one(path))
    _check_news_page(doc, raw)


def test_stdin(tmp_path: Path) -> None:
    proc = run_cli("extract", "-", stdin=ARTICLE_ID.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 1
    doc = json.loads(lines[0])["document"]
    assert doc["text"] == ARTICLE_ID
    assert doc["id"] == sha256(ARTICLE_ID.encode("utf-8"))
    assert doc["language"] == "id"


def test_stdin_html() -> None:
    proc = run_cli("extract", "-", stdin=news_page().encode("utf-8"))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)["document"]
    assert doc["title"] == PAGE_TITLE
    assert PARAGRAPHS[0] in doc["text"] and "trackingPixelId" not in doc["text"]


# --- the command -------------------------------------------------------------------------


def test_cli_default_is_json_lines(tmp_path: Path) -> None:
    (tmp_path / "berita.txt").write_text(ARTICLE_ID, encoding="utf-8")
    (tmp_path / "halaman.html").write_text(news_page(), encoding="utf-8")
    proc = run_cli("extract", "berita.txt", "halaman.html", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stdout.splitlines()
    assert len(lines) == 2
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        assert set(obj) == TOP_KEYS
        assert obj["schema"] == SCHEMA
        assert all(isinstance(obj[key], list) for key in ("entities", "events", "quotes"))
        assert set(obj["document"]) >= {"id", "path", "title", "published", "published_evidence",
                                        "language", "segments", "text", "removed"}
    assert [o["document"]["path"] for o in objects] == ["berita.txt", "halaman.html"]
    assert objects[0]["document"]["text"] == ARTICLE_ID
    assert objects[0]["document"]["id"] == sha256(ARTICLE_ID.encode("utf-8"))
    assert objects[1]["document"]["published"] == "2024-02-29"
    # Non-ASCII text is written as is, not as \u escapes.
    assert "“Kerja sama ini penting,”" in lines[0]


def test_cli_format_json_is_an_array(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_ID, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_EN, encoding="utf-8")
    proc = run_cli("extract", "a.txt", "b.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert isinstance(data, list) and len(data) == 2
    assert [set(o) for o in data] == [TOP_KEYS, TOP_KEYS]
    assert [o["document"]["path"] for o in data] == ["a.txt", "b.txt"]
    assert proc.stdout.count("\n") > 10  # pretty, not one line


def test_cli_format_json_single_document_is_still_an_array(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_ID, encoding="utf-8")
    proc = run_cli("extract", "a.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["schema"] == SCHEMA and data[0]["document"]["text"] == ARTICLE_ID


def test_cli_format_json_when_everything_fails(tmp_path: Path) -> None:
    (tmp_path / "kosong.txt").write_bytes(b"")
    proc = run_cli("extract", "kosong.txt", "tidak-ada.txt", "--format", "json", cwd=tmp_path)
    assert proc.returncode == 2
    assert json.loads(proc.stdout) == []
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 2
    assert "kosong.txt" in errors[0] and "[E003]" in errors[0]
    assert "tidak-ada.txt" in errors[1] and "[E001]" in errors[1]


def test_cli_published_and_language_override(tmp_path: Path) -> None:
    # Without overrides the page's metadata date and the Indonesian body are detected.
    page = tmp_path / "halaman.html"
    page.write_text(news_page(), encoding="utf-8")
    text = tmp_path / "berita.txt"
    text.write_text("JAKARTA, 29 Februari 2024 - " + ARTICLE_ID, encoding="utf-8")
    detected = [ok(r) for r in extract_files(page, text)]
    assert [d.published for d in detected] == ["2024-02-29", "2024-02-29"]
    assert [d.language for d in detected] == ["id", "id"]

    proc = run_cli("extract", "halaman.html", "berita.txt", "--published", "2024-03-01",
                   "--language", "en", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    docs = [json.loads(line)["document"] for line in proc.stdout.splitlines()]
    assert len(docs) == 2
    for doc in docs:
        assert doc["published"] == "2024-03-01"
        assert doc["published_evidence"] is None
        assert doc["language"] == "en"
    assert docs[1]["text"].startswith("JAKARTA, 29 Februari 2024")


def test_cli_invalid_published_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_ID, encoding="utf-8")
    proc = run_cli("extract", "a.txt", "--published", "2024-13-45", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 1
    assert "2024-13-45" in errors[0] and "[E080]" in errors[0]
    assert "Traceback" not in proc.stderr


def test_folder_is_read_in_sorted_path_order(tmp_path):
    """Files and sub-folders interleave by name, as `sorted` paths would."""
    body = "Menteri Pertahanan bertemu Panglima TNI di Jakarta pada hari Senin untuk membahas latihan."
    for relative in ("a/b.txt", "a/c/d.txt", "a/e.txt", "z.txt"):
        target = tmp_path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body + " " + relative, encoding="utf-8")
    results = extract_files(tmp_path)
    names = [str(Path(r.path).relative_to(tmp_path)) for r in results]
    assert names == ["a/b.txt", "a/c/d.txt", "a/e.txt", "z.txt"]


def test_failure_inside_a_container_names_the_file_and_the_record(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"text": "   ", "url": "https://example.org/empty"}) + "\n", encoding="utf-8")
    (result,) = extract_files(path)
    assert result.extraction is None
    assert result.path == f"{path} (https://example.org/empty)"
