"""Exports from news APIs: ``.jsonl`` (one article per line) and ``.json`` (an array of articles,
or one article).

Each record is a JSON object. The fields read, and the names looked up by default:

=========  ======================================
role       field names (first non-empty wins)
=========  ======================================
text       ``text``, ``body``, ``content``
title      ``title``, ``headline``
date       ``date``, ``published``, ``published_at``, ``pubDate``
url        ``url``, ``link``
source     ``source``
id         ``id``
=========  ======================================

A mapping ``{"text": "article.body"}`` (the CLI's ``--field text=article.body``)
replaces the names of a role; a dotted name reads a nested object.

A bad line never costs the rest of the file: a line that is not UTF-8, holds
a NUL byte, is not JSON (or is JSON with an integer over Python's 4,300 digits
or nested too deep), is not an object, has no text, or has a lone surrogate
(``"\\ud800"``) in a field becomes one failure naming ``file:line``; ``\\n``,
``\\r\\n`` and a lone ``\\r`` all end a line.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Mapping

from ..model import Document, ReadFailure
from .dates import find_date, parse_date
from .txt import first_line, looks_like_title, looks_like_url, normalise_newlines

__all__ = ["DEFAULT_FIELDS", "ROLES", "read_jsonl", "read_json", "record_document"]

DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at", "pubDate"),
    "url": ("url", "link"),
    "source": ("source",),
    "id": ("id",),
}
ROLES = tuple(DEFAULT_FIELDS)


def _lookup(record: Mapping, name: str) -> object:
    value: object = record
    for part in name.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _field(record: Mapping, role: str, fields: Mapping[str, str] | None) -> tuple[str, object]:
    names = (fields[role],) if fields and role in fields else DEFAULT_FIELDS[role]
    for name in names:
        value = _lookup(record, name)
        if value not in (None, ""):
            return name, value
    return names[0], None


def _bad_string(value: str) -> str | None:
    """Why a string cannot be stored, or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"lone surrogate U+{ord(value[exc.start]):04X} at character {exc.start}"
    if "\x00" in value:
        return f"NUL character at character {value.index(chr(0))}"
    return None


def record_document(record: object, *, where: str, fallback_id: str, fields: Mapping[str, str] | None = None,
                    default_date: str | None = None, key: str = "", **extra) -> Document | str:
    """A Document for one record, or the one-line reason it cannot be one; its store
    identity (``key``) is its URL, else its record id, else ``key`` (``file:line``)."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    values: dict[str, str | None] = {}
    for role in ROLES:
        name, value = _field(record, role, fields)
        if role == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if value is not None and not isinstance(value, str):
            if role == "text":
                return f"field '{name}' is a {type(value).__name__}, not a string"
            value = None                             # a title or date of the wrong type is ignored
        if isinstance(value, str):
            bad = _bad_string(value)
            if bad:
                return f"field '{name}' has a {bad}"
            value = value.strip() if role != "text" else value
        values[role] = value or None
    text = values["text"]
    if not text or not text.strip():
        names = (fields or {}).get("text") or "', '".join(DEFAULT_FIELDS["text"])
        return f"record has no text (expected a non-empty string in '{names}')"
    text = normalise_newlines(text)
    url, src = values["url"], values["source"]
    if not url and looks_like_url(src):
        url = src
    rec_id = values["id"]
    line = first_line(text)
    date, origin = parse_date(values["date"]), "record"
    if not date:
        date, origin = find_date(text), "dateline"
    if not date:
        date, origin = parse_date(default_date), "option"
    return Document(
        id=rec_id or url or fallback_id,
        text=text,
        title=values["title"] or (line if looks_like_title(line) else ""),
        date=date,
        source=src or url or where,
        url=url,
        record_id=rec_id,
        key=url or rec_id or key,
        date_origin=origin if date else "",
        **extra,
    )


def _parse(line: str) -> object | str:
    """The JSON value of a line, or the reason it is not JSON (never raises)."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        return _Problem(f"not valid JSON ({exc.msg} at column {exc.colno})")
    except ValueError:                        # an integer over sys.get_int_max_str_digits() digits
        return _Problem(f"not usable JSON (an integer longer than {sys.get_int_max_str_digits():,} digits)")
    except RecursionError:
        return _Problem("not usable JSON (nested too deeply)")


class _Problem(str):
    """A parse failure, told apart from a JSON string value."""


def read_jsonl(data: bytes, *, source: str, name: str, fields: Mapping[str, str] | None = None,
               default_date: str | None = None, key: str = "", **extra) -> Iterator[Document | ReadFailure]:
    """Documents and failures of a JSON-lines file, in order (see the module docstring)."""
    offset = 0
    for lineno, raw in enumerate(data.splitlines(keepends=True), start=1):
        where = f"{source}:{lineno}"
        line_start, offset = offset, offset + len(raw)
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, line_start = raw[3:], line_start + 3
        raw = raw.rstrip(b"\r\n")
        if b"\x00" in raw:
            yield ReadFailure(where, f"NUL byte at byte offset {line_start + raw.index(0)}; line skipped")
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield ReadFailure(where, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} "
                                     f"at byte offset {line_start + exc.start})")
            continue
        if not line.strip():
            continue
        record = _parse(line)
        if isinstance(record, _Problem):
            yield ReadFailure(where, str(record))
            continue
        result = record_document(record, where=where, fallback_id=f"{name}#{lineno}", fields=fields,
                                 default_date=default_date, key=f"{key or source}:{lineno}", **extra)
        yield ReadFailure(where, result) if isinstance(result, str) else result


def read_json(text: str, *, source: str, name: str, fields: Mapping[str, str] | None = None,
              default_date: str | None = None, key: str = "", **extra) -> Iterator[Document | ReadFailure]:
    """Documents and failures of a ``.json`` file: an array of records (``file:[i]`` in failures) or one."""
    value = _parse(text)
    if isinstance(value, _Problem):
        yield ReadFailure(source, str(value))
        return
    records = value if isinstance(value, list) else [value]
    single = not isinstance(value, list)
    for i, record in enumerate(records):
        where = source if single else f"{source}:[{i}]"
        result = record_document(record, where=where, fallback_id=name if single else f"{name}#{i}",
                                 fields=fields, default_date=default_date,
                                 key=(key or source) if single else f"{key or source}:[{i}]", **extra)
        yield ReadFailure(where, result) if isinstance(result, str) else result
