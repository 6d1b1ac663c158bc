"""Plain text with dates in three places, JSON exports with custom field names, date parsing."""
from __future__ import annotations

import json

import pytest

from graph.io.dates import date_from_name, find_date, parse_date
from graph.io.documents import ReadOptions, parse_fields, read_file

BODY = ("The ferry between Kessa and Orlo resumed service after a winter pause.\n"
        "Captains said the crossing took forty minutes.\n")


def one(path, options=None):
    docs, failures = read_file(path, options)
    assert failures == [], [str(f) for f in failures]
    assert len(docs) == 1
    return docs[0]


@pytest.mark.parametrize("value, expected", [
    ("2024-01-04", "2024-01-04"),
    ("2024-01-04T22:27:00Z", "2024-01-04"),
    ("Jan. 4, 2024", "2024-01-04"),
    ("4 January 2024", "2024-01-04"),
    ("Thursday 04 January 2024 22:27 GMT", "2024-01-04"),
    ("Thu, 04 Jan 2024 22:27:00 +0000", "2024-01-04"),
    ("January 4th, 2024", "2024-01-04"),
    ("01/04/2024", None),                       # day/month order unknown
    ("January 2024", None),                     # no day
    ("4 January 1492", None),                   # outside the years read as publication dates
    ("not a date", None),
    (None, None),
])
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_date_in_a_file_name():
    assert date_from_name("2024-01-04-ferry-resumes.txt") == "2024-01-04"
    assert date_from_name("20240104_ferry.txt") == "2024-01-04"
    assert date_from_name("2024-13-04-x.txt") is None
    assert date_from_name("ferry-2024-01-04.txt") is None


def test_txt_date_from_front_matter_file_name_and_dateline(tmp_path):
    front = tmp_path / "2023-05-06-ferry.txt"
    front.write_text("---\ntitle: Ferry resumes\ndate: March 2, 2021\nauthor: x\n---\n"
                     "KESSA, Jan. 9, 2022 — " + BODY, encoding="utf-8")
    doc = one(front)
    assert (doc.title, doc.date, doc.date_origin) == ("Ferry resumes", "2021-03-02", "header")
    assert doc.text.startswith("KESSA, Jan. 9, 2022")

    named = tmp_path / "2023-05-06-ferry-again.txt"
    named.write_text("Ferry resumes\nKESSA, Jan. 9, 2022 — " + BODY, encoding="utf-8")
    doc = one(named)
    assert (doc.title, doc.date, doc.date_origin) == ("Ferry resumes", "2023-05-06", "filename")

    dateline = tmp_path / "ferry.txt"
    dateline.write_text("Ferry resumes\n9 January 2022\n" + BODY, encoding="utf-8")
    doc = one(dateline)
    assert (doc.date, doc.date_origin) == ("2022-01-09", "dateline")

    bare = tmp_path / "ferry-undated.txt"
    bare.write_text(BODY, encoding="utf-8")
    doc = one(bare)
    assert (doc.date, doc.date_origin, doc.title) == (None, "", "")    # a sentence is not a title
    assert doc.ingested and len(doc.ingested) == 10
    doc = one(bare, ReadOptions(default_date="2020-02-03"))
    assert (doc.date, doc.date_origin) == ("2020-02-03", "option")


def test_find_date_prefers_a_dateline_to_a_date_in_a_sentence():
    text = "Ferry resumes\nOfficials recalled the storm of 3 March 2019, when the crossing was closed for a whole month.\nOrlo, 5 May 2021\n"
    assert find_date(text) == "2021-05-05"


def test_jsonl_with_custom_fields(tmp_path):
    path = tmp_path / "export.jsonl"
    records = [
        {"uid": "a-1", "headline": "Ferry resumes", "meta": {"published": "Jan. 4, 2024"},
         "article": {"body": BODY}, "link": "https://news.example/a-1"},
        {"uid": "a-2", "article": {"body": 42}},
        {"uid": "a-3", "text": "only the default field"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    fields = parse_fields(["text=article.body", "id=uid", "date=meta.published", "title=headline"])
    docs, failures = read_file(path, ReadOptions(fields=fields))
    assert len(docs) == 1
    doc = docs[0]
    assert (doc.id, doc.record_id, doc.title, doc.date, doc.url) == (
        "a-1", "a-1", "Ferry resumes", "2024-01-04", "https://news.example/a-1")
    assert doc.text == BODY and doc.date_origin == "record"
    assert [f.source for f in failures] == [f"{path}:2", f"{path}:3"]
    assert "'article.body' is a int" in failures[0].problem
    assert "article.body" in failures[1].problem


def test_json_array_file(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"text": BODY, "date": "2024-01-04"}, {"text": ""}, "nope"]), encoding="utf-8")
    docs, failures = read_file(path)
    assert [d.id for d in docs] == ["export.json#0"] and docs[0].date == "2024-01-04"
    assert [f.source for f in failures] == [f"{path}:[1]", f"{path}:[2]"]


def test_bad_field_spec_is_refused():
    with pytest.raises(ValueError, match="ROLE=NAME"):
        parse_fields(["body"])
    with pytest.raises(ValueError, match="ROLE=NAME"):
        parse_fields(["colour=x"])
