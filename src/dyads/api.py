"""The library API the commands stand on: every command's work is a function a script can
call (sqlite-utils' `cli.py` over `db.py`)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from dyads.errors import DyadsError
from dyads.langdata import Knowledge
from dyads.model import Extraction, ReadFailure
from dyads.options import Options
from dyads.pipeline import extract
from dyads.readers import read


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """One document's outcome: an extraction, or the reason there is none."""

    path: str
    extraction: Extraction | None = None
    error: str | None = None


def extract_paths(
    paths: Iterable[str], options: Options | None = None, knowledge: Knowledge | None = None
) -> Iterator[ExtractResult]:
    options = options or Options()
    knowledge = knowledge or Knowledge.default()
    for item in read(paths, options):
        if isinstance(item, ReadFailure):
            yield ExtractResult(item.path, error=item.message)
            continue
        label = f"{item.origin} ({item.path})" if item.origin and item.origin != item.path else item.path
        try:
            yield ExtractResult(item.path, extraction=extract(item, options, knowledge))
        except DyadsError as exc:
            yield ExtractResult(label, error=str(exc))
        except RecursionError:
            yield ExtractResult(label, error=str(DyadsError("E050", limit=options.max_html_depth)))
        except Exception as exc:  # noqa: BLE001 - a stage's bug on one input must not end the batch
            yield ExtractResult(label, error=str(unexpected(exc)))


def unexpected(exc: BaseException) -> DyadsError:
    """A stage's own bug on an input nobody foresaw, as one coded line (E053)."""
    detail = (str(exc).strip().splitlines() or [""])[0][:200]
    return DyadsError("E053", detail=f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)
