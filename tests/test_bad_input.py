"""Bad input: each gives one line on stderr naming the file and the problem (never a
traceback), the rest of the batch is still printed, and the exit status is 2 (CONTRACT §1).
Large and hostile inputs are also read under tracemalloc to show memory stays bounded."""

from __future__ import annotations

import gzip
import io
import json
import random
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ARTICLE_EN, extract_files, extract_one, run_cli
from conftest import ARTICLE_ID as GOOD
from dyads.model import ReadFailure
from dyads.options import Options
from dyads.readers import read

MiB = 1024 * 1024
# Bounded memory: the default document limit is 16 MiB; reading a hostile file of hundreds
# of megabytes must stay well below 100 MB.
MEMORY_CEILING = 50 * MiB


def run_batch(folder: Path, *bad: str | Path) -> tuple[list[str], list[dict]]:
    """`dyads extract BAD... good.txt`: checks the exit status, that stderr has no traceback
    and that the good document is still printed; returns stderr's lines and the objects."""
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    proc = run_cli("extract", *map(str, bad), "good.txt", cwd=folder)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    objects = [json.loads(line) for line in proc.stdout.splitlines()]
    good = [o for o in objects if o["document"]["path"] == "good.txt"]
    assert len(good) == 1, proc.stdout[:2000]
    assert good[0]["document"]["text"] == GOOD
    errors = [line for line in proc.stderr.splitlines() if line.strip()]
    assert errors, "no error reported"
    for line in errors:
        assert line.startswith("dyads: error: "), line
    return errors, objects


def one_error(errors: list[str], name: str | Path, code: str) -> str:
    assert len(errors) == 1, errors
    line = errors[0]
    assert str(name) in line, line
    assert f"[{code}]" in line, line
    return line


def peak_reading(path: Path) -> tuple[list, int]:
    """Everything `dyads.readers.read` yields for `path`, and the peak traced memory."""
    tracemalloc.start()
    try:
        items = list(read([str(path)], Options()))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return items, peak


# --- small bad files ---------------------------------------------------------------------


def test_missing_path(tmp_path: Path) -> None:
    result = extract_one(tmp_path / "tidak-ada.txt")
    assert result.extraction is None and "[E001]" in result.error
    errors, objects = run_batch(tmp_path, "tidak-ada.txt")
    line = one_error(errors, "tidak-ada.txt", "E001")
    assert "no such file" in line
    assert len(objects) == 1


def test_missing_folder(tmp_path: Path) -> None:
    errors, _ = run_batch(tmp_path, "arsip/2024")
    one_error(errors, "arsip/2024", "E001")


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "kosong.txt").write_bytes(b"")
    result = extract_one(tmp_path / "kosong.txt")
    assert result.extraction is None and "[E003]" in result.error
    errors, objects = run_batch(tmp_path, "kosong.txt")
    assert "empty" in one_error(errors, "kosong.txt", "E003")
    assert len(objects) == 1


@pytest.mark.parametrize("name", ["spasi.txt", "spasi.html", "spasi.jsonl"])
def test_whitespace_only_file(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"  \n\t\r\n   \n\n")
    results = extract_files(tmp_path / name)
    assert all(r.extraction is None for r in results)
    if name != "spasi.jsonl":  # a JSON Lines file of blank lines simply holds no documents
        assert len(results) == 1 and "[E003]" in results[0].error


def test_whitespace_only_file_cli(tmp_path: Path) -> None:
    (tmp_path / "spasi.txt").write_bytes(b"  \n\t\r\n   \n\n")
    errors, objects = run_batch(tmp_path, "spasi.txt")
    one_error(errors, "spasi.txt", "E003")
    assert len(objects) == 1


def test_binary_file(tmp_path: Path) -> None:
    rnd = random.Random(7)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(rnd.randrange(256) for _ in range(8000))
    assert b"\x00" in png[20:]
    (tmp_path / "foto.txt").write_bytes(png)
    (tmp_path / "foto.html").write_bytes(png)
    for name in ("foto.txt", "foto.html"):
        result = extract_one(tmp_path / name)
        assert result.extraction is None and "[E004]" in result.error, result
    errors, objects = run_batch(tmp_path, "foto.txt")
    assert "binary" in one_error(errors, "foto.txt", "E004")
    assert len(objects) == 1


def test_undecodable_bytes(tmp_path: Path) -> None:
    # High bytes only, no NUL, no valid UTF-8 sequence: not text in any encoding worth the name.
    rnd = random.Random(11)
    data = bytes(rnd.randrange(0x80, 0x100) for _ in range(6000))
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    (tmp_path / "rusak.txt").write_bytes(data)
    result = extract_one(tmp_path / "rusak.txt")
    assert result.extraction is None
    assert re.search(r"\[E00[45]\]$", result.error), result.error
    errors, objects = run_batch(tmp_path, "rusak.txt")
    assert len(errors) == 1 and "rusak.txt" in errors[0]
    assert re.search(r"\[E00[45]\]$", errors[0]), errors[0]
    assert len(objects) == 1


def test_invalid_utf8_after_a_utf8_bom(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode("utf-8") + b"\xff\xfe\xc3")
    result = extract_one(tmp_path / "bom.txt")
    assert result.extraction is None and "[E005]" in result.error


# --- large files -------------------------------------------------------------------------

SENTENCE = b"Menteri Pertahanan Prabowo Subianto bertemu Richard Marles di Canberra pada hari Kamis. "
CHUNK = SENTENCE * (MiB // len(SENTENCE))  # about 1 MiB, no newline


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A 200 MB .txt with no newline, a .jsonl whose one line is 200 MB, and a .txt.gz of
    300 MB of one byte (about 300 KB compressed); each written in chunks, once, and
    deleted after the module."""
    folder = tmp_path_factory.mktemp("big")
    paths = {"txt": folder / "besar.txt", "jsonl": folder / "besar.jsonl", "bomb": folder / "bom.txt.gz"}
    count = 200 * MiB // len(CHUNK) + 1
    with paths["txt"].open("wb") as fh:
        for _ in range(count):
            fh.write(CHUNK)
    with paths["jsonl"].open("wb") as fh:
        fh.write(b'{"title": "besar", "text": "')
        for _ in range(count):
            fh.write(CHUNK)
        fh.write(b'"}\n')
    block = b"A" * MiB
    with gzip.open(paths["bomb"], "wb", compresslevel=9) as fh:
        for _ in range(300):
            fh.write(block)
    assert paths["txt"].stat().st_size > 200 * 10**6
    assert paths["jsonl"].stat().st_size > 200 * 10**6
    assert paths["bomb"].stat().st_size < 2 * MiB
    yield paths
    for path in paths.values():
        path.unlink()


def test_huge_text_file(tmp_path: Path, big: dict[str, Path]) -> None:
    errors, objects = run_batch(tmp_path, big["txt"])
    assert "too large" in one_error(errors, big["txt"], "E006")
    assert len(objects) == 1


def test_huge_text_file_memory_is_bounded(big: dict[str, Path]) -> None:
    items, peak = peak_reading(big["txt"])
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert "[E006]" in items[0].message
    assert peak < MEMORY_CEILING, f"peak {peak / MiB:.0f} MiB"


def test_huge_jsonl_line(tmp_path: Path, big: dict[str, Path]) -> None:
    errors, objects = run_batch(tmp_path, big["jsonl"])
    line = one_error(errors, big["jsonl"], "E022")
    assert "line 1" in line
    assert len(objects) == 1


def test_huge_jsonl_line_memory_is_bounded_and_next_lines_are_read(tmp_path: Path, big: dict[str, Path]) -> None:
    items, peak = peak_reading(big["jsonl"])
    assert len(items) == 1 and "line 1" in items[0].message and "[E022]" in items[0].message
    assert peak < MEMORY_CEILING, f"peak {peak / MiB:.0f} MiB"
    # A huge line followed by a normal one: the normal one is still a document.
    path = tmp_path / "campur.jsonl"
    with path.open("wb") as fh:
        fh.write(b'{"text": "')
        for _ in range(20):
            fh.write(CHUNK)
        fh.write(b'"}\n')
        fh.write(json.dumps({"text": GOOD, "url": "https://example.id/berita/1"}).encode() + b"\n")
    results = extract_files(path)
    assert len(results) == 2
    assert "line 1" in results[0].error and "[E022]" in results[0].error
    assert results[1].error is None and results[1].extraction.document.text == GOOD


def test_gzip_bomb(tmp_path: Path, big: dict[str, Path]) -> None:
    errors, objects = run_batch(tmp_path, big["bomb"])
    one_error(errors, big["bomb"], "E006")
    assert len(objects) == 1


def test_gzip_bomb_memory_is_bounded(big: dict[str, Path]) -> None:
    items, peak = peak_reading(big["bomb"])
    assert len(items) == 1 and "[E006]" in items[0].message
    assert peak < MEMORY_CEILING, f"peak {peak / MiB:.0f} MiB"


def test_truncated_gzip(tmp_path: Path) -> None:
    rnd = random.Random(3)
    lines = []
    for number in range(400):
        filler = " ".join(rnd.choice(["latihan", "bersama", "TNI", "pertahanan", "kerja", "sama", "kawasan"])
                          for _ in range(40))
        lines.append(json.dumps({"text": f"Berita {number}: {GOOD} {filler}",
                                 "url": f"https://example.id/berita/{number}"}, ensure_ascii=False))
    compressed = gzip.compress(("\n".join(lines) + "\n").encode("utf-8"))
    (tmp_path / "arsip.jsonl.gz").write_bytes(compressed[: len(compressed) // 2])

    results = extract_files(tmp_path / "arsip.jsonl.gz")
    failures = [r for r in results if r.extraction is None]
    assert len(failures) == 1
    assert "truncated" in failures[0].error and "[E007]" in failures[0].error
    assert results[-1] is failures[0]  # the failure ends the stream
    for done in results[:-1]:  # lines complete before the cut may come out, intact
        assert done.extraction.document.text.startswith("Berita ")

    errors, objects = run_batch(tmp_path, "arsip.jsonl.gz")
    assert "truncated" in one_error(errors, "arsip.jsonl.gz", "E007")
    assert len(objects) == len(results)


def test_corrupt_gzip(tmp_path: Path) -> None:
    compressed = bytearray(gzip.compress((GOOD * 200).encode("utf-8")))
    compressed[30:60] = bytes(30)  # damage the deflate data
    (tmp_path / "rusak.txt.gz").write_bytes(bytes(compressed))
    result = extract_one(tmp_path / "rusak.txt.gz")
    assert result.extraction is None
    assert re.search(r"\[E00[78]\]$", result.error), result.error


# --- WARC --------------------------------------------------------------------------------


def _page(title: str, text: str) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in text.split("\n"))
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article>{body}</article></body></html>").encode("utf-8")


PAGE_EN = _page("Marles meets Prabowo", ARTICLE_EN)
PAGE_ID = _page("Prabowo bertemu Marles", GOOD)


def _response(writer: WARCWriter, url: str, body: bytes, headers: list[tuple[str, str]]):
    return writer.create_warc_record(
        url, "response", payload=io.BytesIO(body),
        http_headers=StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1"))


def test_warc_content_encoding_bomb(tmp_path: Path, big: dict[str, Path]) -> None:
    # The HTTP body is gzip that expands to 300 MB (about 300 KB on disk: deflate cannot
    # pack 300 MB into less); warcio decodes Content-Encoding itself.
    bomb = big["bomb"].read_bytes()
    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        bad = _response(writer, "https://example.id/bom", bomb,
                        [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"),
                         ("Content-Length", str(len(bomb)))])
        writer.write_record(bad)
        good = _response(writer, "https://example.com/news/2", PAGE_EN,
                         [("Content-Type", "text/html"), ("Content-Length", str(len(PAGE_EN)))])
        writer.write_record(good)
    good_id = good.rec_headers.get_header("WARC-Record-ID")

    items, peak = peak_reading(path)
    assert peak < MEMORY_CEILING, f"peak {peak / MiB:.0f} MiB"
    assert len(items) == 2 and isinstance(items[0], ReadFailure) and "[E031]" in items[0].message

    results = extract_files(path)
    assert len(results) == 2
    assert results[0].extraction is None and "[E031]" in results[0].error
    assert str(path) in results[0].path
    assert results[1].error is None
    assert results[1].extraction.document.path == good_id
    assert results[1].extraction.document.text == ARTICLE_EN

    errors, objects = run_batch(tmp_path, "crawl.warc.gz")
    line = one_error(errors, "crawl.warc.gz", "E031")
    assert "gzip bomb" in line
    assert [o["document"]["path"] for o in objects] == [good_id, "good.txt"]


def _warc_with_bad_length(path: Path, gzipped: bool, delta: int) -> str:
    """Two HTML responses; one record's WARC Content-Length is off by `delta`. A longer
    length goes on the last record (it runs past the end of the file); a shorter one on the
    first. Returns the record id of the other, intact record."""
    records = []
    for url, body in (("https://example.id/berita/1", PAGE_ID), ("https://example.com/news/2", PAGE_EN)):
        buffer = io.BytesIO()
        writer = WARCWriter(buffer, gzip=False)
        record = _response(writer, url, body, [("Content-Type", "text/html; charset=utf-8")])
        writer.write_record(record)
        records.append((buffer.getvalue(), record.rec_headers.get_header("WARC-Record-ID")))
    index = 1 if delta > 0 else 0
    raw, _ = records[index]
    match = re.search(rb"\r\nContent-Length: (\d+)\r\n", raw)
    assert match is not None
    declared = int(match.group(1)) + delta
    raw = raw[: match.start(1)] + str(declared).encode() + raw[match.end(1):]
    records[index] = (raw, records[index][1])
    with path.open("wb") as fh:
        for data, _ in records:
            fh.write(gzip.compress(data) if gzipped else data)
    return records[1 - index][1]


@pytest.mark.parametrize("gzipped", [False, True], ids=["warc", "warc.gz"])
@pytest.mark.parametrize("delta", [5000, -120], ids=["longer", "shorter"])
def test_warc_bogus_content_length(tmp_path: Path, gzipped: bool, delta: int, capfd) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    intact = _warc_with_bad_length(path, gzipped, delta)
    results = extract_files(path)
    failures = [r for r in results if r.extraction is None]
    assert len(failures) >= 1
    for failure in failures:
        assert str(path) in failure.path
        assert re.search(r"\[E03\d\]$", failure.error), failure.error
    # The record whose length is right still comes out, and no damaged record passes as
    # a document.
    assert [r.extraction.document.path for r in results if r.extraction] == [intact]
    # Nothing written behind the caller's back (warcio prints a warning of its own).
    assert capfd.readouterr().err == ""


def test_warc_bogus_content_length_cli(tmp_path: Path) -> None:
    _warc_with_bad_length(tmp_path / "panjang.warc", False, 5000)
    _warc_with_bad_length(tmp_path / "pendek.warc", False, -120)
    errors, objects = run_batch(tmp_path, "panjang.warc", "pendek.warc")
    assert len(errors) == 2, errors
    assert "panjang.warc" in errors[0] and "pendek.warc" in errors[1]
    for line in errors:
        assert re.search(r"\[E03\d\]$", line), line
    assert len(objects) == 3  # one intact record from each file, and good.txt


def test_not_a_warc(tmp_path: Path) -> None:
    (tmp_path / "palsu.warc").write_text("WARC/1.0\r\nini bukan arsip\r\n\r\n" + GOOD, encoding="utf-8")
    result = extract_one(tmp_path / "palsu.warc")
    assert result.extraction is None and re.search(r"\[E03\d\]$", result.error), result.error


# --- HTML --------------------------------------------------------------------------------


def test_deeply_nested_html(tmp_path: Path) -> None:
    depth = 100_000
    page = ("<!DOCTYPE html><html><head><title>Dalam</title></head><body>" + "<div>" * depth
            + "<p>" + GOOD + "</p>" + "</div>" * depth + "</body></html>")
    (tmp_path / "dalam.html").write_text(page, encoding="utf-8")
    result = extract_one(tmp_path / "dalam.html")
    assert result.extraction is None and "[E050]" in result.error
    errors, objects = run_batch(tmp_path, "dalam.html")
    assert "nested" in one_error(errors, "dalam.html", "E050")
    assert len(objects) == 1


SCRIPTS = """
<script>var adSlotTopBanner = "div-gpt-ad-1"; function loadAds() { alert("Selamat datang"); }</script>
<script src="https://cdn.example.id/analytics.js"></script>
<script>document.write("Menteri Pertahanan Prabowo Subianto bertemu Richard Marles di Canberra");</script>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({"event": "pageview"});</script>
"""


def test_html_with_only_scripts(tmp_path: Path) -> None:
    page = f"<!DOCTYPE html><html><head><title>Berita</title>{SCRIPTS}</head><body>{SCRIPTS}</body></html>"
    (tmp_path / "skrip.html").write_text(page, encoding="utf-8")
    result = extract_one(tmp_path / "skrip.html")
    assert result.extraction is None and "[E051]" in result.error
    errors, objects = run_batch(tmp_path, "skrip.html")
    assert "no article text" in one_error(errors, "skrip.html", "E051")
    assert len(objects) == 1


@pytest.mark.parametrize("wrap", ["article", "div"])
def test_html_with_scripts_and_article(tmp_path: Path, wrap: str) -> None:
    paragraphs = [
        "Menteri Pertahanan Prabowo Subianto bertemu dengan Menteri Pertahanan Australia Richard Marles "
        "di Canberra pada hari Kamis untuk membahas kerja sama pertahanan kedua negara.",
        "“Kerja sama ini penting bagi stabilitas kawasan,” kata Prabowo kepada wartawan usai pertemuan.",
        "Kedua menteri sepakat meningkatkan latihan militer bersama dan pertukaran perwira.",
    ]
    body = "".join(f"<p>{p}</p>{SCRIPTS if i == 1 else ''}" for i, p in enumerate(paragraphs))
    page = (f"<!DOCTYPE html><html><head><title>Prabowo bertemu Marles</title>{SCRIPTS}</head>"
            f"<body>{SCRIPTS}<{wrap}>{body}</{wrap}>{SCRIPTS}</body></html>")
    (tmp_path / "campur.html").write_text(page, encoding="utf-8")
    doc = extract_one(tmp_path / "campur.html")
    assert doc.error is None, doc.error
    text = doc.extraction.document.text
    for paragraph in paragraphs:
        assert paragraph in text
    for script in ("alert(", "adSlotTopBanner", "loadAds", "document.write", "dataLayer", "analytics.js",
                   "pageview"):
        assert script not in text
