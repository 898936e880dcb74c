"""dyads: defense-diplomacy events from news reports, with their sources."""

from dyads.model import Extraction, RawDocument
from dyads.options import Options
from dyads.pipeline import extract

__version__ = "0.1.0"

__all__ = ["extract", "Extraction", "RawDocument", "Options", "__version__"]
