"""How text and the taxonomy's terms are prepared for the automaton (pipelines/skills/extract.py).

A field of text is lower-cased and every character that cannot be part of a skill name becomes a space, keeping
its length, so positions found in the prepared text are those of the original. A name or alias becomes its
match keys: prepared the same way, single-spaced and padded with a space on both sides, so that a key only matches
a whole word or phrase. The word-boundary rules are listed in extract.py's overview.
"""

from __future__ import annotations

import re
import string

# Every ASCII punctuation and space character except the symbols of hard names (". + #") is a separator;
# str.translate replaces them in one fast pass, and the regular expressions below handle the rest.
_SEPARATOR_CHARACTERS = "".join(char for char in string.punctuation + string.whitespace if char not in ".+#")
_ASCII_SEPARATORS = str.maketrans(dict.fromkeys(_SEPARATOR_CHARACTERS, " "))
# The same for ASCII text as bytes: a table lookup, several times faster than str.translate's mapping.
_ASCII_SEPARATOR_BYTES = bytes.maketrans(_SEPARATOR_CHARACTERS.encode(), b" " * len(_SEPARATOR_CHARACTERS))
_OTHER_SEPARATOR = re.compile(r"[^\w .+#]")  # non-ASCII punctuation, symbols and spaces
# The symbols when they are not part of a name: "." not before a letter; "+" not after a letter or "+",
# or between two letters ("python+django"); "#" not after a letter (a hashtag).
_LONE_DOT = re.compile(r"\.(?!\w)")
_LONE_PLUS_OR_HASH = re.compile(r"\+(?<![\w+]\+)|\+(?<=\w\+)(?=\w)|#(?<!\w#)")
_DOT_BETWEEN_LETTERS = re.compile(r"(?<=\w)\.(?=\w)")
_AMPERSAND_BETWEEN_WORDS = re.compile(r"\s+&\s+")


def lower_keeping_length(text: str) -> str:
    """Lower-case `text` keeping its length (a few characters, such as "İ", lower to two)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def separate_words(text: str) -> str:
    """`text` lower-cased with every character that separates words replaced by a space (same length)."""
    prepared = lower_keeping_length(text)
    if prepared.isascii():
        prepared = prepared.encode("ascii").translate(_ASCII_SEPARATOR_BYTES).decode("ascii")
    else:
        prepared = _OTHER_SEPARATOR.sub(" ", prepared.translate(_ASCII_SEPARATORS))
    # A dot is now followed by a letter or digit, a space, ".", "+", "#" or nothing; the common lone one, before a
    # space, without the regular expression.
    prepared = prepared.replace(". ", "  ")
    if prepared.endswith(".") or ".." in prepared or ".+" in prepared or ".#" in prepared:
        prepared = _LONE_DOT.sub(" ", prepared)
    if "+" in prepared or "#" in prepared:  # rare, and the expression is slow
        prepared = _LONE_PLUS_OR_HASH.sub(" ", prepared)
    return prepared


def match_key(term: str) -> str:
    """The form of a name or alias the automaton holds: separated, single-spaced, padded with spaces."""
    return f" {' '.join(separate_words(term).split())} "


def term_keys(term: str) -> list[str]:
    """The automaton keys of a name or alias: its match key; with dots between letters as spaces ("node js"); and
    with "&" for "and" or "dan" between words ("monitoring & evaluation"), as the text prepared holds it: the "&"
    and its spaces are three spaces."""
    key = match_key(_AMPERSAND_BETWEEN_WORDS.sub(" and ", term))
    if not key.strip():
        return []
    keys = [key]
    for conjunction in (" and ", " dan "):
        if conjunction in key:
            keys.append(key.replace(conjunction, "   "))
    spaced = _DOT_BETWEEN_LETTERS.sub(" ", key)  # "node.js" also as "node js"
    return keys if spaced == key else [*keys, spaced]


def plural_key(key: str) -> str | None:
    """A multi-word key with its last word in the plural ("hotel reservations", "unit tests"); None if none.

    Only multi-word keys: a single word plus "s" is too often another word ("excels", "reacts", "sass").
    """
    words = key.split()
    if len(words) < 2 or not words[-1][-1].isalpha() or words[-1][-1] in "sxyz":
        return None
    return f"{key[:-1]}s "
