"""A curriculum's market: the postings of the work it prepares people for.

A programmer school is not short of Data Entry because data-entry postings are many: advice is read within the
work a community teaches for. A curriculum names that work in `targets:` (docs/curriculum.md): occupation classes
(`software_development`, ... `other`: pipelines/skills/taxonomy.py OCCUPATIONS) or skill groups of the taxonomy
(`graphic_design`, `online_selling`, ...). A posting is in the market when its occupation class is a target, or when
it asks for a skill of a target group; the skills worth recommending are those of a target class or group.

Without `targets:` they are inferred from what the curriculum teaches. A track prepares for a kind of work, so
every occupation class holding at least `TARGET_SHARE` of one track's teaching hours (`Track.hours_by_skill`) is a
target: a vocational centre with tracks in office computing, hospitality and graphic design targets clerical work,
hotel and kitchen work and design, however many hours each track has. Languages and soft skills are not counted:
they serve every kind of work, so English lessons do not make a programmer school a translation school. A
curriculum whose hours name no class that way targets the whole market.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping

import numpy as np
from scipy import sparse

from analysis.data import PostingSet
from analysis.formats import format_count
from analysis.language import occupation_name, say
from pipelines.skills.taxonomy import OCCUPATIONS, Taxonomy

MARKETS = ("targets", "all")  # --market: the curriculum's targets (default) or every posting

# The share of one track's teaching hours (languages and soft skills aside) that makes a class a target.
TARGET_SHARE = 0.25
# Skill groups that serve every kind of work, left out when inferring targets.
GENERAL_GROUPS = frozenset({"language", "soft_skill"})


def infer_targets(hours_by_track: Iterable[Mapping[str, float]], taxonomy: Taxonomy) -> tuple[str, ...]:
    """The occupation classes holding at least `TARGET_SHARE` of one track's teaching hours (each track given as
    its hours per skill), in `OCCUPATIONS` order."""
    targets: set[str] = set()
    for hours_by_skill in hours_by_track:
        hours_by_class: dict[str, float] = defaultdict(float)
        for name, hours in hours_by_skill.items():
            skill = taxonomy.by_name.get(name)
            if skill is not None and skill.group not in GENERAL_GROUPS:
                hours_by_class[skill.occupation] += hours
        counted = sum(hours_by_class.values())
        targets.update(occupation for occupation, hours in hours_by_class.items() if hours >= TARGET_SHARE * counted)
    return tuple(occupation for occupation in OCCUPATIONS if occupation in targets)


def market_mask(posting_set: PostingSet, targets: Collection[str]) -> np.ndarray:
    """Per posting: whether it is in the market of `targets` (all True when there are none)."""
    if not targets:
        return np.ones(len(posting_set), dtype=bool)
    in_market = posting_set.postings["oli_occupation"].isin(targets).to_numpy()
    target_columns = [
        column for column, name in enumerate(posting_set.skill_names) if posting_set.skill_groups.get(name) in targets
    ]
    if target_columns:
        asks = sparse.csc_matrix(posting_set.skills)[:, target_columns]
        in_market = in_market | (np.asarray(asks.sum(axis=1)).ravel() > 0)
    return in_market


def target_skills(targets: Collection[str], taxonomy: Taxonomy) -> frozenset[str] | None:
    """The skills of the work `targets` name, the ones worth recommending: those of a target class or group
    (None when there are no targets: any skill)."""
    if not targets:
        return None
    return frozenset(skill.name for skill in taxonomy.skills if skill.occupation in targets or skill.group in targets)


def describe_market(targets: Collection[str], inferred: bool, in_market: int, total: int) -> str:
    """One plain sentence, in the current language: which postings the advice counts, and where the targets came
    from."""
    if not targets:
        return say(f"Pasar: semua lowongan ({format_count(total)}).", f"Market: every posting ({format_count(total)}).")
    classes = [occupation_name(target).lower() for target in targets if target in OCCUPATIONS]
    groups = [target for target in targets if target not in OCCUPATIONS]
    kinds = [say("bidang ", "for ") + _listed(classes)] if classes else []
    if groups:
        kinds.append(say("yang meminta keterampilan dari kelompok ", "asking for a skill of the group")
                     + say("", "s " if len(groups) > 1 else " ") + _listed(groups))  # fmt: skip
    counts = say(f"{format_count(in_market)} dari {format_count(total)}", f"{format_count(in_market)} of {format_count(total)}")
    if inferred:
        origin = say(
            "pekerjaan yang disimpulkan dari apa yang diajarkan kurikulum (tulis targets: di kurikulum untuk memilihnya)",
            "the work inferred from what the curriculum teaches (write targets: in the curriculum to choose it)",
        )
    else:
        origin = say("target yang ditulis kurikulum", "the targets the curriculum names")
    return say(
        f"Pasar: lowongan {' atau '.join(kinds)} ({counts}), {origin}; --market all menghitung semua lowongan.",
        f"Market: postings {' or '.join(kinds)} ({counts}), {origin}; --market all counts every posting.",
    )


def _listed(words: list[str]) -> str:
    """ "a", "a and b", "a, b and c" (in Indonesian "dan")."""
    return say(" dan ", " and ").join(", ".join(words).rsplit(", ", 1))
