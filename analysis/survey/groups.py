"""Groups of survey members alike in income, household, experience and employment status (k-means), and what
describes each group."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import StandardScaler

from analysis.survey.reading import EMPLOYMENT_STATUSES

# Added to income per household member before its log, so that no income sits next to very little instead of
# infinitely far below it (log 0); about a fifth of the lowest World Bank line.
INCOME_OFFSET_IDR = 100_000
# k-means starts: a fixed number, so that a random_state gives the same groups on every machine.
KMEANS_STARTS = 10
TOP_SKILLS = 3


def survey_features(members: pd.DataFrame) -> np.ndarray:
    """The rows k-means groups: three numeric features standardised, then the employment status one-hot.

    The numeric features are log(income per household member + `INCOME_OFFSET_IDR`), household size and months of
    experience, each rescaled to mean 0 and standard deviation 1 so that none outweighs the others by its unit. The
    status columns stay 0/1, one per status in `EMPLOYMENT_STATUSES`: two members of different status are sqrt(2),
    about 1.4 standard deviations, apart on them. (Standardised, a status only one member has would weigh so much
    that the member would form a group alone.)

    A member without a household size is grouped as if the household had the median size of those known
    (`grouping_sizes`); this serves the grouping only, never the indicators.
    """
    sizes = grouping_sizes(members)
    numeric = np.column_stack(
        [
            np.log(_grouping_income_per_member(members, sizes) + INCOME_OFFSET_IDR),
            sizes,
            members["months_experience"].to_numpy(dtype=float),
        ]
    )
    if len(members):
        numeric = StandardScaler().fit_transform(numeric)
    statuses = np.column_stack(
        [(members["employment_status"] == status).to_numpy(dtype=float) for status in EMPLOYMENT_STATUSES]
    )
    return np.hstack([numeric, statuses])


def grouping_sizes(members: pd.DataFrame) -> np.ndarray:
    """Household sizes for k-means: a missing size is the median of the known ones.

    k-means needs a value for every member, and the median keeps such a member in the middle of the others on this
    feature rather than pulling it anywhere. When no member gives a size, every size is 1: the column is then the
    same for everyone, so standardised it is 0 and weighs nothing.
    """
    sizes = members["household_size"].to_numpy(dtype=float, na_value=np.nan)
    known = sizes[~np.isnan(sizes)]
    return np.where(np.isnan(sizes), np.median(known) if len(known) else 1.0, sizes)


def _grouping_income_per_member(members: pd.DataFrame, sizes: np.ndarray) -> np.ndarray:
    """Income per household member, and for a member without a household size the household income over the
    size `grouping_sizes` gives it."""
    income = members["income_per_member_idr"].to_numpy(dtype=float)
    unknown = np.isnan(income)
    if unknown.any():
        income = income.copy()
        income[unknown] = members["household_income_used_idr"].to_numpy(dtype=float)[unknown] / sizes[unknown]
    return income


class SurveyClusters(BaseEstimator):
    """Groups of members alike in income, household, experience and employment status (k-means).

    The features are `survey_features`. Without `n_clusters`, k is the one of best silhouette over `k_range`
    (inclusive; ties go to the smaller k), clipped to what the members allow: the silhouette needs at least two
    groups and fewer groups than members, and k-means cannot make more groups than there are distinct members.
    When no k can be scored (fewer than three members, or fewer than two distinct ones) there is one group. k-means
    runs `KMEANS_STARTS` times from seeded starts, so the same `random_state` gives the same groups.

    Attributes after `fit`, with k = `k_` and groups numbered 0..k-1 from the largest (equal sizes: the group of the
    earlier first member first):

    - `labels_`: the group of each member, in the order of `members`;
    - `silhouette_`: {k: silhouette} for each k tried, or for the given k (empty when k < 2);
    - `profiles_`: one row per group: `cluster`, `members`, `share` (of all members), `median_income_idr`,
      `median_income_per_member_idr`, `median_months_experience`, `commonest_status`, `commonest_platform`
      (the commonest value; equal counts: the alphabetically first), `top_skills` (a tuple of the
      `top_skills` skills most members of the group name; equal counts: alphabetically) and
      `members_without_household_size` (whom the median income per household member leaves out: NaN when all).
    """

    def __init__(
        self,
        n_clusters: int | None = None,
        k_range: tuple[int, int] = (2, 6),
        random_state: int = 0,
        top_skills: int = TOP_SKILLS,
    ) -> None:
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.random_state = random_state
        self.top_skills = top_skills

    def fit(self, members: pd.DataFrame) -> SurveyClusters:
        if self.n_clusters is not None and self.n_clusters < 1:
            raise ValueError(f"the number of clusters must be at least 1, not {self.n_clusters}")
        features = survey_features(members)
        distinct = len(np.unique(features, axis=0)) if len(features) else 0
        self.silhouette_: dict[int, float] = {}
        if self.n_clusters is not None:
            self.k_ = min(self.n_clusters, distinct)
            labels = self._kmeans(features, self.k_)
            if 2 <= self.k_ < len(features):
                self.silhouette_[self.k_] = float(silhouette_score(features, labels))
        else:
            low, high = self.k_range
            candidates = range(max(2, low), min(high, distinct, len(features) - 1) + 1)
            fits = {k: self._kmeans(features, k) for k in candidates}
            self.silhouette_ = {k: float(silhouette_score(features, labels)) for k, labels in fits.items()}
            # max keeps the first of equal scores: the smaller k.
            self.k_ = max(self.silhouette_, key=self.silhouette_.get) if fits else min(distinct, 1)
            labels = fits[self.k_] if fits else np.zeros(len(features), dtype=np.int64)
        self.labels_ = _numbered_from_largest(labels)
        self.profiles_ = _profiles(members, self.labels_, self.k_, self.top_skills)
        return self

    def _kmeans(self, features: np.ndarray, k: int) -> np.ndarray:
        if k <= 1:
            return np.zeros(len(features), dtype=np.int64)
        model = KMeans(n_clusters=k, n_init=KMEANS_STARTS, random_state=self.random_state)
        return model.fit_predict(features).astype(np.int64)


def _numbered_from_largest(labels: np.ndarray) -> np.ndarray:
    """Labels renumbered so that group 0 is the largest; equal sizes keep the order of their first members."""
    if not len(labels):
        return labels
    groups, first_member, sizes = np.unique(labels, return_index=True, return_counts=True)
    order = sorted(range(len(groups)), key=lambda i: (-sizes[i], first_member[i]))
    renumber = {groups[i]: number for number, i in enumerate(order)}
    return np.array([renumber[label] for label in labels], dtype=np.int64)


def _commonest(values: pd.Series) -> str:
    counts = Counter(values)
    return min(counts, key=lambda value: (-counts[value], value)) if counts else ""


def _top_skills(skill_lists: pd.Series, top: int) -> tuple[str, ...]:
    counts = Counter(skill for skills in skill_lists for skill in skills)
    return tuple(sorted(counts, key=lambda skill: (-counts[skill], skill))[:top])


PROFILE_COLUMNS = (
    "cluster",
    "members",
    "share",
    "median_income_idr",
    "median_income_per_member_idr",
    "median_months_experience",
    "commonest_status",
    "commonest_platform",
    "top_skills",
    "members_without_household_size",
)


def _profiles(members: pd.DataFrame, labels: np.ndarray, k: int, top: int) -> pd.DataFrame:
    rows = []
    for cluster in range(k):
        group = members[labels == cluster]
        rows.append(
            {
                "cluster": cluster,
                "members": len(group),
                "share": len(group) / len(members),
                "median_income_idr": float(group["monthly_income_idr"].median()),
                "median_income_per_member_idr": float(group["income_per_member_idr"].median()),
                "median_months_experience": float(group["months_experience"].median()),
                "commonest_status": _commonest(group["employment_status"]),
                "commonest_platform": _commonest(group["main_platform"]),
                "top_skills": _top_skills(group["skills"], top),
                # The median income per household member above is of the others.
                "members_without_household_size": int(group["household_size"].isna().sum()),
            }
        )
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)
