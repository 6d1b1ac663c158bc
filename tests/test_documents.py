"""Tests for graph.io.documents: file discovery, .txt/.html/.jsonl parsing and read failures."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from graph.io.documents import (
    SUPPORTED_SUFFIXES,
    find_date,
    iter_paths,
    parse_date,
    parse_text,
    read_documents,
    read_file,
)
from graph.model import Document, ReadFailure

REPO = Path(__file__).resolve().parents[1]
EXAMPLES_CORPUS = REPO / "examples" / "corpus"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_bytes(content.encode("utf-8"))
    return path


def only_doc(path: Path) -> Document:
    docs, failures = read_file(path)
    assert failures == [], [str(f) for f in failures]
    assert len(docs) == 1
    return docs[0]


def only_failure(path: Path) -> ReadFailure:
    docs, failures = read_file(path)
    assert docs == []
    assert len(failures) == 1
    failure = failures[0]
    assert "\n" not in str(failure)
    assert "Traceback" not in str(failure)
    return failure


# --------------------------------------------------------------------------
# iter_paths
# --------------------------------------------------------------------------


def test_iter_paths_expands_directories_sorted_and_filtered(tmp_path):
    write(tmp_path / "b.txt", "b")
    write(tmp_path / "a.html", "<p>a</p>")
    write(tmp_path / "sub" / "c.jsonl", "{}")
    write(tmp_path / "sub" / "d.HTM", "<p>d</p>")
    write(tmp_path / "notes.md", "skip")
    write(tmp_path / "README.md", "skip")
    write(tmp_path / "README.txt", "skip")
    write(tmp_path / ".hidden.txt", "skip")
    write(tmp_path / ".cache" / "e.txt", "skip")
    write(tmp_path / "image.png", b"\x89PNG")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_paths([tmp_path])]
    assert found == ["a.html", "b.txt", "sub/c.jsonl", "sub/d.HTM"]


def test_iter_paths_yields_explicit_paths_even_if_unsupported_or_missing(tmp_path):
    pdf = write(tmp_path / "report.pdf", b"%PDF")
    missing = tmp_path / "missing.txt"
    empty_dir = tmp_path / "empty"
    empty_dir.mkdir()
    write(empty_dir / "notes.md", "nothing supported here")
    assert list(iter_paths([pdf, str(missing), empty_dir])) == [pdf, missing, empty_dir]


def test_iter_paths_accepts_single_path_and_yields_each_file_once(tmp_path):
    a = write(tmp_path / "a.txt", "a")
    assert list(iter_paths(tmp_path)) == [a]
    assert list(iter_paths([a, tmp_path, str(a)])) == [a]


# --------------------------------------------------------------------------
# dates
# --------------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [
    ("Monday 06 January 2020 22:27 GMT", "2020-01-06"),
    ("January 6, 2020", "2020-01-06"),
    ("Jan. 6 2020", "2020-01-06"),
    ("6th of March 2021", "2021-03-06"),
    ("Mon, 06 Jan 2020 22:27:00 +0000", "2020-01-06"),
    ("2020-01-06", "2020-01-06"),
    ("2020-1-6", "2020-01-06"),
    ("2020-01-06T22:27:00Z", "2020-01-06"),
    ("Published: 2019/12/30", "2019-12-30"),
    ("2020-02-30", None),          # no such day
    ("01/06/2020", None),          # ambiguous day/month order
    ("Mayday 2020", None),
    ("", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_find_date_prefers_a_dateline_to_a_date_inside_a_sentence():
    text = ("Headline here\n"
            "A long caption sentence that mentions a meeting held on March 3, 2019 in a city far away.\n"
            "Tuesday 12 February 2019 08:00 GMT\n")
    assert find_date(text) == "2019-02-12"


def test_find_date_only_searches_the_first_lines():
    top = "\n".join(f"Line number {i} of the story." for i in range(20))
    assert find_date(top + "\nFebruary 2, 2021\n") is None
    assert find_date("Title\n\n\n\nFebruary 2, 2021\n") == "2021-02-02"


# --------------------------------------------------------------------------
# .txt
# --------------------------------------------------------------------------


def test_txt_header_is_parsed_and_removed(tmp_path):
    body = "The river town held a small market.\nTraders came early.\n"
    path = write(tmp_path / "market.txt",
                 "title: Market day in the river town\nDATE: 14 May 2021\n"
                 "Source: https://news.example/market\n\n" + body)
    doc = only_doc(path)
    assert doc.title == "Market day in the river town"
    assert doc.date == "2021-05-14"
    assert doc.url == "https://news.example/market"
    assert doc.text == body
    assert doc.id == "market.txt"
    assert doc.source == str(path)


def test_txt_url_header_wins_over_source_name(tmp_path):
    doc = parse_text("Title: T\nSource: The Example Post\nURL: https://e.example/x\n\nBody text.\n",
                     doc_id="x.txt", source="x.txt")
    assert doc.url == "https://e.example/x"
    assert doc.text == "Body text.\n"


def test_txt_without_header_uses_first_line_as_title_and_keeps_it(tmp_path):
    content = "\n\n  Ferry service resumes on the lake  \nBy a staff writer\nJanuary 9, 2022\n\nBoats sailed again.\n"
    doc = only_doc(write(tmp_path / "ferry.txt", content))
    assert doc.title == "Ferry service resumes on the lake"
    assert doc.text == content
    assert doc.date == "2022-01-09"
    assert doc.url is None


@pytest.mark.parametrize("content", [
    "Title: Not a header block\nThe body starts here without a blank line.\n",
    "Title: Has an unknown key\nAuthor: Someone\n\nBody.\n",
    "Title: No blank line at all",
])
def test_txt_header_needs_known_keys_and_a_blank_line(content):
    doc = parse_text(content, doc_id="x.txt", source="x.txt")
    assert doc.text == content
    assert doc.title == content.split("\n")[0]


def test_txt_header_date_that_does_not_parse_falls_back_to_body():
    doc = parse_text("Title: T\nDate: sometime last spring\n\nT\n2020-04-01\nText.\n",
                     doc_id="x.txt", source="x.txt")
    assert doc.date == "2020-04-01"


def test_txt_without_any_date_has_none(tmp_path):
    assert only_doc(write(tmp_path / "a.txt", "Quiet day\nNothing happened.\n")).date is None


def test_txt_normalises_line_endings_and_bom_only(tmp_path):
    raw = "\ufeffTitle: Storm\r\nDate: 2020-01-06\r\n\r\nWind  blew\r\nhard.\rThe end.\r\n"
    doc = only_doc(write(tmp_path / "storm.txt", raw))
    assert doc.text == "Wind  blew\nhard.\nThe end.\n"
    assert doc.title == "Storm"
    assert doc.date == "2020-01-06"
    start = doc.text.index("hard.")
    assert doc.text[start:start + 5] == "hard."


def test_rereading_gives_the_same_id_and_text(tmp_path):
    path = write(tmp_path / "same.txt", "A title\nSome text.\n")
    first, second = only_doc(path), only_doc(path)
    assert first.id == second.id == "same.txt"
    assert first.iri == second.iri
    assert first.content_hash == second.content_hash


# --------------------------------------------------------------------------
# .jsonl
# --------------------------------------------------------------------------


def test_jsonl_records_and_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "rec-1", "title": "Harbour", "date": "March 2, 2021",
                    "url": "https://e.example/h", "text": "Ships docked.\r\nCrowds waved."}),
        "",
        json.dumps({"body": "Body field text.", "url": "https://e.example/b"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"title": "No text here"}),
        json.dumps({"content": "Content field text.\nSecond line.", "source": "https://e.example/c"}),
        json.dumps({"text": "Plain record.", "id": 7}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Last record.", "date": "not a date"}),
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    items = list(read_documents([path]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Document", "Document", "ReadFailure", "ReadFailure", "ReadFailure",
                     "Document", "Document", "ReadFailure", "Document"]

    first = items[0]
    assert (first.id, first.title, first.date, first.url) == ("rec-1", "Harbour", "2021-03-02",
                                                             "https://e.example/h")
    assert first.text == "Ships docked.\nCrowds waved."
    assert items[1].id == "https://e.example/b"
    assert items[1].text == "Body field text."
    assert items[1].title == ""             # a sentence, not a headline
    assert items[5].id == "https://e.example/c"
    assert items[5].url == "https://e.example/c"
    assert items[5].title == ""
    assert items[6].id == "7"
    assert items[8].id == "feed.jsonl#10"
    assert items[8].date is None

    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [f.source for f in failures] == [f"{path}:{n}" for n in (4, 5, 6, 9)]
    assert "not valid JSON" in failures[0].problem
    assert "JSON object" in failures[1].problem and "list" in failures[1].problem
    assert "no text" in failures[2].problem
    assert "no text" in failures[3].problem
    assert all(str(f).startswith(f"{path}:") and "\n" not in str(f) for f in failures)

    docs, fails = read_file(path)
    assert [d.id for d in docs] == [i.id for i in items if isinstance(i, Document)]
    assert fails == failures


def test_jsonl_invalid_utf8_line_is_reported_and_others_read(tmp_path):
    good = json.dumps({"text": "Fine line."}).encode()
    bad = b'{"text": "bad \xff byte"}'
    path = write(tmp_path / "mixed.jsonl", good + b"\n" + bad + b"\n" + good + b"\n")
    docs, failures = read_file(path)
    assert [d.id for d in docs] == ["mixed.jsonl#1", "mixed.jsonl#3"]
    assert len(failures) == 1
    assert failures[0].source == f"{path}:2"
    assert "UTF-8" in failures[0].problem
    offset = len(good) + 1 + bad.index(b"\xff")
    assert f"offset {offset}" in failures[0].problem


# --------------------------------------------------------------------------
# failures
# --------------------------------------------------------------------------


def test_missing_file(tmp_path):
    path = tmp_path / "nope.txt"
    failure = only_failure(path)
    assert failure.source == str(path)
    assert "not found" in failure.problem


def test_directory_with_nothing_supported(tmp_path):
    folder = tmp_path / "docs"
    write(folder / "notes.md", "markdown only")
    items = list(read_documents([folder]))
    assert len(items) == 1 and isinstance(items[0], ReadFailure)
    assert items[0].source == str(folder)
    assert "no supported files" in items[0].problem


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="file permissions do not apply to root")
def test_unreadable_file_by_permissions(tmp_path):
    path = write(tmp_path / "locked.txt", "secret")
    path.chmod(0)
    try:
        assert "permission denied" in only_failure(path).problem
    finally:
        path.chmod(0o644)


def test_unreadable_file_reported_not_raised(tmp_path, monkeypatch):
    import os as _os

    path = write(tmp_path / "locked.txt", "secret")
    real_open = _os.open

    def deny(name, *args, **kwargs):
        if _os.fspath(name) == str(path):
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(_os, "open", deny)
    failure = only_failure(path)
    assert failure.source == str(path)
    assert "permission denied" in failure.problem


@pytest.mark.parametrize("name, content, expected", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\t\n", "only whitespace"),
    ("blank.html", b"\n \n", "only whitespace"),
    ("empty.jsonl", b"", "empty"),
    ("bom.txt", "\ufeff \n".encode("utf-8"), "only whitespace"),
    ("binary.txt", b"text\x00\x01\x02more", "binary"),
    ("header-only.txt", b"Title: Nothing else\n\n", "no text"),
])
def test_empty_and_binary_files(tmp_path, name, content, expected):
    path = write(tmp_path / name, content)
    failure = only_failure(path)
    assert failure.source == str(path)
    assert expected in failure.problem


def test_invalid_utf8_reports_byte_offset(tmp_path):
    path = write(tmp_path / "latin1.txt", "Caf\u00e9 opens".encode("latin-1"))
    failure = only_failure(path)
    assert "not valid UTF-8" in failure.problem
    assert "offset 3" in failure.problem
    assert "0xe9" in failure.problem


def test_unsupported_suffix(tmp_path):
    path = write(tmp_path / "paper.pdf", b"%PDF-1.4")
    failure = only_failure(path)
    assert "unsupported file type .pdf" in failure.problem
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in failure.problem


def test_failure_str_names_file_and_problem(tmp_path):
    failure = only_failure(tmp_path / "gone.html")
    assert str(failure) == f"{tmp_path / 'gone.html'}: file not found"


def test_directory_with_one_bad_file_still_yields_good_documents(tmp_path):
    write(tmp_path / "a_good.txt", "Good one\nA calm morning.\n")
    write(tmp_path / "b_bad.txt", b"\x00\x01binary")
    write(tmp_path / "c_good.html", "<h1>Good two</h1><p>An evening walk.</p>")
    write(tmp_path / "d_feed.jsonl", json.dumps({"id": "j1", "text": "Good three."}) + "\nnot json\n")
    items = list(read_documents([tmp_path]))
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert [d.id for d in docs] == ["a_good.txt", "c_good.html", "j1"]
    assert [d.title for d in docs] == ["Good one", "Good two", ""]
    assert [f.source for f in failures] == [str(tmp_path / "b_bad.txt"), f"{tmp_path / 'd_feed.jsonl'}:2"]


# --------------------------------------------------------------------------
# real corpora (skipped when absent)
# --------------------------------------------------------------------------


def _corpus_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in iter_paths([folder]) if p.is_file()]


@pytest.mark.skipif(not _corpus_files(EXAMPLES_CORPUS), reason="examples/corpus is absent or empty")
def test_examples_corpus_reads_with_title_and_date():
    items = list(read_documents([EXAMPLES_CORPUS]))
    failures = [str(i) for i in items if isinstance(i, ReadFailure)]
    assert failures == []
    docs = [i for i in items if isinstance(i, Document)]
    assert docs
    for doc in docs:
        assert doc.title.strip(), doc.source
        assert doc.date, f"{doc.source}: no date found"
        assert len(doc.date) == 10 and doc.date[4] == "-" and doc.date[7] == "-"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus is absent")
def test_seed_articles_read_with_titles():
    items = list(read_documents([SEEDS]))
    failures = [str(i) for i in items if isinstance(i, ReadFailure)]
    assert failures == []
    docs = [i for i in items if isinstance(i, Document)]
    assert len(docs) == 5
    assert all(doc.title.strip() for doc in docs)
    assert len({doc.id for doc in docs}) == 5
