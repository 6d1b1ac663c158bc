"""Plain-text articles.

A text may start with a header that is read and removed from the body:

* YAML-style front matter between two ``---`` lines (``title: …``, ``date: …``,
  ``source: …``, ``url: …``; other keys are ignored), or
* ``Key: value`` lines (Title, Date, Source, URL; any case) followed by a blank line.

The title is the header's, else the first line when it looks like a headline
(short, not ending like a sentence); the first line then stays in the text.
The date comes, in this order, from the header, from a date the file name
starts with (``2024-01-04-…``), from a dateline near the top of the text, and
last from the default date given by the caller (``--date``); :attr:`Document.date_origin`
says which. ``Document.text`` keeps the body exactly as written, apart from
line endings (normalised to ``\\n``) and a byte-order mark (removed), because
evidence offsets refer to it.
"""
from __future__ import annotations

import re

from ..model import Document
from .dates import date_from_name, find_date, parse_date

__all__ = ["parse_text", "normalise_newlines", "first_line", "looks_like_title", "looks_like_url"]

_HEADER_RE = re.compile(r"^(title|date|source|url)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
_FRONT_RE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_FRONT_KEYS = {"title": "title", "date": "date", "published": "date", "source": "source", "url": "url",
               "link": "url"}
#: A first line longer than this (characters) or ending like a sentence is not a title.
TITLE_MAX_CHARS = 200
_MAX_HEADER_LINES = 50


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; a leading byte-order mark goes."""
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def first_line(text: str, limit: int = 4000) -> str:
    """The first non-empty line (stripped), looking at most ``limit`` characters into the text."""
    for line in text[:limit].split("\n"):
        if line.strip():
            return line.strip()
    return ""


def looks_like_title(line: str) -> bool:
    """A headline: short, with letters, not ending with a full stop (an ellipsis or abbreviation aside)."""
    line = line.strip()
    if not line or len(line) > TITLE_MAX_CHARS or not any(ch.isalpha() for ch in line):
        return False
    if line.endswith(".") and not line.endswith("..."):
        return False
    return parse_date(line) is None or len(line.split()) > 6     # a dateline alone is not a title


def looks_like_url(value: str | None) -> bool:
    return bool(value) and re.match(r"https?://", value or "", re.IGNORECASE) is not None


def _strip_quotes(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _front_matter(text: str) -> tuple[dict[str, str], str] | None:
    """YAML-style front matter: ``---`` / ``key: value`` lines / ``---``."""
    if not text.startswith("---\n"):
        return None
    end = text.find("\n---", 3)
    if end < 0 or end > 20000:
        return None
    after = text.find("\n", end + 4)
    body = "" if after < 0 else text[after + 1:]
    if text[end + 4:(after if after >= 0 else len(text))].strip():
        return None                                    # "---x" is not the closing line
    headers: dict[str, str] = {}
    for line in text[4:end].split("\n"):
        match = _FRONT_RE.match(line)
        if match and match.group(1).lower() in _FRONT_KEYS:
            headers.setdefault(_FRONT_KEYS[match.group(1).lower()], _strip_quotes(match.group(2)))
    return headers, body


def _header(text: str) -> tuple[dict[str, str], str] | None:
    """A ``Key: value`` header block followed by a blank line, if the text starts with one."""
    headers: dict[str, str] = {}
    pos = 0
    for _ in range(_MAX_HEADER_LINES):
        end = text.find("\n", pos)
        if end < 0:
            return None                      # no blank line after the header
        line = text[pos:end]
        if not line.strip():
            return (headers, text[end + 1:]) if headers else None
        match = _HEADER_RE.match(line)
        if not match:
            return None
        headers.setdefault(match.group(1).lower(), match.group(2))
        pos = end + 1
    return None


def parse_text(text: str, *, doc_id: str, source: str, name: str = "", default_date: str | None = None,
               **fields) -> Document:
    """Build a Document from plain text (see the module docstring).

    ``name`` is the file name (searched for a leading date); ``default_date``
    is used when the text carries no date of its own; ``fields`` are passed on
    to :class:`Document` (``path``, ``ingested``, …).
    """
    text = normalise_newlines(text)
    headers: dict[str, str] = {}
    body = text
    split = _front_matter(text) or _header(text)
    if split is not None:
        headers, body = split
    line = first_line(body)
    title = headers.get("title") or (line if looks_like_title(line) else "")
    date, origin = None, ""
    for candidate, where in ((lambda: parse_date(headers.get("date")), "header"),
                             (lambda: date_from_name(name), "filename"),
                             (lambda: find_date(body), "dateline"),
                             (lambda: parse_date(default_date), "option")):
        date = candidate()
        if date:
            origin = where
            break
    url = headers.get("url") or (headers["source"] if looks_like_url(headers.get("source")) else None)
    return Document(id=doc_id, text=body, title=title, date=date, source=source, url=url or None,
                    date_origin=origin, **fields)
