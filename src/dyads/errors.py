"""Every user-facing error message, in one place (spaCy's habit), each with a stable code.

Readers and stages raise `DocumentError(code, **details)`; the CLI prints
`PATH: message [code]` on one line and goes on with the rest of the batch.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # inputs
    "E001": "no such file or folder",
    "E002": "permission denied",
    "E003": "empty file",
    "E004": "binary file (not text, HTML, JSON Lines, WARC or a feed)",
    "E005": "undecodable bytes: not valid text in any known encoding ({detail})",
    "E006": "document too large: more than {limit} bytes (the limit is Options.max_document_bytes)",
    "E007": "truncated gzip stream: the compressed data ends before its end marker",
    "E008": "corrupt gzip stream: {detail}",
    "E009": "decompressed data exceeds {limit} bytes (possible gzip bomb)",
    "E010": "cannot read: {detail}",
    "E011": "not a regular file (a {kind}): skipped without opening it",
    "E012": "reading took longer than {limit} seconds without finding a document",
    "E013": "and {count} more failures after it, not listed one by one (the last: {last})",
    "E014": "unreadable input: the {reader} reader failed ({detail})",
    "E015": "no documents in {paths}: no file of a kind dyads reads (.txt, .html, .jsonl, .warc, .xml feeds, or .gz of them)",
    # JSON Lines
    "E020": "line {line}: invalid JSON ({detail})",
    "E021": "line {line}: expected a JSON object with a string field \"text\"",
    "E022": "line {line}: longer than {limit} bytes",
    # WARC
    "E030": "not a WARC file, or damaged after record {record} ({detail})",
    "E031": "WARC record {record}: payload larger than {limit} bytes after decoding (possible gzip bomb)",
    "E032": "WARC record {record}: damaged payload ({detail})",
    "E033": "no HTML or text response records in the WARC file",
    # feeds
    "E040": "not a readable RSS or Atom feed ({detail})",
    "E041": "feed item {item}: no content",
    # HTML
    "E050": "HTML nested deeper than {limit} elements",
    "E051": "no article text found in the HTML page",
    "E052": "processing took longer than {limit} seconds",
    "E053": "extraction failed on this input ({detail})",
    # text
    "E060": "no text left after cleaning",
    # evaluation
    "E070": "{path}: invalid gold file ({detail})",
    "E071": "no documents with gold files (NAME.txt + NAME.gold.json) in {path}",
    # options
    "E080": "invalid --published date {value!r}: expected YYYY-MM-DD",
    "E081": "invalid --language code {value!r}: expected an ISO 639-1 code such as id or en",
    # the record
    "E090": "invalid database URL {url!r}: expected e.g. sqlite:///dyads.db or postgresql+psycopg://user@host/db",
    "E091": "unsupported database {backend!r} in {url!r}: dyads stores its record in SQLite or PostgreSQL",
    "E092": "cannot open the database {url}: {detail}",
    "E093": "cannot create the database {path}: its folder does not exist",
    "E094": "no such document in the record: {id}",
    "E095": "no entity in the gazetteer or the record is called {name!r}",
    "E096": "{name!r} could mean several entities: {choices} (be more specific, e.g. use the ISO code or Wikidata id)",
    "E097": "invalid date {value!r} for {option}: expected YYYY, YYYY-MM or YYYY-MM-DD",
    "E098": "no such event in the record: {id}",
    "E099": "no such entity in the record: {id}",
    "E100": "cannot review: {detail}",
    "E101": "invalid token name {name!r}: give 1 to 100 characters, e.g. the reviewer's name",
    "E102": "a token named {name!r} exists already",
    "E103": "invalid {option} value {value!r}: expected one of {choices}",
    # the gazetteer
    "E110": "not a Wikidata JSON dump: {detail}; nothing was written",
    "E111": "no gazetteer entries in it: {detail}; nothing was written",
    "E112": "the new gazetteer file does not load ({detail}); nothing was written",
}


class DyadsError(Exception):
    """An expected failure with a code and a one-line message for the user."""

    def __init__(self, code: str, **details: object) -> None:
        self.code = code
        self.details = details
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return MESSAGES[self.code].format(**self.details)

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"


class DocumentError(DyadsError):
    """A document (or a whole input) that cannot be read or processed."""
