"""Read articles from files into :class:`~graph.model.Document` objects.

Supported inputs:

* ``.txt`` — plain text, optionally starting with a ``Key: value`` header
  (Title, Date, Source, URL) followed by a blank line;
* ``.html`` / ``.htm`` — a web page; the article text is extracted with the
  standard library's :mod:`html.parser`;
* ``.jsonl`` — one JSON object per line with a ``text`` (or ``body`` /
  ``content``) field and optional ``id``, ``title``, ``date``, ``url`` /
  ``source``.

Nothing here raises for a bad file: every problem becomes a
:class:`~graph.model.ReadFailure` with a one-line reason naming the file (or
``file:line``), so that one broken article never stops an ingest.

``Document.text`` keeps the body exactly as written (only line endings are
normalised to ``\\n`` and a byte-order mark is removed), because evidence
offsets refer to it.

Example::

    from graph.io.documents import read_documents
    for item in read_documents(["examples/corpus"]):
        print(item)
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from ..model import Document, ReadFailure

__all__ = [
    "SUPPORTED_SUFFIXES",
    "iter_paths",
    "read_file",
    "read_documents",
    "parse_text",
    "parse_html",
    "parse_date",
    "find_date",
]

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")
_SUPPORTED_LIST = ", ".join(SUPPORTED_SUFFIXES)

#: How many non-empty lines at the top of a text are searched for a date.
DATE_SEARCH_LINES = 15

# --------------------------------------------------------------------------
# Paths
# --------------------------------------------------------------------------


def _is_skipped_name(name: str) -> bool:
    """Hidden files and READMEs are never read when a directory is expanded."""
    return name.startswith(".") or name.lower().startswith("readme.")


def _supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _expand_directory(directory: Path) -> list[Path]:
    found: list[Path] = []
    for path in directory.rglob("*"):
        rel = path.relative_to(directory)
        if any(_is_skipped_name(part) for part in rel.parts):
            continue
        if _supported(path) and path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def iter_paths(paths: Iterable[str | Path] | str | Path) -> Iterator[Path]:
    """Expand the given paths into the files to read, in a stable order.

    Directories are walked recursively; their files are yielded sorted by
    relative path, keeping only supported suffixes and skipping hidden files
    (and anything under a hidden directory) and README files. A directory
    with nothing supported is yielded itself, so that :func:`read_file`
    reports it. A path given explicitly is always yielded — even if it does
    not exist or has an unsupported suffix — so that :func:`read_file`
    reports the problem. Each file is yielded once.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[Path] = set()

    def once(path: Path) -> bool:
        try:
            key = path.resolve()
        except OSError:
            key = path.absolute()
        if key in seen:
            return False
        seen.add(key)
        return True

    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = _expand_directory(path)
            if not files:
                if once(path):
                    yield path
                continue
            for file in files:
                if once(file):
                    yield file
        elif once(path):
            yield path


# --------------------------------------------------------------------------
# Dates
# --------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2020-01-06, 2020-01-06T22:27:00Z, 2020/01/06
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?!\d)"),
    # Monday 06 January 2020, 6th of Jan. 2020, Mon, 06 Jan 2020
    re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>\d{{4}})(?!\d)",
               re.IGNORECASE),
    # January 6, 2020, Jan. 6th 2020
    re.compile(rf"\b(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})(?!\d)",
               re.IGNORECASE),
)


def _date_from_match(match: re.Match[str]) -> str | None:
    month = match.group("m")
    month_no = int(month) if month.isdigit() else _MONTHS.get(month.lower().rstrip("."))
    if not month_no:
        return None
    year = int(match.group("y"))
    if not 1900 <= year <= 2100:
        return None
    try:
        return _dt.date(year, month_no, int(match.group("d"))).isoformat()
    except ValueError:
        return None


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


def parse_date(value: str | None) -> str | None:
    """Normalise a date string to ISO ``YYYY-MM-DD``, or ``None`` if there is none.

    Accepts ISO dates and timestamps (``2020-01-06``, ``2020-01-06T22:27Z``),
    ``Monday 06 January 2020 22:27 GMT``, ``6 Jan 2020``, ``January 6, 2020``
    and similar. Numeric day/month orders such as ``01/06/2020`` are
    ambiguous and not accepted.
    """
    if not value:
        return None
    found = _first_date(str(value))
    return found[1] if found else None


def find_date(text: str, max_lines: int = DATE_SEARCH_LINES) -> str | None:
    """Find a publication date near the top of an article.

    Looks at the first ``max_lines`` non-empty lines. A short line that
    holds a date (a dateline such as ``Monday 06 January 2020 22:27 GMT``)
    wins over a date mentioned inside a longer sentence.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()][:max_lines]
    for line in lines:
        if len(line) <= 80:
            iso = parse_date(line)
            if iso:
                return iso
    for line in lines:
        iso = parse_date(line)
        if iso:
            return iso
    return None


# --------------------------------------------------------------------------
# Plain text
# --------------------------------------------------------------------------

_HEADER_RE = re.compile(r"^(title|date|source|url)[ \t]*:[ \t]*(.*?)[ \t]*$", re.IGNORECASE)


def _normalise_newlines(text: str) -> str:
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _split_header(text: str) -> tuple[dict[str, str], str] | None:
    """Split a ``Key: value`` header block from the body, if the text starts with one."""
    headers: dict[str, str] = {}
    pos = 0
    while True:
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


def _first_line(text: str) -> str:
    for line in text.split("\n"):
        if line.strip():
            return line.strip()
    return ""


def _looks_like_url(value: str | None) -> bool:
    return bool(value) and re.match(r"https?://", value or "", re.IGNORECASE) is not None


def parse_text(text: str, *, doc_id: str, source: str) -> Document:
    """Build a Document from plain text.

    If the text starts with ``Key: value`` lines (Title, Date, Source, URL;
    any case) followed by a blank line, they are read and removed from the
    body. Otherwise the first non-empty line is the title and stays in the
    text. The date comes from the header, else from the first lines of the
    body (see :func:`find_date`). A ``Source`` header that is a URL is used
    as the URL when there is no ``URL`` header.
    """
    text = _normalise_newlines(text)
    headers: dict[str, str] = {}
    body = text
    split = _split_header(text)
    if split is not None:
        headers, body = split
    title = headers.get("title") or _first_line(body)
    date = parse_date(headers.get("date")) or find_date(body)
    url = headers.get("url") or (headers["source"] if _looks_like_url(headers.get("source")) else None)
    return Document(id=doc_id, text=body, title=title, date=date, source=source, url=url or None)


# --------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_DROP = frozenset(
    "script style nav footer aside form noscript template svg iframe button select "
    "textarea object canvas head title".split()
)
_BLOCK = frozenset(
    "p h1 h2 h3 h4 h5 h6 li div br blockquote tr section article main header ul ol dl dt dd "
    "table thead tbody tfoot pre figure figcaption hr address body html details summary".split()
)
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate",
    "publishdate", "publish-date", "publication_date", "date", "dc.date", "dc.date.issued",
    "dcterms.date", "dcterms.created", "dcterms.issued", "sailthru.date", "parsely-pub-date",
    "og:published_time", "article:modified_time", "og:updated_time", "datemodified",
)
_SPACE_RE = re.compile(r"\s+")


class _Node:
    __slots__ = ("tag", "attrs", "children", "parent")

    def __init__(self, tag: str, attrs: dict[str, str], parent: _Node | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.children: list[_Node | str] = []
        self.parent = parent

    def find_all(self, tag: str) -> Iterator[_Node]:
        for child in self.children:
            if isinstance(child, _Node):
                if child.tag == tag:
                    yield child
                yield from child.find_all(tag)

    def has_ancestor(self, tag: str) -> bool:
        node = self.parent
        while node is not None:
            if node.tag == tag:
                return True
            node = node.parent
        return False

    def plain_text(self) -> str:
        parts: list[str] = []
        for child in self.children:
            parts.append(child if isinstance(child, str) else child.plain_text())
        return "".join(parts)


class _TreeBuilder(HTMLParser):
    """A forgiving element tree: unknown end tags are ignored, unclosed tags closed at their parent's end."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document", {}, None)
        self.current = self.root
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            key = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").strip().lower()
            if key and "content" in attr:
                self.meta.setdefault(key, attr["content"].strip())
        elif tag == "link" and "canonical" in attr.get("rel", "").lower().split() and attr.get("href"):
            self.canonical = self.canonical or attr["href"].strip()
        node = _Node(tag, attr, self.current)
        self.current.children.append(node)
        if tag not in _VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and self.current.tag == tag:
            self.current = self.current.parent or self.root

    def handle_endtag(self, tag: str) -> None:
        node: _Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def _collapse(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _keep(node: _Node) -> bool:
    """Whether an element's content belongs to the article text."""
    if node.tag in _DROP or "hidden" in node.attrs or node.attrs.get("aria-hidden") == "true":
        return False
    if node.tag == "header":
        # A site banner is dropped; an article's own header (headline, byline, date) is kept.
        return node.has_ancestor("article") or next(node.find_all("h1"), None) is not None
    return True


def _paragraphs(root: _Node) -> list[str]:
    paragraphs: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        para = _collapse("".join(buffer))
        buffer.clear()
        if para:
            paragraphs.append(para)

    def walk(node: _Node) -> None:
        for child in node.children:
            if isinstance(child, str):
                buffer.append(child)
            elif _keep(child):
                block = child.tag in _BLOCK
                if block:
                    flush()
                elif child.tag in ("td", "th"):
                    buffer.append(" ")
                walk(child)
                if block:
                    flush()

    walk(root)
    flush()
    return paragraphs


def _content_root(tree: _Node) -> _Node:
    """The <article> (else <main>, else <body>) holding the most text."""
    for tag in ("article", "main", "body"):
        candidates = list(tree.find_all(tag))
        if tag == "article":
            candidates = [c for c in candidates if not c.has_ancestor("article")]
        candidates = [c for c in candidates if _paragraphs(c)]
        if candidates:
            return max(candidates, key=lambda c: sum(map(len, _paragraphs(c))))
    return tree


def _html_title(tree: _Node, meta: dict[str, str]) -> str:
    title_node = next(tree.find_all("title"), None)
    title = _collapse(title_node.plain_text()) if title_node else ""
    h1_node = next(tree.find_all("h1"), None)
    h1 = _collapse(h1_node.plain_text()) if h1_node else ""
    if h1 and (not title or h1 in title):
        return h1      # "Headline | Site name" → "Headline"
    return title or _collapse(meta.get("og:title", "")) or h1


def _html_date(tree: _Node, meta: dict[str, str]) -> str | None:
    for key in _DATE_META:
        iso = parse_date(meta.get(key))
        if iso:
            return iso
    for time in tree.find_all("time"):
        iso = parse_date(time.attrs.get("datetime")) or parse_date(_collapse(time.plain_text()))
        if iso:
            return iso
    return None


def parse_html(html: str, *, doc_id: str, source: str) -> Document:
    """Build a Document from a web page.

    The title is the first ``<h1>`` when the ``<title>`` contains it (site
    names are dropped), else ``<title>``, ``og:title`` or the first ``<h1>``.
    The date comes from the date meta tags (``article:published_time``,
    ``date``, ``pubdate``, ``dc.date``, …), else the first ``<time>``
    element, else the first lines of the text. The URL is the canonical
    link or ``og:url``. The text is the largest ``<article>`` (else
    ``<main>``, else ``<body>``) without scripts, styles, navigation, site
    headers, footers, asides, forms and hidden elements; block elements
    become paragraphs separated by a blank line, whitespace inside a
    paragraph is collapsed, and the title comes first as its own paragraph.
    The text is empty when the page has no readable text.
    """
    builder = _TreeBuilder()
    builder.feed(_normalise_newlines(html))
    builder.close()
    tree, meta = builder.root, builder.meta
    title = _html_title(tree, meta)
    paragraphs = _paragraphs(_content_root(tree))
    if title and title in paragraphs[:3]:
        paragraphs.remove(title)        # the headline is already the first paragraph
    text = "\n\n".join(([title] if title else []) + paragraphs) if paragraphs else ""
    date = _html_date(tree, meta) or (find_date(text) if text else None)
    url = builder.canonical or meta.get("og:url") or None
    return Document(id=doc_id, text=text, title=title, date=date, source=source, url=url)


# --------------------------------------------------------------------------
# JSON lines
# --------------------------------------------------------------------------

_TEXT_FIELDS = ("text", "body", "content")


def _jsonl_record(record: object, *, path: Path, lineno: int) -> Document | str:
    """A Document for one JSONL record, or the reason it cannot be one."""
    if not isinstance(record, dict):
        return f"expected a JSON object, got {type(record).__name__}"
    text = next((record[k] for k in _TEXT_FIELDS if isinstance(record.get(k), str) and record[k].strip()),
                None)
    if text is None:
        return "record has no text (expected a non-empty string in 'text', 'body' or 'content')"
    text = _normalise_newlines(text)
    url = record.get("url") if isinstance(record.get("url"), str) else None
    src = record.get("source") if isinstance(record.get("source"), str) else None
    if not url and _looks_like_url(src):
        url = src
    rec_id = record.get("id")
    if isinstance(rec_id, (str, int)) and not isinstance(rec_id, bool) and str(rec_id).strip():
        doc_id = str(rec_id).strip()
    else:
        doc_id = url or f"{path.name}#{lineno}"
    title = record.get("title") if isinstance(record.get("title"), str) else ""
    date_value = record.get("date")
    date = parse_date(date_value) if isinstance(date_value, str) else None
    return Document(
        id=doc_id,
        text=text,
        title=title.strip() or _first_line(text),
        date=date or find_date(text),
        source=src or url or f"{path}:{lineno}",
        url=url or None,
        key=url or (doc_id if doc_id != f"{path.name}#{lineno}" else f"{path_key(path)}:{lineno}"),
    )


def _read_jsonl(data: bytes, path: Path) -> list[Document | ReadFailure]:
    items: list[Document | ReadFailure] = []
    offset = 0
    raw_lines = data.split(b"\n")
    for lineno, raw in enumerate(raw_lines, start=1):
        where = f"{path}:{lineno}"
        line_start, offset = offset, offset + len(raw) + 1
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw, line_start = raw[3:], line_start + 3
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            items.append(ReadFailure(where, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} "
                                            f"at byte offset {line_start + exc.start})"))
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(ReadFailure(where, f"not valid JSON ({exc.msg} at column {exc.colno})"))
            continue
        result = _jsonl_record(record, path=path, lineno=lineno)
        items.append(ReadFailure(where, result) if isinstance(result, str) else result)
    return items


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes | ReadFailure:
    source = str(path)
    if path.is_dir():
        return ReadFailure(source, f"directory contains no supported files ({_SUPPORTED_LIST})")
    if not path.exists():
        return ReadFailure(source, "file not found")
    if not _supported(path):
        suffix = path.suffix or "(no suffix)"
        return ReadFailure(source, f"unsupported file type {suffix} (supported: {_SUPPORTED_LIST})")
    try:
        data = path.read_bytes()
    except PermissionError:
        return ReadFailure(source, "permission denied")
    except OSError as exc:
        return ReadFailure(source, f"cannot read file ({exc.strerror or exc})")
    if not data.strip():
        return ReadFailure(source, "file is empty" if not data else "file contains only whitespace")
    if b"\x00" in data:
        return ReadFailure(source, "binary file (contains NUL bytes), not text")
    return data


def _decode(data: bytes, source: str) -> str | ReadFailure:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadFailure(source, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start})")


def _read_items(path: Path) -> list[Document | ReadFailure]:
    """Everything read from one file, in order (documents and failures)."""
    path = Path(path)
    source = str(path)
    data = _read_bytes(path)
    if isinstance(data, ReadFailure):
        return [data]
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(data, path)
    text = _decode(data, source)
    if isinstance(text, ReadFailure):
        return [text]
    if not text.replace("\ufeff", "").strip():
        return [ReadFailure(source, "file contains only whitespace")]
    if suffix == ".txt":
        doc = parse_text(text, doc_id=path.name, source=source)
        if not doc.text.strip():
            return [ReadFailure(source, "no text after the header")]
        return [replace(doc, key=path_key(path))]
    doc = parse_html(text, doc_id=path.name, source=source)
    if not doc.text.strip():
        return [ReadFailure(source, "HTML page has no readable text")]
    return [replace(doc, key=path_key(path))]


def path_key(path: Path) -> str:
    """A file's identity in a store: its path relative to the working directory when
    under it, else its absolute path (``/``-separated, symlinks kept)."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full, os.getcwd())
    return Path(full if rel == ".." or rel.startswith(".." + os.sep) else rel).as_posix()


def read_file(path: Path | str) -> tuple[list[Document], list[ReadFailure]]:
    """Read one file into documents and failures; never raises for a bad file.

    A ``.txt`` or ``.html`` file gives at most one document (its id is the
    file name); a ``.jsonl`` file gives one document per good line and one
    failure (``file:line``) per bad line.
    """
    items = _read_items(Path(path))
    return ([i for i in items if isinstance(i, Document)],
            [i for i in items if isinstance(i, ReadFailure)])


def read_documents(paths: Iterable[str | Path] | str | Path) -> Iterator[Document | ReadFailure]:
    """Read every document under the given files and directories, in order.

    Yields :class:`Document` and :class:`ReadFailure` objects as they come
    (see :func:`iter_paths` for the order); a bad file or line yields a
    failure and reading goes on.
    """
    for path in iter_paths(paths):
        yield from _read_items(path)
