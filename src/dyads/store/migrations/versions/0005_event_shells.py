"""An event's merge state is kept in two parts: the shell that placing a report reads, and
the makings, read only for the events that take a report

Revision ID: 0005
Revises: 0004

Events written before have no shell: their block is clustered from its reports the next
time it is touched, which writes both parts. Nothing is cached between batches any more, so
the block versions that told a cache it was stale go.
"""

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shell', sa.JSON(), nullable=True))
    op.drop_table('blocks')


def downgrade() -> None:
    op.create_table('blocks',
                    sa.Column('key', sa.String(length=60), nullable=False),
                    sa.Column('version', sa.Integer(), nullable=False),
                    sa.PrimaryKeyConstraint('key'))
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('shell')
