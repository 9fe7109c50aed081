"""Your curriculum: for each curriculum, its coverage of the postings, per cluster, the skills it does not teach,
what to teach next, and whether the work pays enough to live on (analysis/report/sections/earnings.py)."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.formats import format_count, format_percent, format_rupiah
from analysis.report.content import CurriculumSection, ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, how, note, slug, table
from analysis.report.sections.cluster_colours import cluster_colours_of, cluster_column
from analysis.report.sections.earnings import earnings_part

MISSING_COLUMNS = (
    Column("skill", "Skill"),
    Column("postings", "Postings", format_count, True),
    Column("share_of_postings", "Share of postings", format_percent, True),
    Column("median_pay_idr_month", "Median salary a month", format_rupiah, True),
)


def curricula_section(content: ReportContent, data: DataFolder) -> Section:
    if not content.curricula:
        return Section(
            "curriculum",
            "Your curriculum",
            note("No curriculum was given for this report, so it cannot say how well one prepares for these jobs."),
        )
    summary = pd.DataFrame(
        [(c.name, c.region, c.coverage, c.theta) for c in content.curricula],
        columns=["name", "region", "coverage", "theta"],
    )
    parts = [data.add("curricula", summary)]
    colours = cluster_colours_of(content)
    parts += [
        _curriculum(number, curriculum, colours, data) for number, curriculum in enumerate(content.curricula, start=1)
    ]
    return Section("curriculum", "Your curriculum", "".join(parts))


def _curriculum(number: int, curriculum: CurriculumSection, colours: dict, data: DataFolder) -> str:
    """The article of the `number`th curriculum; its data files are named after its number and name."""
    prefix = "_".join(filter(None, (f"curriculum_{number}", slug(curriculum.name))))
    theta = format_percent(curriculum.theta)
    region = f'<p class="region">{escape(curriculum.region)}</p>' if curriculum.region else ""
    region += f'<p class="market">{escape(curriculum.market)}</p>' if curriculum.market else ""
    body = [
        f'<article class="curriculum" id="curriculum-{number}"><h3>{escape(curriculum.name)}</h3>{region}',
        f'<div class="facts"><div class="fact"><div class="fact-value">{escape(format_percent(curriculum.coverage))}'
        f'</div><div class="fact-label">coverage</div></div></div>',
        f"<p>Of the postings that name at least one skill, <strong>{escape(format_percent(curriculum.coverage))}"
        f"</strong> are <em>covered</em>: this curriculum teaches at least {escape(theta)} of the skills they ask for, "
        "so a graduate brings at least that much of what the employer wants. The other postings ask mostly for "
        "skills it does not teach.</p>",
        "<h4>Coverage per cluster</h4>",
        how(
            "For each kind of job: how much of what its postings ask for the curriculum teaches (skills taught, "
            "weighted by how often they are asked for), and the share of its postings that are covered."
        ),
        table(
            curriculum.cluster_coverage,
            [
                cluster_column(colours),
                Column("name", "Typical skills"),
                Column("postings", "Postings", format_count, True),
                Column("taught_share", "Demand taught", format_percent, True),
                Column("covered_share", "Postings covered", format_percent, True),
            ],
            empty="No clusters to compare with.",
            limit=None,
        ),
        data.add(f"{prefix}_clusters", curriculum.cluster_coverage),
        _gaps(curriculum, prefix, data),
        earnings_part(curriculum, prefix, colours, data),
        "</article>",
    ]
    return "".join(body)


def _gaps(curriculum: CurriculumSection, prefix: str, data: DataFolder) -> str:
    """The skills `curriculum` does not teach, most asked for and best paid first, and what to teach next."""
    body = [
        "<h4>Skills it does not teach, most asked for first</h4>",
        table(curriculum.missing, MISSING_COLUMNS, empty="The curriculum teaches every skill these postings ask for."),
        data.add(f"{prefix}_missing", curriculum.missing),
        "<h4>Skills it does not teach, best paid first</h4>",
        how(
            "The median monthly salary of the salaried postings that ask for the skill and state their pay: half of "
            "them offer more, half less (hourly and project pay are not months and are left out here). Skills with "
            "only a few paid postings are left out."
        ),
        table(
            curriculum.missing_by_pay,
            MISSING_COLUMNS,
            empty="Too few of the postings for untaught skills state their pay.",
        ),
        data.add(f"{prefix}_missing_by_pay", curriculum.missing_by_pay),
        "<h4>What to teach next</h4>",
        how(
            "Skills to add, in order: each one opens the most postings it can, counting the ones added before it. "
            "Skills asked for next to what you already teach come first, because they are easier to add. "
            "“Coverage after” is the coverage once this skill and those above it are taught."
        ),
        table(
            curriculum.recommendations,
            [
                Column("rank", "#", format_count, True),
                Column("skill", "Skill"),
                Column("postings_opened", "Postings opened", format_count, True),
                Column("coverage_after", "Coverage after", format_percent, True),
                Column("median_pay_idr_month", "Median salary a month", format_rupiah, True),
                Column("adjacent_to", "Asked for next to"),
                Column("reason", "Why"),
            ],
            empty="No skill would open more postings.",
        ),
        data.add(f"{prefix}_recommendations", curriculum.recommendations),
    ]
    return "".join(body)
