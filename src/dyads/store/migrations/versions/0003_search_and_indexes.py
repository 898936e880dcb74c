"""Evidence text on reports for search; events indexed by type, mode and date; event pairs; block versions

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blocks',
    sa.Column('key', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('event_pairs',
    sa.Column('event_id', sa.String(length=40), nullable=False),
    sa.Column('source_side', sa.String(length=200), nullable=False),
    sa.Column('target_side', sa.String(length=200), nullable=False),
    sa.Column('type', sa.String(length=16), nullable=False),
    sa.Column('mode', sa.String(length=32), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('date', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('event_id', 'source_side', 'target_side')
    )
    with op.batch_alter_table('event_pairs', schema=None) as batch_op:
        batch_op.create_index('ix_event_pairs_lookup', ['type', 'mode', 'source_side', 'target_side', 'date'], unique=False)
    op.execute(
        "INSERT INTO event_pairs (event_id, source_side, target_side, type, mode, status, date) "
        "SELECT DISTINCT e.id, s.side, t.side, e.type, e.mode, e.status, e.date FROM events e "
        "JOIN event_actors s ON s.event_id = e.id AND s.direct AND s.role IN ('source', 'participant') "
        "JOIN event_actors t ON t.event_id = e.id AND t.direct AND t.role IN ('target', 'participant') "
        "WHERE s.side <> t.side")
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('evidence', sa.Text(), nullable=True))
    # the sentences of the reports already stored
    op.execute(
        "UPDATE reports SET evidence = (SELECT substr(documents.text, reports.evidence_start + 1, "
        "reports.evidence_end - reports.evidence_start) FROM documents WHERE documents.id = reports.document_id)")
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_type')
        batch_op.create_index('ix_events_type', ['type', 'mode', 'date'], unique=False)


def downgrade() -> None:
    op.drop_table('blocks')
    op.drop_table('event_pairs')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index('ix_events_type')
        batch_op.create_index('ix_events_type', ['type', 'mode'], unique=False)
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('evidence')
