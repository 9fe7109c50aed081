"""The first screen: for each curriculum the three answers a community leader came for, then the postings read.

1. How much of its market does the curriculum prepare for (coverage, one number and one sentence)?
2. What to teach next: the first five recommendations, each with its reason (postings, pay, closeness to what is
   taught).
3. Does the work its members can reach pay enough to live on: the median monthly salary against the UMK, and the
   share of salaried postings at or above it. Hourly and project pay are counted apart, never as a month.
And what changed since the previous period: the skills whose share rose and fell most.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from analysis.formats import format_count, format_decimal, format_percent, format_points, format_rupiah, is_missing
from analysis.language import say
from analysis.report.content import Changes, CurriculumSection, ReportContent
from analysis.report.data_folder import DataFolder
from analysis.report.markup import Section, invented_warning, note, plain

SUMMARY_SKILLS = 5  # recommendations, and skills most asked for when there is no curriculum
RISING_SKILLS, FALLING_SKILLS = 3, 2  # what changed


def summary_section(content: ReportContent, data: DataFolder) -> Section:
    body = [
        invented_warning(content.caption),
        '<p class="lead">'
        + say(
            f"Laporan ini membaca <strong>{escape(format_count(content.posting_count))}</strong> lowongan dari "
            f"{escape(format_count(len(content.sources)))} situs lowongan.",
            f"This report reads <strong>{escape(format_count(content.posting_count))}</strong> job postings from "
            f"{escape(format_count(len(content.sources)))} job sites.",
        )
        + "</p>",
    ]
    everywhere = Changes(content.rising, content.falling, content.period_labels, content.changes_note)
    body += [_answers(curriculum, _changes(curriculum.changes or everywhere)) for curriculum in content.curricula]
    if not content.curricula:
        body += [_most_asked(content.top_skills), _changes(everywhere)]
    return Section("summary", say("Ringkasan", "Summary"), "".join(body))


def _answers(curriculum: CurriculumSection, changes: str) -> str:
    """The curriculum's answers; `changes`, what changed in its market (HTML), goes beside its pay."""
    coverage = format_percent(curriculum.coverage)
    theta = format_percent(curriculum.theta)
    sentence = say(
        f"Dari lowongan di pasarnya yang menyebut keterampilan, {coverage} meminta keterampilan yang setidaknya "
        f"{theta}-nya diajarkan kurikulum ini: lulusannya membawa sebagian besar yang diminta pemberi kerja.",
        f"Of the postings in its market that name skills, {coverage} ask for skills at least {theta} of which this "
        f"curriculum teaches: its graduates bring most of what the employer wants.",
    )
    facts = [(coverage, say("cakupan", "coverage")), *_pay_facts(curriculum)]
    cards = "".join(
        f'<div class="fact"><div class="fact-value">{escape(value)}</div><div class="fact-label">{escape(label)}'
        "</div></div>"
        for value, label in facts
    )
    return (
        f'<article class="answers"><h3>{escape(curriculum.name)}</h3><div class="facts">{cards}</div>'
        f'<p>{escape(sentence)}</p><p class="market">{escape(curriculum.market)}</p><div class="answers-grid">'
        f"<div><h4>{say('Ajarkan berikutnya', 'Teach next')}</h4>{_teach_next(curriculum.recommendations)}</div>"
        f"<div><h4>{say('Apakah pekerjaannya cukup untuk hidup?', 'Does the work pay enough to live on?')}</h4>"
        f"{_pay(curriculum)}{changes}</div></div></article>"
    )


def _salaried(curriculum: CurriculumSection) -> pd.Series | None:
    """The overall salaried row of the curriculum's earnings, and None when there is none."""
    if curriculum.earnings is None or curriculum.earnings.empty or not curriculum.yardstick_lines:
        return None
    rows = curriculum.earnings[
        (curriculum.earnings["cluster"] == "overall") & (curriculum.earnings["kind"] == "salaried")
    ]
    return None if rows.empty or is_missing(rows.iloc[0]["median_idr"]) else rows.iloc[0]


def _pay_facts(curriculum: CurriculumSection) -> list[tuple[str, str]]:
    """The median salary in UMKs and the share at or above the UMK, as fact cards."""
    salaried = _salaried(curriculum)
    umk_name, umk = curriculum.yardstick_lines[0] if curriculum.yardstick_lines else ("UMK", float("nan"))
    if salaried is None or not umk:
        return []
    return [
        (
            f"{format_decimal(salaried['median_idr'] / umk, 2)}×",
            say(f"median gaji / {umk_name}", f"median salary / {umk_name}"),
        ),
        (
            format_percent(salaried.get("share_reaching_umk")),
            say(f"lowongan bergaji ≥ {umk_name}", f"salaried postings ≥ {umk_name}"),
        ),
    ]


def _teach_next(recommendations: pd.DataFrame) -> str:
    if recommendations.empty:
        return note(
            say(
                "Tidak ada keterampilan yang membuka lowongan lagi: setiap lowongan yang belum tercakup kekurangan dua "
                "keterampilan atau lebih.",
                "No skill opens more postings: every posting not covered lacks two skills or more.",
            )
        )
    items = "".join(
        f"<li><strong>{escape(plain(row.skill))}</strong>: {escape(plain(row.reason))}</li>"
        for row in recommendations.head(SUMMARY_SKILLS).itertuples(index=False)
    )
    return f'<ol class="teach-next">{items}</ol>'


def _pay(curriculum: CurriculumSection) -> str:
    """The median monthly salary of the reachable postings against the UMK, the share at or above it, and the
    postings paid by the hour or the project, counted apart."""
    if curriculum.earnings is None or curriculum.earnings.empty or not curriculum.yardstick_lines:
        return note(curriculum.yardsticks_note or say("Tidak ada data gaji.", "No pay data."))
    umk_name, umk = curriculum.yardstick_lines[0]
    salaried = _salaried(curriculum)
    if salaried is None:
        paragraphs = [say("Tidak ada lowongan bergaji bulanan di pasarnya.", "No salaried posting in its market.")]
    else:
        median, postings, share = salaried["median_idr"], salaried["postings"], salaried.get("share_reaching_umk")
        paragraphs = [
            say(
                f"Median gaji bulanan {format_rupiah(median)} ({format_count(postings)} lowongan bergaji yang bisa "
                f"dijangkau anggota), {format_decimal(median / umk, 2)} kali {umk_name} ({format_rupiah(umk)}); "
                f"{format_percent(share)} membayar setidaknya sebesar itu.",
                f"Median monthly salary {format_rupiah(median)} ({format_count(postings)} salaried postings members "
                f"can reach), {format_decimal(median / umk, 2)} times the {umk_name} ({format_rupiah(umk)}); "
                f"{format_percent(share)} pay at least that.",
            )
        ]
    overall = curriculum.earnings[curriculum.earnings["cluster"] == "overall"].set_index("kind")
    other_kinds = [
        f"{format_count(overall.at[kind, 'postings'])} {say(paid_id, paid_en)}"
        for kind, paid_id, paid_en in (("hourly", "dibayar per jam", "paid by the hour"),
                                       ("project", "dibayar per proyek", "paid by the project"))
        if kind in overall.index
    ]  # fmt: skip
    if other_kinds:
        paragraphs.append(
            say(
                f"Lainnya {' dan '.join(other_kinds)}: bukan gaji bulanan, dihitung terpisah di bagian kurikulum.",
                f"Others {' and '.join(other_kinds)}: not a monthly wage, counted apart in the curriculum's part.",
            )
        )
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs if text)


def _changes(changes: Changes) -> str:
    heading = f"<h4>{say('Apa yang berubah', 'What changed')}</h4>"
    if changes.note:
        return heading + note(
            say("Data terlalu sedikit untuk membandingkan: ", "Too little data to compare: ") + changes.note
        )
    before, after = changes.period_labels
    lead = say(
        f"Bagian lowongan yang meminta tiap keterampilan, {after} dibanding {before}:",
        f"Share of postings asking for each skill, {after} against {before}:",
    )
    changed = _changed(changes.rising.head(RISING_SKILLS), say("naik", "up"))
    changed += _changed(changes.falling.head(FALLING_SKILLS), say("turun", "down"))
    if not changed:
        return heading + note(say("Tidak ada keterampilan yang naik atau turun.", "No skill rose or fell."))
    items = "".join(f"<li>{text}</li>" for text in changed)
    return f'{heading}<p>{escape(lead)}</p><ul class="changes">{items}</ul>'


def _changed(changes: pd.DataFrame, direction: str) -> list[str]:
    return [
        f"<strong>{escape(plain(row.skill))}</strong> {direction} {escape(format_points(row.change))} "
        f"({escape(format_percent(row.share_before))} → {escape(format_percent(row.share_after))})"
        for row in changes.itertuples(index=False)
    ]


def _most_asked(top_skills: pd.DataFrame) -> str:
    top = top_skills.head(SUMMARY_SKILLS)
    if top.empty:
        return note(
            say(
                "Tidak ada lowongan di pilihan ini yang menyebut keterampilan yang dikenal taksonomi.",
                "No posting in this selection names a skill the taxonomy knows.",
            )
        )
    items = "".join(
        f"<li><strong>{escape(plain(row.skill))}</strong>: "
        + say(f"{escape(format_count(row.postings))} lowongan", f"{escape(format_count(row.postings))} postings")
        + f" ({escape(format_percent(row.share))})</li>"
        for row in top.itertuples(index=False)
    )
    heading = say(
        f"{SUMMARY_SKILLS} keterampilan yang paling banyak diminta", f"The {SUMMARY_SKILLS} skills most asked for"
    )
    return f'<h3>{heading}</h3><ol class="top-skills">{items}</ol>'
