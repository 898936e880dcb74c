"""Hostile inputs found by fuzzing and by hand (issue 14): each is one coded line naming the
input, the rest of the batch goes on, nothing waits forever, and a flood of failures from
one input is one line."""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import re
import sqlite3
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from conftest import ARTICLE_EN, ARTICLE_ID, run_cli
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options
from dyads.readers import read, read_stream

PAGE = f"<html><body><article><p>{ARTICLE_EN}</p></article></body></html>".encode()


def _http(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body


def _warc_record(headers: list[str], payload: bytes) -> bytes:
    lines = ["WARC/1.0", "WARC-Type: response", *headers, "Content-Type: application/http; msgtype=response"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def _rss(declaration: bytes) -> bytes:
    return (b'<?xml version="1.0" encoding="' + declaration + b'"?><rss version="2.0"><channel><item>'
            b"<title>Talks</title><description>" + ARTICLE_EN.encode() + b"</description></item></channel></rss>")


# name -> (bytes, code): the inputs of issue 14, rebuilt.
HOSTILE: dict[str, tuple[bytes, str]] = {
    "nested.jsonl": (b"[" * 100_000 + b"\n", "E020"),
    "no_target_uri.warc": (_warc_record(["WARC-Record-ID: <urn:uuid:1>", f"Content-Length: {len(_http(PAGE))}"],
                                        _http(PAGE)), "E030"),
    "huge_length.warc": (_warc_record(["WARC-Record-ID: <urn:uuid:2>", "WARC-Target-URI: https://example.id/a",
                                       "Content-Length: " + "1" + "0" * 20], _http(PAGE)), "E030"),
    "bom_encoding.rss": (_rss(b"\xff\xfe"), "E040"),
    "nul_encoding.rss": (_rss(b"utf\x008"), "E040"),
}


def test_lone_surrogate_in_json_lines_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "berita.jsonl"
    # JSON's own escape for a lone surrogate, which UTF-8 cannot hold
    path.write_text('{"text": "Marles met Prabowo in Canberra \\ud800 on Thursday.", "title": "T\\udfff"}\n')
    [item] = list(read([str(path)], Options()))
    assert isinstance(item, RawDocument)
    assert "Canberra \ufffd" in item.content.decode("utf-8")
    assert item.title == "T\ufffd"


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_each_hostile_input_is_one_coded_failure(tmp_path: Path, name: str) -> None:
    data, code = HOSTILE[name]
    path = tmp_path / name
    path.write_bytes(data)
    items = list(read([str(path)], Options()))
    assert len(items) == 1 and isinstance(items[0], ReadFailure), items
    assert items[0].path.startswith(str(path)) and items[0].message.endswith(f"[{code}]"), items[0]


@pytest.mark.parametrize("name", ["nested", "-"])
def test_deep_nesting_without_extension_or_on_stdin(tmp_path: Path, name: str) -> None:
    data = b'{"text": ' + b"[" * 100_000 + b"\n"
    if name == "-":
        items = list(read_stream(io.BytesIO(data), "<stdin>", Options()))
    else:
        (tmp_path / name).write_bytes(data)
        items = list(read([str(tmp_path / name)], Options()))
    # Not JSON Lines after all (the line never closes): read as text, or one coded failure.
    assert len(items) == 1
    assert isinstance(items[0], RawDocument) or re.search(r"\[E0\d\d\]$", items[0].message)


def _hostile_folder(folder: Path) -> None:
    for name, (data, _) in HOSTILE.items():
        (folder / name).write_bytes(data)
    (folder / "surrogate.jsonl").write_text('{"text": "Marles met Prabowo in Canberra \\ud800 on Thursday."}\n')
    (folder / "good_en.txt").write_text(ARTICLE_EN, encoding="utf-8")
    (folder / "good_id.txt").write_text(ARTICLE_ID, encoding="utf-8")


def test_extract_goes_on_past_every_hostile_input(tmp_path: Path) -> None:
    _hostile_folder(tmp_path)
    proc = run_cli("extract", str(tmp_path), cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 2
    errors = proc.stderr.splitlines()
    assert len(errors) == len(HOSTILE), errors  # one line each
    for name, (_, code) in HOSTILE.items():
        [line] = [e for e in errors if name in e]
        assert line.startswith("dyads: error: ") and line.endswith(f"[{code}]"), line
    paths = [json.loads(line)["document"]["path"] for line in proc.stdout.splitlines()]
    assert sorted(Path(p).name.split(":")[0] for p in paths) == ["good_en.txt", "good_id.txt", "surrogate.jsonl"]


def test_ingest_stores_the_good_documents_among_hostile_ones(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _hostile_folder(folder)
    db = tmp_path / "record.db"
    proc = run_cli("ingest", str(folder), "--db", str(db), "--workers", "1", cwd=tmp_path)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert proc.returncode == 2
    assert sum("dyads: error:" in line for line in proc.stderr.splitlines()) == len(HOSTILE)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


# --- what never returns ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_alone_and_in_a_folder_is_refused_without_opening(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipa.txt")  # no writer: open() would block forever
    (tmp_path / "good.txt").write_text(ARTICLE_ID, encoding="utf-8")
    started = time.monotonic()
    alone = list(read([str(tmp_path / "pipa.txt")], Options()))
    folder = list(read([str(tmp_path)], Options()))
    assert time.monotonic() - started < 5
    assert len(alone) == 1 and alone[0].message.endswith("[E011]") and "FIFO" in alone[0].message
    assert [type(i).__name__ for i in folder] == ["RawDocument", "ReadFailure"]
    assert folder[1].path.endswith("pipa.txt") and folder[1].message.endswith("[E011]")


def test_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    [item] = list(read(["/dev/zero"], Options()))
    assert isinstance(item, ReadFailure) and item.message.endswith("[E011]")


def test_blank_lines_inflating_without_end_meet_the_reading_deadline(tmp_path: Path) -> None:
    path = tmp_path / "kosong.jsonl.gz"
    with gzip.open(path, "wb", compresslevel=9) as fh:
        chunk = b"\n" * (1 << 24)
        for _ in range(32):  # 512 MiB of blank lines in half a megabyte
            fh.write(chunk)
    assert path.stat().st_size < 1 << 20
    started = time.monotonic()
    items = list(read([str(path)], Options(max_seconds=1.0)))
    assert time.monotonic() - started < 10
    assert len(items) == 1 and items[0].message.endswith("[E012]"), items


def test_reading_deadline_does_not_count_the_consumers_time(tmp_path: Path) -> None:
    path = tmp_path / "berita.jsonl"
    path.write_text("".join(json.dumps({"text": f"{ARTICLE_EN} {n}"}) + "\n" for n in range(3)), encoding="utf-8")
    seen = []
    for item in read([str(path)], Options(max_seconds=0.2)):
        seen.append(item)
        time.sleep(0.3)  # a slow extraction of the document just handed out
    assert [type(i).__name__ for i in seen] == ["RawDocument"] * 3


def test_a_flood_of_failures_from_one_truncated_gzip_is_one_line(tmp_path: Path) -> None:
    lines = b"".join(b"bukan json %d\n" % n for n in range(400_000))
    data = gzip.compress(lines)
    path = tmp_path / "banjir.jsonl.gz"
    path.write_bytes(data[:8192])
    (tmp_path / "good.txt").write_text(ARTICLE_ID, encoding="utf-8")
    proc = run_cli("extract", str(path), str(tmp_path / "good.txt"), cwd=tmp_path)
    errors = proc.stderr.splitlines()
    assert len(errors) == 1, errors[:5]
    assert "banjir.jsonl.gz" in errors[0] and "[E020]" in errors[0] and errors[0].endswith("[E013]")
    assert "[E007]" in errors[0]  # the truncation is the last failure, named in the line
    assert len(proc.stdout.splitlines()) == 1


def test_a_few_failures_are_each_listed_in_place(tmp_path: Path) -> None:
    path = tmp_path / "berita.jsonl"
    path.write_text('{"text": 1}\nnot json\n' + json.dumps({"text": ARTICLE_EN}) + "\n", encoding="utf-8")
    items = list(read([str(path)], Options()))
    assert [type(i).__name__ for i in items] == ["ReadFailure", "ReadFailure", "RawDocument"]
    assert "[E021]" in items[0].message and "[E020]" in items[1].message


# --- WARC: a damaged file is one line ------------------------------------------------------


def _response(url: str, body: bytes, headers: list[tuple[str, str]]) -> bytes:
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html"), *headers], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    return out.getvalue()


def test_damaged_warc_record_then_misaligned_rest_is_one_line(tmp_path: Path) -> None:
    first = _response("https://example.id/1", PAGE, [])
    match = re.search(rb"\r\nContent-Length: (\d+)\r\n", first)
    assert match is not None
    # The first record claims 300 bytes more than it has: the next record's start is eaten,
    # and what follows is no WARC record at all.
    first = first[:match.start(1)] + str(int(match.group(1)) + 300).encode() + first[match.end(1):]
    path = tmp_path / "rusak.warc"
    path.write_bytes(first + b"x" * 200 + _response("https://example.id/2", PAGE, []))
    items = list(read([str(path)], Options()))
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert len(failures) == 1, failures
    assert re.search(r"\[E03\d\]$", failures[0].message)


def test_broken_content_encoding_in_a_warc_writes_nothing_behind_the_callers_back(tmp_path: Path, capfd) -> None:
    noise = random.Random(5).randbytes(200_000).hex().encode()
    body = bytearray(gzip.compress(PAGE + noise))  # past warcio's first block, where it falls back to raw bytes
    for i in range(len(body) // 2, len(body) // 2 + 64):
        body[i] ^= 0x5A
    path = tmp_path / "rusak.warc"
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n" + bytes(body)
    damaged = _warc_record(["WARC-Record-ID: <urn:uuid:3>", "WARC-Target-URI: https://example.id/1",
                            f"Content-Length: {len(http)}"], http)
    path.write_bytes(damaged + _response("https://example.id/2", PAGE, []))
    items = list(read([str(path)], Options()))
    assert capfd.readouterr().err == ""
    assert isinstance(items[-1], RawDocument) and items[-1].content == PAGE
    assert len([i for i in items if isinstance(i, ReadFailure)]) == 1
