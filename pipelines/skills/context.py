"""Context in free text: case-sensitive names that are also ordinary words ("Go", "R", "Swift", "Zoom") and the
evidence beside them that they are the skill; and the words after which skills are named but not asked for
("gak perlu ngerti teknik sipil", "paham istilah seperti Java, React"). The rules are written out in
pipelines/skills/extract.py's overview.
"""

from __future__ import annotations

import bisect
import re

_SENTENCE_END = re.compile(r"[.!?]")
_WORD = re.compile(r"\S+")
# Words beside which a case-sensitive name ("Go", "R", "Swift") is technical.
TECH_WORDS = frozenset(
    """
    developer developers engineer engineers programmer programmers programer programming pemrograman
    language lang bahasa code coding coder backend frontend fullstack framework frameworks library libraries
    stack microservice microservices api apis sdk app apps aplikasi application applications web mobile
    ios android script scripts scripting development pengembang engineering experience skills knowledge
    project projects server servers workspace channel channels meeting meetings calls
    """.split()
)
# Previous words that introduce a tool or language: "written in Go", "meetings on Zoom", "knowledge of R",
# "use Slack", "menguasai Go".
INTRODUCING_WORDS = frozenset(
    "in on with using use via of dengan menggunakan memakai pakai melalui lewat menguasai mahir bisa paham memahami".split()
)
# Words skipped when looking for a neighbour: "Python, R and Go" makes R and Go neighbours of Python.
CONNECTORS = frozenset("and or dan atau serta".split())

NEGATION, TERMS = "negation", "terms"
# Cues after which the skills named are not asked for, each with its kind: a negation to the end of its clause
# ("gak perlu ngerti teknik sipil, ...", "bukan posisi barista"), and the terms a recruiter must recognise when
# listed ("paham istilah seperti Java, React, DevOps") to the end of the sentence.
NOT_ASKED_CUES = {
    **{
        f"{no} {need}": NEGATION
        for no in "tidak tak gak ga nggak enggak ngga gk tdk".split()
        for need in "perlu harus usah".split()
    },
    **dict.fromkeys(("bukan", "no need to", "no need for", "don't need", "do not need", "doesn't need"), NEGATION),
    **dict.fromkeys(("istilah", "terms", "jargon", "terminology", "terminologi"), TERMS),
}
# "bukan hanya", "not only": the negation does not reach what follows.
_NOT_ONLY = frozenset("hanya sekadar sekedar cuma cuman saja only".split())
# A list of terms: "istilah seperti", "istilah tech seperti", "terms like", "terms such as".
_LIKE_WORDS = frozenset("seperti kayak macam misalnya like such".split())
_CLAUSE_END = re.compile(r"[.!?,;:]")

# A skill found in a field of text: (start, end, skill, needs_context, rule), positions in the original text;
# needs_context is true for a case-sensitive name, which counts only beside a tech word or another skill.
# Plain tuples, because the extractor makes one for every match and sorts them.
# The fifth field numbers the context rule of a guarded alias (SkillExtractor.rules_), 0 for none.
Candidate = tuple[int, int, str, bool, int]


def with_context(
    candidates: list[Candidate], text: str, separated: str, occupation_of: dict[str, str]
) -> list[Candidate]:
    """Drop case-sensitive names that stand beside no tech word and no accepted skill of their occupation.

    `separated` is `text` as prepared for matching. Accepting one name can give its neighbour context
    ("Python, R and Go"), so this repeats until nothing changes.
    """
    accepted = [found for found in candidates if not found[3]]
    pending = [found for found in candidates if found[3]]
    while pending:
        accepted.sort()
        newly = [found for found in pending if _has_context(found, text, separated, accepted, occupation_of)]
        if not newly:
            break
        accepted += newly
        pending = [found for found in pending if found not in newly]
    return sorted(accepted)


def _has_context(
    found: Candidate, text: str, separated: str, accepted: list[Candidate], occupation_of: dict[str, str]
) -> bool:
    """Whether a tech word or an accepted skill (`accepted`, sorted) stands beside `found`, in its sentence.

    The skill must be of the same occupation: "Grade C accountant" does not make C a programming language.
    """
    found_start, found_end = found[0], found[1]
    occupation = occupation_of[found[2]]

    def is_skill(position: int) -> bool:
        before = bisect.bisect_right(accepted, (position, float("inf"))) - 1
        return before >= 0 and accepted[before][1] > position and occupation_of[accepted[before][2]] == occupation

    after = _word_after(separated, found_end)
    if after is not None and not _SENTENCE_END.search(text, found_end, after[0]):
        if after[1] in TECH_WORDS or is_skill(after[0]):
            return True
    joined = text[found_end : found_end + 2]
    if len(joined) == 2 and not joined[0].isalnum() and not joined[0].isspace() and joined[1].isalnum():
        return False  # "Go-Jek", "R&D": the next word decides alone
    before = _word_before(separated, found_start)
    if before is None or _SENTENCE_END.search(text, before[0] + len(before[1]), found_start):
        return False
    return before[1] in TECH_WORDS or before[1] in INTRODUCING_WORDS or is_skill(before[0])


def _word_after(separated: str, position: int) -> tuple[int, str] | None:
    """(start, word) of the first word from `position` on that is not a connector; None at the end."""
    while word := _WORD.search(separated, position):
        if word.group() not in CONNECTORS:
            return word.start(), word.group()
        position = word.end()
    return None


def _word_before(separated: str, position: int) -> tuple[int, str] | None:
    """(start, word) of the last word before `position` that is not a connector; None at the start."""
    while True:
        end = position
        while end and separated[end - 1] == " ":
            end -= 1
        if end == 0:
            return None
        start = separated.rfind(" ", 0, end) + 1
        if separated[start:end] not in CONNECTORS:
            return start, separated[start:end]
        position = start


def not_asked(candidates: list[Candidate], text: str, separated: str, cues: list[tuple[int, str]]) -> list[Candidate]:
    """`candidates` less those named where a cue says they are not asked for.

    `cues` holds (where the cue ends, its kind) for each cue of NOT_ASKED_CUES found in `text` (`separated` as
    prepared for matching). A negation reaches to the end of its clause, unless "hanya", "sekadar" or the like
    follows it ("bukan hanya ..."); the terms to the end of the sentence, when "seperti", "like" or the like is
    among the next three words.
    """
    stretches = []
    for cue_end, kind in cues:
        following = separated[cue_end : cue_end + 80].split()[:3]
        if kind == NEGATION and not (following and following[0] in _NOT_ONLY):
            end = _CLAUSE_END.search(text, cue_end)
        elif kind == TERMS and not _LIKE_WORDS.isdisjoint(following):
            end = _SENTENCE_END.search(text, cue_end)
        else:
            continue
        stretches.append((cue_end, end.start() if end else len(text)))
    return [found for found in candidates if not any(start <= found[0] < end for start, end in stretches)]
