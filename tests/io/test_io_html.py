"""Saved web pages read by trafilatura + htmldate (pages written for these tests)."""
from __future__ import annotations

from pathlib import Path

from graph.io.documents import read_file
from graph.io.html import parse_html

PAGE = """<!DOCTYPE html>
<html><head>
<title>Harbour cranes return to Port Veldt | The Coastal Ledger</title>
<meta property="article:published_time" content="2022-03-14T09:30:00Z">
<meta property="og:title" content="Harbour cranes return to Port Veldt">
<link rel="canonical" href="https://ledger.example/2022/cranes">
<style>p { color: red }</style>
<script>var tracking = "do not read this tracker";</script>
</head>
<body>
<header class="site"><a href="/">Ledger home</a> <a href="/login">Sign in to the Ledger</a></header>
<nav><ul><li><a href="/world">World news</a></li><li><a href="/sport">Sport pages</a></li></ul></nav>
<div class="cookie-banner">We use cookies to improve the Ledger. Accept all cookies.</div>
<article>
  <h1>Harbour cranes return to Port Veldt</h1>
  <p>The three harbour cranes that were taken down for repairs last autumn returned to Port Veldt on
     Monday, and the first container ship was unloaded before noon.</p>
  <p>The port authority said the work had cost more than planned, but that the quay would now handle
     twice as many ships as before the repairs began.</p>
  <p>Dock workers, who had unloaded cargo by hand and with mobile cranes for five months, said they
     were glad to see the tall machines back against the skyline.</p>
  <script>document.write("injected advert text");</script>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Ferry timetable changes</a></li></ul></aside>
<footer><p>Copyright 2022 The Coastal Ledger. All rights reserved.</p></footer>
</body></html>
"""


def test_page_text_title_date_url_and_no_boilerplate(tmp_path):
    path = tmp_path / "cranes.html"
    path.write_text(PAGE, encoding="utf-8")
    docs, failures = read_file(path)
    assert failures == [] and len(docs) == 1
    doc = docs[0]
    assert doc.id == "cranes.html"
    assert doc.title == "Harbour cranes return to Port Veldt"
    assert doc.date == "2022-03-14" and doc.date_origin == "metadata"
    assert doc.url == "https://ledger.example/2022/cranes"
    assert doc.text.startswith("Harbour cranes return to Port Veldt\n")
    for kept in ("three harbour cranes", "twice as many ships", "tall machines back"):
        assert kept in doc.text
    for dropped in ("tracker", "color", "Ledger home", "Sign in", "World news", "cookies",
                    "injected advert", "Most read", "Ferry timetable", "Copyright"):
        assert dropped not in doc.text, dropped


def test_date_from_a_time_element_when_no_meta():
    html = ("<html><body><article><h1>Rail line opens</h1>"
            "<p>Published <time datetime='2019-05-02T08:00'>last Thursday</time></p>"
            "<p>" + "The new rail line carried its first passengers across the valley. " * 5 + "</p>"
            "</article></body></html>")
    doc = parse_html(html, doc_id="r.html", source="r.html")
    assert doc.date == "2019-05-02"


def test_page_without_a_date_says_so_and_takes_the_default_date():
    html = "<html><body><p>" + "A calm day on the river with no news at all. " * 8 + "</p></body></html>"
    doc = parse_html(html, doc_id="n.html", source="n.html")
    assert doc.date is None and doc.date_origin == ""
    dated = parse_html(html, doc_id="n.html", source="n.html", default_date="2020-02-03")
    assert (dated.date, dated.date_origin) == ("2020-02-03", "option")


def test_script_only_page_is_a_failure(tmp_path):
    path = tmp_path / "scripts.html"
    path.write_text("<html><head><script>var x = 'hello world';</script></head>"
                    "<body><script>alert('not text')</script></body></html>", encoding="utf-8")
    docs, failures = read_file(path)
    assert docs == [] and len(failures) == 1
    assert "no readable text" in failures[0].problem and failures[0].source == str(path)


def test_deeply_nested_page_is_read_not_a_recursion_error(tmp_path):
    depth = 10_000
    html = ("<html><body>" + "<div>" * depth + "<p>Port Veldt reopened its quay on Monday.</p>"
            + "</div>" * depth + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(html, encoding="utf-8")
    docs, failures = read_file(path)
    assert failures == []
    assert docs[0].text == "Port Veldt reopened its quay on Monday."


def test_no_hand_written_tree_builder_left():
    source = (Path(__file__).resolve().parents[2] / "graph" / "io").rglob("*.py")
    text = "\n".join(p.read_text(encoding="utf-8") for p in source)
    assert "class _TreeBuilder" not in text and "class _Node" not in text
