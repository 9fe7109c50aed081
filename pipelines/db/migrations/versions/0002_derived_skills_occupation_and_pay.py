"""derived skills, occupation and pay

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('skills',
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('group', sa.String(length=64), nullable=False),
    sa.Column('occupation', sa.String(length=32), nullable=False),
    sa.Column('esco_uri', sa.Text(), nullable=True),
    sa.Column('taxonomy_version', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('posting_skills',
    sa.Column('posting_id', sa.Integer(), nullable=False),
    sa.Column('skill', sa.String(length=128), nullable=False),
    sa.Column('source', sa.String(length=8), nullable=False),
    sa.Column('matched', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['posting_id'], ['postings.id'], ),
    sa.PrimaryKeyConstraint('posting_id', 'skill')
    )
    with op.batch_alter_table('posting_skills', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_posting_skills_skill'), ['skill'], unique=False)

    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('pay_usd_rate', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('oli_occupation', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('occupation_confidence', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('unmapped_tags', sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), 'postgresql'), nullable=True))
        batch_op.add_column(sa.Column('pay_usd_hour_min', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_usd_hour_max', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_usd_month_min', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_usd_month_max', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_idr_hour_min', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_idr_hour_max', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_idr_month_min', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_idr_month_max', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_usd_one_off_min', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_usd_one_off_max', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_idr_one_off_min', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_idr_one_off_max', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('pay_rate_source', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('pay_idr_rate_source', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('derived_with', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_postings_oli_occupation'), ['oli_occupation'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_postings_oli_occupation'))
        batch_op.drop_column('derived_with')
        batch_op.drop_column('pay_idr_rate_source')
        batch_op.drop_column('pay_rate_source')
        batch_op.drop_column('pay_idr_one_off_max')
        batch_op.drop_column('pay_idr_one_off_min')
        batch_op.drop_column('pay_usd_one_off_max')
        batch_op.drop_column('pay_usd_one_off_min')
        batch_op.drop_column('pay_idr_month_max')
        batch_op.drop_column('pay_idr_month_min')
        batch_op.drop_column('pay_idr_hour_max')
        batch_op.drop_column('pay_idr_hour_min')
        batch_op.drop_column('pay_usd_month_max')
        batch_op.drop_column('pay_usd_month_min')
        batch_op.drop_column('pay_usd_hour_max')
        batch_op.drop_column('pay_usd_hour_min')
        batch_op.drop_column('unmapped_tags')
        batch_op.drop_column('occupation_confidence')
        batch_op.drop_column('oli_occupation')
        batch_op.drop_column('pay_usd_rate')

    with op.batch_alter_table('posting_skills', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_posting_skills_skill'))

    op.drop_table('posting_skills')
    op.drop_table('skills')
