"""duplicates and digests

Revision ID: 0004
Revises: 0003

Postings stored before this revision have no vacancy key: `pasarkerja dedupe` computes the keys and links of every
stored posting.
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('postings', sa.Column('vacancy_key', sa.String(length=255), nullable=True))
    op.add_column('postings', sa.Column('description_minhash', sa.LargeBinary(), nullable=True))
    op.add_column('postings', sa.Column('duplicate_similarity', sa.Float(), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        # A foreign key added in batch mode copies the table, and SQLite will not drop the old postings table
        # while posting_skills and others refer to it; a column added with its REFERENCES clause needs no copy.
        op.execute('ALTER TABLE postings ADD COLUMN duplicate_of INTEGER REFERENCES postings (id)')
    else:
        op.add_column('postings', sa.Column('duplicate_of', sa.Integer(), nullable=True))
        op.create_foreign_key('fk_postings_duplicate_of_postings', 'postings', 'postings', ['duplicate_of'], ['id'])
    op.create_index(op.f('ix_postings_vacancy_key'), 'postings', ['vacancy_key'], unique=False)
    op.create_index(op.f('ix_postings_duplicate_of'), 'postings', ['duplicate_of'], unique=False)

    op.create_table('digests',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('curriculum', sa.Text(), nullable=False),
    sa.Column('since', sa.DateTime(timezone=True), nullable=False),
    sa.Column('parameters', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('digests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_digests_name'), ['name'], unique=False)
    op.create_table('digest_postings',
    sa.Column('digest_id', sa.Integer(), nullable=False),
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('track', sa.Text(), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['digest_id'], ['digests.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], ),
    sa.PrimaryKeyConstraint('digest_id', 'posting_id')
    )


def downgrade() -> None:
    op.drop_table('digest_postings')
    with op.batch_alter_table('digests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_digests_name'))
    op.drop_table('digests')
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_constraint('fk_postings_duplicate_of_postings', type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_postings_duplicate_of'))
        batch_op.drop_index(batch_op.f('ix_postings_vacancy_key'))
        batch_op.drop_column('duplicate_similarity')
        batch_op.drop_column('duplicate_of')
        batch_op.drop_column('description_minhash')
        batch_op.drop_column('vacancy_key')
