"""Your curriculum: for each curriculum, its coverage of the postings, per cluster, the skills it does not teach,
what to teach next, and whether the work pays enough to live on (analysis/report/sections/earnings.py)."""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.formats import format_count, format_percent, format_rupiah
from analysis.language import say
from analysis.report.content import CurriculumSection, ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, how, note, slug, table
from analysis.report.sections.cluster_colours import cluster_colours_of, cluster_column
from analysis.report.sections.earnings import earnings_part


def _missing_columns() -> list[Column]:
    """The columns of the tables of skills a curriculum does not teach."""
    return [
        Column("skill", say("Keterampilan", "Skill")),
        Column("postings", say("Lowongan", "Postings"), format_count, True),
        Column("share_of_postings", say("Bagian dari lowongan", "Share of postings"), format_percent, True),
        Column("median_pay_idr_month", say("Median gaji sebulan", "Median salary a month"), format_rupiah, True),
    ]


def curricula_section(content: ReportContent, data: DataFolder) -> Section:
    heading = say("Kurikulum Anda", "Your curriculum")
    if not content.curricula:
        return Section(
            "curriculum",
            heading,
            note(
                say(
                    "Laporan ini tidak diberi kurikulum, jadi tidak bisa menilai seberapa baik sebuah kurikulum "
                    "menyiapkan pekerjaan-pekerjaan ini.",
                    "No curriculum was given for this report, so it cannot say how well one prepares for these jobs.",
                )
            ),
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
    return Section("curriculum", heading, "".join(parts))


def _curriculum(number: int, curriculum: CurriculumSection, colours: dict, data: DataFolder) -> str:
    """The article of the `number`th curriculum; its data files are named after its number and name."""
    prefix = "_".join(filter(None, (f"curriculum_{number}", slug(curriculum.name))))
    theta = escape(format_percent(curriculum.theta))
    coverage = escape(format_percent(curriculum.coverage))
    region = f'<p class="region">{escape(curriculum.region)}</p>' if curriculum.region else ""
    region += f'<p class="market">{escape(curriculum.market)}</p>' if curriculum.market else ""
    body = [
        f'<article class="curriculum" id="curriculum-{number}"><h3>{escape(curriculum.name)}</h3>{region}',
        f'<div class="facts"><div class="fact"><div class="fact-value">{coverage}</div>'
        f'<div class="fact-label">{say("cakupan", "coverage")}</div></div></div>',
        "<p>"
        + say(
            f"Dari lowongan yang menyebut setidaknya satu keterampilan, <strong>{coverage}</strong> "
            f"<em>tercakup</em>: kurikulum ini mengajarkan setidaknya {theta} dari keterampilan yang diminta, jadi "
            "lulusannya membawa setidaknya sebanyak itu dari yang diinginkan pemberi kerja. Lowongan lainnya "
            "kebanyakan meminta keterampilan yang tidak diajarkannya.",
            f"Of the postings that name at least one skill, <strong>{coverage}</strong> are <em>covered</em>: this "
            f"curriculum teaches at least {theta} of the skills they ask for, so a graduate brings at least that much "
            "of what the employer wants. The other postings ask mostly for skills it does not teach.",
        )
        + "</p>",
        f"<h4>{say('Cakupan per klaster', 'Coverage per cluster')}</h4>",
        how(
            say(
                "Untuk tiap jenis pekerjaan: seberapa banyak dari yang diminta lowongannya diajarkan kurikulum ini "
                "(keterampilan yang diajarkan, ditimbang menurut seberapa sering diminta), dan bagian lowongannya "
                "yang tercakup.",
                "For each kind of job: how much of what its postings ask for the curriculum teaches (skills taught, "
                "weighted by how often they are asked for), and the share of its postings that are covered.",
            )
        ),
        table(
            curriculum.cluster_coverage,
            [
                cluster_column(colours),
                Column("name", say("Keterampilan khas", "Typical skills")),
                Column("postings", say("Lowongan", "Postings"), format_count, True),
                Column("taught_share", say("Permintaan yang diajarkan", "Demand taught"), format_percent, True),
                Column("covered_share", say("Lowongan tercakup", "Postings covered"), format_percent, True),
            ],
            empty=say("Tidak ada klaster untuk dibandingkan.", "No clusters to compare with."),
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
        "<h4>"
        + say(
            "Keterampilan yang belum diajarkan, yang paling banyak diminta lebih dulu",
            "Skills it does not teach, most asked for first",
        )
        + "</h4>",
        table(
            curriculum.missing,
            _missing_columns(),
            empty=say(
                "Kurikulum ini mengajarkan setiap keterampilan yang diminta lowongan-lowongan ini.",
                "The curriculum teaches every skill these postings ask for.",
            ),
        ),
        data.add(f"{prefix}_missing", curriculum.missing),
        "<h4>"
        + say(
            "Keterampilan yang belum diajarkan, yang gajinya paling tinggi lebih dulu",
            "Skills it does not teach, best paid first",
        )
        + "</h4>",
        how(
            say(
                "Median gaji bulanan dari lowongan bergaji yang meminta keterampilan itu dan menyebut gajinya: "
                "separuhnya menawarkan lebih, separuhnya kurang (upah per jam dan bayaran per proyek bukan gaji "
                "bulanan, jadi tidak dihitung di sini). Keterampilan yang hanya punya sedikit lowongan bergaji tidak "
                "ditampilkan.",
                "The median monthly salary of the salaried postings that ask for the skill and state their pay: half "
                "of them offer more, half less (hourly and project pay are not months and are left out here). Skills "
                "with only a few paid postings are left out.",
            )
        ),
        table(
            curriculum.missing_by_pay,
            _missing_columns(),
            empty=say(
                "Terlalu sedikit lowongan untuk keterampilan yang belum diajarkan yang menyebut gajinya.",
                "Too few of the postings for untaught skills state their pay.",
            ),
        ),
        data.add(f"{prefix}_missing_by_pay", curriculum.missing_by_pay),
        f"<h4>{say('Ajarkan berikutnya', 'What to teach next')}</h4>",
        how(
            say(
                "Keterampilan yang perlu ditambahkan, berurutan: masing-masing membuka lowongan sebanyak mungkin, "
                "dengan memperhitungkan keterampilan yang ditambahkan sebelumnya. Keterampilan yang diminta bersama "
                "keterampilan yang sudah Anda ajarkan didahulukan, karena lebih mudah ditambahkan. "
                "“Cakupan sesudahnya” adalah cakupan setelah keterampilan ini dan yang di atasnya diajarkan.",
                "Skills to add, in order: each one opens the most postings it can, counting the ones added before it. "
                "Skills asked for next to what you already teach come first, because they are easier to add. "
                "“Coverage after” is the coverage once this skill and those above it are taught.",
            )
        ),
        table(
            curriculum.recommendations,
            [
                Column("rank", "#", format_count, True),
                Column("skill", say("Keterampilan", "Skill")),
                Column("postings_opened", say("Lowongan yang terbuka", "Postings opened"), format_count, True),
                Column("coverage_after", say("Cakupan sesudahnya", "Coverage after"), format_percent, True),
                Column(
                    "median_pay_idr_month", say("Median gaji sebulan", "Median salary a month"), format_rupiah, True
                ),
                Column("adjacent_to", say("Diminta bersama", "Asked for next to")),
                Column("reason", say("Alasan", "Why")),
            ],
            empty=say("Tidak ada keterampilan yang membuka lowongan lagi.", "No skill would open more postings."),
        ),
        data.add(f"{prefix}_recommendations", curriculum.recommendations),
    ]
    return "".join(body)
