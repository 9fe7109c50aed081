"""The items a crawl produces.

``Posting`` is one job or freelance project as a platform lists it, modelled on
schema.org JobPosting plus what freelance marketplaces add (client country, bid
count, fixed-price projects). ``Reject`` is a record or page that could not become
a posting; it travels through the same pipelines and lands in the ``rejects`` table.

Every field that ``postings`` stores is a field here, so docs/schema.md, the
model in ``pipelines.db.models`` and this module describe the same thing.
"""

from __future__ import annotations

import json
import reprlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

EMPLOYMENT_TYPES = ("full_time", "part_time", "contract", "freelance", "internship", "temporary")
PAY_PERIODS = ("hour", "day", "week", "month", "year", "project")


@dataclass
class Posting:
    """One job vacancy or freelance project."""

    source: str
    """Platform key, equal to the spider name (``freelancer``, ``remoteok``...)."""
    source_id: str
    """The platform's own identifier of the posting, as text."""
    url: str
    """Canonical public URL of the posting on the platform."""
    title: str
    """Job title or project name, plain text."""
    description: str | None = None
    """Description as plain text (tags stripped, entities decoded)."""
    description_html: str | None = None
    """Description as the platform serves it, HTML kept for re-parsing."""
    company: str | None = None
    """Hiring company or, on freelance platforms, the client's name."""
    client_country: str | None = None
    """ISO 3166-1 alpha-2 code of the client's or company's country."""
    posted_at: datetime | None = None
    """When the platform published the posting, timezone-aware UTC."""
    valid_through: datetime | None = None
    """Application deadline or bidding end, timezone-aware UTC."""
    employment_type: str | None = None
    """One of EMPLOYMENT_TYPES, or None when the platform does not say."""
    remote: bool | None = None
    """True for remote work, False for on-site, None when unknown."""
    location: str | None = None
    """Location text as shown (city, region, "Worldwide", "USA only"...)."""
    country: str | None = None
    """ISO 3166-1 alpha-2 code of the work location, when one country is known."""
    pay_min: float | None = None
    """Lower bound of the pay, in ``pay_currency`` per ``pay_period``."""
    pay_max: float | None = None
    """Upper bound of the pay; equal to ``pay_min`` for a single figure."""
    pay_currency: str | None = None
    """ISO 4217 code of the pay."""
    pay_period: str | None = None
    """One of PAY_PERIODS; ``project`` for a fixed-price freelance budget."""
    pay_text: str | None = None
    """Pay as the platform shows it, verbatim, when it shows text."""
    pay_usd_rate: float | None = None
    """The platform's own rate to US dollars for ``pay_currency`` (USD = amount x rate), when it gives one."""
    skills: list[str] = field(default_factory=list)
    """The platform's own skill names or tags, deduplicated, in platform order."""
    category: str | None = None
    """The platform's own category of the posting."""
    bid_count: int | None = None
    """Freelance bids placed so far, where the platform shows it."""
    applicant_count: int | None = None
    """Applicants so far, where the platform shows it."""
    language: str | None = None
    """ISO 639-1 code of the posting's language, when the platform says."""
    status: str | None = None
    """Platform status of the posting (``open``, ``closed``...), when given."""
    raw: Any = None
    """The platform's record exactly as received (parsed JSON or markup text)."""

    # Derived from the fields above by pipelines.derive, in the store's worker process just
    # before the posting is written; `pasarkerja rederive` recomputes them for stored postings.
    skill_matches: list[dict[str, str]] = field(default_factory=list)
    """Canonical skills found: ``{"skill", "source" (tag, title, text), "matched"}``."""
    unmapped_tags: list[str] = field(default_factory=list)
    """Platform tags that map to no skill of the taxonomy (so the taxonomy can grow)."""
    oli_occupation: str | None = None
    """Occupation class of ``pipelines.skills.taxonomy.OCCUPATIONS``: an Online Labour Index class such as
    ``software_development``, or ``other`` (local manual work)."""
    occupation_confidence: float | None = None
    """Confidence of ``oli_occupation``, 0 to 1."""
    pay_normalised: dict[str, Any] | None = None
    """Pay in USD and IDR per hour and per month (or one-off), see pipelines.pay.NormalisedPay."""
    derived_with: str | None = None
    """Taxonomy and rate versions the derived fields were computed with."""

    def __copy__(self) -> Posting:
        # A shallow copy, as copy.copy makes, without its generic way through __reduce_ex__: the store's worker
        # copies every posting it derives (pipelines.derive), and that way cost it twice this.
        copied = object.__new__(type(self))
        copied.__dict__ = self.__dict__.copy()
        return copied


@dataclass
class Reject:
    """A record or page that could not become a posting, kept for inspection."""

    source: str
    """Platform key of the spider that met it."""
    reason: str
    """Short machine-readable reason, e.g. ``invalid_json`` or ``missing:title``."""
    url: str | None = None
    """URL of the page the record came from."""
    detail: str | None = None
    """Human-readable explanation (exception message, offending value)."""
    snippet: str | None = None
    """The raw record or the start of the page, as text (``snippet``)."""


SNIPPET_CHARS = 2000


def snippet(value: Any) -> str:
    """The start of a raw record or body as text, for ``Reject.snippet``: a raw record as JSON (bytes are
    taken as text already), a body as it is."""
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
    elif isinstance(value, str):
        text = value
    else:
        try:
            text = json.dumps(value, ensure_ascii=False, default=str)
        except RecursionError:  # a record nested too deep to write out: its shallow outline must do
            text = reprlib.repr(value)
    return text[:SNIPPET_CHARS]
