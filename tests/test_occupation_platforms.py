"""The occupation classifier against the platforms' own categories, over every real capture and bundled sample.

Each platform's extractor reads its captures (../shared/realdata, when present) and its sample (sample/<platform>/);
the classifier sees the skills extracted from title, description and tags, and the title, but not the category:
the category is the answer key, mapped to a class by hand in tests/data/platform_categories.yaml.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from crawlers.items import Posting
from pipelines.skills.extract import SkillExtractor
from pipelines.skills.occupation import OccupationClassifier
from pipelines.skills.taxonomy import OCCUPATIONS, load_taxonomy
from sample.server import SAMPLE_DIR
from tests.conftest import REALDATA_DIR
from tests.platforms import REALDATA_FILES, SAMPLE_SITES, read_page, spider_names

CATEGORY_CLASSES = Path(__file__).parent / "data" / "platform_categories.yaml"
MIN_ACCURACY = 0.95


@dataclass(frozen=True)
class Filed:
    """A posting as a platform serves it, and where it was read from."""

    origin: str
    """``realdata`` or ``sample``."""
    posting: Posting


def _sample_postings(spider: str) -> list[Posting]:
    folder = SAMPLE_DIR / spider
    postings = []
    for route in json.loads((folder / "routes.json").read_text()):
        if route.get("status", 200) == 200:
            url = SAMPLE_SITES[spider] + route["path"] if spider in SAMPLE_SITES else "http://127.0.0.1/"
            postings += read_page(spider, (folder / route["file"]).read_bytes(), url).postings
    return postings


def _filed_postings() -> list[Filed]:
    """Every posting of every capture and sample, once: a posting served in two API forms (JobStreet's v5 and
    GraphQL samples) counts once, in the form that carries a category."""
    by_id: dict[tuple[str, str, str], Filed] = {}
    for spider in spider_names():
        sources = [("sample", posting) for posting in _sample_postings(spider)]
        for name in REALDATA_FILES.get(spider, []):
            if (REALDATA_DIR / name).exists():
                page = read_page(spider, (REALDATA_DIR / name).read_bytes())
                sources += [("realdata", posting) for posting in page.postings]
        for origin, posting in sources:
            key = (origin, spider, posting.source_id)
            if key not in by_id or by_id[key].posting.category is None:
                by_id[key] = Filed(origin, posting)
    return list(by_id.values())


@pytest.fixture(scope="module")
def category_classes() -> dict[str, dict[str, str | None]]:
    return yaml.safe_load(CATEGORY_CLASSES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def filed() -> list[Filed]:
    return _filed_postings()


def test_every_category_met_is_mapped_to_a_class_or_null(filed, category_classes):
    unmapped = sorted(
        {(item.posting.source, item.posting.category) for item in filed if item.posting.category is not None}
        - {(platform, category) for platform, categories in category_classes.items() for category in categories}
    )
    assert not unmapped, f"categories missing from {CATEGORY_CLASSES.name}: {unmapped}"
    classes = {value for categories in category_classes.values() for value in categories.values()}
    assert classes <= {*OCCUPATIONS, None}, classes - {*OCCUPATIONS, None}


def test_accuracy_against_the_platforms_categories(filed, category_classes):
    taxonomy = load_taxonomy()
    extractor = SkillExtractor(taxonomy).fit()
    classifier = OccupationClassifier(taxonomy).fit()
    left_out: Counter[str] = Counter()
    scored: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    per_class: Counter[str] = Counter()
    confusions: Counter[tuple[str, str, str]] = Counter()
    for item in filed:
        posting = item.posting
        if posting.category is None:
            left_out[f"{posting.source}: no category"] += 1
            continue
        expected = category_classes[posting.source][posting.category]
        if expected is None:
            left_out[f"{posting.source}: {posting.category}"] += 1
            continue
        skills = extractor.extract(posting.title, posting.description, posting.skills).skills
        predicted, _ = classifier.predict_one(skills, None, posting.title)  # the category is the answer key
        scored[posting.source] += 1
        per_class[expected] += 1
        if predicted == expected:
            correct[posting.source] += 1
        else:
            confusions[(expected, predicted, f"{posting.source}: {posting.title}")] += 1

    total, right = sum(scored.values()), sum(correct.values())
    accuracy = right / total
    print(f"\noccupation accuracy against the platforms' categories: {accuracy:.3f} ({right} of {total})")
    for platform in sorted(scored):
        print(f"  {platform}: {correct[platform]} of {scored[platform]}")
    print(f"per class answer: {dict(sorted(per_class.items()))}")
    print(f"left out: {sum(left_out.values())}")
    for reason, count in sorted(left_out.items()):
        print(f"  {reason}: {count}")
    for (expected, predicted, posting), count in confusions.most_common():
        print(f"  {expected} -> {predicted}: {posting}" + (f" (x{count})" if count > 1 else ""))
    assert per_class["other"], "no posting filed under a category of local manual work"
    assert accuracy >= MIN_ACCURACY
