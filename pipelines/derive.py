"""One normalised view of a posting: canonical skills, occupation class and pay in USD and IDR.

``Deriver`` is used twice: by the store's worker (pipelines.db.worker) for every crawled
posting, just before it is written, and by ``pasarkerja rederive`` for stored ones after the
taxonomy or the exchange rates change. It reads only platform fields, never the database.
"""

from __future__ import annotations

import copy

from crawlers.items import Posting
from pipelines.pay import ExchangeRates, load_rates, normalise_pay
from pipelines.skills.extract import SkillExtractor
from pipelines.skills.occupation import OccupationClassifier
from pipelines.skills.taxonomy import Taxonomy, load_taxonomy

# Bumped when pipelines.pay changes what it stores, so `derived_with` tells rows derived by older rules.
# "kinds 1": salaried, hourly and project pay kept apart; a day rate times 21 (PP 36/2021).
PAY_RULES_VERSION = "kinds 1"


class Deriver:
    """Computes a Posting's derived fields (skill_matches, unmapped_tags, oli_occupation, pay_normalised...)."""

    def __init__(
        self,
        taxonomy: Taxonomy | None = None,
        rates: ExchangeRates | None = None,
    ):
        self.taxonomy = taxonomy
        self.rates = rates

    def fit(self) -> Deriver:
        self.taxonomy_ = self.taxonomy or load_taxonomy()
        self.extractor_ = SkillExtractor(self.taxonomy_).fit()
        self.classifier_ = OccupationClassifier(self.taxonomy_).fit()
        self.rates_ = self.rates or load_rates()
        self.version_ = f"taxonomy {self.taxonomy_.version}; pay {PAY_RULES_VERSION}"
        return self

    def derive(self, posting: Posting) -> Posting:
        """A copy of ``posting`` with its derived fields set; ``posting`` is left as it was."""
        found = self.extractor_.extract(posting.title, posting.description, posting.skills)
        occupation, confidence = self.classifier_.predict_one(found.skills, posting.category, posting.title)
        pay = normalise_pay(
            posting.pay_min,
            posting.pay_max,
            posting.pay_currency,
            posting.pay_period,
            posted_year=posting.posted_at.year if posting.posted_at else None,
            platform_usd_rate=posting.pay_usd_rate,
            rates=self.rates_,
        )
        # A shallow copy (the platform's fields are shared, and never changed): dataclasses.replace builds the
        # posting anew from every field, which costs the store's worker a tenth of its time.
        derived = copy.copy(posting)
        # Plain dicts built by hand from the extractor's tuples: SkillMatch objects, or dataclasses.asdict of them,
        # cost more than the matching.
        derived.skill_matches = [
            {"skill": skill, "source": source, "matched": text[start:end]}
            for skill, source, text, start, end in found.found
        ]
        derived.unmapped_tags = found.unmapped_tags
        derived.oli_occupation, derived.occupation_confidence = occupation, confidence
        derived.pay_normalised = dict(vars(pay)) if pay else None
        derived.derived_with = self.version_
        return derived
