"""Each event keeps its merge state, so new reports join it without its reports being read back

Revision ID: 0004
Revises: 0003

Events written before have no state: their block is clustered from its reports the next
time it is touched, which writes the states.
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('state')
