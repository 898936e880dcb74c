"""`dyads serve`: the HTTP API (FastAPI) and the analyst's web pages over the record."""

from dyads.server.app import create_app

__all__ = ["create_app"]
