"""Skill clusters of postings, skill families of co-occurring skills, and storing clusters for analysts.

**Clusters of postings** (`SkillClusters`). Postings that ask for the same mix of skills are the same kind of job,
whatever their titles say. Each posting with at least one skill is a row of TF-IDF weights over the skills (a skill
every posting asks for, such as English, weighs little; a rare one weighs much), L2-normalised so that a posting
with twenty skills counts as much as one with three, and the rows are grouped by k-means. Without a given number
of clusters, k is the smallest over `k_range` whose silhouette is within `SILHOUETTE_MARGIN` (0.02) of the best: on
postings the silhouette often keeps creeping up with k, so the best alone would pick the largest k tried, and a gain
that small buys more clusters to read but no better separated ones.

Clusters are numbered largest first and named by what their postings ask for, counted on the postings' 0/1 skill
rows: the skills that at least `NAME_MIN_SHARE` (40%) of a cluster's postings ask for, most asked for first, each
with its share ("Python 92% · Django 71%"). A cluster where no skill reaches that share is a catch-all of unlike
postings rather than a kind of job: it is *mixed*, named "Mixed: " and its most asked-for skills
("Mixed: Data Entry 31% · Excel 22%").

The work stays near-linear in the number of postings, so that a million postings cluster in minutes on a laptop:
the matrix stays sparse throughout, the choice of k runs on a seeded sample of at most `search_sample` rows (the
silhouette on at most `silhouette_sample` of those), and above `MINIBATCH_ABOVE` rows k-means runs on mini-batches;
only the chosen k is fitted on every row.

**Skill families** (`SkillFamilies`). Skills that are asked for together (Figma and Adobe XD; Laravel, PHP and
MySQL) form a family: a curriculum teaches them together, and a learner with one is close to the others. Two
skills are close when they co-occur more often than chance, measured by their normalised positive pointwise
mutual information (PMI); families are the groups of average linkage clustering on 1 - that measure.

**Storing** (`store_clusters`). A fitted clustering goes to the `clusterings` and `posting_clusters` tables
(docs/schema.md), so that analysts can join clusters to postings in SQL.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.cluster import AgglomerativeClustering, KMeans, MiniBatchKMeans
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.manifold import MDS
from sklearn.metrics import silhouette_score
from sqlalchemy import Engine, insert

from analysis.data import PostingSet
from analysis.language import say
from pipelines.db.models import Clustering, PostingCluster

# Above this many rows k-means runs on mini-batches: full k-means passes over every row at every iteration.
MINIBATCH_ABOVE = 20_000
# Fixed numbers of k-means starts, so that a random_state gives the same clusters on every machine.
KMEANS_STARTS = 4
MINIBATCH_STARTS = 3
NAME_SEPARATOR = " · "
# A skill names a cluster when at least this share of the cluster's postings ask for it; a cluster without one is
# mixed and its name starts with "Mixed: " ("Campuran: " in Indonesian, analysis/language.py).
NAME_MIN_SHARE = 0.4
# Without a given k: the smallest k whose silhouette is within this of the best. A little more than another
# random_state moved the silhouette of one k on the demo market (at most 0.014), so a smaller gain is no evidence.
SILHOUETTE_MARGIN = 0.02
# How strongly the map draws a posting to its most similar centre (a softmax temperature's inverse).
MAP_SHARPNESS = 12.0


def skill_rows(posting_set: PostingSet) -> tuple[np.ndarray, sparse.csr_matrix]:
    """(positions of the postings with at least one skill, their 0/1 skill rows)."""
    present = sparse.csr_matrix(posting_set.skills != 0, dtype=np.float64)
    with_skills = np.flatnonzero(np.diff(present.indptr) > 0)
    return with_skills, present[with_skills]


def cooccurrence(posting_set: PostingSet) -> tuple[sparse.csr_matrix, list[str]]:
    """Postings asking for both skill i and skill j, as a sparse skills × skills matrix, and the skill names.

    The diagonal holds the postings asking for each skill. Row i, sorted, gives skill i's most adjacent skills.
    """
    present = sparse.csr_matrix(posting_set.skills != 0, dtype=np.int64)
    return sparse.csr_matrix(present.T @ present), list(posting_set.skill_names)


class SkillClusters(BaseEstimator):
    """Clusters of postings by the skills they ask for; see the module docstring.

    Parameters: `n_clusters` fixes k (None: the smallest k over `k_range`, inclusive, clipped to what the data
    allow, whose silhouette is within `SILHOUETTE_MARGIN` of the best one's; fewer clusters are easier to read, and
    a gain that small is within what another `random_state` gives); `random_state` seeds k-means, the samples and
    the map; `batch_size` is the mini-batch size;
    `silhouette_sample` and `search_sample` bound the rows the silhouette and the search for k look at (by default
    the search runs full k-means on at most `MINIBATCH_ABOVE` rows; the silhouette holds the distances between its
    rows in memory, 8 × silhouette_sample² bytes: 200 MB for 5,000);
    `top_skills` is how many skills at most name a cluster.

    Attributes after `fit`, with k = `k_` and clusters numbered 0..k-1 from the largest:

    - `labels_`: the cluster of each posting of the set, -1 for a posting without skills;
    - `silhouette_`: {k: silhouette} of each k tried (empty when k was given or the data allow only one);
    - `top_skills_`, `top_shares_`: per cluster, the skills in its name, most asked for first, and the share of
      the cluster's postings asking for each: the skills held by at least `NAME_MIN_SHARE` of them (at most
      `top_skills`), or for a mixed cluster its `top_skills` most held skills;
    - `mixed_`: per cluster, True when no skill is held by `NAME_MIN_SHARE` of its postings;
    - `names_`: per cluster, its skills with their shares as whole percents rounded down, joined by " · "
      ("Video Editing 62% · Adobe Premiere Pro 45%"), after "Mixed: " for a mixed cluster; a name met twice gets
      " (2)";
    - `summary_`: one row per cluster: `cluster`, `name`, `mixed`, `size`, `share` (of the postings with skills),
      `top_occupation` and `top_occupation_share` (the commonest class among the postings whose class is known),
      `occupation_mix` ({class: share}), `median_pay_idr_month` (NaN when no posting gives recurring pay);
    - `coords_`: a 2-D map of the postings (see `_map`: cluster centres laid out by MDS, each posting between the
      centres it resembles), NaN without skills; `center_coords_`: the cluster centres on the same map.
    """

    def __init__(
        self,
        n_clusters: int | None = None,
        k_range: tuple[int, int] = (3, 12),
        random_state: int = 0,
        batch_size: int = 4096,
        silhouette_sample: int = 5000,
        top_skills: int = 3,
        search_sample: int = MINIBATCH_ABOVE,
    ) -> None:
        self.n_clusters = n_clusters
        self.k_range = k_range
        self.random_state = random_state
        self.batch_size = batch_size
        self.silhouette_sample = silhouette_sample
        self.top_skills = top_skills
        self.search_sample = search_sample

    def fit(self, posting_set: PostingSet) -> SkillClusters:
        if self.n_clusters is not None and self.n_clusters < 1:
            raise ValueError(f"n_clusters must be at least 1, not {self.n_clusters}")
        with_skills, present = skill_rows(posting_set)
        rows = TfidfTransformer(norm="l2").fit_transform(present) if present.shape[0] else present
        distinct_rows = _count_distinct_rows(present)
        self.silhouette_: dict[int, float] = {}
        if self.n_clusters is not None:
            self.k_ = min(self.n_clusters, distinct_rows)
            centers, row_labels = self._kmeans(rows, self.k_)
        else:
            centers, row_labels = self._search_k(rows, distinct_rows)

        # Number clusters from the largest, so that cluster 0 is the commonest kind of job on every run.
        sizes = np.bincount(row_labels, minlength=self.k_)
        order = np.argsort(-sizes, kind="stable")
        renumber = np.empty_like(order)
        renumber[order] = np.arange(self.k_)
        centers, row_labels, sizes = centers[order], renumber[row_labels], sizes[order]

        self.labels_ = np.full(len(posting_set), -1, dtype=np.int64)
        self.labels_[with_skills] = row_labels
        skill_counts = _skill_counts(present, row_labels, self.k_)
        self.top_skills_, self.top_shares_, self.mixed_, names = _describe(
            skill_counts, sizes, posting_set.skill_names, self.top_skills
        )
        self.names_ = _unique_names(names)
        self.summary_ = _summary(posting_set.postings.iloc[with_skills], row_labels, sizes, self.names_, self.mixed_)
        self.coords_ = np.full((len(posting_set), 2), np.nan)
        self.coords_[with_skills], self.center_coords_ = _map(rows, centers, self.random_state)
        return self

    def _search_k(self, rows: sparse.csr_matrix, distinct_rows: int) -> tuple[np.ndarray, np.ndarray]:
        """Centres and row labels at the k the rule of the class docstring picks; sets `k_` and `silhouette_`."""
        rng = np.random.default_rng(self.random_state)
        searched = _sample(rng, rows.shape[0], self.search_sample)
        search_rows = rows[searched]
        scored = _sample(rng, search_rows.shape[0], self.silhouette_sample)
        low, high = self.k_range
        # The silhouette needs 2 <= k <= rows scored - 1, and more clusters than distinct rows would be empty.
        candidates = range(max(2, low), min(high, distinct_rows, len(scored) - 1) + 1)
        if not candidates:
            self.k_ = min(max(1, low), distinct_rows)
            return self._kmeans(rows, self.k_)

        distances = _unit_row_distances(search_rows[scored])  # once for every k
        fits = {}
        for k in candidates:
            fits[k] = self._kmeans(search_rows, k)
            scored_labels = fits[k][1][scored]
            if len(np.unique(scored_labels)) > 1:
                self.silhouette_[k] = float(silhouette_score(distances, scored_labels, metric="precomputed"))
        if self.silhouette_:
            best = max(self.silhouette_.values())
            self.k_ = min(k for k, score in self.silhouette_.items() if score >= best - SILHOUETTE_MARGIN)
        else:  # an undefined silhouette everywhere goes to the smallest k
            self.k_ = candidates[0]
        if len(searched) == rows.shape[0]:
            return fits[self.k_]
        return self._kmeans(rows, self.k_)

    def _kmeans(self, rows: sparse.csr_matrix, k: int) -> tuple[np.ndarray, np.ndarray]:
        if rows.shape[0] == 0:
            return np.zeros((0, rows.shape[1])), np.zeros(0, dtype=np.int64)
        if rows.shape[0] > MINIBATCH_ABOVE:
            model = MiniBatchKMeans(
                n_clusters=k, batch_size=self.batch_size, n_init=MINIBATCH_STARTS, random_state=self.random_state
            )
        else:
            model = KMeans(n_clusters=k, n_init=KMEANS_STARTS, random_state=self.random_state)
        model.fit(rows)
        return model.cluster_centers_, model.labels_.astype(np.int64)


class SkillFamilies(BaseEstimator):
    """Families of skills that postings ask for together; see the module docstring.

    Only skills asked for by at least `min_count` postings are grouped (rarer ones have too few postings for their
    co-occurrences to mean anything). `n_families` fixes the number of families; without it, groups stop merging
    at an average distance of `distance_threshold` (the distance of two skills being 1 - their normalised PPMI:
    0 for skills always asked for together, 1 for skills never asked for together or only by chance).

    Attributes after `fit`:

    - `members_`: the families as lists of skills, largest family first, each most asked-for skill first;
    - `names_`: per family, its three most asked-for skills joined by " · ";
    - `families_`: {skill: index of its family in `members_`} for every skill kept;
    - `pmi_`: the positive PMI, log(P(i and j) / (P(i) P(j))) or 0 when below 0, between the skills kept
      (a DataFrame indexed by skill name both ways; NaN on the diagonal).
    """

    def __init__(self, n_families: int | None = None, min_count: int = 5, distance_threshold: float = 0.8) -> None:
        self.n_families = n_families
        self.min_count = min_count
        self.distance_threshold = distance_threshold

    def fit(self, posting_set: PostingSet) -> SkillFamilies:
        counts, skill_names = cooccurrence(posting_set)
        postings_with_skills = len(skill_rows(posting_set)[0])
        asked = counts.diagonal()
        kept = np.flatnonzero(asked >= max(self.min_count, 1))
        kept_names = [skill_names[i] for i in kept]
        pmi, npmi = _pmi(counts[kept][:, kept].toarray().astype(float), asked[kept].astype(float), postings_with_skills)
        positive_pmi = np.maximum(pmi, 0.0)
        np.fill_diagonal(positive_pmi, np.nan)
        self.pmi_ = pd.DataFrame(positive_pmi, index=kept_names, columns=kept_names)

        if len(kept) < 2:
            family_of = np.zeros(len(kept), dtype=np.int64)
        else:
            distance = 1.0 - np.maximum(npmi, 0.0)
            np.fill_diagonal(distance, 0.0)
            model = AgglomerativeClustering(
                n_clusters=min(self.n_families, len(kept)) if self.n_families is not None else None,
                distance_threshold=None if self.n_families is not None else self.distance_threshold,
                metric="precomputed",
                linkage="average",
            )
            family_of = model.fit_predict(distance)

        asked_of = dict(zip(kept_names, asked[kept].tolist(), strict=True))
        members = [
            sorted((kept_names[i] for i in np.flatnonzero(family_of == family)), key=lambda s: (-asked_of[s], s))
            for family in np.unique(family_of)
        ]
        # Largest family first; among families of a size, the one asked for most.
        members.sort(key=lambda family: (-len(family), -sum(asked_of[s] for s in family), family[0]))
        self.members_ = members
        self.names_ = [NAME_SEPARATOR.join(family[:3]) for family in members]
        self.families_ = {skill: index for index, family in enumerate(members) for skill in family}
        return self


def store_clusters(
    engine: Engine, posting_set: PostingSet, clusters: SkillClusters, name: str, batch_size: int = 10_000
) -> int:
    """Store ``clusters``, fitted on ``posting_set``, as one `clusterings` row and its `posting_clusters`; its id.

    Postings without skills (label -1) get no `posting_clusters` row. One transaction: an analyst never sees
    half a clustering.
    """
    if len(clusters.labels_) != len(posting_set):
        raise ValueError(f"the clusters label {len(clusters.labels_)} postings, the set has {len(posting_set)}")
    clustered = np.flatnonzero(clusters.labels_ >= 0)
    posting_ids = posting_set.postings["id"].to_numpy()[clustered].tolist()
    labels = clusters.labels_[clustered].tolist()
    with engine.begin() as connection:
        clustering_id = connection.execute(
            insert(Clustering)
            .values(
                created_at=datetime.now(timezone.utc),
                name=name,
                k=clusters.k_,
                silhouette=clusters.silhouette_.get(clusters.k_),
                filters=_json_ready(asdict(posting_set.filters)),
                parameters=_json_ready(clusters.get_params()),
            )
            .returning(Clustering.id)
        ).scalar_one()
        for start in range(0, len(posting_ids), batch_size):
            connection.execute(
                insert(PostingCluster),
                [
                    {
                        "clustering_id": clustering_id,
                        "posting_id": posting_id,
                        "cluster": label,
                        "cluster_name": clusters.names_[label],
                    }
                    for posting_id, label in zip(
                        posting_ids[start : start + batch_size], labels[start : start + batch_size], strict=True
                    )
                ],
            )
    return clustering_id


def _count_distinct_rows(present: sparse.csr_matrix) -> int:
    """Distinct skill sets among the rows: k-means cannot make more non-empty clusters than that."""
    if present.shape[0] == 0:
        return 0
    # Hash each row's sorted skill indices; a collision can only lower the count, which only narrows k.
    present = present.copy()
    present.sort_indices()
    weights = np.random.default_rng(0).integers(1, 2**61, size=present.shape[1], dtype=np.int64)
    row_hashes = np.add.reduceat(weights[present.indices], present.indptr[:-1])
    return len(np.unique(row_hashes))


def _sample(rng: np.random.Generator, n: int, at_most: int) -> np.ndarray:
    """Sorted positions of at most ``at_most`` of ``n`` rows, all of them when there are few enough."""
    if n <= at_most:
        return np.arange(n)
    return np.sort(rng.choice(n, size=at_most, replace=False))


def _unit_row_distances(rows: sparse.csr_matrix) -> np.ndarray:
    """Euclidean distances between L2-normalised rows, sqrt(2 - 2 cos), as a dense matrix."""
    distances = rows @ rows.T.toarray()  # cosines, turned into distances in place: one n × n array at a time
    distances *= -2.0
    distances += 2.0
    np.sqrt(np.clip(distances, 0.0, None, out=distances), out=distances)
    np.fill_diagonal(distances, 0.0)  # rounding leaves tiny values there, which the silhouette refuses
    return distances


def _skill_counts(present: sparse.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    """Clusters × skills: how many postings of each cluster ask for each skill, from their 0/1 skill rows."""
    membership = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))), shape=(k, len(labels)))
    return (membership @ present).toarray().astype(np.int64)


def _describe(
    skill_counts: np.ndarray, sizes: np.ndarray, skill_names: list[str], top: int
) -> tuple[list[list[str]], list[list[float]], np.ndarray, list[str]]:
    """Per cluster: the skills in its name, their shares, whether it is mixed, and its name (not yet unique)."""
    top_skills, top_shares, mixed, names = [], [], [], []
    for counts, size in zip(skill_counts, sizes.tolist(), strict=True):
        ranked = np.argsort(-counts, kind="stable")[:top]  # a tie: the skill first in skill_names
        ranked = ranked[counts[ranked] > 0]
        held = ranked[counts[ranked] / size >= NAME_MIN_SHARE]
        shown = held if len(held) else ranked
        top_skills.append([skill_names[i] for i in shown])
        top_shares.append((counts[shown] / size).tolist())
        mixed.append(len(held) == 0)
        # Whole percents rounded down (integer arithmetic), so that a mixed cluster never shows a skill at 40%.
        name = NAME_SEPARATOR.join(f"{skill_names[i]} {100 * counts[i] // size}%" for i in shown)
        names.append(say("Campuran: ", "Mixed: ") + name if mixed[-1] else name)
    return top_skills, top_shares, np.array(mixed, dtype=bool), names


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    unique = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return unique


def _summary(
    postings: pd.DataFrame, labels: np.ndarray, sizes: np.ndarray, names: list[str], mixed: np.ndarray
) -> pd.DataFrame:
    frame = pd.DataFrame({
        "cluster": labels,
        "occupation": postings["oli_occupation"].to_numpy(),
        "pay": pd.to_numeric(postings["pay_idr_month"], errors="coerce").to_numpy(),
    })
    median_pay = frame.groupby("cluster")["pay"].median()
    occupation_mixes = {}
    for cluster, occupations in frame.dropna(subset=["occupation"]).groupby("cluster")["occupation"]:
        shares = occupations.value_counts(normalize=True)
        # Largest share first; a tie goes to the class that sorts first, so the summary is the same on every run.
        occupation_mixes[cluster] = {
            occupation: float(share) for occupation, share in sorted(shares.items(), key=lambda item: (-item[1], item[0]))
        }
    records = []
    for cluster, (name, is_mixed, size) in enumerate(zip(names, mixed.tolist(), sizes.tolist(), strict=True)):
        mix = occupation_mixes.get(cluster, {})
        top_occupation = next(iter(mix), None)
        records.append({
            "cluster": cluster,
            "name": name,
            "mixed": is_mixed,
            "size": size,
            "share": size / len(labels),
            "top_occupation": top_occupation,
            "top_occupation_share": mix[top_occupation] if top_occupation is not None else np.nan,
            "occupation_mix": mix,
            "median_pay_idr_month": median_pay.get(cluster, np.nan),
        })
    columns = ["cluster", "name", "mixed", "size", "share", "top_occupation", "top_occupation_share", "occupation_mix",
               "median_pay_idr_month"]
    return pd.DataFrame.from_records(records, columns=columns)


def _map(rows: sparse.csr_matrix, centers: np.ndarray, random_state: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows and centres on a plane where similar postings lie close.

    The centres are laid out by metric MDS of their cosine distances (k points, so it is cheap and keeps every
    cluster apart; the first two singular vectors of the rows would show only the two largest clusters apart
    and pile the others up in the middle). Each row then lies at the mean of the centres' places weighted by
    its softmax similarity to them: near its own centre, drawn towards the clusters it shares skills with.
    """
    if len(centers) < 2:  # one cluster or none: nothing to lay out
        return np.zeros((rows.shape[0], 2)), np.zeros((len(centers), 2))
    unit_centers = centers / np.maximum(np.linalg.norm(centers, axis=1, keepdims=True), 1e-12)
    center_distances = np.clip(1 - unit_centers @ unit_centers.T, 0, None)
    np.fill_diagonal(center_distances, 0)
    center_coords = MDS(
        n_components=2, metric="precomputed", init="classical_mds", n_init=1, random_state=random_state
    ).fit_transform(center_distances)
    similarity = np.asarray(rows @ unit_centers.T) * MAP_SHARPNESS
    weights = np.exp(similarity - similarity.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ center_coords, center_coords


def _pmi(together: np.ndarray, asked: np.ndarray, postings: int) -> tuple[np.ndarray, np.ndarray]:
    """PMI and normalised PMI (in [-1, 1]) from co-occurrence counts; -inf and -1 for skills never together."""
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(together * postings / np.outer(asked, asked))
        surprise = -np.log(together / postings)
        # Skills in every posting (surprise 0) are always together: the largest association there is.
        npmi = np.where(together == 0, -1.0, np.where(surprise > 0, pmi / surprise, 1.0))
    return pmi, npmi


def _json_ready(values: dict) -> dict:
    """Dates as ISO text and tuples as lists, as JSON columns hold them on every database."""
    return {
        key: value.isoformat() if isinstance(value, date) else list(value) if isinstance(value, tuple) else value
        for key, value in values.items()
    }
