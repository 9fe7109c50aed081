"""Places as platforms write them: country names to ISO 3166-1 alpha-2 codes."""

from __future__ import annotations

import re

# Country names (and common short forms) as job boards write them, lower-cased.
# A name missing here leaves the country unknown, nothing worse.
COUNTRIES = {
    "uae": "AE", "united arab emirates": "AE", "argentina": "AR", "austria": "AT", "australia": "AU",
    "bangladesh": "BD", "belgium": "BE", "bulgaria": "BG", "brazil": "BR", "canada": "CA", "switzerland": "CH",
    "chile": "CL", "china": "CN", "colombia": "CO", "costa rica": "CR", "cyprus": "CY", "czech republic": "CZ",
    "czechia": "CZ", "germany": "DE", "denmark": "DK", "estonia": "EE", "egypt": "EG", "spain": "ES",
    "finland": "FI", "france": "FR", "england": "GB", "great britain": "GB", "uk": "GB", "united kingdom": "GB",
    "greece": "GR", "hong kong": "HK", "croatia": "HR", "hungary": "HU", "indonesia": "ID",
    "ireland": "IE", "israel": "IL", "india": "IN", "italy": "IT", "japan": "JP", "kenya": "KE",
    "south korea": "KR", "sri lanka": "LK", "lithuania": "LT", "latvia": "LV", "mexico": "MX",
    "malaysia": "MY", "nigeria": "NG", "netherlands": "NL", "norway": "NO", "new zealand": "NZ",
    "peru": "PE", "philippines": "PH", "pakistan": "PK", "poland": "PL", "portugal": "PT", "romania": "RO",
    "serbia": "RS", "sweden": "SE", "singapore": "SG", "slovenia": "SI", "slovakia": "SK", "thailand": "TH",
    "turkey": "TR", "türkiye": "TR", "taiwan": "TW", "ukraine": "UA", "united states": "US",
    "united states of america": "US", "us": "US", "usa": "US", "viet nam": "VN", "vietnam": "VN",
    "south africa": "ZA",}
# A part naming any of these is wider than one country ("Europe", "APAC", "Worldwide"...).
_REGION = re.compile(r"world|anywhere|global|europe|asia|america|africa|oceania|middle east|emea|apac|latam|timezone")
_PARTS = re.compile(r"[,;/|]|\bor\b|\band\b")


def country_code(name: str | None) -> str | None:
    """ISO code of one country name (``Indonesia``, ``USA``, ``UK only``), or None."""
    if not name:
        return None
    return COUNTRIES.get(name.strip().lower().removesuffix(" only").strip())


def places_named(location: str | None) -> tuple[frozenset[str], bool]:
    """ISO codes of the countries ``location`` names, and whether it names an area wider than one country
    (``"USA, Canada"`` -> ({"US", "CA"}, False); ``"Europe, UK"`` -> ({"GB"}, True); ``"Toronto"`` -> ((), False))."""
    if not location:
        return frozenset(), False
    codes, wide = set(), False
    for part in _PARTS.split(location.lower()):
        code = country_code(part)
        if code:
            codes.add(code)
        elif _REGION.search(part):
            wide = True
    return frozenset(codes), wide


def country_of(location: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code when ``location`` names exactly one country and no wider region.

    ``"Jakarta, Indonesia"`` and ``"USA only"`` give a code; ``"USA, Canada"``,
    ``"Europe, UK"``, ``"Worldwide"`` and unknown places (``"Toronto"``) give None.
    """
    codes, wide = places_named(location)
    return next(iter(codes)) if len(codes) == 1 and not wide else None
