"""The occupation classifier: each source of evidence, their conflicts, the fallback, and accuracy on a labelled set."""

from __future__ import annotations

from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest
import yaml

from pipelines.skills.occupation import OccupationClassifier, normalise_text
from pipelines.skills.taxonomy import OCCUPATIONS, Skill, Taxonomy, load_taxonomy

LABELLED = Path(__file__).parent / "data" / "occupations_labelled.yaml"
BUNDLED_TAXONOMY = files("pipelines.skills") / "data" / "taxonomy.yaml"
MIN_ACCURACY = 0.85


def _skill(name: str, occupation: str, group: str = "tool") -> Skill:
    return Skill(name=name, aliases=(), group=group, occupation=occupation)


# A small taxonomy of our own, so that the scoring tests do not move when the bundled one grows.
SMALL_TAXONOMY = Taxonomy(
    version="test",
    skills=(
        _skill("Python", "software_development"),
        _skill("Laravel", "software_development"),
        _skill("MySQL", "software_development"),
        _skill("Docker", "software_development"),
        _skill("React", "software_development"),
        _skill("Git", "software_development"),
        _skill("Figma", "creative_multimedia"),
        _skill("Adobe Photoshop", "creative_multimedia"),
        _skill("Copywriting", "writing_translation"),
        _skill("Search Engine Optimization", "sales_marketing"),
        _skill("Data Entry", "clerical_data_entry"),
        _skill("Bookkeeping", "professional_services"),
        _skill("Vehicle Driving", "other"),
        _skill("Microsoft Excel", "clerical_data_entry", group="office_software"),
        _skill("English", "writing_translation", group="language"),
    ),
)
SOFTWARE_SKILLS = ["Python", "Laravel", "MySQL", "Docker", "React", "Git"]


@pytest.fixture(scope="module")
def classifier() -> OccupationClassifier:
    return OccupationClassifier(SMALL_TAXONOMY).fit()


def test_normalise_text_drops_punctuation_and_entities():
    assert normalise_text("Websites, IT &amp; Software") == "websites it software"
    assert normalise_text("  Admin / Data-Entry ") == "admin data entry"


def test_skills_alone_vote_for_their_occupation(classifier):
    occupation, confidence = classifier.predict_one(["Python", "MySQL"], None, None)
    assert occupation == "software_development"
    assert 0.5 < confidence < 1
    assert classifier.predict_one(["Bookkeeping"], None, None)[0] == "professional_services"


def test_skills_missing_from_the_taxonomy_are_ignored(classifier):
    assert classifier.explain_one(["Basket Weaving", "Figma"], None, None)["skills"] == {"creative_multimedia": 1.0}


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        ("Websites, IT & Software", "software_development"),
        ("Teknologi Informasi", "software_development"),
        ("Design, Media & Architecture", "creative_multimedia"),
        ("Desain Grafis", "creative_multimedia"),
        ("Writing & Content", "writing_translation"),
        ("Penulisan & Penerjemahan", "writing_translation"),
        ("Sales and Marketing", "sales_marketing"),
        ("Pemasaran", "sales_marketing"),
        ("Data Entry & Admin", "clerical_data_entry"),
        ("Administrasi / Data Entry", "clerical_data_entry"),
        ("Customer Service", "clerical_data_entry"),
        ("Perhotelan", "professional_services"),
        ("Akuntansi / Keuangan", "professional_services"),
        ("Business, Accounting, Human Resources & Legal", "professional_services"),
        ("Guru / Tutor", "professional_services"),
        ("Restoran / Katering", "other"),
        ("Driver / Kurir", "other"),
        ("Food & Beverage", "other"),
    ],
)
def test_category_alone(classifier, category, expected):
    assert classifier.predict_one([], category, None)[0] == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Senior Backend Developer", "software_development"),
        ("Programmer PHP", "software_development"),
        ("Desainer Grafis", "creative_multimedia"),
        ("Video Editor", "creative_multimedia"),
        ("Editor Naskah", "writing_translation"),
        ("Penerjemah Bahasa Jepang", "writing_translation"),
        ("Digital Marketing Specialist", "sales_marketing"),
        ("Social Media Admin", "sales_marketing"),
        ("Admin Data Entry", "clerical_data_entry"),
        ("Customer Service Online", "clerical_data_entry"),
        ("Admin Online Shop", "clerical_data_entry"),
        ("Resepsionis", "clerical_data_entry"),
        ("Front Office Hotel", "professional_services"),
        ("Driver Pribadi", "other"),
        ("Juru Masak", "other"),
        ("Waiter / Waitress", "other"),
        ("Barista", "other"),
        ("Housekeeping Attendant", "other"),
        ("Cleaning Service", "other"),
        ("Kurir Motor", "other"),
        ("Satpam", "other"),
        ("Security Guard", "other"),
        ("Teknisi AC", "other"),
        ("Operator Produksi", "other"),
        ("Helper Gudang", "other"),
        ("Penjahit", "other"),
        ("Teknisi Jaringan", "software_development"),
        ("Security Engineer", "software_development"),
        ("Admin Gudang", "clerical_data_entry"),
        ("Perawat Klinik", "professional_services"),
        ("Kolektor Lapangan", "professional_services"),
        ("Staf Pembukuan", "professional_services"),
        ("Akuntan Pajak", "professional_services"),
        ("Guru Les Matematika", "professional_services"),
    ],
)
def test_title_alone(classifier, title, expected):
    assert classifier.predict_one([], None, title)[0] == expected


def test_a_phrase_beats_the_words_inside_it(classifier):
    assert classifier.explain_one([], None, "Video Editor")["title"] == {"creative_multimedia": 3.0}
    assert classifier.explain_one([], None, "Editor")["title"] == {"writing_translation": 3.0}


def test_the_title_outweighs_a_conflicting_category(classifier):
    # A video editor filed by the employer under the platform's "Sales and Marketing" menu.
    assert classifier.predict_one([], "Sales and Marketing", "Video Editor")[0] == "creative_multimedia"


def test_skills_decide_between_a_title_and_category_in_conflict(classifier):
    assert classifier.predict_one(["Figma", "Adobe Photoshop"], "Design", "Developer")[0] == "creative_multimedia"
    assert classifier.predict_one(["Python", "React"], "Design", "Developer")[0] == "software_development"


def test_a_long_skill_list_cannot_drown_out_title_and_category(classifier):
    evidence = classifier.explain_one(SOFTWARE_SKILLS, "Desain Grafis", "Graphic Designer")
    assert sum(evidence["skills"].values()) == pytest.approx(classifier.max_skill_weight)
    assert classifier.predict_one(SOFTWARE_SKILLS, "Desain Grafis", "Graphic Designer")[0] == "creative_multimedia"


def test_generic_skills_weigh_less(classifier):
    evidence = classifier.explain_one(["English", "Microsoft Excel", "Bookkeeping"], None, None)["skills"]
    assert evidence == {"writing_translation": 0.25, "clerical_data_entry": 0.25, "professional_services": 1.0}
    assert classifier.predict_one(["English", "Microsoft Excel", "Bookkeeping"], None, None)[0] == (
        "professional_services"
    )


def test_a_title_with_words_of_two_classes_shares_its_weight(classifier):
    evidence = classifier.explain_one([], None, "Marketing Designer")["title"]
    assert evidence == {"sales_marketing": 1.5, "creative_multimedia": 1.5}


def test_no_evidence_gives_the_fallback_with_a_low_confidence(classifier):
    no_evidence = [([], None, None), ([], "", ""), (["Basket Weaving"], "All others", "Kenek Truk")]
    for skills, category, title in no_evidence:
        assert classifier.predict_one(skills, category, title) == ("other", pytest.approx(1 / 7))
    clerical = OccupationClassifier(SMALL_TAXONOMY, fallback="clerical_data_entry").fit()
    assert clerical.predict_one([], None, None)[0] == "clerical_data_entry"


def test_confidence_grows_with_agreeing_evidence_and_falls_with_conflict(classifier):
    title_only = classifier.predict_one([], None, "Web Developer")[1]
    with_category = classifier.predict_one([], "Websites, IT & Software", "Web Developer")[1]
    with_skills = classifier.predict_one(["Python", "MySQL"], "Websites, IT & Software", "Web Developer")[1]
    in_conflict = classifier.predict_one([], "Design", "Web Developer")[1]
    assert in_conflict > 1 / 6
    assert in_conflict < title_only < with_category < with_skills <= 1


def test_one_weak_vote_is_less_sure_than_one_strong_source(classifier):
    one_skill = classifier.predict_one(["Figma"], None, None)[1]
    assert one_skill < 0.5 < classifier.predict_one([], None, "Graphic Designer")[1]


def test_predict_is_predict_one_over_rows(classifier):
    rows = [(["Python"], None, None), ([], "Pemasaran", "Sales Executive"), ([], None, None)]
    assert classifier.predict(rows) == [classifier.predict_one(*row) for row in rows]


def test_misuse_is_reported():
    with pytest.raises(RuntimeError, match="fit"):
        OccupationClassifier(SMALL_TAXONOMY).predict_one([], None, None)
    with pytest.raises(ValueError, match="fallback"):
        OccupationClassifier(SMALL_TAXONOMY, fallback="hospitality").fit()
    keywords_in_two_classes = {"sales_marketing": ["admin"], "clerical_data_entry": ["Admin"]}
    with pytest.raises(ValueError, match="both"):
        OccupationClassifier(SMALL_TAXONOMY, keywords=keywords_in_two_classes).fit()


def _labelled() -> list[dict]:
    return yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["postings"]


def test_labelled_set_is_large_and_varied():
    postings = _labelled()
    per_class = Counter(posting["occupation"] for posting in postings)
    assert len(postings) >= 210
    assert set(per_class) == set(OCCUPATIONS)
    assert min(per_class.values()) >= 25, per_class
    assert any(not posting["skills"] for posting in postings)
    assert any(not posting.get("category") for posting in postings)


@pytest.fixture(scope="module")
def bundled_taxonomy() -> Taxonomy:
    if not BUNDLED_TAXONOMY.is_file():
        pytest.skip("the bundled taxonomy pipelines/skills/data/taxonomy.yaml does not exist yet")
    return load_taxonomy()


def test_labelled_skills_are_canonical_names_of_the_bundled_taxonomy(bundled_taxonomy):
    unknown = sorted({name for posting in _labelled() for name in posting["skills"]} - set(bundled_taxonomy.by_name))
    assert not unknown, f"labelled skills missing from the bundled taxonomy: {unknown}"


def test_accuracy_on_the_labelled_set(bundled_taxonomy):
    postings = _labelled()
    classifier = OccupationClassifier(bundled_taxonomy).fit()
    rows = [(posting["skills"], posting.get("category"), posting["title"]) for posting in postings]
    predictions = classifier.predict(rows)
    confusions = Counter(
        (posting["occupation"], predicted)
        for posting, (predicted, _) in zip(postings, predictions, strict=True)
        if predicted != posting["occupation"]
    )
    accuracy = 1 - sum(confusions.values()) / len(postings)
    print(f"\noccupation accuracy: {accuracy:.3f} over {len(postings)} postings")
    for (expected, predicted), count in confusions.most_common():
        print(f"  {expected} -> {predicted}: {count}")
    assert all(occupation in OCCUPATIONS and 0 <= confidence <= 1 for occupation, confidence in predictions)
    assert accuracy >= MIN_ACCURACY
