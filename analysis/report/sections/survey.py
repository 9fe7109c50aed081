"""Your members' incomes: a community's own income survey held against the yardsticks, over all members and per
group of similar members."""

from __future__ import annotations

from html import escape

from analysis.formats import format_count, format_percent, format_rupiah
from analysis.language import month_name, say
from analysis.report.content import ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Column, Section, how, plain, table

# The employment statuses of the survey (analysis.survey.EMPLOYMENT_STATUSES) in Indonesian; in English the report
# writes them as the survey file does.
STATUSES_ID = {
    "employed": "karyawan",
    "freelance": "pekerja lepas",
    "self_employed": "wirausaha",
    "student": "pelajar atau mahasiswa",
    "unemployed": "belum bekerja",
}


def _status(value: object) -> str:
    return say(STATUSES_ID.get(str(value), plain(value)), plain(value))


def _month(period: str) -> str:
    """A survey's month ("2026-01") as Indonesian readers write it, "Januari 2026"; as given in English, or when it
    is not a month."""
    year, _, month = period.partition("-")
    if not (year.isdigit() and month.isdigit() and 1 <= int(month) <= 12):
        return period
    return say(f"{month_name(int(month))} {year}", period)


def survey_section(content: ReportContent, data: DataFolder) -> Section | None:
    """The survey's section, when a survey was given."""
    survey = content.survey
    if survey is None:
        return None
    left_out = ""
    if survey.rows_left_out:
        rows = format_count(survey.rows_left_out)
        left_out = say(f" ({rows} baris bermasalah tidak dipakai)", f" ({rows} rows with problems were left out)")
    by_cluster = survey.indicators_by_cluster.pivot(index="indicator", columns="cluster", values="share")
    by_cluster.columns = [say(f"Kelompok {cluster}", f"Group {cluster}") for cluster in by_cluster.columns]
    shares = survey.indicators[["indicator", "yardstick", "compares", "line_idr", "share"]].merge(
        by_cluster, left_on="indicator", right_index=True, how="left"
    )
    profiles = survey.profiles.assign(top_skills=survey.profiles["top_skills"].map(", ".join))
    figures = "".join(f"<li>{escape(used)}</li>" for used in survey.yardsticks_used)
    members = format_count(survey.members)
    lead = say(
        f"{survey.source}: {members} anggota dianalisis{left_out}, dibandingkan dengan tolok ukur {survey.region} "
        f"yang berlaku pada {_month(survey.period)}.",
        f"{survey.source}: {members} members analysed{left_out}, held against the yardsticks of {survey.region} in "
        f"force in {survey.period}.",
    )
    body = [
        f"<p>{escape(lead)}</p>",
        how(
            say(
                "Bagian anggota yang pendapatannya mencapai tiap tolok ukur: garis Bank Dunia dan garis BPS per orang "
                "dibandingkan dengan pendapatan rumah tangga dibagi jumlah orang yang hidup darinya (anggota yang "
                "tidak menyebut jumlah anggota rumah tangganya tidak dihitung di sini); pendapatan rumah tangga "
                "dibandingkan dengan garis BPS per orang dikali jumlah anggota rumah tangga (cara BPS; garis rata-rata "
                "rumah tangga miskin hanya dipakai bila jumlahnya tidak diketahui); dan upah minimum (UMK) "
                "dibandingkan dengan pendapatan anggota itu sendiri. Kelompok adalah anggota yang mirip pendapatan, "
                "rumah tangga, pengalaman, dan pekerjaannya, ditemukan dengan k-means.",
                "The share of members whose income reaches each yardstick: the World Bank and BPS per-person lines are "
                "compared with the household income divided by the people living on it (members without a household "
                "size are left out of them); the household's income with the BPS per-person line times the "
                "household's size (BPS's method; the average poor-household line only where the size is unknown); and "
                "the minimum wage (UMK) with the member's own income. Groups are members with similar income, "
                "household, experience and work, found by k-means.",
            )
        ),
        table(
            shares,
            [
                Column("yardstick", say("Tolok ukur", "Yardstick")),
                Column("compares", say("Dibandingkan dengan", "Compared with")),
                Column("line_idr", say("Garis sebulan", "Line a month"), format_rupiah, True),
                Column("share", say("Semua anggota", "All members"), format_percent, True),
                *[Column(column, column, format_percent, True) for column in by_cluster.columns],
            ],
            empty=say("Tidak ada anggota yang bisa diukur.", "No member could be measured."),
        ),
        data.add("survey_indicators", survey.indicators),
        data.add("survey_indicators_by_group", survey.indicators_by_cluster),
        f"<h3>{say('Kelompok anggota', 'The groups')}</h3>",
        table(
            profiles,
            [
                Column("cluster", say("Kelompok", "Group"), format_count, True),
                Column("members", say("Anggota", "Members"), format_count, True),
                Column("median_income_idr", say("Median pendapatan", "Median income"), format_rupiah, True),
                Column(
                    "median_income_per_member_idr",
                    say("Per anggota rumah tangga", "Per household member"),
                    format_rupiah,
                    True,
                ),
                Column("median_months_experience", say("Bulan pengalaman", "Months of experience"), format_count, True),
                Column("commonest_status", say("Kebanyakan", "Mostly"), _status),
                Column("commonest_platform", say("Platform utama", "Main platform")),
                Column("top_skills", say("Keterampilan teratas", "Top skills")),
            ],
            empty=say("Tidak ada kelompok.", "No groups."),
        ),
        data.add("survey_groups", profiles),
        f"<p>{say('Angka yang dipakai:', 'Figures used:')}</p><ul>{figures}</ul>" if figures else "",
    ]
    return Section("survey", say("Pendapatan anggota Anda", "Your members' incomes"), "".join(body))
