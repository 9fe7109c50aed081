"""complete crawls and closed postings

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('crawl_runs', sa.Column('complete', sa.Boolean(), nullable=True))
    op.add_column('crawl_runs', sa.Column('stopped_at_known_pages', sa.Boolean(), nullable=True))
    op.add_column('postings', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    op.create_index(op.f('ix_postings_closed_at'), 'postings', ['closed_at'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_postings_closed_at'), table_name='postings')
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_column('closed_at')
    with op.batch_alter_table('crawl_runs', schema=None) as batch_op:
        batch_op.drop_column('stopped_at_known_pages')
        batch_op.drop_column('complete')
