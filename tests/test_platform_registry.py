"""The platform registry (crawlers/platforms.py) against the code: every platform has its spider, extractor and
sample, named alike; every spider, extractor and sample is registered; the README's table of spiders is up to date.

Each check lists what is wrong in words that say what to fix (docs/adding-a-platform.md); the tests at the end try
each check on a broken entry, so that a check that passes is one that would have failed.
"""

from __future__ import annotations

import json
import re
import sys
import types
from collections.abc import Iterable

import pytest
import scrapy
from scrapy.spiderloader import SpiderLoader
from scrapy.utils.project import get_project_settings

import crawlers.platforms
from crawlers.platforms import BY_NAME, PLATFORMS, Platform
from tests.conftest import PROJECT_DIR

README = PROJECT_DIR / "README.md"
TABLE_HEADER = "| spider | platform endpoint | paging | arguments | delay |"
# Modules of crawlers/spiders and crawlers/extract that are no platform's.
SHARED_MODULES = {"__init__", "base", "paging", "common"}


def spider_problems(platform: Platform) -> list[str]:
    where = f"crawlers/spiders/{platform.name}.py"
    try:
        spider = platform.spider()
    except (ImportError, LookupError) as error:
        return [f"{platform.name}: no spider: {where} must define one spider ({error})"]
    problems = []
    if spider.name != platform.name:
        problems.append(f"{platform.name}: the spider of {where} is named {spider.name!r}")
    try:
        read_page = platform.extractor().read_page
    except (ImportError, AttributeError):  # extractor_problems says so
        return problems
    if getattr(spider, "extract", None) is not read_page:
        problems.append(
            f"{platform.name}: the spider of {where} must extract with {platform.extractor_module}.read_page"
        )
    return problems


def extractor_problems(platform: Platform) -> list[str]:
    where = f"crawlers/extract/{platform.name}.py"
    try:
        extractor = platform.extractor()
    except ImportError as error:
        return [f"{platform.name}: no extractor: {where} ({error})"]
    problems = []
    if not callable(getattr(extractor, "read_page", None)):
        problems.append(f"{platform.name}: {where} has no read_page(response)")
    if getattr(extractor, "SOURCE", None) != platform.name:
        problems.append(f"{platform.name}: the SOURCE of {where} is {getattr(extractor, 'SOURCE', None)!r}")
    return problems


def sample_problems(platform: Platform) -> list[str]:
    routes = platform.sample / "routes.json"
    if not routes.is_file():
        return [f"{platform.name}: no sample: sample/{platform.name}/routes.json"]
    files = [route["file"] for route in json.loads(routes.read_text())]
    if not files:
        return [f"{platform.name}: sample/{platform.name}/routes.json serves nothing"]
    return [
        f"{platform.name}: sample/{platform.name}/{file} is missing"
        for file in files
        if not (platform.sample / file).is_file()
    ]


def platform_problems(platform: Platform) -> list[str]:
    """What is missing, or named otherwise, of ``platform``; empty when it is complete."""
    return extractor_problems(platform) + spider_problems(platform) + sample_problems(platform)


def unregistered(platforms: Iterable[Platform]) -> list[str]:
    """Spiders, extractors and samples of the project that no entry of ``platforms`` names."""
    registered = {platform.name for platform in platforms}
    spiders = set(SpiderLoader.from_settings(get_project_settings()).list())
    extractors = {path.stem for path in (PROJECT_DIR / "crawlers" / "extract").glob("*.py")} - SHARED_MODULES
    samples = {path.parent.name for path in crawlers.platforms.SAMPLE_DIR.glob("*/routes.json")}
    return [
        f"{kind} {name!r} is not in crawlers/platforms.py"
        for kind, names in (("spider", spiders), ("extractor", extractors), ("sample", samples))
        for name in sorted(names - registered)
    ]


def readme_rows(text: str) -> dict[str, dict[str, str]]:
    """The README's table of spiders: spider name -> its cells by column, in the table's order."""
    lines = text.splitlines()
    if TABLE_HEADER not in lines:
        return {}
    columns = [cell.strip() for cell in TABLE_HEADER.strip("|").split("|")]
    rows = {}
    for line in lines[lines.index(TABLE_HEADER) + 2 :]:
        if not line.startswith("|"):
            break
        cells = dict(zip(columns, (cell.strip() for cell in line.strip("|").split("|")), strict=True))
        rows[cells["spider"].strip("`")] = cells
    return rows


def readme_problems(text: str, platforms: Iterable[Platform]) -> list[str]:
    """Where the README's table of spiders disagrees with ``platforms`` and their spiders."""
    rows = readme_rows(text)
    platforms = list(platforms)
    if list(rows) != [platform.name for platform in platforms]:
        return [f"README.md: the table of spiders lists {list(rows)}, the registry {[p.name for p in platforms]}"]
    problems = []
    for platform in platforms:
        row, spider = rows[platform.name], platform.spider()
        if platform.display_name not in row["platform endpoint"]:
            problems.append(f"README.md: the row of {platform.name} does not name {platform.display_name!r}")
        delay = f"{spider.custom_settings['DOWNLOAD_DELAY']:g} s"
        if row["delay"] != delay:
            problems.append(f"README.md: the delay of {platform.name} is {row['delay']!r}, its spider's {delay!r}")
        for argument in spider.search_arguments:
            if not re.search(rf"`{argument}[`=]", row["arguments"]):
                problems.append(f"README.md: the row of {platform.name} does not name its argument `{argument}`")
    return problems


# The registry and the project as they are.


def test_names_are_unique_identifiers_and_display_names_unique():
    assert len(BY_NAME) == len(PLATFORMS)
    assert all(platform.name.isidentifier() and platform.name.islower() for platform in PLATFORMS)
    assert len({platform.display_name for platform in PLATFORMS}) == len(PLATFORMS)
    assert all(platform.home_url.startswith("https://") for platform in PLATFORMS)


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda platform: platform.name)
def test_every_platform_is_complete(platform):
    assert platform_problems(platform) == []


def test_every_spider_extractor_and_sample_is_registered():
    assert unregistered(PLATFORMS) == []


def test_the_readme_table_lists_every_platform_as_its_spider_is():
    assert readme_problems(README.read_text(encoding="utf-8"), PLATFORMS) == []


def test_readme_links_the_guide_to_adding_a_platform():
    assert "](docs/adding-a-platform.md)" in README.read_text(encoding="utf-8")
    assert (PROJECT_DIR / "docs" / "adding-a-platform.md").is_file()


# Each check on a broken entry: it fails, and says why.


@pytest.fixture
def fake_platform(monkeypatch, tmp_path):
    """A platform ``fake`` made of a spider and an extractor module put in sys.modules, and a sample in tmp_path."""

    def make(*, spider_name: str = "fake", source: str = "fake", sample: bool = True, own_extractor: bool = True):
        extractor = types.ModuleType("crawlers.extract.fake")
        extractor.SOURCE = source
        extractor.read_page = lambda response: None
        spider_module = types.ModuleType("crawlers.spiders.fake")
        extract = extractor.read_page if own_extractor else BY_NAME["remoteok"].extractor().read_page
        spider_module.FakeSpider = type(
            "FakeSpider",
            (scrapy.Spider,),
            {"__module__": spider_module.__name__, "name": spider_name, "extract": staticmethod(extract)},
        )
        monkeypatch.setitem(sys.modules, extractor.__name__, extractor)
        monkeypatch.setitem(sys.modules, spider_module.__name__, spider_module)
        monkeypatch.setattr(crawlers.platforms, "SAMPLE_DIR", tmp_path)
        if sample:
            (tmp_path / "fake").mkdir(exist_ok=True)
            (tmp_path / "fake" / "page.json").write_text("{}")
            (tmp_path / "fake" / "routes.json").write_text(json.dumps([{"path": "/", "file": "page.json"}]))
        return Platform("fake", "Fake", "https://fake.example")

    return make


def test_the_fake_platform_is_complete(fake_platform):
    """The broken entries below differ from a complete one in what each breaks only."""
    assert platform_problems(fake_platform()) == []


def test_a_platform_without_spider_extractor_or_sample_is_incomplete():
    assert platform_problems(Platform("nowhere", "Nowhere", "https://nowhere.example")) == [
        "nowhere: no extractor: crawlers/extract/nowhere.py (No module named 'crawlers.extract.nowhere')",
        "nowhere: no spider: crawlers/spiders/nowhere.py must define one spider (No module named 'crawlers.spiders.nowhere')",
        "nowhere: no sample: sample/nowhere/routes.json",
    ]


def test_a_missing_sample_is_found(fake_platform):
    assert platform_problems(fake_platform(sample=False)) == ["fake: no sample: sample/fake/routes.json"]


def test_names_that_disagree_are_found(fake_platform):
    assert platform_problems(fake_platform(spider_name="faker")) == [
        "fake: the spider of crawlers/spiders/fake.py is named 'faker'"
    ]
    assert platform_problems(fake_platform(source="faker")) == [
        "fake: the SOURCE of crawlers/extract/fake.py is 'faker'"
    ]


def test_a_spider_reading_with_another_extractor_is_found(fake_platform):
    assert platform_problems(fake_platform(own_extractor=False)) == [
        "fake: the spider of crawlers/spiders/fake.py must extract with crawlers.extract.fake.read_page"
    ]


def test_a_spider_not_in_the_registry_is_found():
    without_freelancer = [platform for platform in PLATFORMS if platform.name != "freelancer"]
    assert unregistered(without_freelancer) == [
        "spider 'freelancer' is not in crawlers/platforms.py",
        "extractor 'freelancer' is not in crawlers/platforms.py",
        "sample 'freelancer' is not in crawlers/platforms.py",
    ]


def test_an_out_of_date_readme_table_is_found():
    readme = README.read_text(encoding="utf-8")
    dealls = next(line for line in readme.splitlines() if line.startswith("| `dealls` |"))
    assert readme_problems(readme.replace(dealls + "\n", ""), PLATFORMS)[0].startswith(
        "README.md: the table of spiders lists ['freelancer', "
    )
    slower = readme.replace(dealls, dealls.replace("| 2 s |", "| 5 s |"))
    assert readme_problems(slower, PLATFORMS) == ["README.md: the delay of dealls is '5 s', its spider's '2 s'"]
    no_search = readme.replace(dealls, dealls.replace("`search`", "search"))
    assert readme_problems(no_search, PLATFORMS) == ["README.md: the row of dealls does not name its argument `search`"]
    renamed = readme.replace(dealls, dealls.replace("Dealls", "SejutaCita"))
    assert readme_problems(renamed, PLATFORMS) == ["README.md: the row of dealls does not name 'Dealls'"]
