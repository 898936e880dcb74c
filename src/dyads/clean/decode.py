"""Bytes to text without rewriting the article: detect the encoding, repair mojibake only."""

from __future__ import annotations

import codecs

import charset_normalizer
import ftfy

from dyads.errors import DocumentError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# ftfy's defaults straighten quotes, fold full-width characters and NFC-normalise: each of
# those rewrites article characters and breaks verbatim evidence (contract §1).
_FTFY = ftfy.TextFixerConfig(
    unescape_html=False,
    uncurl_quotes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization=None,
    explain=False,
)

_CONTROL_OK = {"\n", "\r", "\t", "\f", "\v"}


def decode(data: bytes) -> str:
    if not data.strip():
        raise DocumentError("E003")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise DocumentError("E005", detail=f"invalid {encoding} at byte {exc.start}") from None
    if is_binary(data):
        raise DocumentError("E004")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = f"invalid UTF-8 at byte {exc.start}"
    best = charset_normalizer.from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise DocumentError("E005", detail=utf8_error)
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise DocumentError("E005", detail=utf8_error) from None
    if _control_share(text) > 0.02:
        raise DocumentError("E004")
    return text


def is_binary(data: bytes) -> bool:
    """NUL bytes in the head of data without a UTF-16/32 byte order mark: not text."""
    return b"\x00" in data[:65536] and not any(data.startswith(bom) for bom, _ in _BOMS)


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in _CONTROL_OK) or 0x7F <= ord(ch) < 0xA0)
    return bad / len(sample)


def repair(text: str) -> str:
    """Mojibake and line-break repair; quotes, widths and spacing stay as written."""
    return ftfy.fix_text(text, _FTFY)
