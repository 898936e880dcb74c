"""One options object for the whole pipeline (trafilatura's `Extractor` habit), instead of
keyword arguments scattered over stages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dyads.errors import DyadsError

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Options:
    # Overrides: a date or language the user knows better than the detectors.
    published: str | None = None
    language: str | None = None
    # Limits that keep memory and time bounded on hostile input.
    max_document_bytes: int = 16 * MiB
    max_decompressed_bytes: int = 4096 * MiB
    max_feed_bytes: int = 64 * MiB
    max_html_depth: int = 200
    max_seconds: float = 20.0

    def __post_init__(self) -> None:
        if self.published is not None:
            try:
                dt.date.fromisoformat(self.published)
            except ValueError:
                raise DyadsError("E080", value=self.published) from None
            if len(self.published) != 10:
                raise DyadsError("E080", value=self.published)
        if self.language is not None:
            if not (len(self.language) == 2 and self.language.isalpha() and self.language.islower()):
                raise DyadsError("E081", value=self.language)
