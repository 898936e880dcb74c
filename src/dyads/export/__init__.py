"""Writing the record out: CSV, JSON Lines, Parquet and PLOVER JSON Lines."""

from dyads.export.formats import FORMATS, export

__all__ = ["FORMATS", "export"]
