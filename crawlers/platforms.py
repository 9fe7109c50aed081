"""The platforms pasarkerja crawls: one entry each, read by everything that lists platforms.

A platform's ``name`` is its spider's ``name`` (``scrapy crawl NAME``), its extractor's ``SOURCE`` and the
``postings.source`` of what it crawls. Its spider is ``crawlers/spiders/NAME.py``, its extractor
``crawlers/extract/NAME.py`` and its offline sample ``sample/NAME/`` (a ``routes.json`` and the files it serves);
tests/test_platform_registry.py holds every entry to that, and to the README's table of spiders.
docs/adding-a-platform.md says how to add one.

Read by: the digests and alumni lists (``display_names``: a platform as people call it), the ``--source`` filter of
the ``pasarkerja`` commands (``names``), the sample server and ``make demo`` (the samples), and the tests that
crawl every platform. Nothing here imports Scrapy: the spider and the extractor are imported when asked for.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import json
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "sample"


@dataclass(frozen=True)
class Platform:
    """One platform: who it is, and where its spider, extractor and sample are."""

    name: str
    """The spider's ``name``, the extractor's ``SOURCE`` and ``postings.source``: lower case, a Python identifier."""
    display_name: str
    """The platform as people call it ("Remote OK", "Loker.id"), in digests and alumni lists."""
    home_url: str
    """The platform's public home page (for the generic spider: the standard it reads)."""
    sample_site: str | None = None
    """Only for a spider that reads any site rather than one platform (``jobposting``): the invented site its sample
    stands for. Such postings are known by their site's host, not by ``display_name``."""

    @property
    def reads_any_site(self) -> bool:
        return self.sample_site is not None

    @property
    def spider_module(self) -> str:
        return f"crawlers.spiders.{self.name}"

    @property
    def extractor_module(self) -> str:
        return f"crawlers.extract.{self.name}"

    @property
    def sample(self) -> Path:
        """The folder of the offline sample: ``routes.json`` and the files it serves (sample/server.py)."""
        return SAMPLE_DIR / self.name

    def sample_arguments(self) -> list[str]:
        """The ``-a`` arguments a crawl of the sample takes: ``demo-arguments.json`` in its folder, for a spider that
        needs to be told where to start (a sitemap of the sample site); none without one."""
        path = self.sample / "demo-arguments.json"
        return json.loads(path.read_text()) if path.exists() else []

    def spider(self) -> type:
        """The spider class: the one Scrapy spider ``crawlers/spiders/NAME.py`` defines (an ImportError or a
        LookupError without one)."""
        from scrapy import Spider  # here, so that reading the registry never imports Scrapy

        module = importlib.import_module(self.spider_module)
        defined_here = [
            value
            for value in vars(module).values()
            if inspect.isclass(value) and issubclass(value, Spider) and value.__module__ == module.__name__
        ]
        if len(defined_here) != 1:
            raise LookupError(f"{self.spider_module} defines {len(defined_here)} spiders, not one")
        return defined_here[0]

    def extractor(self) -> ModuleType:
        """The extractor module: ``read_page(response) -> Page`` and ``SOURCE``."""
        return importlib.import_module(self.extractor_module)


# In the order of the README's table of spiders.
PLATFORMS: tuple[Platform, ...] = (
    Platform("freelancer", "Freelancer", "https://www.freelancer.com"),
    Platform("remoteok", "Remote OK", "https://remoteok.com"),
    Platform("remotive", "Remotive", "https://remotive.com"),
    Platform("arbeitnow", "Arbeitnow", "https://www.arbeitnow.com"),
    Platform("jobicy", "Jobicy", "https://jobicy.com"),
    Platform("himalayas", "Himalayas", "https://himalayas.app"),
    Platform("weworkremotely", "We Work Remotely", "https://weworkremotely.com"),
    Platform("karirhub", "Karirhub", "https://karirhub.kemnaker.go.id"),
    Platform("kalibrr", "Kalibrr", "https://www.kalibrr.com"),
    Platform("glints", "Glints", "https://glints.com/id"),
    Platform("jobstreet", "JobStreet", "https://id.jobstreet.com"),
    Platform("lokerid", "Loker.id", "https://www.loker.id"),
    Platform("dealls", "Dealls", "https://dealls.com"),
    Platform("projects_co_id", "Projects.co.id", "https://projects.co.id"),
    Platform("jobposting", "schema.org JobPosting", "https://schema.org/JobPosting", "https://lowongan.example"),
)
BY_NAME: dict[str, Platform] = {platform.name: platform for platform in PLATFORMS}


def names() -> tuple[str, ...]:
    """Every platform's name, sorted: the values of ``postings.source``."""
    return tuple(sorted(BY_NAME))


def unknown_name_error(value: str) -> str | None:
    """None when ``value`` is a platform's name (in any case and spacing); otherwise the one-line error for it,
    naming the closest names ("remotve": remotive, remoteok), as ``scrapy crawl`` and ``pasarkerja`` say it."""
    name = value.strip().lower()
    if name in BY_NAME:
        return None
    closest = difflib.get_close_matches(name, names(), n=3, cutoff=0.6) or [
        known for known in names() if known.startswith(name)
    ]
    if closest:
        return f"unknown spider {value!r}; did you mean {', '.join(closest)}? (`scrapy list` names them all)"
    return f"unknown spider {value!r}; the spiders are {', '.join(names())}"


def display_names() -> dict[str, str]:
    """Platform name -> the name people call it by, for the platforms that are one site."""
    return {platform.name: platform.display_name for platform in PLATFORMS if not platform.reads_any_site}
