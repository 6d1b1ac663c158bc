"""Saved web pages: the article text, title, date and URL, taken by trafilatura and htmldate.

trafilatura drops the boilerplate (navigation, footers, scripts, comments,
related links) and reads the metadata (title, canonical URL); htmldate finds the
publication date in the metadata, the markup or the URL, preferring the original
date to an update. The text is trafilatura's, one paragraph per line, with the
headline first when the page has one.

A page nested deeper than lxml's parser goes (about 255 levels) parses as
nothing; such a page falls back to the text outside scripts and styles, read
by the standard library's streaming parser (no tree, so no depth limit).
"""
from __future__ import annotations

import logging
import re
import warnings
from html.parser import HTMLParser

from ..model import Document
from .dates import find_date, parse_date
from .txt import normalise_newlines

__all__ = ["parse_html"]

_NOT_TEXT = frozenset({"script", "style", "template", "noscript", "svg", "head", "title", "iframe", "object"})
_SPACE_RE = re.compile(r"[ \t\f\v]+")


class _FlatText(HTMLParser):
    """Text outside scripts and styles, a line per block; the fallback for pages lxml cannot read."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _NOT_TEXT:
            self.hidden += 1
        elif tag in ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "tr", "article", "section"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_TEXT and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def _flat_text(html: str) -> str:
    parser = _FlatText()
    parser.feed(html)
    parser.close()
    lines = (_SPACE_RE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _metadata(html: str) -> tuple[str, str, str | None, str | None]:
    """(text, title, date, url) by trafilatura and htmldate; empty strings when nothing is found."""
    import trafilatura
    from htmldate import find_date as html_date

    for name in ("trafilatura", "htmldate", "courlan"):     # they log about odd pages; we report
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             include_tables=True, deduplicate=False)
        text = title = ""
        url = None
        if result is not None:
            text, title, url = result.text or "", result.title or "", result.url
        try:
            date = html_date(html, original_date=True, outputformat="%Y-%m-%d", extensive_search=False)
        except (ValueError, RecursionError):
            date = None
        if not date and result is not None:
            date = result.date
    return text, title, parse_date(date) if date else None, url


def parse_html(html: str, *, doc_id: str, source: str, default_date: str | None = None, **fields) -> Document:
    """Build a Document from a web page (see the module docstring).

    The text starts with the title as its own line unless it already does;
    the date comes from the page (``metadata``), else from a dateline at the
    top of the text, else ``default_date`` (``option``). The text is empty
    when the page has no readable text.
    """
    html = normalise_newlines(html)
    try:
        text, title, date, url = _metadata(html)
    except RecursionError:
        text, title, date, url = "", "", None, None
    origin = "metadata" if date else ""
    if not text.strip():
        text = _flat_text(html)
    text = normalise_newlines(text).strip()
    title = " ".join(title.split())
    if text and title and not text.startswith(title):
        text = f"{title}\n{text}"
    if not text:
        title = ""
    if not date and text:
        date, origin = find_date(text), "dateline"
    if not date and default_date:
        date, origin = parse_date(default_date), "option"
    return Document(id=doc_id, text=text, title=title, date=date, source=source, url=url or None,
                    date_origin=origin if date else "", **fields)
