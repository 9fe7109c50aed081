"""Earning potential: what the postings of a market would pay a community member in a month, and how that compares
with the yardsticks of economic resilience (``analysis.yardsticks``).

- `EarningPotential` turns each posting's pay into rupiah a month: recurring pay as the store normalised it, a
  fixed-price project's budget times the projects a freelancer takes on in a month, less a platform's fee.
- `YardstickComparison` divides that by each yardstick of a region (the UMK or UMP, the BPS poverty lines, the
  World Bank lines), says which postings clear which, and sums it up over all postings and per skill cluster.

Per person or per household: the UMK is a wage, per worker; the BPS line per capita and the World Bank lines are
what one person needs a month; the BPS line per poor household is what a poor household needs (the per-capita line
times the average number of its members, about 4.8 people in September 2025). A posting's earning potential is
compared with each as the income of one earner: clearing a per-person line means the job keeps the earner alone
above it, not a family; clearing the household line means it keeps a household of that size above the line on one
earner's income alone.

Both follow scikit-learn's conventions: parameters in ``__init__``, ``fit`` returns the estimator, results are
attributes ending in ``_``; the work is whole-column arithmetic, so a million postings take well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd

from analysis.data import PostingSet, posting_days
from analysis.gap import NO_CLUSTER, ClusterNames, cluster_name
from analysis.yardsticks import Figure, Yardsticks, load_yardsticks
from pipelines.pay import PayAssumptions

EARNING_POTENTIAL = "earning_potential_idr_month"


class EarningPotential:
    """Each posting's earning potential in rupiah a month.

    - Recurring pay is ``pay_idr_month`` as stored (the middle of its range). The store derived it, when each posting
      was stored, from hourly, daily, weekly or yearly pay with ``pipelines.pay.PayAssumptions`` (173.33 working
      hours, 21.67 working days a month...). With ``hours_per_month`` other than that default, hourly pay is rescaled
      to the new hours (postings whose ``pay_period`` is ``hour``; a day, week, month or year rate pays for its
      period whatever the hours, and stays as it is). (A crawl run with a ``PAY_HOURS_PER_MONTH`` setting stored
      its own hours, which this class cannot see: it assumes the default.)
    - A fixed-price project's budget (``pay_idr_one_off``) counts ``projects_per_month`` times: a budget says what
      one project pays, not how long it takes.
    - Every amount is then reduced by ``platform_fee``, the share a platform keeps (0.2 for Upwork-style 20%). It
      applies to every posting: set it for postings of a freelance marketplace, not for a set mixing in salaried jobs.

    A posting giving both a recurring and a one-off pay counts its recurring pay; one giving neither is NaN.
    """

    def __init__(
        self, hours_per_month: float | None = None, projects_per_month: float = 2.0, platform_fee: float = 0.0
    ):
        self.hours_per_month = hours_per_month
        self.projects_per_month = projects_per_month
        self.platform_fee = platform_fee

    def fit(self, posting_set: PostingSet | None = None) -> EarningPotential:
        """Checks the parameters; there is nothing to learn."""
        if self.hours_per_month is not None and not self.hours_per_month > 0:
            raise ValueError(f"hours_per_month must be positive, got {self.hours_per_month}")
        if not self.projects_per_month >= 0:
            raise ValueError(f"projects_per_month must be 0 or more, got {self.projects_per_month}")
        if not 0 <= self.platform_fee < 1:
            raise ValueError(f"platform_fee is a share from 0 to 1 (0.2 for 20%), got {self.platform_fee}")
        return self

    def transform(self, posting_set: PostingSet) -> pd.Series:
        """Earning potential per posting, in rupiah a month (NaN without pay), indexed like ``posting_set.postings``."""
        self.fit()
        postings = posting_set.postings
        monthly = pd.to_numeric(postings["pay_idr_month"], errors="coerce").astype(float)
        stored_hours = PayAssumptions().hours_per_month
        # Close enough is the default: 173.33 written by hand means the 173.333... of the assumptions.
        if self.hours_per_month is not None and not np.isclose(self.hours_per_month, stored_hours, rtol=1e-4):
            hourly = (postings["pay_period"] == "hour").to_numpy()
            monthly = monthly.where(~hourly, monthly * (self.hours_per_month / stored_hours))
        projects = pd.to_numeric(postings["pay_idr_one_off"], errors="coerce").astype(float) * self.projects_per_month
        return monthly.fillna(projects).mul(1 - self.platform_fee).rename(EARNING_POTENTIAL)

    def fit_transform(self, posting_set: PostingSet) -> pd.Series:
        return self.fit(posting_set).transform(posting_set)


class YardstickComparison:
    """How the postings' earning potential compares with the yardsticks of a region.

    Parameters
    ----------
    region : the region whose yardsticks apply, as ``Yardsticks.lookup`` takes it ("Kabupaten Sleman", "Bali").
    on : the date whose figures apply; None: the day of the latest posting (today when no posting has a date).
    theta : a posting clears a yardstick when its earning potential is at least theta times it (1: reaching it is
        clearing it; 1.5 asks for a margin of half the yardstick).
    earning_potential : how pay becomes earning potential; None: ``EarningPotential()``.
    yardsticks : the yardstick table; None: the bundled one (``load_yardsticks()``).

    Attributes (after ``fit``)
    --------------------------
    on_ : the date whose figures were used.
    yardsticks_ : {key: Figure} of ``Yardsticks.yardsticks_for``: ``umk``, ``bps_capita``, ``bps_household``,
        ``wb_extreme``, ``wb_lower_middle``, ``wb_upper_middle``, all rupiah a month; each figure's ``used`` says
        which figure it is, from which source, and why it stands for the region, or, for a yardstick the table has
        no figure for on that date (``Figure.available`` False), what is missing.
    earning_potential_ : Series, per posting: earning potential in rupiah a month, NaN without pay.
    ratios_ : DataFrame, per posting (indexed like the postings), one column per yardstick key: earning potential
        divided by the yardstick; NaN without pay.
    clears_ : bool DataFrame of the same shape: the ratio is at least theta (False without pay).
    overall_ : Series over all postings: ``postings``, ``paid_postings`` (with an earning potential),
        ``share_clearing_<key>`` for each yardstick (of the paid postings; NaN when none is paid or the yardstick
        has no figure) and
        ``median_earning_potential``.
    by_cluster_ : DataFrame, one row per cluster in label order, or None when ``fit`` got no labels: ``cluster``,
        ``name`` and the columns of ``overall_`` over the cluster's postings. Postings of no cluster (-1) count only
        in ``overall_``.
    by_skill_ : DataFrame, one row per skill asked for by at least one paid posting, most paid postings first:
        ``skill`` and the columns of ``overall_`` over the postings asking for it.
    """

    def __init__(
        self,
        region: str,
        on: date | None = None,
        theta: float = 1.0,
        earning_potential: EarningPotential | None = None,
        yardsticks: Yardsticks | None = None,
    ):
        self.region = region
        self.on = on
        self.theta = theta
        self.earning_potential = earning_potential
        self.yardsticks = yardsticks

    def fit(
        self,
        posting_set: PostingSet,
        cluster_labels: Sequence[int] | np.ndarray | None = None,
        cluster_names: ClusterNames | None = None,
    ) -> YardstickComparison:
        """Compare `posting_set` with the region's yardsticks; `cluster_labels` gives each posting's cluster
        (``NO_CLUSTER``, -1, for none) and `cluster_names` names them, by label (a mapping, or a sequence indexed by
        label); clusters without a name are "cluster N"."""
        if not self.theta > 0:
            raise ValueError(f"theta must be positive, got {self.theta}")
        table = self.yardsticks if self.yardsticks is not None else load_yardsticks()
        self.on_ = self.on if self.on is not None else _latest_day(posting_set)
        self.yardsticks_: dict[str, Figure] = table.yardsticks_for(self.region, self.on_)

        earning_potential = self.earning_potential if self.earning_potential is not None else EarningPotential()
        self.earning_potential_ = earning_potential.transform(posting_set)
        self.ratios_ = pd.DataFrame(
            {key: self.earning_potential_ / figure.value for key, figure in self.yardsticks_.items()},
            index=self.earning_potential_.index,
        )
        self.clears_ = self.ratios_ >= self.theta  # NaN, no pay or no yardstick, compares as not clearing
        self.overall_ = pd.Series(self._summary(self.earning_potential_, self.clears_))

        self.by_cluster_ = None
        if cluster_labels is not None:
            labels = np.asarray(cluster_labels)
            if labels.shape != (len(posting_set),):
                raise ValueError(f"cluster_labels has shape {labels.shape}, expected ({len(posting_set)},)")
            rows = []
            for label in np.unique(labels[labels != NO_CLUSTER]):
                members = labels == label
                rows.append(
                    {"cluster": int(label), "name": cluster_name(int(label), cluster_names)}
                    | self._summary(self.earning_potential_[members], self.clears_[members])
                )
            columns = ["cluster", "name", *self.overall_.index]
            self.by_cluster_ = pd.DataFrame(rows, columns=columns)
        self.by_skill_ = self._by_skill(posting_set)
        return self

    def _by_skill(self, posting_set: PostingSet) -> pd.DataFrame:
        """``overall_``'s columns over the postings asking for each skill (skills with no paid posting left out)."""
        by_skill = posting_set.skills.tocsc()
        rows = []
        for column, skill in enumerate(posting_set.skill_names):
            asking = by_skill.indices[by_skill.indptr[column] : by_skill.indptr[column + 1]]
            if self.earning_potential_.iloc[asking].notna().any():
                summary = self._summary(self.earning_potential_.iloc[asking], self.clears_.iloc[asking])
                rows.append({"skill": skill} | summary)
        columns = ["skill", *self.overall_.index]
        return pd.DataFrame(rows, columns=columns).sort_values("paid_postings", ascending=False, kind="stable")

    def _summary(self, earning_potential: pd.Series, clears: pd.DataFrame) -> dict[str, float]:
        """Postings, paid postings, the share of paid postings clearing each yardstick (NaN for a yardstick without
        a figure), and the median earning potential."""
        paid = earning_potential.notna().to_numpy()
        summary = {"postings": len(earning_potential), "paid_postings": int(paid.sum())}
        for key in clears.columns:
            measurable = paid.any() and self.yardsticks_[key].available
            summary[f"share_clearing_{key}"] = float(clears[key].to_numpy()[paid].mean()) if measurable else np.nan
        summary["median_earning_potential"] = float(earning_potential.median()) if paid.any() else np.nan
        return summary


def _latest_day(posting_set: PostingSet) -> date:
    """The day of the latest posting of the set, or today (UTC) when no posting has a date."""
    latest = posting_days(posting_set.postings).max()
    return datetime.now(timezone.utc).date() if pd.isna(latest) else latest.date()


