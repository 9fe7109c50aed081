"""Coordination in titles and tags: "Facebook & TikTok Ads" names Facebook Ads beside TikTok Ads, and "iklan
Facebook dan Instagram" names Instagram Ads. The rule is written out in pipelines/skills/extract.py's overview.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Mapping

from pipelines.skills.context import Candidate

# What joins two members of a coordination ("Facebook & TikTok Ads", "iklan Facebook dan Instagram").
_JOINS = re.compile(r"[,&/]|\b(?i:and|or|dan|atau|serta)\b")
_NEXT_WORD = re.compile(r" *(\S+)")


def joining_marks(text: str, separated: str) -> list[tuple[int, int]]:
    """(start, end) of every mark in `text` (`separated` as prepared for matching) that may join two members of
    a coordination, in reading order."""
    if not (
        "," in text
        or "&" in text
        or "/" in text
        or " and " in separated
        or " or " in separated
        or " dan " in separated
        or " atau " in separated
        or " serta " in separated
    ):
        return []  # the common case, tested without the slower expression (and a loop would cost more)
    return [match.span() for match in _JOINS.finditer(text)]


def named_by_coordination(
    text: str,
    separated: str,
    candidates: list[Candidate],
    marks: Iterable[tuple[int, int]],
    coordinable: Mapping[str, str],
) -> list[tuple[int, int, str, bool, int, tuple[int, int]]]:
    """The skills that matches name through a coordination ("Facebook & TikTok Ads").

    `candidates` are the matches of `text` (`separated` as prepared for matching), in reading order, and
    `marks` the (start, end) of what may join two members (`joining_marks`), and `coordinable` the keys a
    coordination may make, each with its skill (SkillExtractor.coordinable_). Returns, for each skill so
    named, (start, end of the coordinated word, skill, False, 0, (start, end) of the coordination from
    that word to the match).
    """
    joined = []  # (end of the word before, start of the word after) each mark that stands between words
    for mark_start, mark_end in marks:
        before = _word_ending_before(separated, mark_start)[1]
        after = _NEXT_WORD.match(separated, mark_end)
        if after and not text[before:mark_start].strip(" ,") and not text[mark_end : after.start(1)].strip():
            joined.append((before, after.start(1)))
    found: list[tuple[int, int, str, bool, int, tuple[int, int]]] = []
    # English puts the head last: the word before the mark takes the first word's place. Right to left, so
    # that "Facebook, Instagram and TikTok Ads" names Instagram Ads, then Facebook Ads.
    extended: dict[int, tuple[str, int, str]] = {}  # start of a coordinated word -> (tail, end, skill)
    for before, after in reversed(joined):
        if (member := extended.get(after)) is None:
            match = _plain_match(candidates, after, 0)
            if match is None or (space := separated.find(" ", match[0], match[1])) < 0:
                continue
            member = separated[space : match[1]], match[1], match[2]
        tail, end, skill = member
        word_start = separated.rfind(" ", 0, before) + 1
        named = coordinable.get(f" {separated[word_start:before]}{tail} ") if before > word_start else None
        if named is not None and named != skill:
            found.append((word_start, before, named, False, 0, (word_start, end)))
            extended[word_start] = tail, end, named
    # Indonesian puts it first: the word after the mark takes the last word's place ("iklan Facebook dan
    # Instagram"). Left to right.
    extended = {}  # end of a coordinated word -> (head, start, skill)
    for before, after in joined:
        if (member := extended.get(before)) is None:
            match = _plain_match(candidates, before, 1)
            if match is None or (space := separated.rfind(" ", match[0], match[1])) < 0:
                continue
            member = separated[match[0] : space], match[0], match[2]
        head, start, skill = member
        word_end = separated.find(" ", after)
        word_end = len(separated) if word_end < 0 else word_end
        named = coordinable.get(f" {head} {separated[after:word_end]} ")
        if named is not None and named != skill:
            found.append((after, word_end, named, False, 0, (start, word_end)))
            extended[word_end] = head, start, named
    return found


def _plain_match(candidates: list[Candidate], position: int, side: int) -> Candidate | None:
    """The candidate that starts (`side` 0) or ends (`side` 1) at `position`, unless a case or context rule
    governs it; candidates are in reading order, none inside another, so sorted by both."""
    index = bisect.bisect_left(candidates, position, key=operator.itemgetter(side))
    if (
        index < len(candidates)
        and candidates[index][side] == position
        and not (candidates[index][3] or candidates[index][4])
    ):
        return candidates[index]
    return None


def _word_ending_before(separated: str, position: int) -> tuple[int, int]:
    """(start, end) of the last word before `position` in `separated` ((0, 0) if none)."""
    end = position
    while end and separated[end - 1] == " ":
        end -= 1
    return separated.rfind(" ", 0, end) + 1, end
