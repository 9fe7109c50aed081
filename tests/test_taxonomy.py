"""The bundled skill taxonomy is sound, and the validator catches each kind of problem."""

from collections import Counter

import pytest

from pipelines.skills.taxonomy import OCCUPATIONS, Taxonomy, load_taxonomy, ordinary_words, validate


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return load_taxonomy()


def test_bundled_taxonomy_validates_clean(taxonomy):
    assert validate(taxonomy) == []


def test_bundled_taxonomy_is_large_and_covers_every_occupation(taxonomy):
    assert len(taxonomy.skills) >= 800
    per_occupation = Counter(skill.occupation for skill in taxonomy.skills)
    for occupation in OCCUPATIONS:
        assert per_occupation[occupation] >= 40, occupation


@pytest.mark.parametrize(
    ("name", "aliases", "case_sensitive"),
    [
        ("C", ["c language"], True),
        ("C++", ["cpp"], False),
        ("C#", ["csharp"], False),
        ("R", ["r language"], True),
        ("Go", ["golang"], True),
        (".NET", ["dotnet"], False),
        ("Node.js", ["nodejs", "node js"], False),
        ("Java", [], False),
        ("JavaScript", ["js"], False),
        ("TypeScript", [], False),
        ("Excel", ["microsoft excel", "ms excel"], False),
        ("React", ["reactjs", "react.js"], True),
    ],
)
def test_hard_names_are_present_with_their_aliases(taxonomy, name, aliases, case_sensitive):
    skill = taxonomy.by_name[name]
    assert set(aliases) <= set(skill.aliases)
    assert skill.case_sensitive is case_sensitive


def test_vocational_skills_have_indonesian_aliases(taxonomy):
    for alias, name in [
        ("desain grafis", "Graphic Design"),
        ("pemasaran digital", "Digital Marketing"),
        ("pembukuan", "Bookkeeping"),
        ("fotografi produk", "Product Photography"),
        ("jualan online", "Online Selling"),
        ("konten media sosial", "Social Media Content"),
    ]:
        assert taxonomy.lookup(alias).name == name


def test_lookup_ignores_case_and_spacing(taxonomy):
    assert taxonomy.lookup("ReactJS").name == "React"
    assert taxonomy.lookup("  Microsoft   EXCEL ").name == "Excel"
    assert taxonomy.lookup("golang").name == "Go"
    assert taxonomy.lookup("no such skill") is None


def test_java_and_javascript_stay_apart(taxonomy):
    assert taxonomy.lookup("java").name == "Java"
    assert taxonomy.lookup("js").name == "JavaScript"


def test_esco_uris_are_esco_concepts(taxonomy):
    uris = [skill.esco_uri for skill in taxonomy.skills if skill.esco_uri]
    assert uris, "some skills should carry a verified ESCO URI"
    assert all(uri.startswith("http://data.europa.eu/esco/skill/") for uri in uris)


def test_ordinary_words_list_is_loaded():
    words = ordinary_words()
    assert len(words) >= 200
    assert {"go", "excellent"} & words == {"go"}  # "excel" and "excellent" are the matcher's business, not aliases


def test_load_taxonomy_is_cached():
    assert load_taxonomy() is load_taxonomy()


# Test data: small taxonomies written for these tests, each with one kind of problem.
SOUND = """
version: "test"
occupations: [software_development, creative_multimedia, writing_translation, sales_marketing,
              clerical_data_entry, professional_services, other]
skills:
  - name: Python
    aliases: [python3]
    group: programming_language
    occupation: software_development
    esco_uri: null
  - name: Go
    aliases: [golang]
    group: programming_language
    occupation: software_development
    esco_uri: null
    case_sensitive: true
"""

BROKEN = {
    "duplicate skill name": """
  - name: python
    aliases: []
    group: programming_language
    occupation: software_development
""",
    "is also an alias of": """
  - name: Snake Language
    aliases: [python3]
    group: programming_language
    occupation: software_development
""",
    "is the name of skill": """
  - name: Snake Tools
    aliases: [python]
    group: programming_language
    occupation: software_development
""",
    "is not one of": """
  - name: Piloting
    aliases: []
    group: aviation
    occupation: aviation
""",
    "empty group": """
  - name: Kotlin
    aliases: []
    group: ""
    occupation: software_development
""",
    "does not start with http://data.europa.eu/esco/": """
  - name: Kotlin
    aliases: []
    group: programming_language
    occupation: software_development
    esco_uri: https://example.org/kotlin
""",
    "is an ordinary word": """
  - name: Kotlin
    aliases: [kotlin lang, team]
    group: programming_language
    occupation: software_development
""",
    "the name is an ordinary word": """
  - name: Swift
    aliases: []
    group: programming_language
    occupation: software_development
""",
    "is not lower-case": """
  - name: Kotlin
    aliases: [KotlinLang]
    group: programming_language
    occupation: software_development
""",
}


def write_taxonomy(tmp_path, skills_yaml: str = ""):
    path = tmp_path / "taxonomy.yaml"
    path.write_text(SOUND + skills_yaml, encoding="utf-8")
    return path


def test_sound_test_taxonomy_validates_clean(tmp_path):
    assert validate(load_taxonomy(write_taxonomy(tmp_path))) == []


@pytest.mark.parametrize("expected", sorted(BROKEN))
def test_validator_reports_each_kind_of_problem(tmp_path, expected):
    problems = validate(load_taxonomy(write_taxonomy(tmp_path, BROKEN[expected])))
    assert problems, expected
    assert any(expected in problem for problem in problems), problems


BROKEN_ROLES = {
    "names fewer than two skills": "  - {names: [python developer], skills: [Python]}",
    "is not a skill name in the taxonomy": "  - {names: [python developer], skills: [Python, Snake Charming]}",
    "is already a form of 'Python'": "  - {names: [python3], skills: [Python, Go]}",
    "is an ordinary word": "  - {names: [team], skills: [Python, Go]}",
    "is also a name of role": "  - {names: [polyglot], skills: [Python, Go]}\n  - {names: [polyglot], skills: [Go, Python]}",
    "no names": "  - {names: [], skills: [Python, Go]}",
}


@pytest.mark.parametrize("expected", sorted(BROKEN_ROLES))
def test_validator_reports_each_kind_of_role_problem(tmp_path, expected):
    problems = validate(load_taxonomy(write_taxonomy(tmp_path, "roles:\n" + BROKEN_ROLES[expected] + "\n")))
    assert any(expected in problem for problem in problems), problems


def test_a_sound_role_validates_clean(tmp_path):
    path = write_taxonomy(tmp_path, "roles:\n  - {names: [polyglot programmer], skills: [Python, Go]}\n")
    assert validate(load_taxonomy(path)) == []
    assert load_taxonomy(path).roles[0].skills == ("Python", "Go")


def test_case_sensitive_name_may_be_an_ordinary_word(tmp_path):
    # "Go" in SOUND is an ordinary word, allowed because it is matched only as written.
    taxonomy = load_taxonomy(write_taxonomy(tmp_path))
    assert taxonomy.by_name["Go"].case_sensitive


def test_taxonomy_with_wrong_occupation_list_is_refused(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    path.write_text('version: "x"\noccupations: [software_development]\nskills: []\n', encoding="utf-8")
    with pytest.raises(ValueError, match="occupations"):
        load_taxonomy(path)


# The broader-skill hierarchy.
BROKEN_HIERARCHY = {
    "is not a skill name in the taxonomy": """
  - name: Django
    aliases: []
    group: framework
    occupation: software_development
    broader: [Pythn]
""",
    "broader names the skill itself": """
  - name: Django
    aliases: []
    group: framework
    occupation: software_development
    broader: [Django]
""",
    "broader skills form a cycle: Django -> Flask -> Django": """
  - name: Django
    aliases: []
    group: framework
    occupation: software_development
    broader: [Python, Flask]
  - name: Flask
    aliases: []
    group: framework
    occupation: software_development
    broader: [Django]
""",
}


@pytest.mark.parametrize("expected", sorted(BROKEN_HIERARCHY))
def test_validator_refuses_unknown_broader_skills_and_cycles(tmp_path, expected):
    problems = validate(load_taxonomy(write_taxonomy(tmp_path, BROKEN_HIERARCHY[expected])))
    assert any(expected in problem for problem in problems), problems


def test_a_sound_hierarchy_validates_clean(tmp_path):
    # Django under Python twice over (directly and through Flask) is a diamond, not a cycle.
    skills = """
  - name: Flask
    aliases: []
    group: framework
    occupation: software_development
    broader: [Python]
  - name: Django
    aliases: []
    group: framework
    occupation: software_development
    broader: [Flask, Python]
"""
    taxonomy = load_taxonomy(write_taxonomy(tmp_path, skills))
    assert validate(taxonomy) == []
    assert taxonomy.ancestors("Django") == ("Flask", "Python")
    assert taxonomy.narrower_of("Python") == ("Flask", "Django")


def test_bundled_hierarchy_reads_as_a_recruiter_would(taxonomy):
    assert taxonomy.broader_of("Laravel") == ("PHP", "Back-End Development")
    assert taxonomy.ancestors("Laravel") == ("PHP", "Back-End Development", "Web Development")
    assert "Python" in taxonomy.broader_of("PyTorch")
    assert taxonomy.broader_of("Flutter")[0] == "Dart"
    assert "Online Selling" in taxonomy.ancestors("Shopee Management")
    assert {"PHP", "HTML", "CSS", "JavaScript"} <= set(taxonomy.narrower_of("Web Development"))
    assert taxonomy.broader_of("Python") == () and taxonomy.ancestors("Not A Skill") == ()


def test_frameworks_imply_their_language_and_nothing_else(taxonomy):
    assert taxonomy.languages_of("Laravel") == ("PHP",)
    assert taxonomy.languages_of("Next.js") == ("JavaScript",)  # through React
    assert taxonomy.languages_of("Flutter") == ("Dart",)
    assert taxonomy.languages_of("PostgreSQL") == ()  # a database is used from any language
    assert taxonomy.languages_of("Web Development") == () and taxonomy.languages_of("Not A Skill") == ()


def test_specialisations_name_existing_skills_and_words(taxonomy):
    specialised = {skill.name: skill.found_with for skill in taxonomy.skills if skill.found_with}
    assert specialised["Wedding Photography"].skills == ("Photography",)  # its broader skill by default
    assert "pernikahan" in specialised["Wedding Photography"].words
    assert "Translation" in specialised["Legal Translation"].skills
    assert len(specialised) >= 50


@pytest.mark.parametrize(
    ("taught", "also_covered"),
    [
        ({"PHP", "HTML", "CSS", "JavaScript"}, {"Web Development"}),  # four skills beneath a field
        ({"HTML"}, set()),  # one is not enough for a field
        ({"Laravel"}, {"PHP"}),  # one is enough for a language; Laravel is one skill beneath Web Development
        ({"Laravel", "HTML"}, {"PHP", "Web Development"}),
        ({"Shopee Management", "Tokopedia Management"}, {"Marketplace Management", "Online Selling"}),
        ({"Next.js"}, {"React", "JavaScript"}),  # technologies all the way up
        ({"Not A Skill"}, set()),  # names outside the taxonomy stay as given
    ],
)
def test_covered_by_rolls_taught_skills_up(taxonomy, taught, also_covered):
    assert taxonomy.covered_by(taught) == frozenset(taught | also_covered)
