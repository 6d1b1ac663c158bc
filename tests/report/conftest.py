"""Shared fixtures for the page tests: a small hand-made network with camps, and headless Chromium."""
from __future__ import annotations

import importlib.util
import json
import os
import re
import time
from pathlib import Path

import networkx as nx
import pytest

from graph.vocab import relation

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = 'Red Brigade said <script>window.pwned=1</script><img src=x onerror="window.pwned=2"><b class="injected">&amp; more</b>.'
EVIL_URL = "javascript:window.pwned=3"


def _load_screenshot_script():
    spec = importlib.util.spec_from_file_location("ag_screenshot", ROOT / "scripts" / "screenshot.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


screenshot_script = _load_screenshot_script()


def add(G: nx.MultiDiGraph, s: str, rel: str, o: str, evidence=(), weight: int | None = None, typ="ArmedGroup"):
    """An edge as graph.network.build makes it; ``evidence`` is (sentence, date, title, url) tuples."""
    r = relation(rel)
    for n in (s, o):
        if n not in G:
            G.add_node(n, label=n.split("/")[-1].replace("_", " "), type=typ, minted=False)
    records = [{"sentence": text, "document": f"https://w3id.org/actorgraph/id/doc/{i}", "title": title,
                "date": d, "confidence": 0.8, "source": "wire", "url": url, "content_hash": f"h{title}"}
               for i, (text, d, title, url) in enumerate(evidence)]
    dates = sorted({d for _, d, _, _ in evidence if d})
    G.add_edge(s, o, key=rel, relation=rel, label=r.label, polarity=r.polarity, kind=r.kind,
               symmetric=r.symmetric, weight=weight or max(1, len(records)),
               confidence=0.8 if records else None, first_date=dates[0] if dates else None,
               last_date=dates[-1] if dates else None, dates={d: 1 for d in dates},
               undated=sum(1 for _, d, _, _ in evidence if not d), evidence=records, curated=False)


@pytest.fixture
def small() -> nx.MultiDiGraph:
    """Two camps (North: Red Brigade, Northland, Blue Front; South: Southland) and one unaligned person."""
    G = nx.MultiDiGraph()
    add(G, "ex/Red_Brigade", "backedBy", "ex/Northland", [
        ("Northland armed the Red Brigade.", "2019-12-30", "Dispatch A", "https://news.example/a"),
        ("Northland  armed the Red Brigade.", "2020-01-05", "Dispatch B", "https://news.example/b"),
        ("Northland armed the Red Brigade.", "2020-01-05", "Dispatch B", "https://news.example/b"),
        ("The Northland-backed Red Brigade fired.", "2020-01-06", "Dispatch C", None)])
    add(G, "ex/Southland", "attacks", "ex/Red_Brigade", [(HOSTILE, "2020-01-03", "Dispatch <i>D</i>", EVIL_URL)])
    add(G, "ex/Blue_Front", "alliedWith", "ex/Red_Brigade", [("Blue Front allied with Red Brigade.", "2021-03-01",
                                                               "Dispatch E", "https://news.example/e")])
    add(G, "ex/Jane_Doe", "leaderOf", "ex/Northland", [("Jane Doe leads Northland.", "2020-06-01", "F", None)])
    add(G, "ex/Jane_Doe", "meetsWith", "ex/Southland", [("Jane Doe met Southland.", "2022-02-02", "G", None)])
    add(G, "ex/Red_Brigade", "threatens", "ex/Northland", [("Red Brigade warned Northland.", "2020-01-04", "H", None)])
    G.nodes["ex/Northland"].update(type="State")
    G.nodes["ex/Southland"].update(type="State")
    G.nodes["ex/Jane_Doe"].update(type="Person", minted=True)
    return G


CAMPS = {"ex/Red_Brigade": 0, "ex/Northland": 0, "ex/Blue_Front": 0, "ex/Southland": 1}
CAMP_NAMES = ["North axis", 'South <img src=x onerror="window.pwned=4">']
ALIASES = {"ex/Northland": ["NL", "Northern Republic"], "ex/Red_Brigade": ["RB"]}


def embedded(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="ag-data">(.*?)</script>', page, re.S)
    assert m, "no data in the page"
    return json.loads(m.group(1))


# ---------------------------------------------------------------------------- the browser

@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    reason = screenshot_script.browser_available()
    if reason:
        pytest.skip(reason)
    driver = screenshot_script.chrome_driver(tmp_path_factory.mktemp("chromium-profile"), width=1400, height=900)
    driver.set_page_load_timeout(60)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory) -> Path:
    """Where the screenshots of each state go ($ACTORGRAPH_ARTIFACTS, else a pytest temp dir)."""
    path = Path(os.environ.get("ACTORGRAPH_ARTIFACTS") or tmp_path_factory.mktemp("page-screenshots"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_page(driver, path: Path, width: int = 1400, height: int = 900, bound: float = 30) -> float:
    """Open ``path`` at a ``width``×``height`` viewport; seconds until the page reported ready."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    start = time.monotonic()
    driver.get(path.resolve().as_uri())
    assert screenshot_script.wait_ready(driver, bound), f"the page was not ready within {bound} s"
    return time.monotonic() - start


def shoot(driver, artifacts: Path, name: str) -> Path:
    png = artifacts / f"{name}.png"
    assert driver.save_screenshot(str(png))
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000, "the screenshot is nearly blank"
    print(f"screenshot: {png}")
    return png


def severe(driver) -> list[dict]:
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
