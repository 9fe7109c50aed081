"""Text from job sites made safe for what the digests and lists write it into.

Titles, company names, places and links come from job sites, and anyone can post a job: every such text goes
through one of these before it reaches a reader. ``clean`` puts it on one line without control characters (which
XML forbids), ``safe_url`` lets only http(s) addresses become links, and ``markdown_text`` and ``markdown_link``
keep it from making Markdown or HTML of its own.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

# C0 and C1 control characters (but tab and newline, which whitespace folding removes anyway).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What can start emphasis, code, a link or a strike-through inside a line of Markdown.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]~])")
# A "-", "+" or "12." at the start of a line begins a list; a "#" a heading.
_LINE_START = re.compile(r"^(?:[-+#]|\d+\.)")
# Characters a linked URL keeps as they are; others (spaces, angle brackets, quotes) would end the link early.
_URL_SAFE = "/:?#[]@!$&'()*+,;=%~-._"


def clean(text: object) -> str:
    """``text`` on one line, without control characters."""
    return " ".join(_CONTROL.sub(" ", str(text)).split())


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address with a host, else None: nothing else is ever made a link."""
    url = clean(url or "")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def markdown_text(text: object) -> str:
    """``text`` as literal Markdown on one line: HTML written as entities, so that no viewer renders it, and the
    punctuation that would format escaped with backslashes."""
    escaped = clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = _MARKDOWN_PUNCTUATION.sub(r"\\\1", escaped)
    return _LINE_START.sub(lambda start: start.group()[:-1] + "\\" + start.group()[-1], escaped)


def markdown_link(label: object, url: str | None) -> str:
    """``[label](<url>)``, or the label alone when ``url`` is not a safe one; both escaped."""
    target = safe_url(url)
    if target is None:
        return markdown_text(label)
    return f"[{markdown_text(label)}](<{quote(target, safe=_URL_SAFE)}>)"
