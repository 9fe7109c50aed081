"""The labelled skill evaluation set (tests/data/skills_eval/) and the scorer of bench/skill_evaluation.py.

The set's integrity only: the scores themselves are printed by the bench, not asserted, until the matcher is
tuned against the set.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from pipelines.skills.taxonomy import OCCUPATIONS, load_taxonomy

PROJECT_DIR = Path(__file__).resolve().parent.parent
BENCH = PROJECT_DIR / "bench" / "skill_evaluation.py"
EVAL_DIR = Path(__file__).parent / "data" / "skills_eval"
FIELDS = {"id", "language", "shape", "occupation", "split", "title", "text", "tags", "skills"}
OPTIONAL_FIELDS = {"traps"}


def _load_bench():
    spec = importlib.util.spec_from_file_location("skill_evaluation", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("skill_evaluation", module)
    spec.loader.exec_module(module)
    return module


bench = _load_bench()


class _UniqueKeyLoader(yaml.SafeLoader):
    """A SafeLoader that rejects a key given twice in one mapping (plain YAML keeps the last silently)."""


def _construct_unique_mapping(loader, node, deep=False):
    keys = [loader.construct_object(key, deep=deep) for key, _ in node.value]
    duplicated = [key for key, n in Counter(keys).items() if n > 1]
    if duplicated:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate keys {duplicated}", node.start_mark)
    return loader.construct_mapping(node, deep=deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return bench.load_records(EVAL_DIR)


@pytest.fixture(scope="module")
def skill_names() -> set[str]:
    return {skill.name for skill in load_taxonomy().skills}


def test_files_have_no_duplicate_keys() -> None:
    paths = sorted(EVAL_DIR.glob("*.yaml"))
    assert paths
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # raises on a duplicate


def test_size_and_languages(records: list[dict]) -> None:
    languages = Counter(record["language"] for record in records)
    assert len(records) >= 200
    assert languages["id"] >= 100
    assert languages["mixed"] > 0 and languages["en"] > 0
    assert set(languages) <= set(bench.LANGUAGES)


def test_fields_and_values(records: list[dict]) -> None:
    for record in records:
        assert FIELDS <= set(record) <= FIELDS | OPTIONAL_FIELDS, record.get("id")
        assert record["shape"] in {"title", "description", "tags", "mixed"}, record["id"]
        assert record["split"] in bench.SPLITS, record["id"]
        assert isinstance(record["title"], str) and record["title"].strip(), record["id"]
        assert isinstance(record["text"], str), record["id"]
        assert isinstance(record["tags"], list), record["id"]
        assert record["skills"], record["id"]
        if record["shape"] == "tags":
            assert record["tags"], record["id"]
        if record["shape"] == "description":
            assert len(record["text"].split()) >= 20, record["id"]


def test_unique_ids(records: list[dict]) -> None:
    duplicated = [id_ for id_, n in Counter(record["id"] for record in records).items() if n > 1]
    assert not duplicated


def test_skill_and_trap_names_exist(records: list[dict], skill_names: set[str]) -> None:
    unknown = [
        (record["id"], name)
        for record in records
        for name in [*record["skills"], *record.get("traps", [])]
        if name not in skill_names
    ]
    assert not unknown


def test_skills_are_listed_once_and_are_never_traps(records: list[dict]) -> None:
    for record in records:
        assert len(set(record["skills"])) == len(record["skills"]), record["id"]
        assert not set(record["skills"]) & set(record.get("traps", [])), record["id"]


def test_occupations(records: list[dict]) -> None:
    occupations = Counter(record["occupation"] for record in records)
    assert set(occupations) == set(OCCUPATIONS)  # every class present, `other` included


def test_splits(records: list[dict]) -> None:
    splits = Counter(record["split"] for record in records)
    assert set(splits) == set(bench.SPLITS)
    assert splits["held_out"] >= len(records) / 4
    for language in bench.LANGUAGES:  # every language is measured on unseen text too
        assert any(r["split"] == "held_out" and r["language"] == language for r in records), language


def test_shapes_and_traps_present(records: list[dict]) -> None:
    shapes = Counter(record["shape"] for record in records)
    assert {"title", "description", "tags", "mixed"} <= set(shapes)
    assert sum(bool(record.get("traps")) for record in records) >= 20


TINY = [
    # gold {A, B}, found {A, C}: tp 1, fp 1, fn 1; C is a trap
    {
        "id": "t1",
        "language": "id",
        "split": "tune",
        "occupation": "software_development",
        "shape": "title",
        "title": "one",
        "text": "",
        "tags": [],
        "skills": ["A", "B"],
        "traps": ["C"],
    },
    # gold {A, B, D}, found {A, B, D}: tp 3
    {
        "id": "t2",
        "language": "en",
        "split": "held_out",
        "occupation": "other",
        "shape": "tags",
        "title": "two",
        "text": "x",
        "tags": ["t"],
        "skills": ["A", "B", "D"],
    },
    # gold {E}, found {}: fn 1
    {
        "id": "t3",
        "language": "id",
        "split": "held_out",
        "occupation": "software_development",
        "shape": "title",
        "title": "three",
        "text": "",
        "tags": [],
        "skills": ["E"],
    },
]
FOUND = {"one": ["A", "C", "A"], "two": ["D", "B", "A"], "three": []}
PREDICTED_CLASS = {"one": "software_development", "two": "professional_services", "three": "sales_marketing"}


def _tiny_score() -> dict:
    return bench.score(
        TINY,
        lambda title, text, tags: FOUND[title],
        lambda skills, title: PREDICTED_CLASS[title],
    )


def test_score_overall_by_hand() -> None:
    result = _tiny_score()
    overall = result["overall"]
    # tp 4, fp 1, fn 2: precision 4/5, recall 4/6, F1 2PR/(P+R) = 8/11
    assert (overall["tp"], overall["fp"], overall["fn"]) == (4, 1, 2)
    assert overall["precision"] == pytest.approx(0.8)
    assert overall["recall"] == pytest.approx(4 / 6)
    assert overall["f1"] == pytest.approx(8 / 11)
    assert result["postings"] == 3


def test_score_groups_by_hand() -> None:
    result = _tiny_score()
    indonesian = result["by_language"]["id"]  # t1 and t3: tp 1, fp 1, fn 2
    assert indonesian["precision"] == pytest.approx(0.5)
    assert indonesian["recall"] == pytest.approx(1 / 3)
    english = result["by_language"]["en"]
    assert (english["precision"], english["recall"], english["f1"]) == (1.0, 1.0, 1.0)
    held_out = result["by_split"]["held_out"]  # t2 and t3: tp 3, fp 0, fn 1
    assert held_out["precision"] == pytest.approx(1.0)
    assert held_out["recall"] == pytest.approx(0.75)
    assert set(result["by_occupation"]) == {"software_development", "other"}
    assert result["by_shape"]["tags"]["tp"] == 3


def test_score_traps_misses_false_positives_and_occupation() -> None:
    result = _tiny_score()
    assert result["trap_hits"] == [("t1", "C")]
    assert result["misses"] == Counter({"B": 1, "E": 1})
    assert result["false_positives"] == Counter({"C": 1})
    occupation = result["occupation"]
    # t1 right; t2 (`other`, filed as professional_services) and t3 wrong
    assert (occupation["correct"], occupation["total"]) == (1, 3)
    assert occupation["accuracy"] == pytest.approx(1 / 3)


def test_score_without_classifier_and_empty() -> None:
    result = bench.score(TINY, lambda title, text, tags: FOUND[title])
    assert "occupation" not in result
    empty = bench.score([], lambda title, text, tags: [])
    assert empty["postings"] == 0
    assert (empty["overall"]["precision"], empty["overall"]["recall"]) == (1.0, 1.0)


def test_report_prints_every_section() -> None:
    text = bench.report(_tiny_score(), top=5)
    for heading in (
        "per language",
        "per split",
        "per occupation class",
        "trap hits: 1",
        "occupation accuracy",
        "top 5 misses",
        "top 5 false positives",
    ):
        assert heading in text
