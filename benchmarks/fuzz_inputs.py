"""A mutation fuzzer for the readers and the extraction: every input, however broken, must
end as documents or coded failures (`ReadFailure`, `DyadsError`), never as another exception.

Seeds are small valid files of every kind the readers take (JSON Lines, WARC and WARC.gz,
RSS, Atom, HTML, text, gzip), each tried under its own name and under a name without an
extension (as on standard input). Each round takes a seed, applies a few random mutations
(bit flips, inserted or deleted bytes, hostile fragments spliced in, truncation, repeats)
and reads the result; every tenth readable document is also extracted.

    python benchmarks/fuzz_inputs.py [--runs 1000000] [--extract-every 10] [--seed 1] [--seconds 0]

Prints the number of mutations and any crash (with the input saved under /tmp). The test
suite runs a bounded number of rounds of the same target (tests/test_fuzz_inputs.py).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import random
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from dyads.errors import DyadsError
from dyads.model import RawDocument, ReadFailure
from dyads.options import Options
from dyads.readers import read_stream

# Small limits so that a mutation cannot make one round slow.
OPTIONS = Options(max_document_bytes=256 * 1024, max_decompressed_bytes=1024 * 1024, max_feed_bytes=256 * 1024,
                  max_seconds=5.0)

TEXT = ("Menteri Pertahanan Prabowo Subianto bertemu dengan Menteri Pertahanan Australia Richard Marles "
        "di Canberra pada hari Kamis, 4 April 2024.\nKedua menteri membahas latihan bersama.")
HTML = (f"<!doctype html><html><head><meta charset='utf-8'><title>Talks in Canberra</title></head>"
        f"<body><article><h1>Talks in Canberra</h1><p>{TEXT}</p></article></body></html>")

# Fragments that broke readers before, or that parsers treat specially.
HOSTILE = [b"\\ud800", b"\\udfff\\ud800", b"[" * 5000, b"{" * 3000, b"\x00", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf",
           b"100000000000000000000", b"-1", b"18446744073709551616", b'encoding="\xff\xfe"', b'encoding="utf\x008"',
           b'encoding="x-unknown"', b'xmlns="\xff"', b'xmlns:a=""', b"<![CDATA[", b"]]>", b"&#0;", b"&#xD800;",
           b"<!ENTITY a '&#38;'>", b"\r\n\r\n", b"\n" * 50, b"WARC/1.0\r\n", b"Content-Length: ", b"WARC-Target-URI: ",
           b"\x1f\x8b\x08\x00", b"Content-Encoding: gzip\r\n", b"Transfer-Encoding: chunked\r\n", b"\"text\": ",
           b"<entry>", b"<item>", b"</feed>", b"<content type=\"xhtml\">", b"&amp;", b"\xe2\x80\xa8", b"\xc0\x80"]


def _warc(gzipped: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for number, (kind, body) in enumerate((("text/html", HTML), ("text/plain", TEXT))):
        headers = StatusAndHeaders("200 OK", [("Content-Type", f"{kind}; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(f"https://news.example/{number}", "response",
                                           payload=io.BytesIO(body.encode("utf-8")), http_headers=headers)
        writer.write_record(record)
    return out.getvalue()


def seeds() -> list[tuple[str, bytes]]:
    """(name, bytes) of small valid inputs of every kind."""
    jsonl = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in (
        {"text": TEXT, "title": "Talks", "url": "https://news.example/a", "published": "2024-04-04", "language": "id"},
        {"text": TEXT.upper()},
    )).encode("utf-8")
    rss = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>News</title>"
           f"<item><title>Talks</title><link>https://news.example/r</link><pubDate>Thu, 04 Apr 2024 08:00:00 +0700</pubDate>"
           f"<description><![CDATA[{HTML}]]></description></item></channel></rss>").encode("utf-8")
    atom = (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>News</title>"
            f"<entry><title>Talks</title><link href='https://news.example/t'/><id>urn:x</id>"
            f"<updated>2024-04-04T08:00:00+07:00</updated><content type='html'>{TEXT}</content></entry></feed>").encode("utf-8")
    found = [("a.jsonl", jsonl), ("a.warc", _warc(False)), ("a.warc.gz", _warc(True)), ("a.rss", rss), ("a.atom", atom),
             ("a.html", HTML.encode("utf-8")), ("a.txt", TEXT.encode("utf-8")), ("a.jsonl.gz", gzip.compress(jsonl)),
             ("a.txt", TEXT.encode("cp1252", "replace"))]
    return found + [("-", data) for _, data in found]


def mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        choice = rng.random()
        at = rng.randint(0, len(buf))
        if choice < 0.25 and buf:
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif choice < 0.45:
            buf[at:at] = rng.choice(HOSTILE)
        elif choice < 0.6 and buf:
            del buf[at:at + rng.randint(1, 64)]
        elif choice < 0.7:
            buf[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
        elif choice < 0.8:
            buf = buf[:at]
        elif choice < 0.9 and buf:
            end = min(len(buf), at + rng.randint(1, 32))
            buf[at:at] = buf[at:end] * rng.randint(2, 200)
        else:
            digits = str(rng.choice([0, 1, 2**31, 2**63, 2**64, 10**20, -5])).encode()
            buf[at:at] = digits
    return bytes(buf)


class Crash(Exception):
    """An input that escaped the coded errors."""


def read_all(data: bytes, name: str) -> list[RawDocument | ReadFailure]:
    try:
        return list(read_stream(io.BytesIO(data), name if name != "-" else "<stdin>", OPTIONS))
    except Exception as exc:  # noqa: BLE001 - what the fuzzer is looking for
        raise Crash(f"read {name}: {type(exc).__name__}: {exc}") from exc


def extract_one(raw: RawDocument) -> None:
    from dyads.pipeline import extract

    try:
        extract(raw, OPTIONS)
    except DyadsError:
        pass
    except RecursionError:
        pass  # the callers turn it into E050
    except Exception as exc:  # noqa: BLE001
        raise Crash(f"extract {raw.path}: {type(exc).__name__}: {exc}") from exc


def run(runs: int, seed: int, extract_every: int, seconds: float, report: Callable[[str], None] = print) -> tuple[int, int, list[str]]:
    """Returns (mutations read, documents extracted, crashes)."""
    rng = random.Random(seed)
    pool = seeds()
    crashes: list[str] = []
    extracted = 0
    started = time.monotonic()
    done = 0
    for done in range(1, runs + 1):
        name, base = rng.choice(pool)
        data = mutate(rng, base)
        try:
            items = read_all(data, name)
            if extract_every and done % extract_every == 0:
                for item in items:
                    if isinstance(item, RawDocument):
                        extract_one(item)
                        extracted += 1
        except Crash as exc:
            saved = Path(f"/tmp/dyads-fuzz-crash-{len(crashes)}.bin")
            saved.write_bytes(data)
            crashes.append(f"{exc} (name {name!r}, input saved to {saved})")
            report(crashes[-1])
            report("".join(traceback.format_exception(exc.__cause__ or exc)[-3:]))
        if seconds and time.monotonic() - started > seconds:
            break
    return done, extracted, crashes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extract-every", type=int, default=10, help="extract the documents of every Nth mutation (0: never)")
    parser.add_argument("--seconds", type=float, default=0, help="stop after this long (0: no limit)")
    args = parser.parse_args()
    started = time.monotonic()
    done, extracted, crashes = run(args.runs, args.seed, args.extract_every, args.seconds)
    elapsed = time.monotonic() - started
    print(f"{done} mutations read, {extracted} documents extracted, {len(crashes)} crashes, {elapsed:.0f} s")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
