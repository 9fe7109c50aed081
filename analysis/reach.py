"""Who can take a posting: the places someone in a region can work in without moving, and remote work open to
people in Indonesia.

A posting is within reach of someone living in a region when
- it is remote and open to Indonesia: its work place names no country, names Indonesia, or names a wider area
  that holds Indonesia (worldwide, anywhere, Asia, APAC...); "USA only", "Europe" or "Canada, UK" are not; or
- its location names the region or its province (on site, hybrid, unknown, or remote from there).

A place is named when the location holds all its telling words, not any: "Kota Jakarta Selatan" shares "selatan"
with "Kalimantan Selatan", and "Jawa Timur" shares "jawa" with "Jawa Barat". Digests (``--near``), alumni matches
and the earnings of a curriculum all use this one rule.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from analysis.yardsticks import INTERNATIONAL, NATIONAL, YardstickLookupError, Yardsticks
from crawlers.parse.places import places_named
from pipelines.dedupe import GENERIC_PLACE_WORDS, words

INDONESIA = "ID"
# Areas wider than a country that hold Indonesia; any other wide area ("Europe", "LATAM") leaves it out.
_HOLDS_INDONESIA = re.compile(r"world|anywhere|global|asia|apac|asean")


# Jakarta's cities and regency are "Kota/Kabupaten Administrasi" in the official list; postings never write it.
_ADMINISTRATIVE_WORDS = frozenset({"administrasi", "adm"})


def place_words(text: str | None) -> frozenset[str]:
    """The words of a place name that tell which place it is: "Kota Yogyakarta, DI Yogyakarta" -> {"yogyakarta"},
    "Kota Administrasi Jakarta Selatan" -> {"jakarta", "selatan"}."""
    return frozenset(words(text)) - GENERIC_PLACE_WORDS - _ADMINISTRATIVE_WORDS


def places_of(region: str | None, yardsticks: Yardsticks) -> tuple[frozenset[str], ...]:
    """The places someone in ``region`` can work in without moving, each as its telling words: each comma-separated
    part of the region and, when the yardstick table knows it, the table's name for it and its province."""
    if not region:
        return ()
    names = region.split(",")
    try:
        names += [area for area in yardsticks.fallbacks(region) if area not in (NATIONAL, INTERNATIONAL)]
    except YardstickLookupError:
        pass  # a region the table does not know: its own words only
    return tuple(place for place in dict.fromkeys(place_words(name) for name in names) if place)


def open_to_indonesia(location: str | None, country: str | None) -> bool:
    """Whether remote work at ``location`` (``country`` its one country, when known) is open to people in Indonesia:
    it names no country nor area, or names Indonesia or an area holding it."""
    if country:
        return country == INDONESIA
    codes, wide = places_named(location)
    if INDONESIA in codes or (wide and _HOLDS_INDONESIA.search(location.lower())):
        return True
    return not codes and not wide


def within_reach(
    remote: bool | None, location: str | None, country: str | None, places: Sequence[frozenset[str]], remote_ok: bool
) -> bool:
    """Whether someone living in ``places`` can take the posting: remote and open to Indonesia (for someone who works
    remotely, ``remote_ok``), or its location, in Indonesia, names one of ``places`` (remote or not: a remote job
    in their own town suits someone who will not work remotely too)."""
    if remote is True and remote_ok and open_to_indonesia(location, country):
        return True
    if country and country != INDONESIA:
        return False
    located = place_words(location)
    return any(place <= located for place in places)


def reachable(postings: pd.DataFrame, places: Sequence[frozenset[str]]) -> pd.Series:
    """``within_reach`` of each posting (columns remote, location, country), remote work allowed; a bool Series
    indexed like ``postings``. Each distinct (remote, location, country) is judged once."""
    keys = [
        (remote if remote in (True, False) else None, _text(location), _text(country))
        for remote, location, country in zip(postings["remote"], postings["location"], postings["country"], strict=True)
    ]
    verdicts = {key: within_reach(*key, places, remote_ok=True) for key in dict.fromkeys(keys)}
    return pd.Series([verdicts[key] for key in keys], index=postings.index, dtype=bool, name="reachable")


def _text(value) -> str | None:
    """A text cell, or None for an empty one (None or NaN)."""
    return value if isinstance(value, str) and value else None
