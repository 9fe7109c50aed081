"""pay kinds: salaried, hourly and project pay kept apart

Revision ID: 0007
Revises: 0006

Rows derived before keep their figures in the new meaning: a salary's month fields, an hourly rate's hour
fields and a budget's one-off fields stay; hourly rates lose the month they were stretched to and salaries the
hourly rate they were cut into; a day rate's month becomes 21 working days (PP 36/2021) instead of 21.67.
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

SALARIED = "pay_period IN ('day', 'week', 'month', 'year')"
MONTH_COLUMNS = ('pay_usd_month_min', 'pay_usd_month_max', 'pay_idr_month_min', 'pay_idr_month_max')
HOUR_COLUMNS = ('pay_usd_hour_min', 'pay_usd_hour_max', 'pay_idr_hour_min', 'pay_idr_hour_max')
# The month of a day rate was 5 x 52 / 12 = 21.67 working days; PP 36/2021 Pasal 17 counts 21.
DAY_RATE_FACTOR = 21 / (5 * 52 / 12)


def _null(columns, where: str) -> None:
    op.execute(f"UPDATE postings SET {', '.join(f'{c} = NULL' for c in columns)} WHERE {where}")


def upgrade() -> None:
    op.add_column('postings', sa.Column('pay_kind', sa.String(length=8), nullable=True))
    # Only rows whose pay was normalised (a known period, currency and rate) have a kind.
    op.execute(
        "UPDATE postings SET pay_kind = CASE WHEN pay_period = 'hour' THEN 'hourly' "
        f"WHEN pay_period = 'project' THEN 'project' WHEN {SALARIED} THEN 'salaried' END "
        "WHERE pay_rate_source IS NOT NULL"
    )
    _null(MONTH_COLUMNS, "pay_period = 'hour'")
    _null(HOUR_COLUMNS, SALARIED)
    op.execute(
        f"UPDATE postings SET {', '.join(f'{c} = {c} * {DAY_RATE_FACTOR!r}' for c in MONTH_COLUMNS)} "
        "WHERE pay_period = 'day'"
    )


def downgrade() -> None:
    with op.batch_alter_table('postings', schema=None) as batch_op:
        batch_op.drop_column('pay_kind')
