"""Hostile input: every bad file or record is one clear line naming it, the rest is read.

Property-based tests (hypothesis) throw random and hostile files at the reader and the
whole extraction pipeline; the fixed cases cover the file system (symbolic link loops,
broken links, FIFOs, devices, folders without permission), JSON traps and documents
longer than the parser's limit.
"""
from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import pipeline
from graph.io.documents import read_documents
from graph.model import Document, Evidence, ReadFailure, Statement, printable
from graph.parallel import PART_CHARS, extract_chunk, split_parts

GOOD = "Iran armed and trained Kataib Hezbollah for years, officials in Baghdad said on Monday.\n"
ROOT_USER = hasattr(os, "geteuid") and os.geteuid() == 0
SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.fixture(scope="module")
def extractor():
    from graph.extract.extractor import Extractor

    return Extractor()


def split(items):
    items = list(items)
    docs = [i for i in items if isinstance(i, Document)]
    failures = [i for i in items if isinstance(i, ReadFailure)]
    return docs, failures


def assert_one_clean_line(failure: ReadFailure) -> None:
    line = str(failure)
    assert line and "\n" not in line and "\r" not in line and "Traceback" not in line
    for ch in line:
        assert unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp"), (repr(ch), line)


# ---------------------------------------------------------------------------- names on the terminal


@pytest.mark.parametrize("name, shown", [
    ("a\nb", "a\\nb"), ("a\x1b[31mred", "a\\x1b[31mred"), ("abc\u202etxt.exe", "abc\\u202etxt.exe"),
    ("caf\udcff", "caf\\xff"), ("back\\slash", "back\\\\slash"), ("quote\"'", "quote\"'"),
])
def test_printable_escapes_what_would_reach_the_terminal(name, shown):
    assert printable(name) == shown


def test_hostile_file_names_are_read_and_reported_escaped(tmp_path):
    evil = tmp_path / "evil\x1b[2J\u202e\nname\".txt"
    evil.write_text(GOOD, encoding="utf-8")
    bad_bytes = os.path.join(os.fsencode(tmp_path), b"bad\xff.txt")
    with open(bad_bytes, "wb") as fh:
        fh.write(GOOD.replace("Monday", "Tuesday").encode())
    empty = tmp_path / "empty\x07\n.txt"
    empty.write_bytes(b"")
    docs, failures = split(read_documents([tmp_path]))
    assert sorted(d.text.split()[-1] for d in docs) == ["Monday.", "Tuesday."]
    for d in docs:
        d.source.encode("utf-8"), d.id.encode("utf-8"), d.path.encode("utf-8")   # storable text
    assert any(d.id == "bad\\xff.txt" for d in docs)
    assert len(failures) == 1 and "empty" in failures[0].problem
    assert_one_clean_line(failures[0])


# ---------------------------------------------------------------------------- the file system


def test_links_fifos_devices_are_reported_and_the_rest_read(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)                      # a folder loop
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")           # a file loop
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "broken.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    items = list(read_documents([tmp_path, tmp_path / "a.txt", tmp_path / "pipe.txt", tmp_path / "x*.txt"]))
    docs, failures = split(items)
    assert [d.id for d in docs] == ["good.txt"]
    problems = {Path(f.source).name: f.problem for f in failures}
    assert "symbolic link loop" in problems["loop"]
    assert "symbolic link loop" in problems["a.txt"] and "symbolic link loop" in problems["b.txt"]
    assert "broken symbolic link" in problems["broken.txt"]
    assert "device" in problems["zero.txt"]
    assert "FIFO" in problems["pipe.txt"]
    assert "no file matches" in problems["x*.txt"]
    for f in failures:
        assert_one_clean_line(f)


@pytest.mark.skipif(ROOT_USER, reason="folder permissions do not apply to root")
@pytest.mark.parametrize("mode, word", [(0o000, "list"), (0o600, "search")])
def test_folders_without_permission_are_reported(tmp_path, mode, word):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(mode)
    try:
        docs, failures = split(read_documents([tmp_path]))
    finally:
        locked.chmod(0o755)
    assert [d.id for d in docs] == ["good.txt"]
    assert [(f.source, word in f.problem) for f in failures] == [(str(locked), True)]


def test_unreadable_folder_is_reported_when_listing_fails(tmp_path, monkeypatch):
    import graph.io.paths as paths

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path):
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(paths.os, "scandir", scandir)
    docs, failures = split(read_documents([tmp_path]))
    assert [d.id for d in docs] == ["good.txt"]
    assert len(failures) == 1 and failures[0].source == str(tmp_path / "locked")
    assert "permission denied" in failures[0].problem


# ---------------------------------------------------------------------------- JSON traps


def test_json_traps_reject_only_their_line(tmp_path):
    lines = [
        json.dumps({"text": GOOD}).encode(),
        b'{"text": "\\ud800 lone surrogate"}',
        b'{"text": "x", "n": ' + b"9" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b'{"text": "nul \x00 inside"}',
        b'{"text": "escaped nul \\u0000 inside"}',
        b'{"text": ["wrong", "type"]}',
        b'{"title": 5, "date": {"x": 1}, "text": "' + GOOD.strip().encode() + b' Again."}',
    ]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"\r".join(lines[:3]) + b"\r\n" + b"\n".join(lines[3:]) + b"\n")   # CR-only line ends too
    docs, failures = split(read_documents([path]))
    assert len(docs) == 2 and docs[1].title == ""
    assert [f.source.rsplit(":", 1)[1] for f in failures] == ["2", "3", "4", "5", "6", "7"]
    reasons = [f.problem for f in failures]
    assert "lone surrogate U+D800" in reasons[0]
    assert "4,300 digits" in reasons[1]
    assert "nested too deeply" in reasons[2]
    assert "NUL byte" in reasons[3] and "NUL character" in reasons[4]
    assert "is a list, not a string" in reasons[5]
    for f in failures:
        assert_one_clean_line(f)


# ---------------------------------------------------------------------------- long documents


def test_split_parts_cuts_at_line_breaks_then_spaces_and_keeps_every_character():
    text = ("word " * 15_000 + "\n") * 2 + "word " * 30_000 + "x" * (PART_CHARS + 7)
    parts = split_parts(text)
    assert "".join(p for _, p in parts) == text
    assert all(len(p) <= PART_CHARS for _, p in parts)
    assert all(text[o:o + len(p)] == p for o, p in parts)
    assert parts[0][1].endswith("\n")


class _Recorder:
    """A stand-in extractor: one statement per part, on the part's first sentence; never
    gets a text over PART_CHARS (the real parser's limit is 1,000,000, E088)."""

    def __init__(self):
        self.lengths = []

    def extract(self, doc):
        assert len(doc.text) <= PART_CHARS
        self.lengths.append(len(doc.text))
        end = doc.text.find(".") + 1 or len(doc.text)
        from graph.model import Actor

        a = Actor("https://w3id.org/actorgraph/actor/Iran", "Iran", "State")
        return [Statement(a, "backedBy", a, doc.id, doc.iri, Evidence(doc.text[:end].strip(), 0, end))]

    def extract_many(self, docs):
        return [(d, self.extract(d)) for d in docs]


@pytest.mark.parametrize("megabytes", [5, 50])
def test_documents_over_the_parser_limit_are_split_not_refused(tmp_path, megabytes):
    sentence = "Iran armed Kataib Hezbollah in Iraq. "
    path = tmp_path / "huge.txt"
    path.write_text("Huge file\n" + (sentence * 2700 + "\n") * (megabytes * 10), encoding="utf-8")
    docs, failures = split(read_documents([path]))
    assert failures == [] and len(docs[0].text) > megabytes * 900_000
    rec = _Recorder()
    [statements] = extract_chunk(rec, docs)
    assert len(rec.lengths) == len(statements) > megabytes * 9
    text = docs[0].text
    for st in statements:
        assert text[st.evidence.start:st.evidence.end].strip() == st.evidence.sentence


def test_a_long_document_is_extracted_in_parts_by_the_real_extractor(extractor, monkeypatch):
    import graph.parallel as parallel

    monkeypatch.setattr(parallel, "PART_CHARS", 4_000)          # the same path as 100,000, sooner
    prose = "Iran armed and trained Kataib Hezbollah, officials said. " * 60 + "\n"
    doc = Document(id="long.txt", text=prose * 2, source="long.txt")
    [statements] = parallel.extract_chunk(extractor, [doc])
    assert isinstance(statements, list) and statements
    assert {s.evidence.start for s in statements} & set(range(len(prose), 2 * len(prose)))
    for s in statements:
        assert doc.text[s.evidence.start:s.evidence.end].strip() == s.evidence.sentence


def test_a_document_whose_extraction_fails_is_one_line_and_the_others_go_on():
    class Flaky(_Recorder):
        def extract(self, doc):
            if "boom" in doc.text:
                raise RecursionError("maximum recursion depth exceeded")
            return super().extract(doc)

        def extract_many(self, docs):
            return [(d, self.extract(d)) for d in docs]

    docs = [Document(id=f"{i}.txt", text=t, source=f"{i}.txt") for i, t in enumerate(["Iran. ok", "boom.", "Iraq. ok"])]
    results = extract_chunk(Flaky(), docs)
    assert isinstance(results[0], list) and isinstance(results[2], list)
    assert results[1] == "extraction failed (RecursionError: maximum recursion depth exceeded)"


# ---------------------------------------------------------------------------- properties

SUFFIXES = st.sampled_from([".txt", ".html", ".htm", ".jsonl", ".json"])
HOSTILE_TEXT = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200).map(lambda s: "\ufeff" + s),
    st.lists(st.sampled_from(["Iran", "Hezbollah", "\u0625\u064a\u0631\u0627\u0646", "\r", "\n", "\x00", "<div>",
                              "</div>", "<script>x()</script>", "{", "}", "\"", "\u202e", " ", "."]),
             max_size=80).map("".join),
)
NAMES = st.text(alphabet=st.sampled_from(list("ab\n\"' \x1b\u202e\u0645.-")), min_size=1, max_size=12)


@SETTINGS
@given(files=st.lists(st.tuples(NAMES, SUFFIXES, st.one_of(HOSTILE_TEXT.map(str.encode), st.binary(max_size=200))),
                      min_size=1, max_size=4))
def test_random_files_each_give_documents_or_one_clean_line(tmp_path_factory, files):
    folder = tmp_path_factory.mktemp("random")
    written = set()
    for i, (name, suffix, data) in enumerate(files):
        path = folder / f"{i}{name.replace('/', '_')}{suffix}"
        path.write_bytes(data)
        written.add(str(path))
    docs, failures = split(read_documents([folder]))
    for f in failures:
        assert_one_clean_line(f)
    touched = {d.source for d in docs} | {f.source for f in failures}
    for path in written:                 # every file gave something: a document or a line naming it
        assert any(t == path or t.startswith(path + ":") for t in touched) or \
            any(d.path.endswith(Path(path).name) for d in docs), path


@SETTINGS
@given(records=st.lists(st.one_of(
    st.dictionaries(st.sampled_from(["text", "title", "date", "url", "id", "body"]),
                    st.one_of(HOSTILE_TEXT, st.integers(), st.none(), st.lists(st.integers(), max_size=3)),
                    max_size=5),
    HOSTILE_TEXT, st.integers()), min_size=1, max_size=6))
def test_random_jsonl_records_through_the_whole_pipeline(tmp_path_factory, extractor, records):
    folder = tmp_path_factory.mktemp("jsonl")
    path = folder / "feed.jsonl"
    lines = [json.dumps(r, ensure_ascii=bool(i % 2)) for i, r in enumerate(records)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    failures: list[ReadFailure] = []
    results = list(pipeline.extract([path], extractor=extractor, failures=failures))
    for f in failures:
        assert_one_clean_line(f)
        assert f.source.startswith(str(path))
    nonblank = sum(1 for line in path.read_bytes().splitlines() if line.strip())
    assert len(results) + len(failures) == nonblank
    for doc, statements in results:
        for s in statements:
            assert doc.text[s.evidence.start:s.evidence.end].strip() == s.evidence.sentence
