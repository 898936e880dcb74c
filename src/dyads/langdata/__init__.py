"""Language knowledge as data: per-language folders of YAML under dyads/data/lang/, validated
at load time. Adding a language adds a folder, not code."""

from dyads.langdata.knowledge import Knowledge, LanguageKnowledge

__all__ = ["Knowledge", "LanguageKnowledge"]
