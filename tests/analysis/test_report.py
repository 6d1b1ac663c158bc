"""The written report: HTML with embedded plots and escaped text, Markdown with plots beside it."""
from __future__ import annotations

import base64
import re

import pytest
from rdflib import Literal

from graph import pipeline
from graph.vocab import AG, ID

from test_analysis import make_dataset  # tests/ is on sys.path (rootdir of this package)

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def dataset():
    ds = make_dataset()
    # an article sentence carrying markup must stay text in the report
    g = ds.graph(ID["doc/t7"])
    g.remove((ID["ev/t7"], AG.sentence, None))
    g.add((ID["ev/t7"], AG.sentence, Literal(f"Iron Guard accuses Blue Front {PAYLOAD}.")))
    return ds


def test_html_report_embeds_png_plots_and_escapes_article_text(dataset, tmp_path):
    path = pipeline.report(dataset, tmp_path / "report.html")
    text = path.read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', text)
    assert len(images) == 2                                     # camps per period, hostility heat map
    assert all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert "Camps by structural balance" in text and "Frustrated ties (1" in text
    assert PAYLOAD not in text and html_escaped(PAYLOAD) in text
    assert "Green Cell → Red Brigade → Iron Guard → Northland" in text
    assert not re.search(r"(src|href)=\"https?:", text)       # nothing remote


def html_escaped(s: str) -> str:
    return s.replace("<", "&lt;").replace(">", "&gt;")


def test_markdown_report_writes_plots_beside_it(dataset, tmp_path):
    path = pipeline.report(dataset, tmp_path / "out.md")
    text = path.read_text(encoding="utf-8")
    for name in ("out-camps.png", "out-hostility.png"):
        assert f"]({name})" in text
        assert (tmp_path / name).read_bytes().startswith(b"\x89PNG")
    assert re.search(r"^\| 1 \| .*Red Brigade.* \| 5 \| ", text, re.M)        # the first camp row
    assert "## Camps by structural balance" in text


def test_other_suffixes_are_refused(dataset, tmp_path):
    with pytest.raises(ValueError, match=".html or .md"):
        pipeline.report(dataset, tmp_path / "report.pdf")
