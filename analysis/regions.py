"""Every regency (kabupaten) and city (kota) of Indonesia with its province, and how people write their names.

The list is ``analysis/reference/regions.csv`` (package data), built by scripts/build_regions.py from the npm package
idn-area-data, which follows the Kemendagri code list; its header names the version, licence and regulation. The
yardstick lookup (analysis/yardsticks.py) takes from it the province of a regency the yardstick table has no row
for, so that every regency and city is known and falls back to its province's figures.

Names are compared case-insensitively, with or without the "Kabupaten", "Kab." or "Kota" prefix (and the
"Administrasi" of Jakarta's), and with a province's "DI"/"DKI" written out or not: "Daerah Istimewa Yogyakarta" is
the yardstick table's "DI Yogyakarta".
"""

from __future__ import annotations

import csv
import difflib
import importlib.resources
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

# Region prefixes a user may write, and the one the list writes.
_PREFIXES = {"kabupaten": "kabupaten", "kab.": "kabupaten", "kab": "kabupaten", "kota": "kota"}
# Jakarta's regency and cities are "Kabupaten/Kota Administrasi ...": the word is part of the prefix.
_ADMINISTRATIVE = "administrasi"
# A province's title written out, and as the yardstick table abbreviates it.
_PROVINCE_TITLES = {"daerah istimewa": "di", "daerah khusus ibukota": "dki", "daerah khusus": "dki"}


@dataclass(frozen=True)
class Region:
    """One regency or city of regions.csv."""

    code: str
    """Kemendagri's code, "34.03"."""
    name: str
    """With its prefix, as the list writes it: "Kabupaten Gunungkidul", "Kota Administrasi Jakarta Selatan"."""
    kind: str
    """"kabupaten" or "kota"."""
    province_code: str
    province: str
    """As the list writes it: "Daerah Istimewa Yogyakarta"."""


@cache
def regions() -> tuple[Region, ...]:
    """The regencies and cities of the bundled regions.csv."""
    text = (importlib.resources.files("analysis") / "reference" / "regions.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return tuple(Region(**row) for row in rows)


def name_key(text: str) -> str:
    """``text`` compared the way region and figure names are: case and runs of spaces ignored."""
    return " ".join(text.split()).casefold()


def split_prefix(region: str) -> tuple[str | None, str]:
    """("kabupaten" or "kota" or None, the rest) of a region name, compared as keys: "Kab. Sleman" is ("kabupaten",
    "sleman"), "Kota Administrasi Jakarta Selatan" ("kota", "jakarta selatan")."""
    first, _, rest = name_key(region).partition(" ")
    if rest and first in _PREFIXES:
        second, _, after = rest.partition(" ")
        return _PREFIXES[first], after if second == _ADMINISTRATIVE and after else rest
    return None, name_key(region)


def province_key(name: str) -> str:
    """A province's key with its title abbreviated as the yardstick table writes it: "Daerah Istimewa Yogyakarta"
    and "DI Yogyakarta" are both "di yogyakarta"."""
    key = name_key(name)
    for title, abbreviation in _PROVINCE_TITLES.items():
        if key.startswith(title + " "):
            return abbreviation + key[len(title) :]
    return key


def closest(name: str, names: Iterable[str], count: int = 3) -> list[str]:
    """The names most like ``name`` (a misspelling: "Gunung Kidul", "Slemen"), best first, compared without their
    prefix."""
    by_base: dict[str, list[str]] = {}
    for known in names:
        by_base.setdefault(split_prefix(known)[1], []).append(known)
    bases = difflib.get_close_matches(split_prefix(name)[1], by_base, n=count, cutoff=0.6)
    return [known for base in bases for known in sorted(by_base[base])][:count]
