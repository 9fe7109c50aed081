"""One vacancy counted once: the same job on two platforms, or reposted under a new id.

A posting repeats an earlier one, and gets ``duplicate_of`` = the id of the first posting of that vacancy seen, when

1. both have the same **vacancy key** (``vacancy_key``): employer and title, normalised. Case, punctuation, legal
   forms (PT, CV, Tbk, Ltd...), bracketed asides ("(Remote)", "[Urgent]"), words that advertise rather than name
   the job ("dibutuhkan", "urgent", "hiring") and a trailing place or employer ("Admin - Surabaya") do not count;
2. their **places** do not contradict each other (``places_agree``): different countries, or locations sharing no
   word beyond "Kota", "Indonesia" and the like, are different vacancies even with the same text;
3. their **descriptions** are alike: the Jaccard similarity of their sets of three-word shingles, estimated with
   MinHash (datasketch; 64 permutations, so within about ±0.06 of the true value), is at least ``similarity``
   (0.6). Reposts and cross-posts copy their text; two roles of one employer share its boilerplate but not their
   titles, which the key already tells apart. Where either posting has no description to compare (under
   ``MIN_WORDS`` words), an employer's name with an equal title decides; a freelance client, who has no name, never
   decides alone;
4. the earlier posting was **last seen** at most ``window_days`` (90) before the later one was first seen: a job
   posted again a year later is hiring again.

Each posting is compared with the originals of its key only (postings that are no one's duplicate), first seen
first, and linked to the most similar one that qualifies. The writer (pipelines.db.writer) stores the key of each
new or changed posting and ``link_duplicates`` (pipelines.db.duplicates) links the new ones in the same transaction; a
description's signature is computed only when its key meets another posting's, and stored with the new posting (an
original's is stored by ``relink_all``), since most keys are met once and the key costs a twentieth of the signature.
``relink_all`` (``pasarkerja dedupe``) recomputes every key and link: for rows stored before this existed, after a
change of the settings, and for vacancies two crawls wrote at the same moment (neither sees the other's uncommitted
rows).

This module holds the rules only, on values: it imports neither Scrapy nor SQLAlchemy.
"""

from __future__ import annotations

import functools
import re
import struct
import unicodedata
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

NUM_PERM = 64
SHINGLE_WORDS = 3
# Below this many words a description is a line, not a text: it has too few shingles to compare.
MIN_WORDS = 12
KEY_LENGTH = 255
# Legal forms and words that advertise rather than name a job: not part of an employer's or a job's name.
LEGAL_FORMS = frozenset(
    "pt cv ud tbk persero perseroan terbatas yayasan koperasi ltd limited inc incorporated llc llp gmbh co corp "
    "corporation company pte sdn bhd plc bv ag sa".split()
)
ADVERTISING_WORDS = frozenset(
    "dibutuhkan dicari butuh segera cepat lowongan loker kerja urgent urgently hiring wanted needed immediate "
    "immediately vacancy opening".split()
)
# Words of place names that say nothing about which place it is.
GENERIC_PLACE_WORDS = frozenset(
    "kota kabupaten kab provinsi prov daerah istimewa khusus ibukota dki di indonesia city regency province "
    "special capital region area remote".split()
)
# A trailing " - Surabaya", " | PT Maju", " di Bandung", " @ Acme": a place or the employer, dropped from the title.
_TRAILER = re.compile(r"\s+(?:-|–|—|\||@|di|at|in)\s+([^-–—|@]+)$", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_WORD = re.compile(r"\w+")
NO_EMPLOYER = "?"


@dataclass(frozen=True)
class DedupeSettings:
    """When a posting counts as a repeat; ``-s DEDUPE_SIMILARITY=0.7`` and ``-s DEDUPE_WINDOW_DAYS=60`` set them for a
    crawl, and ``pasarkerja dedupe --similarity --window-days`` for the command."""

    similarity: float = 0.6
    window_days: int = 90

    @classmethod
    def from_settings(cls, settings) -> DedupeSettings:
        return cls(
            similarity=settings.getfloat("DEDUPE_SIMILARITY", cls.similarity),
            window_days=settings.getint("DEDUPE_WINDOW_DAYS", cls.window_days),
        )


def words(text: str | None) -> list[str]:
    """Lower-case words of ``text`` without accents: "Développeur Web!" -> ["developpeur", "web"]."""
    if not text:
        return []
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _WORD.findall(text.lower().replace("_", " "))


def employer_key(company: str | None) -> str:
    """The employer's name without legal forms and punctuation; ``NO_EMPLOYER`` without one."""
    kept = [word for word in words(company) if word not in LEGAL_FORMS]
    return " ".join(kept) or NO_EMPLOYER


def title_key(title: str, location: str | None = None, company: str | None = None) -> str:
    """The job's name: the title without asides, advertising words and a trailing place or employer."""
    title = _BRACKETED.sub(" ", title or "")
    while trailer := _TRAILER.search(title):
        if not set(words(trailer.group(1))) <= GENERIC_PLACE_WORDS | set(words(location)) | set(words(company)):
            break
        title = title[: trailer.start()]
    return " ".join(word for word in words(title) if word not in ADVERTISING_WORDS)


def vacancy_key(title: str, company: str | None, location: str | None) -> str:
    """``employer | job``: postings with equal keys are compared (``is_repeat``)."""
    return f"{employer_key(company)} | {title_key(title, location, company)}"[:KEY_LENGTH]


@functools.cache
def _minhash_permutations():
    # datasketch is imported here, not at the top: it takes half a second (it loads SciPy), which the store's
    # worker would otherwise spend at every crawl's start, and most crawls compare no description.
    from datasketch import MinHash

    return MinHash, MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32).permutations


def description_signature(description: str | None) -> bytes | None:
    """MinHash of the description's three-word shingles (NUM_PERM 32-bit values), or None below MIN_WORDS words.

    crc32 hashes the shingles: fixed, unlike Python's hash(), so signatures stored by one process compare with those
    of another."""
    text = words(description)
    if len(text) < MIN_WORDS:
        return None
    shingles = {" ".join(text[i : i + SHINGLE_WORDS]).encode() for i in range(len(text) - SHINGLE_WORDS + 1)}
    minhash, permutations = _minhash_permutations()
    signature = minhash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32, permutations=permutations, scheme="affine32")
    signature.update_batch(list(shingles))
    return signature.hashvalues.astype("<u4").tobytes()


_SIGNATURE = struct.Struct(f"<{NUM_PERM}I")


def similarity(first: bytes, second: bytes) -> float:
    """Estimated Jaccard similarity of two descriptions from their signatures: the share of equal minimums."""
    equal = sum(a == b for a, b in zip(_SIGNATURE.unpack(first), _SIGNATURE.unpack(second), strict=True))
    return equal / NUM_PERM


def fingerprint_columns(title: str, company: str | None, location: str | None) -> dict:
    """What the writer stores for a changed posting: its ``vacancy_key``, and ``description_minhash`` cleared (a new
    posting has none yet).

    The signature costs far more than the key, and most keys are met once, so it is computed only when a posting is
    compared with another of its key (``Candidate.signature``) and stored then."""
    return {"vacancy_key": vacancy_key(title, company, location), "description_minhash": None}


def places_agree(first_location: str | None, first_country: str | None, second_location, second_country) -> bool:
    """False when the two postings name different countries, or locations with no telling word in common."""
    if first_country and second_country and first_country.upper() != second_country.upper():
        return False
    first = set(words(first_location)) - GENERIC_PLACE_WORDS
    second = set(words(second_location)) - GENERIC_PLACE_WORDS
    return not first or not second or bool(first & second)


@dataclass
class Candidate:
    """What linking needs of a posting."""

    id: int
    vacancy_key: str
    location: str | None
    country: str | None
    first_seen_at: datetime
    """Time-zone aware, as every time compared here."""
    last_seen_at: datetime
    description: str | None
    description_minhash: bytes | None = None
    """The stored signature; None when not computed yet, or when the description is too short to have one."""
    computed: bool = field(default=False, compare=False)
    """Whether ``signature`` computed the signature here, so that it must be stored."""

    def signature(self) -> bytes | None:
        """The description's signature, computed on first use."""
        if self.description_minhash is None and not self.computed:
            self.description_minhash = description_signature(self.description)
            self.computed = True
        return self.description_minhash


def is_repeat(later: Candidate, earlier: Candidate, settings: DedupeSettings) -> tuple[bool, float | None]:
    """(whether ``later`` repeats ``earlier``, the description similarity or None when no text was compared);
    both have the same vacancy key."""
    if earlier.last_seen_at < later.first_seen_at - timedelta(days=settings.window_days):
        return False, None
    if not places_agree(later.location, later.country, earlier.location, earlier.country):
        return False, None
    later_signature, earlier_signature = later.signature(), earlier.signature()
    if later_signature is None or earlier_signature is None:
        return not later.vacancy_key.startswith(f"{NO_EMPLOYER} |"), None
    score = similarity(later_signature, earlier_signature)
    return score >= settings.similarity, score


def first_seen_order(candidate: Candidate) -> tuple[datetime, int]:
    return candidate.first_seen_at, candidate.id


def find_repeats(
    postings: Iterable[Candidate], originals: Iterable[Candidate], settings: DedupeSettings
) -> list[tuple[int, int, float | None]]:
    """(posting id, id of the posting it repeats, similarity) for each of ``postings`` that repeats one of
    ``originals`` or an earlier one of ``postings``; a posting is compared only with those first seen before it."""
    by_key: dict[str, list[Candidate]] = defaultdict(list)
    for original in originals:
        by_key[original.vacancy_key].append(original)
    links = []
    for posting in sorted(postings, key=first_seen_order):
        earlier = [other for other in by_key[posting.vacancy_key] if first_seen_order(other) < first_seen_order(posting)]
        best: tuple[float, Candidate, float | None] | None = None
        for other in earlier:
            repeats, score = is_repeat(posting, other, settings)
            rank = -1.0 if score is None else score  # text compared beats a key alone; then the most alike
            if repeats and (best is None or rank > best[0]):
                best = (rank, other, score)
        if best is None:
            by_key[posting.vacancy_key].append(posting)  # an original: later postings are compared with it
        else:
            links.append((posting.id, best[1].id, best[2]))
    return links
