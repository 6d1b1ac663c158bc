"""Publication dates: parsing a date string, finding a dateline, reading a date in a file name.

:func:`parse_date` accepts ISO dates and timestamps (``2024-01-04``,
``2024-01-04T22:27:00Z``), ``Jan. 4, 2024``, ``4 January 2024``,
``Thursday 04 January 2024 22:27 GMT``, RFC 2822 (``Thu, 04 Jan 2024 …``)
and whatever else :mod:`dateutil` reads without guessing. Purely numeric
day/month orders such as ``01/04/2024`` are ambiguous and refused.

:func:`find_date` looks for a dateline near the top of an article;
:func:`date_from_name` reads ``2024-01-04-…`` or ``20240104_…`` in a file name.
"""
from __future__ import annotations

import datetime as _dt
import re

__all__ = ["parse_date", "find_date", "date_from_name", "DATE_SEARCH_LINES"]

#: How many non-empty lines at the top of a text are searched for a date.
DATE_SEARCH_LINES = 15
#: Years outside this range are read as noise, not as publication dates.
YEARS = (1900, 2100)

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
# The date inside a line of text: these locate it; the values are checked by datetime.
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2024-01-04, 2024-01-04T22:27:00Z, 2024/01/04
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?!\d)"),
    # Thursday 04 January 2024, 4th of Jan. 2024, Thu, 04 Jan 2024
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})(?!\d)",
               re.IGNORECASE),
    # January 4, 2024, Jan. 4th 2024
    re.compile(rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})(?!\d)",
               re.IGNORECASE),
)
# A date at the start of a file name: 2024-01-04-title.txt, 2024_01_04, 20240104-title.txt.
_NAME_RE = re.compile(r"^(?P<y>\d{4})[-_.]?(?P<m>\d{2})[-_.]?(?P<d>\d{2})(?!\d)")
_LINE_LIMIT = 400          # a line longer than this is prose, searched only in its first characters


def _iso(year: int, month: int, day: int) -> str | None:
    if not YEARS[0] <= year <= YEARS[1]:
        return None
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _date_from_match(match: re.Match[str]) -> str | None:
    month = match.group("m")
    month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    return _iso(int(match.group("y")), month_no, int(match.group("d"))) if month_no else None


def _first_date(text: str) -> tuple[int, str] | None:
    """Earliest valid date in ``text`` as (position, ISO date)."""
    best: tuple[int, str] | None = None
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _date_from_match(match)
            if iso is not None:
                if best is None or match.start() < best[0]:
                    best = (match.start(), iso)
                break
    return best


def _dateutil(value: str) -> str | None:
    """A whole string that dateutil reads as a date with a year, month and day all given."""
    if not re.search(r"\d{4}", value) or not re.search(r"[A-Za-z]", value):
        return None                    # purely numeric and not ISO: day/month order is a guess
    from dateutil import parser

    sentinel_a, sentinel_b = _dt.datetime(1, 1, 1), _dt.datetime(2, 2, 2)
    try:
        a = parser.parse(value, default=sentinel_a)
        b = parser.parse(value, default=sentinel_b)
    except (ValueError, OverflowError, TypeError):
        return None
    if (a.year, a.month, a.day) != (b.year, b.month, b.day):
        return None                    # some part came from the default, not from the text
    return _iso(a.year, a.month, a.day)


def parse_date(value: object) -> str | None:
    """Normalise a date string to ISO ``YYYY-MM-DD``, or ``None`` when it holds no full date."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()[:_LINE_LIMIT]
    found = _first_date(value)
    if found is not None:
        return found[1]
    return _dateutil(value) if len(value) <= 80 else None


def find_date(text: str, max_lines: int = DATE_SEARCH_LINES) -> str | None:
    """Find a publication date near the top of an article.

    Looks at the first ``max_lines`` non-empty lines. A short line holding a
    date (a dateline such as ``Thursday 04 January 2024 22:27 GMT`` or
    ``BEIRUT, Jan. 4, 2024 —``) wins over a date mentioned inside a longer sentence.
    """
    lines: list[str] = []
    start = 0
    while len(lines) < max_lines and start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:min(end, start + _LINE_LIMIT)].strip()
        if line:
            lines.append(line)
        start = end + 1
    for line in lines:
        if len(line) <= 80:
            found = _first_date(line)
            if found:
                return found[1]
    for line in lines:
        found = _first_date(line)
        if found:
            return found[1]
    return None


def date_from_name(name: str) -> str | None:
    """The date a file name starts with (``2024-01-04-strikes.txt``, ``20240104_x.html``), or None."""
    match = _NAME_RE.match(name)
    return _iso(int(match.group("y")), int(match.group("m")), int(match.group("d"))) if match else None
