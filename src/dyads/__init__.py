"""dyads: defense-diplomacy events from news reports, with their sources."""

from typing import Any

__version__ = "0.1.0"

__all__ = ["extract", "Extraction", "RawDocument", "Options", "__version__"]


def __getattr__(name: str) -> Any:
    """The pipeline (and trafilatura behind it) loads on first use, so commands that only
    read the record start quickly."""
    if name == "extract":
        from dyads.pipeline import extract

        return extract
    if name in ("Extraction", "RawDocument"):
        from dyads import model

        return getattr(model, name)
    if name == "Options":
        from dyads.options import Options

        return Options
    raise AttributeError(f"module 'dyads' has no attribute {name!r}")
