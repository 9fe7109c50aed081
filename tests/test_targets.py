"""analysis.targets: a curriculum's market, inferred per track or declared, and the advice kept within it."""

from __future__ import annotations

import pytest

from analysis.curriculum import load_curriculum
from analysis.data import PostingSet
from analysis.language import language
from analysis.targets import TARGET_SHARE, describe_market, infer_targets, market_mask, target_skills
from pipelines.skills.taxonomy import load_taxonomy
from tests.conftest import PROJECT_DIR

EXAMPLES = PROJECT_DIR / "examples" / "curricula"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy()


def test_each_track_names_the_classes_holding_a_quarter_of_its_hours(taxonomy):
    assert TARGET_SHARE == 0.25
    web = {"PHP": 60.0, "Laravel": 60.0, "Figma": 30.0}  # Figma: 20% of the track, not a target
    design = {"Adobe Photoshop": 40.0, "Adobe Illustrator": 40.0}
    assert infer_targets([web], taxonomy) == ("software_development",)
    # a short track counts as much as a long one: it prepares for a kind of work of its own
    assert infer_targets([web, design], taxonomy) == ("software_development", "creative_multimedia")
    # languages and soft skills serve every kind of work: English lessons do not make a translation school
    assert infer_targets([{"English": 96.0, "Communication Skills": 24.0, "HTML": 10.0}], taxonomy) == (
        "software_development",
    )
    assert infer_targets([{"English": 96.0}], taxonomy) == ()  # nothing to infer from: the whole market


def test_the_examples_are_inferred_or_declared_as_their_communities_teach():
    programmer = load_curriculum(EXAMPLES / "pondok-programmer.yaml")
    assert programmer.targets == ("software_development", "ui_ux") and not programmer.targets_inferred
    vocational = load_curriculum(EXAMPLES / "lkp-vokasi.yaml")
    assert vocational.targets_inferred
    assert set(vocational.targets) == {"clerical_data_entry", "professional_services", "other", "creative_multimedia"}
    small_business = load_curriculum(EXAMPLES / "komunitas-umkm.yaml")
    assert {"sales_marketing", "creative_multimedia"} <= set(small_business.targets)


def test_a_posting_is_in_the_market_by_its_class_or_a_skill_of_a_target_group():
    posting_set = PostingSet.from_records(
        [
            {"oli_occupation": "software_development", "skills": ["PHP"]},
            {"oli_occupation": "creative_multimedia", "skills": ["Figma", "UI Design"]},
            {"oli_occupation": "creative_multimedia", "skills": ["Adobe Photoshop"]},
            {"oli_occupation": "clerical_data_entry", "skills": ["Data Entry"]},
        ],
        skill_groups={"PHP": "programming_language", "Figma": "ui_ux", "UI Design": "ui_ux",
                      "Adobe Photoshop": "design_tool", "Data Entry": "data_entry"},
    )  # fmt: skip
    assert market_mask(posting_set, ("software_development", "ui_ux")).tolist() == [True, True, False, False]
    assert market_mask(posting_set, ()).all()


def test_only_skills_of_the_target_work_are_worth_recommending(taxonomy):
    skills = target_skills(("software_development", "ui_ux"), taxonomy)
    assert {"Python", "Laravel", "Wireframing"} <= skills
    assert not {"Excel", "Data Entry", "Content Writing", "English"} & skills
    assert target_skills((), taxonomy) is None


def test_the_market_is_said_in_one_plain_sentence_in_indonesian():
    assert describe_market(("software_development", "ui_ux"), False, 805, 3106) == (
        "Pasar: lowongan bidang pengembangan perangkat lunak atau yang meminta keterampilan dari kelompok ui_ux (805 "
        "dari 3.106), target yang ditulis kurikulum; --market all menghitung semua lowongan."
    )
    assert describe_market((), True, 20, 20) == "Pasar: semua lowongan (20)."


def test_the_market_is_said_in_one_plain_sentence_in_english():
    with language("en"):
        assert describe_market(("software_development", "ui_ux"), False, 805, 3106) == (
            "Market: postings for software development or asking for a skill of the group ui_ux (805 of 3,106), "
            "the targets the curriculum names; --market all counts every posting."
        )
        inferred = describe_market(("clerical_data_entry", "other"), True, 10, 20)
        assert describe_market((), True, 20, 20) == "Market: every posting (20)."
    assert inferred.startswith("Market: postings for clerical & data entry and other local and manual work (10 of 20)")
    assert "inferred from what the curriculum teaches (write targets: in the curriculum to choose it)" in inferred
