"""One study of the market: every analysis step on one PostingSet, for one or more curricula.

``Study`` runs skill demand and its change between two halves of the period, the occupation
index, skill clusters and families, and, per curriculum, coverage and recommendations; then
``report_content`` turns the fitted steps into what ``analysis.report.write_report`` shows.
The ``pasarkerja`` commands and notebooks use the same steps one by one.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from functools import partial

import numpy as np
import pandas as pd
from tqdm import tqdm

from analysis.clusters import SkillClusters, SkillFamilies
from analysis.curriculum import Curriculum
from analysis.data import PostingSet, describe_filters
from analysis.demand import SkillDemand, compare_periods, recent_periods, rising_and_falling
from analysis.earnings import PAY_COLUMN, Earnings
from analysis.gap import CurriculumCoverage, SkillRecommender, compare_curricula
from analysis.index import OccupationIndex
from analysis.report import CONTENT_COLUMNS, Changes, CurriculumSection, ReportContent, SurveySection
from analysis.survey import SurveyResult
from analysis.targets import describe_market, market_mask, target_skills
from pipelines.skills.taxonomy import load_taxonomy

# Skills whose shares the trend chart follows, and rows of the rising and falling tables.
TREND_SKILLS = 8
CHANGE_ROWS = 10
# Points of the cluster map: enough to show each cluster's shape, few enough for a small page.
MAP_POINTS = 3000
# The yardsticks drawn across the earnings charts: the minimum wage, a poor household's needs and the World Bank line
# for Indonesia's income group; the tables beside them have these too.
CHARTED_YARDSTICKS = ("umk", "bps_household", "wb_upper_middle")


class Study:
    """Fits every analysis step on one PostingSet.

    Parameters: ``theta`` (a posting is covered when a curriculum teaches at least this share of its
    skills), ``period`` (``week`` or ``month`` for demand), ``min_count`` (the minimum-count guard of the
    change between periods), ``n_clusters`` (None: chosen by silhouette), ``random_state``, ``recommend``
    (skills to recommend per curriculum), ``earnings`` (makes the ``Earnings`` estimator for a curriculum's region:
    scope, platform fees, working days; default ``Earnings``), ``progress`` (a progress bar on stderr), ``market``
    (``targets``: each curriculum's coverage and advice among the postings of its targets, analysis/targets.py;
    ``all``: among every posting).

    Attributes after ``fit``: ``demand_``, ``changes_`` (what rose and fell over all the postings between their two
    recent periods, or why nothing was compared: a ``Changes``),
    ``index_`` (None when the data are too short, with ``index_note_`` saying why), ``clusters_``,
    ``families_``, ``markets_`` (the sentence saying which postings), ``coverages_``, ``recommenders_`` and
    ``earnings_`` (one per curriculum, in order; the error text instead when the curriculum's region has no
    yardsticks), ``comparison_``
    (None for a single curriculum).
    """

    def __init__(
        self,
        theta: float = 0.5,
        period: str = "month",
        min_count: int = 5,
        n_clusters: int | None = None,
        random_state: int = 0,
        recommend: int = 10,
        earnings: Callable[[str], Earnings] = Earnings,
        progress: bool = False,
        market: str = "targets",
    ):
        self.theta = theta
        self.period = period
        self.min_count = min_count
        self.n_clusters = n_clusters
        self.random_state = random_state
        self.recommend = recommend
        self.earnings = earnings
        self.progress = progress
        self.market = market

    def fit(self, posting_set: PostingSet, curricula: Sequence[Curriculum]) -> Study:
        if not len(posting_set):
            raise ValueError(f"no postings match ({describe_filters(posting_set.filters)}): widen the filters")
        self.posting_set_, self.curricula_ = posting_set, list(curricula)
        self.markets_, self.market_changes_, self.coverages_, self.recommenders_ = [], [], [], []
        self.earnings_, self.comparison_ = [], None
        steps = [
            ("demand", self._fit_demand),
            ("occupation index", self._fit_index),
            ("clusters", self._fit_clusters),
            ("skill families", self._fit_families),
            *[(f"curriculum {curriculum.name}", partial(self._fit_curriculum, curriculum)) for curriculum in curricula],
        ]
        if len(curricula) > 1:
            steps.append(("curricula compared", self._fit_comparison))
        with tqdm(steps, desc="analysis", unit="step", file=sys.stderr, disable=not self.progress) as bar:
            for name, run in bar:
                bar.set_postfix_str(name)
                run()
        return self

    def _fit_demand(self) -> None:
        self.demand_ = SkillDemand(self.period).fit(self.posting_set_)
        self.changes_ = self._changes(self.posting_set_)

    def _changes(self, posting_set: PostingSet) -> Changes:
        """What rose and fell in `posting_set` between its two recent periods, or why they cannot be compared."""
        try:
            periods = recent_periods(posting_set)
        except ValueError as exc:  # too little data to compare: the report says why instead of empty tables
            empty = pd.DataFrame(columns=CONTENT_COLUMNS["rising"])
            return Changes(empty, empty, ("– – –", "– – –"), str(exc))
        rising, falling = rising_and_falling(
            compare_periods(posting_set, *periods, min_count=self.min_count), CHANGE_ROWS
        )
        return Changes(rising, falling, tuple(f"{first} – {last}" for first, last in periods))

    def _fit_index(self) -> None:
        try:
            self.index_, self.index_note_ = OccupationIndex().fit(self.posting_set_), None
        except ValueError as exc:  # too few days for the rolling window: the report says so instead
            self.index_, self.index_note_ = None, str(exc)

    def _fit_clusters(self) -> None:
        self.clusters_ = SkillClusters(n_clusters=self.n_clusters, random_state=self.random_state).fit(
            self.posting_set_
        )

    def _fit_families(self) -> None:
        self.families_ = SkillFamilies().fit(self.posting_set_)

    def _fit_curriculum(self, curriculum: Curriculum) -> None:
        labels, names = self.clusters_.labels_, list(self.clusters_.names_)
        targets = curriculum.targets if self.market == "targets" else ()
        in_market = market_mask(self.posting_set_, targets)
        market = self.posting_set_.subset(in_market)
        self.markets_.append(describe_market(targets, curriculum.targets_inferred, len(market), len(self.posting_set_)))
        self.market_changes_.append(self._changes(market))
        self.coverages_.append(CurriculumCoverage(self.theta).fit(market, curriculum, labels[in_market], names))
        self.recommenders_.append(
            SkillRecommender(n=self.recommend, theta=self.theta).fit(
                market, curriculum, target_skills(targets, load_taxonomy())
            )
        )
        try:
            earnings = self.earnings(curriculum.place).fit(market, labels[in_market], names)
        except (LookupError, ValueError) as exc:  # a region or date the yardstick table does not know
            earnings = str(exc)
        self.earnings_.append(earnings)

    def _fit_comparison(self) -> None:
        labels, names = self.clusters_.labels_, list(self.clusters_.names_)
        self.comparison_ = compare_curricula(self.posting_set_, self.curricula_, self.theta, labels, names)

    def report_content(
        self, title: str = "Labour-market report", note: str | None = None, survey: SurveyResult | None = None
    ) -> ReportContent:
        """What the report shows; ``note`` is added to the caption (e.g. that the data are a demo sample), and
        ``survey``, a community's own survey (analysis.survey.analyse_survey), gets a section of its own."""
        postings = self.posting_set_.postings
        totals = self.demand_.totals_
        caption = describe_filters(self.posting_set_.filters)
        return ReportContent(
            title=title,
            caption=f"{caption}; {note}" if note else caption,
            generated_at=datetime.now(timezone.utc),
            posting_count=len(postings),
            sources=postings["source"].value_counts(),
            top_skills=pd.DataFrame(
                {"skill": totals.index, "postings": totals.to_numpy(), "share": totals.to_numpy() / len(postings)}
            ).query("postings > 0"),
            skill_trends=self.demand_.shares_[list(totals.index[:TREND_SKILLS])],
            rising=self.changes_.rising,
            falling=self.changes_.falling,
            period_labels=self.changes_.period_labels,
            changes_note=self.changes_.note,
            occupation_index=None if self.index_ is None else self.index_.index_,
            index_method="" if self.index_ is None else self.index_.method_,
            index_note=self.index_note_,
            clusters=self.clusters_.summary_,
            cluster_map=self._cluster_map(),
            skill_families=list(zip(self.families_.names_, self.families_.members_, strict=True)),
            curricula=[
                self._curriculum_section(*fitted)
                for fitted in zip(
                    self.curricula_,
                    self.markets_,
                    self.market_changes_,
                    self.coverages_,
                    self.recommenders_,
                    self.earnings_,
                    strict=True,
                )
            ],
            comparison=self.comparison_,
            pay_by_cluster=self._pay_by_cluster(),
            survey=None if survey is None else survey_section(survey),
        )

    def _curriculum_section(
        self,
        curriculum: Curriculum,
        market: str,
        changes: Changes,
        coverage: CurriculumCoverage,
        recommender: SkillRecommender,
        earnings: Earnings | str,
    ) -> CurriculumSection:
        found = isinstance(earnings, Earnings)
        return CurriculumSection(
            name=curriculum.name,
            region=curriculum.region,
            market=market,
            changes=changes,
            coverage=coverage.coverage_,
            theta=self.theta,
            cluster_coverage=coverage.cluster_coverage_.query("postings > 0"),  # clusters outside the market aside
            missing=coverage.missing_,
            missing_by_pay=coverage.missing_by_pay_,
            recommendations=recommender.recommendations_,
            earnings=earnings_table(earnings) if found else None,
            earnings_pay=self._named(earnings.pay_) if found else None,
            yardstick_lines=_charted_lines(earnings) if found else (),
            earnings_counts=earnings.scope_sentence_ if found else "",
            earnings_assumptions=tuple(earnings.assumptions_) if found else (),
            yardsticks_used=tuple(figure.used for figure in earnings.yardsticks_.values()) if found else (),
            yardsticks_note=None if found else earnings,
        )

    def _cluster_map(self) -> pd.DataFrame:
        labels, coords = self.clusters_.labels_, self.clusters_.coords_
        clustered = np.flatnonzero(labels >= 0)
        rng = np.random.default_rng(self.random_state)
        shown = np.sort(rng.choice(clustered, size=min(MAP_POINTS, clustered.size), replace=False))
        names = np.asarray(self.clusters_.names_, dtype=object)
        return pd.DataFrame(
            {"x": coords[shown, 0], "y": coords[shown, 1], "cluster": labels[shown], "name": names[labels[shown]]}
        )

    def _pay_by_cluster(self) -> pd.DataFrame:
        """Per posting in a cluster with usable pay: cluster, name, kind and pay_idr (as stated, in the kind's
        own period)."""
        postings = self.posting_set_.postings
        pay = pd.Series(np.nan, index=postings.index)
        for kind, column in PAY_COLUMN.items():
            of_kind = (postings["pay_kind"] == kind).to_numpy()
            pay[of_kind] = postings.loc[of_kind, column].to_numpy(dtype=float)
        frame = pd.DataFrame({"cluster": self.clusters_.labels_, "kind": postings["pay_kind"], "pay_idr": pay})
        return self._named(frame[(frame["cluster"] >= 0) & frame["pay_idr"].notna()])

    def _named(self, frame: pd.DataFrame) -> pd.DataFrame:
        """``frame`` (with a ``cluster`` column) with each cluster's ``name``; postings of no cluster left out."""
        frame = frame[frame["cluster"] >= 0].reset_index(drop=True)
        names = np.asarray(self.clusters_.names_, dtype=object)
        return frame.assign(name=names[frame["cluster"].to_numpy(dtype=int)])


def earnings_table(earnings: Earnings) -> pd.DataFrame:
    """``Earnings.groups_`` as one flat row per (cluster, kind): the dictionaries of shares, hours and projects
    spread into columns such as ``share_reaching_umk`` and ``hours_a_month_to_reach_umk``."""
    rows = []
    for group in earnings.groups_:
        row = {name: value for name, value in group.items() if not isinstance(value, dict) and value is not None}
        for name, value in group.items():
            if isinstance(value, dict) and name != "monthly_if":
                row |= {f"{name}_{key}": share for key, share in value.items()}
        if "monthly_if" in group:
            row["monthly_if_assumption"] = group["monthly_if"]["assumption"]
            row["monthly_if_median_idr"] = group["monthly_if"]["median_idr"]
            row |= {f"monthly_if_share_reaching_{k}": v for k, v in group["monthly_if"]["share_reaching"].items()}
        rows.append(row)
    return pd.DataFrame(rows)


def _charted_lines(earnings: Earnings) -> tuple[tuple[str, float], ...]:
    """(name, rupiah a month) of the yardsticks drawn across the earnings charts; an hour's is this / 126."""
    return tuple((earnings.yardsticks_[key].name, earnings.yardsticks_[key].value) for key in CHARTED_YARDSTICKS)


def survey_section(survey: SurveyResult) -> SurveySection:
    """The report's view of a survey result."""
    return SurveySection(
        source=survey.reading.path.name,
        region=survey.region,
        period=survey.period,
        members=survey.indicators.members_,
        rows_left_out=survey.reading.rows_left_out,
        indicators=survey.indicators.overall_,
        indicators_by_cluster=survey.indicators.by_cluster_,
        profiles=survey.clusters.profiles_,
        yardsticks_used=tuple(figure.used for figure in survey.indicators.yardsticks_.values()),
    )
