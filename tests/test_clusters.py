"""analysis.clusters on hand-made posting sets of known structure, and store_clusters on real SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sqlalchemy import delete, insert

from analysis.clusters import SILHOUETTE_MARGIN, SkillClusters, SkillFamilies, cooccurrence, store_clusters
from analysis.data import POSTING_COLUMNS, Filters, PostingSet
from analysis.language import language
from pipelines.db import models
from pipelines.db.engine import make_engine
from pipelines.db.schema import upgrade
from tests.conftest import rows

# Three kinds of job that share no skill: every posting asks for two to four skills of one group.
GROUPS = {
    "software_development": ["Python", "Django", "PostgreSQL", "Docker"],
    "creative_multimedia": ["Figma", "Adobe XD", "UI Design", "Prototyping"],
    "sales_marketing": ["SEO", "Google Ads", "Copywriting", "Facebook Ads"],
}
SKILL_NAMES = [skill for skills in GROUPS.values() for skill in skills]
MONTHLY_PAY = {"software_development": 9_000_000.0, "creative_multimedia": 7_000_000.0, "sales_marketing": None}


def posting_frame(occupations: list[str | None], pay: list[float | None]) -> pd.DataFrame:
    frame = pd.DataFrame({column: [None] * len(occupations) for column in POSTING_COLUMNS})
    frame["id"] = np.arange(1, len(occupations) + 1)
    frame["source"] = "freelancer"
    frame["title"] = [f"Posting {i}" for i in range(1, len(occupations) + 1)]
    frame["oli_occupation"] = occupations
    frame["pay_idr_month"] = pd.array(pay, dtype="Float64").astype(float)
    return frame


def grouped_set(sizes: tuple[int, int, int] = (40, 30, 20), without_skills: int = 5, seed: int = 0) -> PostingSet:
    """``sizes`` postings of each group (in GROUPS order), then ``without_skills`` postings with no skill."""
    rng = np.random.default_rng(seed)
    matrix = np.zeros((sum(sizes) + without_skills, len(SKILL_NAMES)))
    occupations: list[str | None] = []
    row = 0
    for group, (occupation, size) in enumerate(zip(GROUPS, sizes, strict=True)):
        for _ in range(size):
            asked = rng.choice(4, size=rng.integers(2, 5), replace=False) + 4 * group
            matrix[row, asked] = 1
            occupations.append(occupation)
            row += 1
    occupations += [None] * without_skills
    pay = [MONTHLY_PAY.get(occupation) for occupation in occupations]
    return PostingSet(posting_frame(occupations, pay), sparse.csr_matrix(matrix), SKILL_NAMES)


def group_of_rows(sizes: tuple[int, int, int], without_skills: int) -> np.ndarray:
    return np.repeat([0, 1, 2, -1], [*sizes, without_skills])


def listed_set(postings: list[list[str]], skill_names: list[str]) -> PostingSet:
    """One posting per list of skills, over ``skill_names`` in that order."""
    matrix = np.zeros((len(postings), len(skill_names)))
    for row, skills in enumerate(postings):
        matrix[row, [skill_names.index(skill) for skill in skills]] = 1
    n = len(postings)
    return PostingSet(posting_frame([None] * n, [None] * n), sparse.csr_matrix(matrix), skill_names)


def test_three_separate_groups_give_three_clusters_named_by_their_skills():
    posting_set = grouped_set()
    clusters = SkillClusters(k_range=(2, 6)).fit(posting_set)

    assert clusters.k_ == 3
    assert set(clusters.silhouette_) == {2, 3, 4, 5, 6}
    assert max(clusters.silhouette_, key=clusters.silhouette_.get) == 3
    # Clusters are numbered largest first, and the groups are of sizes 40, 30, 20.
    np.testing.assert_array_equal(clusters.labels_, group_of_rows((40, 30, 20), 5))
    asking = posting_set.skills.toarray() != 0
    for cluster, skills in enumerate(GROUPS.values()):
        size = (clusters.labels_ == cluster).sum()
        asked = dict(zip(SKILL_NAMES, asking[clusters.labels_ == cluster].sum(axis=0).tolist(), strict=True))
        # Each posting asks for 2 to 4 of its group's 4 skills: about 3 in 4 postings ask for each skill.
        named = sorted((skill for skill in skills if asked[skill] >= 0.4 * size), key=lambda skill: -asked[skill])[:3]
        assert not clusters.mixed_[cluster]
        assert clusters.top_skills_[cluster] == named
        assert clusters.top_shares_[cluster] == [asked[skill] / size for skill in named]
        assert clusters.names_[cluster] == " · ".join(f"{skill} {100 * asked[skill] // size}%" for skill in named)


def test_summary_describes_each_cluster():
    summary = SkillClusters(n_clusters=3).fit(grouped_set()).summary_

    assert list(summary.columns) == [
        "cluster", "name", "mixed", "size", "share", "top_occupation", "top_occupation_share", "occupation_mix",
        "median_pay_idr_month",
    ]
    assert summary["mixed"].tolist() == [False, False, False]
    assert summary["size"].tolist() == [40, 30, 20]
    assert summary["share"].sum() == pytest.approx(1.0)
    assert summary["top_occupation"].tolist() == list(GROUPS)
    assert summary["top_occupation_share"].tolist() == [1.0, 1.0, 1.0]
    assert summary["occupation_mix"][0] == {"software_development": 1.0}
    assert summary["median_pay_idr_month"][:2].tolist() == [9_000_000.0, 7_000_000.0]
    assert np.isnan(summary["median_pay_idr_month"][2])  # no posting of that group gives pay


def test_occupation_mix_counts_the_postings_whose_class_is_known():
    posting_set = grouped_set(sizes=(6, 6, 6), without_skills=0)
    posting_set.postings.loc[:3, "oli_occupation"] = ["clerical_data_entry", "clerical_data_entry", None, None]
    summary = SkillClusters(n_clusters=3).fit(posting_set).summary_
    first = summary.loc[summary["name"].str.contains("Python|Django|PostgreSQL|Docker")].iloc[0]

    assert first["occupation_mix"] == {"clerical_data_entry": 0.5, "software_development": 0.5}
    assert first["top_occupation"] == "clerical_data_entry"  # a tie goes to the class that sorts first


def test_postings_without_skills_are_left_out():
    clusters = SkillClusters(n_clusters=3).fit(grouped_set())

    assert (clusters.labels_[-5:] == -1).all()
    assert np.isnan(clusters.coords_[-5:]).all()
    assert np.isfinite(clusters.coords_[:-5]).all()
    assert clusters.coords_.shape == (95, 2)
    assert clusters.center_coords_.shape == (3, 2)


def test_same_random_state_same_clusters():
    posting_set = grouped_set(seed=3)
    first = SkillClusters(k_range=(2, 8), random_state=7).fit(posting_set)
    second = SkillClusters(k_range=(2, 8), random_state=7).fit(posting_set)

    np.testing.assert_array_equal(first.labels_, second.labels_)
    assert first.silhouette_ == second.silhouette_
    assert first.names_ == second.names_
    np.testing.assert_array_equal(first.coords_, second.coords_)
    pd.testing.assert_frame_equal(first.summary_, second.summary_)


def test_given_number_of_clusters_is_kept_without_silhouette_search():
    clusters = SkillClusters(n_clusters=2).fit(grouped_set())

    assert clusters.k_ == 2
    assert clusters.silhouette_ == {}
    assert len(clusters.names_) == len(clusters.top_skills_) == len(clusters.mixed_) == len(clusters.summary_) == 2


def test_k_range_is_clipped_to_the_distinct_skill_sets():
    matrix = sparse.csr_matrix(np.array([[1, 1, 0, 0]] * 5 + [[0, 0, 1, 1]] * 5, dtype=float))
    posting_set = PostingSet(posting_frame([None] * 10, [None] * 10), matrix, ["A", "B", "C", "D"])
    clusters = SkillClusters(k_range=(2, 12)).fit(posting_set)

    assert clusters.k_ == 2
    assert set(clusters.silhouette_) == {2}
    assert sorted(clusters.names_) == ["A 100% · B 100%", "C 100% · D 100%"]


def test_silhouette_rising_with_every_k_gives_the_smallest_k_within_the_margin_of_the_best():
    # Four kinds of 100 postings, and two stray pairs of postings: splitting the strays off raises the silhouette
    # a little at k = 5 and 6, but four clusters read the market as well.
    kinds = [["A", "B"]] * 100 + [["C", "D"]] * 100 + [["E", "F"]] * 100 + [["G", "H"]] * 100
    posting_set = listed_set(kinds + [["I"]] * 2 + [["J"]] * 2, list("ABCDEFGHIJ"))
    clusters = SkillClusters(k_range=(2, 6)).fit(posting_set)
    scores = [clusters.silhouette_[k] for k in range(2, 7)]

    assert scores == sorted(scores) and len(set(scores)) == 5  # rising with every k: the best is k = 6
    assert scores[-1] - SILHOUETTE_MARGIN <= clusters.silhouette_[4]
    assert scores[-1] - SILHOUETTE_MARGIN > clusters.silhouette_[3]
    assert clusters.k_ == 4
    # The strays join one of the kinds, now the largest cluster, and its shares show it: 100 of its 104 postings.
    assert clusters.summary_["size"].tolist() == [104, 100, 100, 100]
    assert sorted(clusters.top_skills_) == [["A", "B"], ["C", "D"], ["E", "F"], ["G", "H"]]
    assert clusters.top_shares_ == [[100 / 104] * 2] + [[1.0, 1.0]] * 3


def test_a_name_lists_only_skills_at_least_40_percent_of_the_cluster_ask_for():
    # Every posting of the first kind asks for A and 3 in 10 also for B; of the second, all for C and 2 in 5 for D.
    postings = [["A"]] * 7 + [["A", "B"]] * 3 + [["C"]] * 3 + [["C", "D"]] * 2
    clusters = SkillClusters(n_clusters=2).fit(listed_set(postings, ["A", "B", "C", "D"]))

    assert clusters.names_ == ["A 100%", "C 100% · D 40%"]
    assert clusters.top_skills_ == [["A"], ["C", "D"]]
    assert clusters.top_shares_ == [[1.0], [1.0, 0.4]]
    assert clusters.mixed_.tolist() == [False, False]


def test_a_cluster_where_no_skill_reaches_40_percent_is_mixed_and_named_by_its_most_held_skills():
    # 20 postings of one kind, and a catch-all of 10 unlike postings: E in 3 of them, F in 2, the rest in 1.
    catch_all = [["E", "G"], ["E", "H"], ["E", "I"], ["F", "J"], ["F", "K"], ["L"], ["M"], ["N"], ["O"], ["P"]]
    posting_set = listed_set([["A", "B"]] * 20 + catch_all, list("ABEFGHIJKLMNOP"))
    with language("en"):
        clusters = SkillClusters(n_clusters=2).fit(posting_set)
    # in Indonesian (the default, as a report for staff is written) "Campuran"
    assert SkillClusters(n_clusters=2).fit(posting_set).names_[1] == "Campuran: E 30% · F 20% · G 10%"

    np.testing.assert_array_equal(clusters.labels_, np.repeat([0, 1], [20, 10]))
    assert clusters.names_ == ["A 100% · B 100%", "Mixed: E 30% · F 20% · G 10%"]  # a tie: the skill first in the set
    assert clusters.mixed_.tolist() == [False, True]
    assert clusters.summary_["mixed"].tolist() == [False, True]
    assert clusters.top_skills_[1] == ["E", "F", "G"]
    assert clusters.top_shares_[1] == [0.3, 0.2, 0.1]


def test_no_posting_with_skills_gives_no_cluster():
    posting_set = PostingSet(posting_frame([None] * 4, [None] * 4), sparse.csr_matrix((4, 3)), ["A", "B", "C"])
    clusters = SkillClusters().fit(posting_set)

    assert clusters.k_ == 0
    assert (clusters.labels_ == -1).all()
    assert clusters.summary_.empty
    assert np.isnan(clusters.coords_).all()


def test_large_sets_search_k_on_a_sample_and_cluster_every_row_on_mini_batches():
    sizes = (10_000, 8_000, 6_000)  # above MINIBATCH_ABOVE rows
    posting_set = grouped_set(sizes=sizes, without_skills=10)
    clusters = SkillClusters(k_range=(2, 5), search_sample=3_000, silhouette_sample=1_000).fit(posting_set)

    assert clusters.k_ == 3
    np.testing.assert_array_equal(clusters.labels_, group_of_rows(sizes, 10))
    assert clusters.summary_["size"].tolist() == list(sizes)


# Skill families: "Laravel", "PHP", "MySQL" asked for together, "Figma" and "Canva" together, "English" with
# anything, and "COBOL" too rarely to count.
FAMILY_POSTINGS = (
    [["Laravel", "PHP", "MySQL"]] * 8
    + [["Laravel", "PHP"]] * 4
    + [["PHP", "MySQL", "English"]] * 2
    + [["Figma", "Canva"]] * 8
    + [["Figma", "Canva", "English"]] * 2
    + [["Figma"]] * 2
    + [["English"]] * 6
    + [["COBOL", "English"]] * 2
)
FAMILY_SKILLS = ["Laravel", "PHP", "MySQL", "Figma", "Canva", "English", "COBOL"]


def family_set() -> PostingSet:
    return listed_set(FAMILY_POSTINGS, FAMILY_SKILLS)


def test_cooccurrence_counts_postings_asking_for_both_skills():
    counts, skill_names = cooccurrence(family_set())

    assert skill_names == FAMILY_SKILLS
    assert sparse.issparse(counts)
    counts = counts.toarray()
    php, laravel, mysql, english = (FAMILY_SKILLS.index(skill) for skill in ("PHP", "Laravel", "MySQL", "English"))
    assert counts[php, php] == 14
    assert counts[php, laravel] == counts[laravel, php] == 12
    assert counts[php, mysql] == 10
    assert counts[mysql, english] == 2
    assert (counts == counts.T).all()


def test_skills_asked_for_together_form_families():
    families = SkillFamilies(min_count=5).fit(family_set())

    assert families.members_ == [["PHP", "Laravel", "MySQL"], ["Figma", "Canva"], ["English"]]
    assert families.names_ == ["PHP · Laravel · MySQL", "Figma · Canva", "English"]
    assert families.families_ == {"PHP": 0, "Laravel": 0, "MySQL": 0, "Figma": 1, "Canva": 1, "English": 2}
    assert "COBOL" not in families.pmi_.index  # asked for by 2 postings, under min_count


def test_pmi_is_positive_pmi_between_kept_skills():
    pmi = SkillFamilies(min_count=5).fit(family_set()).pmi_
    postings = len(FAMILY_POSTINGS)

    # 12 of 42 postings ask for Laravel and PHP; 12 for Laravel, 14 for PHP.
    assert pmi.loc["Laravel", "PHP"] == pytest.approx(np.log(12 * postings / (12 * 14)))
    assert pmi.loc["PHP", "Laravel"] == pmi.loc["Laravel", "PHP"]
    assert pmi.loc["Laravel", "Figma"] == 0.0  # never together
    assert pmi.loc["Figma", "English"] == 0.0  # together less often than chance
    assert np.isnan(pmi.loc["PHP", "PHP"])


def test_number_of_families_can_be_fixed():
    families = SkillFamilies(n_families=2, min_count=5).fit(family_set())

    # English is as far from both families (it co-occurs with each less than chance): either may take it.
    assert len(families.members_) == 2
    groups = [{"PHP", "Laravel", "MySQL"}, {"Figma", "Canva"}, {"English"}]
    for family in families.members_:
        assert set(family) == set().union(*(group for group in groups if group & set(family)))


# store_clusters on real databases.


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request):
    return request.getfixturevalue(f"{request.param}_url")


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def stored_set(engine, posting_set: PostingSet) -> PostingSet:
    """``posting_set`` with its postings stored, so that posting_clusters can refer to them."""
    now = datetime.now(timezone.utc)
    with engine.begin() as connection:
        ids = [
            connection.execute(
                insert(models.Posting)
                .values(
                    source="freelancer", source_id=str(i), url=f"https://example.test/{i}", title=f"Posting {i}",
                    skills=[], raw={}, content_hash=str(i), first_seen_at=now, last_seen_at=now, times_seen=1,
                )
                .returning(models.Posting.id)
            ).scalar_one()
            for i in range(len(posting_set))
        ]
    postings = posting_set.postings.assign(id=ids)
    return PostingSet(postings, posting_set.skills, posting_set.skill_names, filters=posting_set.filters)


def test_store_clusters_writes_the_clustering_and_every_clustered_posting(engine, database_url):
    posting_set = stored_set(engine, grouped_set(sizes=(12, 9, 6), without_skills=3))
    posting_set.filters = Filters(since=date(2026, 1, 1), sources=("freelancer", "glints"))
    clusters = SkillClusters(k_range=(2, 5)).fit(posting_set)

    clustering_id = store_clusters(engine, posting_set, clusters, "test run", batch_size=5)

    (clustering,) = rows(database_url, "SELECT * FROM clusterings")
    assert clustering.id == clustering_id
    assert (clustering.name, clustering.k) == ("test run", 3)
    assert clustering.silhouette == pytest.approx(clusters.silhouette_[3])
    stored_filters, stored_parameters = clustering.filters, clustering.parameters
    if isinstance(stored_filters, str):  # SQLite hands JSON back as text
        stored_filters, stored_parameters = json.loads(stored_filters), json.loads(stored_parameters)
    assert stored_filters["since"] == "2026-01-01"
    assert stored_filters["sources"] == ["freelancer", "glints"]
    assert stored_parameters["k_range"] == [2, 5]
    assert stored_parameters["n_clusters"] is None

    stored = rows(database_url, "SELECT posting_id, cluster, cluster_name FROM posting_clusters ORDER BY posting_id")
    ids = posting_set.postings["id"].tolist()
    assert [row.posting_id for row in stored] == ids[:27]  # the 3 postings without skills have no row
    assert [row.cluster for row in stored] == clusters.labels_[:27].tolist()
    assert {row.cluster_name for row in stored} == set(clusters.names_)

    sizes = rows(database_url, """
        SELECT pc.cluster, count(*) AS postings FROM posting_clusters pc
        WHERE pc.clustering_id = (SELECT max(id) FROM clusterings) GROUP BY pc.cluster ORDER BY pc.cluster
    """)
    assert [tuple(row) for row in sizes] == [(0, 12), (1, 9), (2, 6)]


def test_each_stored_clustering_is_a_new_row_and_deleting_one_deletes_its_postings(engine, database_url):
    posting_set = stored_set(engine, grouped_set(sizes=(4, 3, 2), without_skills=0))
    first = store_clusters(engine, posting_set, SkillClusters(n_clusters=3).fit(posting_set), "three")
    second = store_clusters(engine, posting_set, SkillClusters(n_clusters=2).fit(posting_set), "two")

    assert second > first
    counts = rows(database_url, "SELECT clustering_id, count(*) AS n FROM posting_clusters GROUP BY clustering_id")
    assert sorted(tuple(row) for row in counts) == [(first, 9), (second, 9)]
    assert rows(database_url, "SELECT silhouette FROM clusterings WHERE id = :id", id=first)[0].silhouette is None

    with engine.begin() as connection:
        connection.execute(delete(models.Clustering).where(models.Clustering.id == first))
    assert [row.clustering_id for row in rows(database_url, "SELECT DISTINCT clustering_id FROM posting_clusters")] == [
        second
    ]


def test_store_clusters_refuses_clusters_of_another_set(engine):
    posting_set = stored_set(engine, grouped_set(sizes=(4, 3, 2), without_skills=0))
    clusters = SkillClusters(n_clusters=3).fit(grouped_set())

    with pytest.raises(ValueError, match="label 95 postings"):
        store_clusters(engine, posting_set, clusters, "wrong")
