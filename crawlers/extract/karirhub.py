"""Karirhub, the job portal of Kemnaker (Indonesia's Ministry of Manpower):
``/karirhub/catalogue/v1/industrial-vacancies?page=N&limit=L``.

Envelope ``{data[]}`` and nothing else: no total and no next link, so the first page
shorter than ``limit`` is the last. A record is a search-index hit: ``objectID``, ``_tags``
and ``_highlightResult`` (copies of the text fields) ride along and stay in ``raw``.

- ``id`` (equal to ``_id``) is the vacancy's UUID; ``job_id`` names another object. The
  public page is ``https://karirhub.kemnaker.go.id/lowongan-dalam-negeri/lowongan/{id}``
  (the site finds a vacancy by that trailing UUID).
- ``published_at`` is Unix seconds.
- ``show_salary`` false means the employer hides the pay: then no pay is stored, whatever
  the amount fields hold. Amounts come as ``min_salary_amount``/``max_salary_amount``, each
  with its own currency field (IDR), either of them null. The API names no period: they
  are monthly wages, as Indonesian postings state pay.
- ``job_type_name`` is English (``Full time``, ``Contract``); ``skills`` are display names
  (``skill_keys`` their slugs); ``job_function_name`` is the job's category.
- ``locations`` are opaque ids: ``city_name`` (``KOTA SURAKARTA``, ``KAB. SLEMAN``) is the
  only place text. The listing carries no description and no work place.
"""

from __future__ import annotations

import re
from typing import Any

from scrapy.http import Response

from crawlers.extract.common import Page, convert_records, load_json, record_id, require
from crawlers.items import Posting
from crawlers.parse.dates import from_epoch
from crawlers.parse.employment import employment_type
from crawlers.parse.money import Pay, amount
from crawlers.parse.text import unescape

SOURCE = "karirhub"
VACANCY_URL = "https://karirhub.kemnaker.go.id/lowongan-dalam-negeri/lowongan/{id}"
VACANCY_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def read_page(response: Response) -> Page:
    payload = load_json(response, dict)
    vacancies = require(payload, "data", list)
    return Page(
        items=convert_records(vacancies, to_posting, source=SOURCE, url=response.url),
        record_count=len(vacancies),
    )


def to_posting(vacancy: dict[str, Any]) -> Posting:
    vacancy_id = record_id(vacancy, "id")
    if not VACANCY_ID.fullmatch(vacancy_id):
        raise ValueError(f"id is not a Karirhub vacancy UUID: {vacancy_id!r}")
    pay = _shown_pay(vacancy)
    return Posting(
        source=SOURCE,
        source_id=vacancy_id,
        url=VACANCY_URL.format(id=vacancy_id),
        title=unescape(vacancy["title"]),
        company=unescape(vacancy.get("company_name")),
        posted_at=from_epoch(vacancy.get("published_at")),
        employment_type=employment_type(vacancy.get("job_type_name")),
        location=unescape(vacancy.get("city_name")),
        # Karirhub lists vacancies in Indonesia ("lowongan dalam negeri").
        country="ID",
        pay_min=pay.minimum,
        pay_max=pay.maximum,
        pay_currency=pay.currency,
        pay_period=pay.period,
        skills=list(dict.fromkeys(vacancy.get("skills") or [])),
        category=unescape(vacancy.get("job_function_name")),
        raw=vacancy,
    )


def _shown_pay(vacancy: dict[str, Any]) -> Pay:
    """The monthly pay the employer shows; ``Pay()`` when hidden or not given."""
    if vacancy.get("show_salary") is False:
        return Pay()
    minimum, maximum = amount(vacancy.get("min_salary_amount")), amount(vacancy.get("max_salary_amount"))
    if minimum is None and maximum is None:
        return Pay()
    currencies = {vacancy.get("min_salary_currency"), vacancy.get("max_salary_currency")} - {None}
    if len(currencies) > 1:
        raise ValueError(f"salary bounds in different currencies: {sorted(currencies)}")
    # Domestic vacancies are paid in rupiah; a bound without its currency field is too.
    return Pay(minimum, maximum, currencies.pop() if currencies else "IDR", "month")
