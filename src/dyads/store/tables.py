"""The record's tables (SQLAlchemy Core). Alembic migrations create them; a test checks
that the migrated schema equals this one.

Documents own everything extracted from them (ON DELETE CASCADE), so nothing is stored
without its source and `forget` is one delete. `events` and `event_actors` are derived:
the merge recomputes them from the reports.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

documents = Table(
    "documents", metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 of the raw bytes (contract §1)
    Column("path", Text, nullable=False),
    Column("origin", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("language", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("segments", JSON, nullable=False),
    Column("removed", JSON, nullable=False),
    Column("extractor", String(32), nullable=False),
    Column("ingested_at", String(32), nullable=False),
    # syndicated copies share a group: the smallest document id among them
    Column("copy_group", String(64), nullable=False),
    Column("minhash", LargeBinary, nullable=False),
)
Index("ix_documents_copy_group", documents.c.copy_group)
Index("ix_documents_published", documents.c.published)

# MinHash LSH bands: documents sharing a band hash are candidate copies.
doc_bands = Table(
    "doc_bands", metadata,
    Column("band", Integer, primary_key=True),
    Column("hash", BigInteger, primary_key=True),
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_doc_bands_document", doc_bands.c.document_id)

entities = Table(
    "entities", metadata,
    Column("key", String(200), primary_key=True),  # ISO3 for countries, else Wikidata id or type:country:name
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("wikidata", String(20)),
    Column("country", String(3)),
)

# Every surface form seen, normalised, so names typed on the command line find entities.
entity_names = Table(
    "entity_names", metadata,
    Column("name", String(300), primary_key=True),
    Column("entity_key", String(200), ForeignKey("entities.key"), primary_key=True),
)

mentions = Table(
    "mentions", metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("local_id", String(16), primary_key=True),
    Column("entity_key", String(200), ForeignKey("entities.key"), nullable=False),
    Column("aliases", JSON, nullable=False),
    Column("roles", JSON, nullable=False),
    Column("affiliation", String(200)),
    Column("part_of", String(200)),
    Column("spans", JSON, nullable=False),
    Column("confidence", Float, nullable=False),
)
Index("ix_mentions_entity", mentions.c.entity_key)

reports = Table(
    "reports", metadata,
    Column("id", String(100), primary_key=True),  # document id + ":" + the extraction's event id
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("block", String(60), nullable=False),  # the merge's unit of recomputation
    Column("event_id", String(40)),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("context", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
    Column("date_text", Text),
    Column("location", String(200)),
    Column("location_chain", JSON, nullable=False),
    Column("actors", JSON, nullable=False),  # [{"key", "role", "chain": [...]}]
    Column("amounts", JSON, nullable=False),
    Column("quote", JSON),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence", Text),  # the sentence itself, for text search without reading documents
    Column("confidence", Float, nullable=False),
    Column("extractor", String(32), nullable=False),
)
Index("ix_reports_block", reports.c.block)
Index("ix_reports_event", reports.c.event_id)
Index("ix_reports_document", reports.c.document_id)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("block", String(60), nullable=False),
    Column("signature", String(64), nullable=False),  # hash of its reports: changed or not
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("context", JSON, nullable=False),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
    Column("date_text", Text),
    Column("location", String(200)),
    Column("amounts", JSON, nullable=False),
    Column("quote", JSON),
    Column("confidence", Float, nullable=False),
    Column("sources", Integer, nullable=False),
    Column("reports", Integer, nullable=False),
    Column("review", String(16)),  # accepted | rejected | corrected, by the latest human decision
    # What merging needs to add reports without reading them back (merge.Cluster.state): the
    # shell every placement reads, and the makings read only for an event that takes a report.
    Column("state", JSON),
    Column("shell", JSON),
)
Index("ix_events_block", events.c.block)
Index("ix_events_date", events.c.date, events.c.id)
Index("ix_events_type", events.c.type, events.c.mode, events.c.date)
Index("ix_events_queue", events.c.review, events.c.sources, events.c.confidence)

# An event's actors, with the bodies and states they act for (direct = named in a report).
event_actors = Table(
    "event_actors", metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_key", String(200), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("direct", Boolean, nullable=False),
    Column("position", Integer, nullable=False),
    Column("side", String(200), nullable=False),  # the state or top body it acts for
)
Index("ix_event_actors_entity", event_actors.c.entity_key, event_actors.c.event_id)

# Who acted towards whom, by state or top body: finds the visit a visit returns, or the
# request a refusal answers, with one index range scan.
event_pairs = Table(
    "event_pairs", metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("source_side", String(200), primary_key=True),
    Column("target_side", String(200), primary_key=True),
    Column("type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("status", String(16), nullable=False),
    Column("date", String(10)),
)
Index("ix_event_pairs_lookup", event_pairs.c.type, event_pairs.c.mode, event_pairs.c.source_side,
      event_pairs.c.target_side, event_pairs.c.date)

quotes = Table(
    "quotes", metadata,
    Column("document_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("speaker", String(200)),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

# A human's decision on an event. It names the event's anchor report too, so it follows the
# event when merges are recomputed or documents re-extracted.
reviews = Table(
    "reviews", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), nullable=False),
    Column("report_id", String(100), nullable=False),
    Column("action", String(16), nullable=False),  # accept | reject | correct | merge | split
    Column("changes", JSON, nullable=False),
    Column("reviewer", String(100), nullable=False),
    Column("created_at", String(32), nullable=False),
)
Index("ix_reviews_report", reviews.c.report_id)
Index("ix_reviews_event", reviews.c.event_id)

# Write access to the HTTP API: only a hash of each token is kept.
tokens = Table(
    "tokens", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("created_at", String(32), nullable=False),
)
