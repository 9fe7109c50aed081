"""Synthetic listings in the platforms' own formats, served from a local HTTP server.

Two kinds of load, both invented here and none of it real data:

- ``serve_synthetic``: any number of numbered Freelancer projects ("Synthetic project 17"), cheap to
  make, for the crawl benchmark and the crash tests;
- ``serve_market``: the postings of sample/market.py's synthetic labour market, freelance projects in
  the Freelancer API envelope and Indonesian jobs in Kalibrr's job-board search, both offset-paged as the
  real endpoints are, for ``make demo`` and the market tests.

Each platform has one renderer (``freelancer_project``, ``kalibrr_job``) and one page envelope
(``freelancer_page``, ``kalibrr_page``), so both kinds of load have the structure the extractors read.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Iterable
from datetime import timedelta
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from threading import Thread
from typing import Any
from urllib.parse import parse_qs, urlsplit

from crawlers.spiders import freelancer as freelancer_spider
from crawlers.spiders import kalibrr as kalibrr_spider
from sample.market import (
    CITIES,
    CLIENT_COUNTRIES,
    CURRENCY_SIGNS,
    EMPLOYMENT_TYPES,
    FIRST_CLIENT_ID,
    KALIBRR_TENURES,
    MarketPosting,
    freelancer_seo_url,
    kalibrr_company_code,
    slug,
)

PAGE_SIZE = 100
SKILLS = ["PHP", "JavaScript", "Python", "Graphic Design", "Data Entry", "Excel", "WordPress", "SEO"]
FREELANCER_PATH = urlsplit(freelancer_spider.ENDPOINT).path
KALIBRR_PATH = urlsplit(kalibrr_spider.ENDPOINT).path
# Weekly hours of an hourly Freelancer project, by posting number.
HOURLY_COMMITMENTS = (10, 20, 40)


# Freelancer ---------------------------------------------------------------------------------------------


def freelancer_project(
    project_id: int,
    owner_id: int,
    title: str,
    seo_url: str,
    description: str,
    project_type: str,
    budget: tuple[float, float],
    currency: dict[str, Any],
    jobs: Iterable[tuple[str, str]],
    time_submitted: int,
    bid_count: int,
    weekly_hours: int | None = None,
) -> dict[str, Any]:
    """One project of Freelancer's ``projects/active`` API; ``jobs`` are (skill, category) pairs."""
    project = {
        "id": project_id,
        "owner_id": owner_id,
        "title": title,
        "seo_url": seo_url,
        "description": description,
        "type": project_type,
        "budget": {"minimum": budget[0], "maximum": budget[1]},
        "currency": currency,
        "jobs": [{"name": name, "category": {"name": category}} for name, category in jobs],
        "time_submitted": time_submitted,
        "bidperiod": 7,
        "bid_stats": {"bid_count": bid_count},
        "language": "en",
        "frontend_project_status": "open",
    }
    if weekly_hours is not None:
        project["hourly_project_info"] = {"commitment": {"hours": weekly_hours, "interval": "week"}}
    return project


def freelancer_page(projects: list[dict[str, Any]], users: dict[str, dict[str, Any]], total: int) -> bytes:
    """A page of projects in the Freelancer API envelope, with the users who own them."""
    return json.dumps({"status": "success", "result": {"projects": projects, "total_count": total, "users": users}}).encode()


def synthetic_page(offset: int, total: int) -> bytes:
    """One page of numbered invented projects in the Freelancer API envelope (synthetic, not real)."""
    projects = [
        freelancer_project(
            project_id=10_000_000 + number,
            owner_id=1 + number % 50,
            title=f"Synthetic project {number}",
            seo_url=f"synthetic/synthetic-project-{number}",
            description=f"Synthetic description {number}. " * 20,
            project_type="fixed" if number % 3 else "hourly",
            budget=(100 + number % 400, 500 + number % 400),
            currency={"code": "USD", "exchange_rate": 1},
            jobs=[(SKILLS[(number + k) % len(SKILLS)], "Websites, IT & Software") for k in range(3)],
            time_submitted=1_760_000_000 + number,
            bid_count=number % 40,
        )
        for number in range(offset, min(offset + PAGE_SIZE, total))
    ]
    users = {str(1 + n): {"id": 1 + n, "company": f"Synthetic client {n}", "location": {"country": {"code": "id"}}} for n in range(50)}
    return freelancer_page(projects, users, total)


def market_project(posting: MarketPosting) -> tuple[dict[str, Any], dict[str, Any]]:
    """A synthetic market's freelance posting as a Freelancer project, and its owner."""
    owner_id = FIRST_CLIENT_ID + posting.employer_id
    hourly = posting.pay_period == "hour"
    project = freelancer_project(
        project_id=int(posting.source_id),
        owner_id=owner_id,
        title=posting.title,
        seo_url=freelancer_seo_url(int(posting.source_id), slug(posting.title)),
        description=posting.description,
        project_type="hourly" if hourly else "fixed",
        budget=(posting.pay_min, posting.pay_max),
        currency={
            "code": posting.pay_currency,
            "sign": CURRENCY_SIGNS[posting.pay_currency],
            "exchange_rate": posting.pay_usd_rate,
        },
        jobs=[(skill, posting.category) for skill in posting.tags],
        time_submitted=int(posting.posted_at.timestamp()),
        # Invented but steady: the same posting always shows the same count.
        bid_count=posting.id * 37 % 53,
        weekly_hours=HOURLY_COMMITMENTS[posting.id % len(HOURLY_COMMITMENTS)] if hourly else None,
    )
    country_name = next(name for code, name, _, _ in CLIENT_COUNTRIES if code == posting.country)
    owner = {
        "id": owner_id,
        "username": posting.company,
        "display_name": posting.company,
        "role": "employer",
        "location": {"country": {"name": country_name, "code": posting.country.lower()}},
    }
    return project, owner


# Kalibrr ------------------------------------------------------------------------------------------------


def kalibrr_job(posting: MarketPosting) -> dict[str, Any]:
    """A synthetic market's Indonesian posting as a job of Kalibrr's job-board search."""
    lines = [html.escape(line) for line in posting.description.splitlines()]
    company = {
        "code": kalibrr_company_code(posting.company),
        "id": posting.employer_id,
        "name": posting.company,
        "description": "Perusahaan fiktif: data sintetis pasarkerja.",
        "visible": True,
    }
    region = next(region for city, region, _, _ in CITIES if city == posting.city)
    return {
        "activation_date": posting.posted_at.isoformat(),
        "application_end_date": posting.valid_through.isoformat(),
        "base_salary": posting.pay_min,
        "company": company,
        "company_name": posting.company,
        "created_at": (posting.posted_at - timedelta(days=posting.id % 9)).isoformat(),
        # The opening sentence, then the rest as a list, as Kalibrr employers write them.
        "description": f"<p>{lines[0]}</p>\n<ul>\n" + "".join(f"\t<li>{line}</li>\n" for line in lines[1:]) + "</ul>",
        "function": posting.category,
        "google_location": {
            "address_components": {"city": posting.city, "country": "Indonesia", "region": region},
        },
        "id": int(posting.source_id),
        "is_hybrid": False,
        "is_work_from_home": posting.remote,
        "job_sds_skills": [{"sds_skill": {"name": skill}} for skill in posting.tags],
        "maximum_salary": posting.pay_max,
        "name": posting.title,
        "number_of_openings": 1 + posting.id % 3,
        "qualifications": None,
        "salary_currency": "IDR",
        "salary_interval": "month",
        "salary_shown": posting.pay_period is not None,
        "slug": slug(posting.title),
        "tenure": KALIBRR_TENURES[EMPLOYMENT_TYPES.index(posting.employment_type)],
        "visibility": "public",
    }


def kalibrr_page(jobs: list[dict[str, Any]], count: int) -> bytes:
    """A page of jobs in the envelope of Kalibrr's job-board search."""
    return json.dumps({
        "correction_text_search": "",
        "count": count,
        "from_alternative": False,
        "from_correction": False,
        "jobs": jobs,
        "search_text": "",
    }).encode()


# Serving ------------------------------------------------------------------------------------------------

# What a server answers: the body for a request's path and query parameters, or None for 404.
Answer = Callable[[str, dict[str, list[str]]], bytes | None]


def _serve(answer: Answer) -> ThreadingHTTPServer:
    """Serve ``answer`` on 127.0.0.1 (a free port) from a background thread; robots.txt is 404 (allow all)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            parts = urlsplit(self.path)
            body = None if parts.path == "/robots.txt" else answer(parts.path, parse_qs(parts.query))
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Thread(target=server.serve_forever, daemon=True).start()
    return server


def _number(query: dict[str, list[str]], name: str, default: int) -> int:
    return int(query.get(name, [str(default)])[0])


def serve_synthetic(total: int) -> ThreadingHTTPServer:
    """Serve ``total`` synthetic postings on 127.0.0.1 (a free port) from a background thread."""
    page = lru_cache(maxsize=None)(lambda offset: synthetic_page(offset, total))
    for offset in range(0, total, PAGE_SIZE):  # build every page up front: serving costs the same in every run
        page(offset)
    return _serve(lambda path, query: page(_number(query, "offset", 0)))


def serve_market(postings: Iterable[MarketPosting]) -> ThreadingHTTPServer:
    """Serve a synthetic market on 127.0.0.1 (a free port) from a background thread: its freelancer postings
    at Freelancer's projects endpoint, its kalibrr postings at Kalibrr's job-board search, both paged by
    ``offset`` and ``limit``. Crawl them with ``-a base_url=http://127.0.0.1:<port>``."""
    projects, owners, jobs = [], [], []
    for posting in postings:
        if posting.platform == "freelancer":
            project, owner = market_project(posting)
            projects.append(project)
            owners.append(owner)
        else:
            jobs.append(kalibrr_job(posting))

    @lru_cache(maxsize=None)
    def page(path: str, offset: int, limit: int) -> bytes | None:
        if path == FREELANCER_PATH:
            window = slice(offset, offset + limit)
            users = {str(owner["id"]): owner for owner in owners[window]}
            return freelancer_page(projects[window], users, len(projects))
        if path == KALIBRR_PATH:
            return kalibrr_page(jobs[offset : offset + limit], len(jobs))
        return None

    return _serve(lambda path, query: page(path, _number(query, "offset", 0), _number(query, "limit", PAGE_SIZE)))
