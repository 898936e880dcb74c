"""Events: PLOVER event extraction (contract §1 `events`, §2 vocabulary, §5 guide)."""

from dyads.events.extract import extract_events

__all__ = ["extract_events"]
