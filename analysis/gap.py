"""Curriculum gap analysis: how much of the demand in a set of postings a curriculum prepares people for, and what
to teach next.

A posting is *covered* at a threshold theta when the curriculum teaches at least that share of the skills it asks
for: with theta = 0.5 a posting asking for HTML, CSS, JavaScript and React is covered by a curriculum teaching two
of them. Postings that ask for no known skill say nothing about a curriculum and are left out of every share.

What a curriculum teaches is rolled up the skill hierarchy first (`Taxonomy.covered_by`, docs/curriculum.md): one
teaching Laravel covers PHP, one teaching PHP, HTML, CSS and JavaScript covers Web Development, so a posting asking for
PHP or Web Development counts them as taught. Below, "taught" means covered in that sense.

- `CurriculumCoverage` measures a curriculum: the share of postings it covers, the share of each cluster's skill
  demand it teaches, and the skills it does not teach, ranked by how many postings ask for them and by their pay.
- `SkillRecommender` picks skills to add, one at a time, each opening the most postings it can, preferring skills
  that postings ask for next to what is already taught (easier to teach, and a natural next module).
- `compare_curricula` puts several curricula side by side.

The estimators follow scikit-learn's conventions: parameters in ``__init__``, ``fit`` returns the estimator, and
results are attributes ending in ``_``. Everything runs on the sparse posting-by-skill matrix, so a million postings
take seconds, not a loop over postings.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.curriculum import Curriculum
from analysis.data import PostingSet
from analysis.formats import format_count, format_rupiah_short
from analysis.language import say
from pipelines.skills.taxonomy import Taxonomy, load_taxonomy

# The label a clustering gives postings without skills; they belong to no cluster.
NO_CLUSTER = -1

ClusterNames = Mapping[int, str] | Sequence[str]
# Columns of SkillRecommender.recommendations_.
RECOMMENDATION_COLUMNS = (
    "rank",
    "skill",
    "postings",
    "postings_opened",
    "coverage_after",
    "median_pay_idr_month",
    "adjacent_to",
    "adjacency",
    "reason",
)


class CurriculumCoverage:
    """How much of the postings' skill demand a curriculum covers.

    Parameters
    ----------
    theta : a posting is covered when the curriculum teaches at least this share of its skills (0 to 1).
    min_paid_postings : a skill enters ``missing_by_pay_`` only when at least this many of its postings state pay,
        so that one well-paid posting does not put a rare skill at the top.
    taxonomy : whose hierarchy rolls the taught skills up (default: the bundled taxonomy).

    Attributes (after ``fit``)
    --------------------------
    posting_coverage_ : float array, one per posting: the share of its skills the curriculum teaches; NaN for
        postings without skills.
    covered_ : bool array, one per posting: the share is at least theta (False for postings without skills).
    coverage_ : the share of postings with skills that are covered (NaN when no posting has skills).
    cluster_coverage_ : DataFrame, one row per cluster (label order), or None when ``fit`` got no labels. Columns:
        ``cluster`` (label), ``name``, ``postings``, ``taught_share`` (the cluster's skill demand taught:
        over the skills taught, the sum of the postings in the cluster asking for each, divided by the same sum over
        all skills), ``covered_share`` (the share of the cluster's postings with skills covered at theta).
    missing_ : DataFrame of the skills postings ask for that the curriculum does not teach, most asked first:
        ``skill``, ``postings`` (asking for it), ``share_of_postings`` (of the postings with skills),
        ``paid_postings`` (of those, how many state a monthly pay) and ``median_pay_idr_month`` (their median).
    missing_by_pay_ : the rows of ``missing_`` with at least ``min_paid_postings`` paid postings, best paid first.
    """

    def __init__(self, theta: float = 0.5, min_paid_postings: int = 3, taxonomy: Taxonomy | None = None):
        self.theta = theta
        self.min_paid_postings = min_paid_postings
        self.taxonomy = taxonomy

    def fit(
        self,
        posting_set: PostingSet,
        curriculum: Curriculum | Collection[str],
        cluster_labels: Sequence[int] | np.ndarray | None = None,
        cluster_names: ClusterNames | None = None,
    ) -> CurriculumCoverage:
        """Measure `curriculum` (or a collection of canonical skill names) against `posting_set`.

        `cluster_labels` gives each posting's cluster (``NO_CLUSTER``, -1, for none); `cluster_names` names the
        clusters, by label (a mapping, or a sequence indexed by label); clusters without a name are "cluster N".
        """
        _check_theta(self.theta)
        skills = _binary(posting_set.skills)
        covered_skills = (self.taxonomy or load_taxonomy()).covered_by(_taught_skills(curriculum))
        taught = _mask(posting_set.skill_names, covered_skills)
        totals = np.asarray(skills.sum(axis=1)).ravel()
        taught_counts = skills @ taught.astype(np.int64)
        has_skills = totals > 0

        self.posting_coverage_ = np.full(len(totals), np.nan)
        self.posting_coverage_[has_skills] = taught_counts[has_skills] / totals[has_skills]
        # Comparing the share, not the taught count with theta × total, keeps 7 of 10 covered at theta = 0.7
        # (0.7 × 10 is 7.000000000000001). NaN, no skills, compares as not covered.
        self.covered_ = self.posting_coverage_ >= self.theta
        with_skills = int(has_skills.sum())
        self.coverage_ = self.covered_.sum() / with_skills if with_skills else np.nan

        self.cluster_coverage_ = (
            None
            if cluster_labels is None
            else _cluster_coverage(skills, taught, has_skills, self.covered_, cluster_labels, cluster_names)
        )

        self.missing_, self.missing_by_pay_ = self._missing(posting_set, skills, taught, with_skills)
        return self

    def _missing(
        self, posting_set: PostingSet, skills: sparse.csr_matrix, taught: np.ndarray, with_skills: int
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The skills asked for and not taught, most asked first, and those with enough paid postings, best paid
        first."""
        counts = np.asarray(skills.sum(axis=0)).ravel()
        missing_columns = np.flatnonzero(~taught & (counts > 0))
        paid, median_pay = _pay_by_skill(skills.tocsc(), _monthly_pay(posting_set), missing_columns)
        missing = pd.DataFrame(
            {
                "skill": [posting_set.skill_names[column] for column in missing_columns],
                "postings": counts[missing_columns].astype(int),
                "share_of_postings": counts[missing_columns] / with_skills if with_skills else np.nan,
                "paid_postings": paid,
                "median_pay_idr_month": median_pay,
            }
        )
        well_paid = missing[missing["paid_postings"] >= self.min_paid_postings]
        return (
            missing.sort_values(["postings", "skill"], ascending=[False, True], ignore_index=True),
            well_paid.sort_values(
                ["median_pay_idr_month", "postings", "skill"], ascending=[False, False, True], ignore_index=True
            ),
        )


class SkillRecommender:
    """The skills to add to a curriculum, in order, each chosen greedily for the postings it opens.

    At each step every untaught skill asked for in at least `min_postings` postings (and, when ``fit`` is given
    `candidate_skills`, one of those) is a candidate. Its gain is
    the number of postings it would newly cover at theta: the uncovered postings that ask for it and lack exactly
    one taught skill to reach theta (adding one skill raises a posting's taught count by at most one, so no other
    posting can change). Its adjacency is the largest share of its postings that also ask for one taught skill:
    0 when it is never asked for next to anything taught, 1 when every posting asking for it asks for the same
    taught skill too. The step adds the candidate with the highest score

        score = gain × (1 + adjacency_weight × adjacency)

    so that between skills opening about as many postings, the one asked for next to what is taught wins: with the
    default 0.5, a skill opening 10 postings whose every posting also asks for the same taught skill scores 15,
    and beats an unrelated skill opening up to 14. Equal scores go to the larger gain, then to the skill more
    postings ask for, then to the alphabetically first. Set `adjacency_weight` to 0 for the plain greedy choice.
    It stops after `n` skills, or earlier when no candidate opens any posting (every uncovered posting then lacks
    two skills or more).

    A candidate that rolls up (teaching Laravel where PHP is not yet covered also covers PHP) can raise a posting's
    taught count by more than one; its gain is then counted posting by posting over everything it would cover.

    Attributes (after ``fit``)
    --------------------------
    coverage_before_ : the curriculum's coverage at theta (share of postings with skills covered).
    coverage_ : the coverage after adding every recommended skill.
    recommendations_ : DataFrame, one row per step: ``rank`` (from 1), ``skill``, ``postings`` (asking for it),
        ``postings_opened`` (newly covered by this step), ``coverage_after``, ``median_pay_idr_month`` (of the
        opened postings stating pay), ``adjacent_to`` (the taught skill its postings ask for most often, or None),
        ``adjacency`` (the share of its postings asking for that skill too), ``reason`` (one plain sentence).
    """

    def __init__(
        self,
        n: int = 10,
        theta: float = 0.5,
        adjacency_weight: float = 0.5,
        min_postings: int = 3,
        taxonomy: Taxonomy | None = None,
    ):
        self.n = n
        self.theta = theta
        self.adjacency_weight = adjacency_weight
        self.min_postings = min_postings
        self.taxonomy = taxonomy

    def fit(
        self,
        posting_set: PostingSet,
        curriculum: Curriculum | Collection[str],
        candidate_skills: Collection[str] | None = None,
    ) -> SkillRecommender:
        """Recommend skills for `curriculum` (or a collection of canonical skill names) from `posting_set`;
        `candidate_skills` are the skills it may recommend (None: any; see `analysis.targets.target_skills`)."""
        _check_theta(self.theta)
        skills = _binary(posting_set.skills)
        by_skill = skills.tocsc()
        names = posting_set.skill_names
        pay = _monthly_pay(posting_set)
        taxonomy = self.taxonomy or load_taxonomy()
        column_of = {name: column for column, name in enumerate(names)}
        taught_skills = _taught_skills(curriculum)
        covered_skills = taxonomy.covered_by(taught_skills)
        taught = _mask(names, covered_skills)

        totals = np.asarray(skills.sum(axis=1)).ravel()
        has_skills = totals > 0
        with_skills = int(has_skills.sum())
        required = _required_taught(totals, self.theta)
        taught_counts = skills @ taught.astype(np.int64)
        covered = has_skills & (taught_counts >= required)
        counts = np.diff(by_skill.indptr)
        allowed = np.ones(len(names), dtype=bool) if candidate_skills is None else _mask(names, candidate_skills)
        candidates = ~taught & (counts >= self.min_postings) & allowed

        nearest = _NearestTaught(skills, by_skill)
        for column in np.flatnonzero(taught):
            nearest.teach(column)

        alphabetical = np.argsort(np.argsort(np.asarray(names, dtype=object)))
        self.coverage_before_ = covered.sum() / with_skills if with_skills else np.nan
        steps = []
        while len(steps) < self.n:
            one_away = has_skills & ~covered & (required - taught_counts == 1)
            gain = np.where(candidates, skills.T @ one_away.astype(np.int64), 0)
            rolls_up = _rolls_up(np.flatnonzero(candidates), names, column_of, taxonomy, taught_skills, covered_skills)
            for column, columns in rolls_up.items():
                gain[column] = len(_opened(by_skill, columns, has_skills & ~covered, taught_counts, required)[0])
            if gain.max(initial=0) == 0:
                break
            adjacency = nearest.shared / np.maximum(counts, 1)
            score = gain * (1 + self.adjacency_weight * adjacency)
            # lexsort's last key is the primary one.
            best = np.lexsort((alphabetical, -counts, -gain, -score))[0]

            added = rolls_up.get(best, [best])
            opened, rows, increments = _opened(by_skill, added, has_skills & ~covered, taught_counts, required)
            taught_counts[rows] += increments
            covered[opened] = True
            candidates[added] = False
            taught_skills = taught_skills | {names[best]}
            covered_skills = taxonomy.covered_by(taught_skills)
            adjacent_to = names[nearest.partner[best]] if nearest.shared[best] > 0 else None
            steps.append(
                _step(
                    len(steps) + 1,
                    [names[column] for column in added],
                    int(counts[best]),
                    opened_pay=pay[opened],
                    coverage_after=covered.sum() / with_skills,
                    adjacent_to=adjacent_to,
                    shared=int(nearest.shared[best]),
                    adjacency=adjacency[best],
                )
            )
            for column in added:
                nearest.teach(column)

        self.coverage_ = covered.sum() / with_skills if with_skills else np.nan
        self.recommendations_ = pd.DataFrame(steps, columns=RECOMMENDATION_COLUMNS)
        # As objects, so that "no adjacent skill" stays None (a string column would make it NaN).
        self.recommendations_["adjacent_to"] = pd.Series([step["adjacent_to"] for step in steps], dtype=object)
        return self


class _NearestTaught:
    """For each skill column, the most postings it shares with one taught skill (``shared``), and which skill that is
    (``partner``, -1 for none), kept up to date as skills are taught."""

    def __init__(self, skills: sparse.csr_matrix, by_skill: sparse.csc_matrix):
        self.skills, self.by_skill = skills, by_skill
        self.shared = np.zeros(skills.shape[1], dtype=np.int64)
        self.partner = np.full(skills.shape[1], -1)

    def teach(self, column: int) -> None:
        postings_with = np.bincount(self.skills[_rows(self.by_skill, column)].indices, minlength=self.skills.shape[1])
        closer = postings_with > self.shared
        self.shared[closer] = postings_with[closer]
        self.partner[closer] = column


def _rolls_up(
    candidates: np.ndarray,
    names: Sequence[str],
    column_of: Mapping[str, int],
    taxonomy: Taxonomy,
    taught_skills: set[str],
    covered_skills: set[str],
) -> dict[int, list[int]]:
    """The columns each candidate that rolls up would cover, itself first (teaching Laravel where PHP is not covered
    yet covers PHP too); candidates covering only themselves are left out."""
    rolls_up = {}
    for column in candidates:
        if all(above in covered_skills for above in taxonomy.ancestors(names[column])):
            continue
        newly = taxonomy.covered_by(taught_skills | {names[column]}) - covered_skills - {names[column]}
        columns = [column, *sorted(column_of[name] for name in newly if name in column_of)]
        if len(columns) > 1:
            rolls_up[column] = columns
    return rolls_up


def _step(
    rank: int,
    added: list[str],
    postings: int,
    opened_pay: np.ndarray,
    coverage_after: float,
    adjacent_to: str | None,
    shared: int,
    adjacency: float,
) -> dict:
    """One row of SkillRecommender.recommendations_: the skill ``added[0]``, with the broader skills it rolls up to
    after it, asked for in ``postings`` postings; ``opened_pay`` is the pay of the postings this step opens."""
    median_pay = _median(opened_pay)
    return {
        "rank": rank,
        "skill": added[0],
        "postings": postings,
        "postings_opened": len(opened_pay),
        "coverage_after": coverage_after,
        "median_pay_idr_month": median_pay,
        "adjacent_to": adjacent_to,
        "adjacency": adjacency,
        "reason": _reason(postings, adjacent_to, shared, len(opened_pay), median_pay, added[1:]),
    }


def compare_curricula(
    posting_set: PostingSet,
    curricula: Sequence[Curriculum],
    theta: float = 0.5,
    cluster_labels: Sequence[int] | np.ndarray | None = None,
    cluster_names: ClusterNames | None = None,
) -> pd.DataFrame:
    """Curricula side by side: one row each with ``name``, ``coverage`` at theta and, when clusters are given, one
    column per cluster (named as in `cluster_names`) holding the share of its skill demand the curriculum teaches.
    """
    rows = []
    for curriculum in curricula:
        measured = CurriculumCoverage(theta=theta).fit(posting_set, curriculum, cluster_labels, cluster_names)
        row = {"name": curriculum.name, "coverage": measured.coverage_}
        if measured.cluster_coverage_ is not None:
            by_cluster = measured.cluster_coverage_.set_index("name")["taught_share"]
            row |= by_cluster.to_dict()
        rows.append(row)
    return pd.DataFrame(rows)


def _check_theta(theta: float) -> None:
    if not 0 <= theta <= 1:
        raise ValueError(f"theta must be between 0 and 1, got {theta}")


def _binary(matrix: sparse.spmatrix) -> sparse.csr_matrix:
    """A copy of `matrix` as a CSR matrix of int 0/1, without explicit zeros or repeated entries."""
    binary = sparse.csr_matrix(matrix, dtype=np.int64, copy=True)
    binary.sum_duplicates()
    binary.eliminate_zeros()
    binary.data[:] = 1
    return binary


def _taught_skills(curriculum: Curriculum | Collection[str]) -> set[str]:
    return set(curriculum.skills) if isinstance(curriculum, Curriculum) else set(curriculum)


def _mask(skill_names: Sequence[str], chosen: Collection[str]) -> np.ndarray:
    return np.fromiter((name in chosen for name in skill_names), dtype=bool, count=len(skill_names))


def _opened(
    by_skill: sparse.csc_matrix,
    columns: Sequence[int],
    uncovered: np.ndarray,
    taught_counts: np.ndarray,
    required: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """What teaching the skills in `columns` at once does: the postings among `uncovered` (with skills, not yet covered)
    it covers, and every posting asking for any of them with how many of them it asks for."""
    rows, increments = np.unique(np.concatenate([_rows(by_skill, column) for column in columns]), return_counts=True)
    reached = uncovered[rows] & (taught_counts[rows] + increments >= required[rows])
    return rows[reached], rows, increments


def _required_taught(totals: np.ndarray, theta: float) -> np.ndarray:
    """The fewest taught skills that cover a posting with `totals` skills: the least k with k / total ≥ theta."""
    required = np.minimum(np.ceil(theta * totals), totals).astype(np.int64)
    # theta × total can land just above a whole number (0.7 × 10 = 7.000000000000001); settle on the division.
    with np.errstate(divide="ignore", invalid="ignore"):
        required -= (required > 0) & ((required - 1) / totals >= theta)
        required += (required < totals) & (required / totals < theta)
    return required


def _rows(by_skill: sparse.csc_matrix, column: int) -> np.ndarray:
    """Positions of the postings asking for the skill in `column`."""
    return by_skill.indices[by_skill.indptr[column] : by_skill.indptr[column + 1]]


def _monthly_pay(posting_set: PostingSet) -> np.ndarray:
    return pd.to_numeric(posting_set.postings["pay_idr_month"], errors="coerce").to_numpy(dtype=float)


def _median(values: np.ndarray) -> float:
    stated = values[~np.isnan(values)]
    return float(np.median(stated)) if len(stated) else np.nan


def _pay_by_skill(by_skill: sparse.csc_matrix, pay: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each skill column: how many of its postings state a monthly salary, and their median salary (hourly and
    project pay are not months, and stay out)."""
    paid = np.zeros(len(columns), dtype=int)
    median = np.full(len(columns), np.nan)
    for position, column in enumerate(columns):
        stated = pay[_rows(by_skill, column)]
        stated = stated[~np.isnan(stated)]
        paid[position] = len(stated)
        if len(stated):
            median[position] = np.median(stated)
    return paid, median


def _cluster_coverage(
    skills: sparse.csr_matrix,
    taught: np.ndarray,
    has_skills: np.ndarray,
    covered: np.ndarray,
    cluster_labels: Sequence[int] | np.ndarray,
    cluster_names: ClusterNames | None,
) -> pd.DataFrame:
    labels = np.asarray(cluster_labels)
    if labels.shape != (skills.shape[0],):
        raise ValueError(f"cluster_labels has shape {labels.shape}, expected ({skills.shape[0]},)")
    in_cluster = np.flatnonzero(labels != NO_CLUSTER)
    clusters, codes = np.unique(labels[in_cluster], return_inverse=True)
    membership = sparse.csr_matrix(
        (np.ones(len(in_cluster), dtype=np.int64), (codes, in_cluster)), shape=(len(clusters), skills.shape[0])
    )
    demand = membership @ skills  # postings of each cluster asking for each skill
    demand_total = np.asarray(demand.sum(axis=1)).ravel()
    demand_taught = demand @ taught.astype(np.int64)
    postings = np.bincount(codes, minlength=len(clusters))
    with_skills = np.bincount(codes, weights=has_skills[in_cluster], minlength=len(clusters))
    covered_count = np.bincount(codes, weights=covered[in_cluster], minlength=len(clusters))
    with np.errstate(divide="ignore", invalid="ignore"):
        return pd.DataFrame(
            {
                "cluster": clusters,
                "name": [cluster_name(int(label), cluster_names) for label in clusters],
                "postings": postings,
                "taught_share": np.where(demand_total > 0, demand_taught / demand_total, np.nan),
                "covered_share": np.where(with_skills > 0, covered_count / with_skills, np.nan),
            }
        )


def cluster_name(label: int, cluster_names: ClusterNames | None) -> str:
    """The name of cluster ``label`` in ``cluster_names`` (a mapping or a list), else "cluster N"."""
    if isinstance(cluster_names, Mapping) and label in cluster_names:
        return str(cluster_names[label])
    if isinstance(cluster_names, Sequence) and 0 <= label < len(cluster_names):
        return str(cluster_names[label])
    return f"cluster {label}"


def _reason(
    postings: int, adjacent_to: str | None, shared: int, opened: int, median_pay: float, also_covers: Sequence[str] = ()
) -> str:
    """The sentence a coordinator reads next to a recommended skill, in the current language (numbers as the
    report writes them)."""
    asked = say(f"diminta {format_count(postings)} lowongan", f"asked for in {_postings(postings)}")
    if adjacent_to is not None:
        asked += say(
            f", {format_count(shared)} di antaranya bersama {adjacent_to}",
            f", {format_count(shared)} of them next to {adjacent_to}",
        )
    if np.isnan(median_pay):
        pay = say("gaji tidak disebut", "no salary stated")
    else:
        pay = say(
            f"median gaji {format_rupiah_short(median_pay)} sebulan",
            f"median salary {format_rupiah_short(median_pay)} a month",
        )
    more = say(
        f"membuka {format_count(opened)} lowongan lagi",
        f"opens {format_count(opened)} more {'posting' if opened == 1 else 'postings'}",
    )
    reason = f"{asked}; {more}, {pay}"
    if also_covers:
        reason += say(f"; juga mencakup {', '.join(also_covers)}", f"; also covers {', '.join(also_covers)}")
    return reason


def _postings(count: int) -> str:
    return f"{format_count(count)} {'posting' if count == 1 else 'postings'}"
