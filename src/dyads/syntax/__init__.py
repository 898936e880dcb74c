"""Dependency parsing: spaCy pipelines for Indonesian and English trained on Universal
Dependencies treebanks (`python -m dyads.syntax.train`), shipped in dyads/data/models and
loaded through `dyads.syntax.parsers.Parsers`. spaCy is imported only when a model loads."""
