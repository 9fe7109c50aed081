"""Text cleaning for untrusted platform markup."""

from __future__ import annotations

import html
import re

import lxml.html

_BLOCK_TAGS = ("p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(markup: str | None) -> str | None:
    """Plain text of an HTML fragment: tags dropped, entities decoded, blocks on their own lines."""
    if markup is None:
        return None
    if "<" not in markup:
        return _tidy(html.unescape(markup))
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml raises several types on broken markup; plain text is good enough
        return _tidy(html.unescape(re.sub(r"<[^>]+>", " ", markup)))
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter("img", "script", "style"):
        element.drop_tree()
    return _tidy(root.text_content())


def unescape(value: str | None) -> str | None:
    """Decode HTML entities in a plain-text field (``CI&amp;T`` -> ``CI&T``) and trim it."""
    if value is None:
        return None
    return _tidy(html.unescape(value))


def fix_mojibake(value: str | None) -> str | None:
    """Undo UTF-8 text that was decoded as Latin-1 once too often (``CafÃ©`` -> ``Café``)."""
    if not value or not any("\u00c0" <= ch <= "\u00ff" for ch in value):
        return value
    for wrong_codec in ("cp1252", "latin-1"):
        try:
            return value.encode(wrong_codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
    return value


def _tidy(text: str) -> str | None:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    tidy = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
    return tidy or None


def unescape_markup(value: str | None) -> str | None:
    """HTML served entity-escaped (``&lt;p&gt;``) decoded once; markup served plain is left as it is."""
    # Escaped markup has no literal "<".
    if value is None or "<" in value:
        return value
    return html.unescape(value)
