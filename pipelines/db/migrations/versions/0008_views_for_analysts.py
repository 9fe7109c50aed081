"""views for analysts: vacancies, posting_skills_named, posting_pay, weekly_postings

Revision ID: 0008
Revises: 0007

The same rows on SQLite and PostgreSQL (docs/schema.md); where the two databases spell a thing differently (a
sorted text list, the Monday of a week) each gets its own spelling of it. A later migration that alters a table
these views read must drop them first and create them again after: PostgreSQL refuses to drop a column a view
uses, and SQLite's batch mode (copy the table, drop it, rename the copy) fails on a view naming the table.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# The platforms of each vacancy as one sorted, comma-separated text. SQLite (before 3.44) has no ORDER BY inside
# group_concat, but as a window function over an ordered frame it concatenates in that order.
PLATFORMS = {
    "postgresql": """
    SELECT vacancy_id, string_agg(source, ',' ORDER BY source) AS platforms
    FROM (SELECT DISTINCT COALESCE(duplicate_of, id) AS vacancy_id, source FROM postings) AS pairs
    GROUP BY vacancy_id""",
    "sqlite": """
    SELECT DISTINCT vacancy_id, group_concat(source, ',') OVER (
        PARTITION BY vacancy_id ORDER BY source ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING
    ) AS platforms
    FROM (SELECT DISTINCT COALESCE(duplicate_of, id) AS vacancy_id, source FROM postings) AS pairs""",
}

# The Monday of a stored UTC time's week, as an ISO date text (SQLite stores times as naive UTC text).
MONDAY = {
    "postgresql": "to_char(date_trunc('week', {0} AT TIME ZONE 'UTC'), 'YYYY-MM-DD')",
    "sqlite": "date({0}, '-6 days', 'weekday 1')",
}

# One row per vacancy (pipelines/dedupe.py: a posting repeating no other, with the postings that repeat it), shown
# through its most recently seen posting as analysis/vacancies.py shows it; open while any of its postings is.
VACANCIES = """
CREATE VIEW vacancies AS
WITH ranked AS (
    SELECT p.*, COALESCE(p.duplicate_of, p.id) AS vacancy_id,
           ROW_NUMBER() OVER (
               PARTITION BY COALESCE(p.duplicate_of, p.id) ORDER BY p.last_seen_at DESC, p.id DESC
           ) AS recency
    FROM postings p
),
counted AS (
    SELECT vacancy_id, count(*) AS postings, min(first_seen_at) AS first_seen_at,
           sum(CASE WHEN closed_at IS NULL THEN 1 ELSE 0 END) AS open_postings, max(closed_at) AS last_closed_at
    FROM ranked
    GROUP BY vacancy_id
),
platform_lists AS ({platforms}
)
SELECT r.vacancy_id, r.id AS posting_id, r.source, r.source_id, r.url, r.title, r.company, r.description,
       r.location, r.country, r.remote, r.employment_type, r.category, r.oli_occupation, r.posted_at,
       r.valid_through, r.pay_kind, r.pay_min, r.pay_max, r.pay_currency, r.pay_period, r.pay_text,
       c.first_seen_at, r.last_seen_at, c.postings, l.platforms,
       CASE WHEN c.open_postings > 0 THEN 'open' ELSE 'closed' END AS state,
       CASE WHEN c.open_postings > 0 THEN NULL ELSE c.last_closed_at END AS closed_at
FROM ranked r
JOIN counted c ON c.vacancy_id = r.vacancy_id
JOIN platform_lists l ON l.vacancy_id = r.vacancy_id
WHERE r.recency = 1
"""

POSTING_SKILLS_NAMED = """
CREATE VIEW posting_skills_named AS
SELECT ps.posting_id, ps.skill, s."group" AS skill_group, s.occupation AS skill_occupation, ps.source AS found_in,
       ps.matched
FROM posting_skills ps
LEFT JOIN skills s ON s.name = ps.skill
"""

# The normalised rupiah columns of each posting's pay kind (pipelines/pay.py): a salary a month, an hourly rate an
# hour, a budget a project; never one turned into another.
POSTING_PAY = """
CREATE VIEW posting_pay AS
SELECT id AS posting_id, pay_kind,
       CASE pay_kind WHEN 'salaried' THEN 'month' WHEN 'hourly' THEN 'hour' WHEN 'project' THEN 'project' END
           AS pay_idr_per,
       {minimum} AS pay_idr_min,
       {maximum} AS pay_idr_max,
       (COALESCE({minimum}, {maximum}) + COALESCE({maximum}, {minimum})) / 2 AS pay_idr,
       pay_min, pay_max, pay_currency, pay_period
FROM postings
WHERE pay_kind IS NOT NULL
"""
_IDR_OF_KIND = (
    "CASE pay_kind WHEN 'salaried' THEN pay_idr_month_{0} WHEN 'hourly' THEN pay_idr_hour_{0} "
    "WHEN 'project' THEN pay_idr_one_off_{0} END"
)

WEEKLY_POSTINGS = """
CREATE VIEW weekly_postings AS
SELECT week, source AS platform, oli_occupation AS occupation, sum(opened) AS new_postings,
       sum(closed) AS closed_postings
FROM (
    SELECT {first_seen} AS week, source, oli_occupation, 1 AS opened, 0 AS closed FROM postings
    UNION ALL
    SELECT {closed}, source, oli_occupation, 0, 1 FROM postings WHERE closed_at IS NOT NULL
) AS flows
GROUP BY week, source, oli_occupation
"""

VIEWS = ("vacancies", "posting_skills_named", "posting_pay", "weekly_postings")


def create_views(posting_pay: str = POSTING_PAY) -> None:
    """Create the views; a later migration that alters postings calls this after it (0009 with its own posting_pay,
    a template with the same ``{minimum}`` and ``{maximum}``)."""
    dialect = op.get_bind().dialect.name
    monday = MONDAY[dialect]
    op.execute(VACANCIES.format(platforms=PLATFORMS[dialect]))
    op.execute(POSTING_SKILLS_NAMED)
    op.execute(posting_pay.format(minimum=_IDR_OF_KIND.format("min"), maximum=_IDR_OF_KIND.format("max")))
    op.execute(WEEKLY_POSTINGS.format(first_seen=monday.format("first_seen_at"), closed=monday.format("closed_at")))


def drop_views() -> None:
    for view in reversed(VIEWS):
        op.execute(f"DROP VIEW {view}")


def upgrade() -> None:
    create_views()


def downgrade() -> None:
    drop_views()
