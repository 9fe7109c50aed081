"""rate sources: the exchange-rate source texts of postings in a lookup table

Revision ID: 0009
Revises: 0008

Every posting repeated the one or two long texts naming the exchange rates its pay was converted with
(pipelines.pay.NormalisedPay's rate_source and idr_rate_source); now each text is stored once in rate_sources and
postings refer to it by id. posting_pay shows the texts, under the names the columns had.

On SQLite the columns are added and dropped with SQLite's own ALTER TABLE (DROP COLUMN since 3.35), not by batch
mode: batch mode copies postings and drops the old table, which the foreign keys of posting_skills and others
refuse while they hold rows. The views read postings, so they are dropped first and created again after (0008).
"""

import importlib

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# 0008's views, created again once postings has changed; imported by name, as no import statement can name a module
# whose name starts with a digit.
views = importlib.import_module('pipelines.db.migrations.versions.0008_views_for_analysts')

# postings' text column, and the column of its rate_sources id.
COLUMNS = (('pay_rate_source', 'pay_rate_source_id'), ('pay_idr_rate_source', 'pay_idr_rate_source_id'))

# 0008's posting_pay with the texts of the rate sources.
POSTING_PAY = """
CREATE VIEW posting_pay AS
SELECT postings.id AS posting_id, pay_kind,
       CASE pay_kind WHEN 'salaried' THEN 'month' WHEN 'hourly' THEN 'hour' WHEN 'project' THEN 'project' END
           AS pay_idr_per,
       {minimum} AS pay_idr_min,
       {maximum} AS pay_idr_max,
       (COALESCE({minimum}, {maximum}) + COALESCE({maximum}, {minimum})) / 2 AS pay_idr,
       pay_min, pay_max, pay_currency, pay_period,
       usd_rate.text AS pay_rate_source, idr_rate.text AS pay_idr_rate_source
FROM postings
LEFT JOIN rate_sources usd_rate ON usd_rate.id = postings.pay_rate_source_id
LEFT JOIN rate_sources idr_rate ON idr_rate.id = postings.pay_idr_rate_source_id
WHERE pay_kind IS NOT NULL
"""


def _foreign_key(id_column: str) -> str:
    return f'fk_postings_{id_column}_rate_sources'


def upgrade() -> None:
    views.drop_views()
    op.create_table('rate_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('text', name='uq_rate_sources_text')
    )
    distinct_texts = ' UNION '.join(
        f'SELECT {text_column} FROM postings WHERE {text_column} IS NOT NULL' for text_column, _ in COLUMNS
    )
    op.execute(f'INSERT INTO rate_sources (text) {distinct_texts} ORDER BY 1')
    for text_column, id_column in COLUMNS:
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(f'ALTER TABLE postings ADD COLUMN {id_column} INTEGER REFERENCES rate_sources (id)')
        else:
            op.add_column('postings', sa.Column(id_column, sa.Integer(), nullable=True))
            op.create_foreign_key(_foreign_key(id_column), 'postings', 'rate_sources', [id_column], ['id'])
        op.execute(
            f'UPDATE postings SET {id_column} = (SELECT id FROM rate_sources WHERE text = postings.{text_column}) '
            f'WHERE {text_column} IS NOT NULL'
        )
        op.drop_column('postings', text_column)
    views.create_views(POSTING_PAY)


def downgrade() -> None:
    views.drop_views()
    for text_column, id_column in COLUMNS:
        op.add_column('postings', sa.Column(text_column, sa.Text(), nullable=True))
        op.execute(
            f'UPDATE postings SET {text_column} = (SELECT text FROM rate_sources WHERE id = postings.{id_column}) '
            f'WHERE {id_column} IS NOT NULL'
        )
        if op.get_bind().dialect.name != 'sqlite':  # SQLite's DROP COLUMN takes the column's REFERENCES with it
            op.drop_constraint(_foreign_key(id_column), 'postings', type_='foreignkey')
        op.drop_column('postings', id_column)
    op.drop_table('rate_sources')
    views.create_views()
