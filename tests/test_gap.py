"""Curriculum gap analysis on small hand-made posting sets whose answers are worked out in the comments."""


import numpy as np
import pandas as pd
import pytest
from scipy import sparse

from analysis.curriculum import Curriculum, Module, Track
from analysis.data import POSTING_COLUMNS, PostingSet
from analysis.gap import CurriculumCoverage, SkillRecommender, compare_curricula
from tests.conftest import by_default

NAN = float("nan")


pytestmark = pytest.mark.usefixtures("english")


def posting_set(skills_per_posting: list[list[str]], pay: list[float] | None = None) -> PostingSet:
    """Postings asking for the given skills (columns in alphabetical order), with the given monthly pay."""
    names = sorted({skill for skills in skills_per_posting for skill in skills})
    column = {name: position for position, name in enumerate(names)}
    rows = [row for row, skills in enumerate(skills_per_posting) for _ in skills]
    columns = [column[skill] for skills in skills_per_posting for skill in skills]
    matrix = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, columns)), shape=(len(skills_per_posting), len(names)), dtype=np.int8
    )
    postings = pd.DataFrame({name: [None] * len(skills_per_posting) for name in POSTING_COLUMNS})
    postings["id"] = range(len(skills_per_posting))
    postings["pay_idr_month"] = pay if pay is not None else NAN
    return PostingSet(postings=postings, skills=matrix, skill_names=names)


def curriculum(name: str, *skills: str) -> Curriculum:
    module = Module(name="Semua", hours=10, skills=skills)
    return Curriculum(name, "Kota Malang, Jawa Timur", None, None, (Track("Utama", (module,)),), None)


# Taught: A and B. Share of each posting's skills taught, and its pay in million rupiah:
#   0: A B       2/2 = 1     3
#   1: A C D     1/3         5
#   2: C D E     0           (none)
#   3: B D       1/2         4
#   4: (none)    NaN         9
#   5: A B C D   2/4         7
# Clusters: "web" = {0, 3}, "data" = {1, 2, 5}; posting 4 (no skills) is in none.
COVERAGE_POSTINGS = [["A", "B"], ["A", "C", "D"], ["C", "D", "E"], ["B", "D"], [], ["A", "B", "C", "D"]]
COVERAGE_PAY = [3e6, 5e6, NAN, 4e6, 9e6, 7e6]
COVERAGE_LABELS = [0, 1, 1, 0, -1, 1]


@pytest.fixture
def coverage_set() -> PostingSet:
    return posting_set(COVERAGE_POSTINGS, COVERAGE_PAY)


def test_posting_coverage_and_coverage_at_theta(coverage_set):
    measured = CurriculumCoverage(theta=0.5).fit(coverage_set, curriculum("AB", "A", "B"))
    np.testing.assert_allclose(measured.posting_coverage_, [1, 1 / 3, 0, 1 / 2, NAN, 2 / 4])
    assert measured.covered_.tolist() == [True, False, False, True, False, True]
    assert measured.coverage_ == pytest.approx(3 / 5)  # the posting without skills counts for nothing
    assert measured.cluster_coverage_ is None

    stricter = CurriculumCoverage(theta=0.6).fit(coverage_set, {"A", "B"})
    assert stricter.covered_.tolist() == [True, False, False, False, False, False]
    assert stricter.coverage_ == pytest.approx(1 / 5)


def test_theta_is_compared_on_the_exact_share():
    # 7 of 10 is 0.7, although 0.7 × 10 is 7.000000000000001 in floating point.
    skills = [f"S{number}" for number in range(10)]
    measured = CurriculumCoverage(theta=0.7).fit(posting_set([skills]), skills[:7])
    assert measured.coverage_ == 1
    recommended = SkillRecommender(n=1, theta=0.7, min_postings=1).fit(posting_set([skills]), skills[:6])
    assert recommended.recommendations_["postings_opened"].tolist() == [1]


def test_cluster_coverage_is_demand_weighted(coverage_set):
    measured = CurriculumCoverage(theta=0.5).fit(
        coverage_set, curriculum("AB", "A", "B"), COVERAGE_LABELS, {0: "web", 1: "data"}
    )
    table = measured.cluster_coverage_
    assert table["cluster"].tolist() == [0, 1]
    assert table["name"].tolist() == ["web", "data"]
    assert table["postings"].tolist() == [2, 3]
    # web asks for A once, B twice, D once: 3 of 4 asks are taught. data: A 2, B 1, C 3, D 3, E 1: 3 of 10.
    assert table["taught_share"].tolist() == pytest.approx([3 / 4, 3 / 10])
    # web: postings 0 and 3 covered; data: only posting 5.
    assert table["covered_share"].tolist() == pytest.approx([1, 1 / 3])


def test_cluster_names_may_be_a_list_and_unnamed_clusters_get_a_number(coverage_set):
    labels = [0, 1, 1, 0, -1, 2]
    table = CurriculumCoverage().fit(coverage_set, {"A"}, np.array(labels), ["web", "data"]).cluster_coverage_
    assert table["name"].tolist() == ["web", "data", "cluster 2"]


def test_missing_skills_ranked_by_demand_and_by_pay(coverage_set):
    measured = CurriculumCoverage(min_paid_postings=2).fit(coverage_set, {"A", "B"})
    # D: postings 1, 2, 3, 5 (pay 5, -, 4, 7: median 5); C: 1, 2, 5 (pay 5, -, 7: median 6); E: 2 (no pay).
    missing = measured.missing_
    assert missing["skill"].tolist() == ["D", "C", "E"]
    assert missing["postings"].tolist() == [4, 3, 1]
    assert missing["share_of_postings"].tolist() == pytest.approx([4 / 5, 3 / 5, 1 / 5])
    assert missing["paid_postings"].tolist() == [3, 2, 0]
    np.testing.assert_allclose(missing["median_pay_idr_month"], [5e6, 6e6, NAN])
    assert measured.missing_by_pay_["skill"].tolist() == ["C", "D"]

    # With the default of three paid postings, C (two) is too thin to rank by pay.
    assert CurriculumCoverage().fit(coverage_set, {"A", "B"}).missing_by_pay_["skill"].tolist() == ["D"]


# Taught: A; theta 0.5. Skills each posting asks for, and its pay in million rupiah:
#   0: A B       covered already     1
#   1: C D       needs one of C, D   2
#   2: C D       needs one of C, D   4
#   3: C E       needs one of C, E   (none)
#   4: A B C D   needs one of B C D  6
#   5: E F       needs one of E, F   (none)
#   6: E F       needs one of E, F   (none)
#   7: F         needs F             (none)
# Step 1 gains: B 1 (4), C 4 (1-4), D 3 (1, 2, 4), E 3 (3, 5, 6), F 3 (5-7): C, opening 1-4.
# Step 2 gains: E 2 (5, 6), F 3 (5-7), others 0: F, opening 5-7. Then nothing is left to open.
GREEDY_POSTINGS = [["A", "B"], ["C", "D"], ["C", "D"], ["C", "E"], ["A", "B", "C", "D"], ["E", "F"], ["E", "F"], ["F"]]
GREEDY_PAY = [1e6, 2e6, 4e6, NAN, 6e6, NAN, NAN, NAN]


@pytest.mark.parametrize("adjacency_weight", [0, 0.5])
def test_greedy_recommendations_step_by_step(adjacency_weight):
    recommender = SkillRecommender(n=5, adjacency_weight=adjacency_weight, min_postings=1)
    recommender.fit(posting_set(GREEDY_POSTINGS, GREEDY_PAY), curriculum("A", "A"))
    assert recommender.coverage_before_ == pytest.approx(1 / 8)
    assert recommender.coverage_ == 1
    steps = recommender.recommendations_
    assert steps["rank"].tolist() == [1, 2]
    assert steps["skill"].tolist() == ["C", "F"]
    assert steps["postings"].tolist() == [4, 3]
    assert steps["postings_opened"].tolist() == [4, 3]
    assert steps["coverage_after"].tolist() == pytest.approx([5 / 8, 1])
    np.testing.assert_allclose(steps["median_pay_idr_month"], [4e6, NAN])
    # C shares posting 4 with A; F is never asked for next to A or C.
    assert steps["adjacent_to"].tolist() == ["A", None]
    assert steps["adjacency"].tolist() == pytest.approx([1 / 4, 0])
    assert steps["reason"].tolist() == [
        "asked for in 4 postings, 1 of them next to A; opens 4 more postings, median salary Rp 4 m a month",
        "asked for in 3 postings; opens 3 more postings, no salary stated",
    ]


def test_the_reasons_are_indonesian_by_default():
    recommender = SkillRecommender(n=5, min_postings=1)
    by_default(recommender.fit, posting_set(GREEDY_POSTINGS, GREEDY_PAY), curriculum("A", "A"))
    assert recommender.recommendations_["reason"].tolist() == [
        "diminta 4 lowongan, 1 di antaranya bersama A; membuka 4 lowongan lagi, median gaji Rp 4 jt sebulan",
        "diminta 3 lowongan; membuka 3 lowongan lagi, gaji tidak disebut",
    ]


def test_only_candidate_skills_are_recommended():
    # Without F among the candidates, E opens postings 5 and 6 instead, and F is never proposed.
    recommender = SkillRecommender(n=5, min_postings=1)
    recommender.fit(posting_set(GREEDY_POSTINGS, GREEDY_PAY), curriculum("A", "A"), candidate_skills={"C", "D", "E"})
    assert recommender.recommendations_["skill"].tolist() == ["C", "E"]


def test_recommendations_stop_at_n_and_skip_rare_skills():
    postings = posting_set(GREEDY_POSTINGS, GREEDY_PAY)
    assert SkillRecommender(n=1, min_postings=1).fit(postings, {"A"}).recommendations_["skill"].tolist() == ["C"]
    # Only C is asked for in four postings or more.
    assert SkillRecommender(n=5, min_postings=4).fit(postings, {"A"}).recommendations_["skill"].tolist() == ["C"]


def test_adjacency_breaks_a_tie():
    # Taught: HTML; theta 0.5. CSS opens postings 0 and 1, COBOL opens 2 and 3; both are asked for twice.
    # COBOL comes first in the alphabet, but posting 0 asks for CSS next to HTML: adjacency 1/2, score 2 × 1.25.
    postings = posting_set(
        [["HTML", "CSS", "Python", "Java"], ["CSS"], ["COBOL"], ["COBOL"], ["HTML"]], [NAN, 3e6, 8e6, 9e6, NAN]
    )
    plain = SkillRecommender(n=1, adjacency_weight=0, min_postings=1).fit(postings, {"HTML"})
    assert plain.recommendations_["skill"].tolist() == ["COBOL"]
    adjacent = SkillRecommender(n=1, adjacency_weight=0.5, min_postings=1).fit(postings, {"HTML"})
    first = adjacent.recommendations_.iloc[0]
    assert (first["skill"], first["adjacent_to"], first["postings_opened"]) == ("CSS", "HTML", 2)
    assert first["reason"] == (
        "asked for in 2 postings, 1 of them next to HTML; opens 2 more postings, median salary Rp 3 m a month"
    )
    # Then COBOL, the only skill left that opens anything.
    both = SkillRecommender(n=5, min_postings=1).fit(postings, {"HTML"}).recommendations_
    assert both["skill"].tolist() == ["CSS", "COBOL"]
    assert both["adjacent_to"].tolist() == ["HTML", None]


def test_adjacency_outweighs_a_small_gain_difference():
    # X opens 3 postings and is never asked for next to T; Y opens 2, always next to T (adjacency 1): with
    # adjacency_weight 1, Y scores 2 × 2 = 4 against X's 3; with 0.25, 2 × 1.25 = 2.5 and X wins.
    postings = posting_set([["X"], ["X"], ["X"], ["T", "Y", "Z"], ["T", "Y", "W"]])
    assert SkillRecommender(n=1, adjacency_weight=1, min_postings=1).fit(postings, {"T"}).recommendations_[
        "skill"
    ].tolist() == ["Y"]
    assert SkillRecommender(n=1, adjacency_weight=0.25, min_postings=1).fit(postings, {"T"}).recommendations_[
        "skill"
    ].tolist() == ["X"]


def test_nothing_to_recommend_when_every_posting_is_covered():
    recommender = SkillRecommender(min_postings=1).fit(posting_set([["A"], ["A", "B"]]), {"A"})
    assert recommender.recommendations_.empty
    assert list(recommender.recommendations_.columns)[:3] == ["rank", "skill", "postings"]
    assert recommender.coverage_before_ == recommender.coverage_ == 1


def test_compare_curricula_side_by_side(coverage_set):
    table = compare_curricula(
        coverage_set,
        [curriculum("AB", "A", "B"), curriculum("CD", "C", "D")],
        theta=0.5,
        cluster_labels=COVERAGE_LABELS,
        cluster_names={0: "web", 1: "data"},
    )
    assert list(table.columns) == ["name", "coverage", "web", "data"]
    assert table["name"].tolist() == ["AB", "CD"]
    # CD covers postings 1 (2/3), 2 (2/3), 3 (1/2) and 5 (2/4) of the five with skills.
    assert table["coverage"].tolist() == pytest.approx([3 / 5, 4 / 5])
    # web: D is 1 of 4 asks; data: C 3 + D 3 of 10.
    assert table["web"].tolist() == pytest.approx([3 / 4, 1 / 4])
    assert table["data"].tolist() == pytest.approx([3 / 10, 6 / 10])

    plain = compare_curricula(coverage_set, [curriculum("AB", "A", "B")])
    assert list(plain.columns) == ["name", "coverage"]


def test_theta_outside_zero_to_one_is_refused(coverage_set):
    with pytest.raises(ValueError, match="theta must be between 0 and 1"):
        CurriculumCoverage(theta=50).fit(coverage_set, {"A"})


# Roll-up (Taxonomy.covered_by on the bundled taxonomy): teaching PHP, HTML, CSS and JavaScript, four skills beneath
# Web Development, covers it; PHP is taught. Theta 0.5:
#   0: Web Development           1/1   covered
#   1: PHP                       1/1   covered
#   2: Web Development, Python   1/2   covered
#   3: Laravel, MySQL            0/2   not covered
WEB_POSTINGS = [["Web Development"], ["PHP"], ["Web Development", "Python"], ["Laravel", "MySQL"]]
WEB_CURRICULUM = ("PHP", "HTML", "CSS", "JavaScript")


def test_teaching_php_html_css_and_javascript_covers_web_development():
    measured = CurriculumCoverage(theta=0.5).fit(posting_set(WEB_POSTINGS), curriculum("Web", *WEB_CURRICULUM))
    assert measured.covered_.tolist() == [True, True, True, False]
    assert measured.coverage_ == pytest.approx(3 / 4)
    assert measured.missing_["skill"].tolist() == ["Laravel", "MySQL", "Python"]  # one posting each, by name

    # Laravel and MySQL each open posting 3, neither next to a taught skill: the alphabet picks Laravel. Web
    # Development, covered, is never a candidate.
    recommended = SkillRecommender(n=5, min_postings=1).fit(posting_set(WEB_POSTINGS), curriculum("Web", *WEB_CURRICULUM))
    assert recommended.recommendations_["skill"].tolist() == ["Laravel"]
    assert recommended.coverage_before_ == pytest.approx(3 / 4)


def test_one_web_skill_does_not_cover_web_development():
    measured = CurriculumCoverage(theta=0.5).fit(posting_set(WEB_POSTINGS), {"HTML"})
    assert measured.covered_.tolist() == [False, False, False, False]
    assert "Web Development" in measured.missing_["skill"].tolist()


def test_teaching_laravel_covers_php():
    # Posting 1: PHP covered through Laravel, Docker not: 1/2.
    measured = CurriculumCoverage(theta=0.5).fit(posting_set([["PHP"], ["PHP", "Docker"]]), curriculum("L", "Laravel"))
    assert measured.covered_.tolist() == [True, True]
    assert measured.missing_["skill"].tolist() == ["Docker"]


def test_a_recommendation_that_rolls_up_counts_everything_it_covers():
    # Taught: Git; theta 0.75, so postings 0 and 1 need three of their four skills. Laravel alone would bring them
    # to 2/4, but teaching it covers PHP too: 3/4, both open. PHP or Docker alone reach only 2/4 and open nothing.
    postings = posting_set([["Laravel", "PHP", "Git", "Docker"], ["Laravel", "PHP", "Git", "Docker"], ["Docker"]])
    recommender = SkillRecommender(n=1, theta=0.75, min_postings=1).fit(postings, {"Git"})
    first = recommender.recommendations_.iloc[0]
    assert (first["skill"], first["postings_opened"], first["adjacent_to"]) == ("Laravel", 2, "Git")
    assert first["coverage_after"] == pytest.approx(2 / 3)
    assert first["reason"] == (
        "asked for in 2 postings, 2 of them next to Git; opens 2 more postings, no salary stated; also covers PHP"
    )
