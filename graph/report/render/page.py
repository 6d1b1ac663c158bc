"""The network as one self-contained, offline HTML page (vis-network, no CDN, no pyvis template).

:func:`render_html` narrows the network (relations, evidence, camp, focus), computes
the model (:mod:`.model`: camps, centrality, frozen layout, deduplicated evidence) and
fills ``page.html`` with ``page.css``, ``page.js`` and vis-network's own minified
script, read from the pyvis package that ships it. The page makes no network request.

Data never becomes markup: the model is embedded as JSON in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` escaped, and
``page.js`` builds every panel with ``textContent``; links are made only from
http(s) URLs. Only the title is put into the HTML frame, escaped here.
"""
from __future__ import annotations

import html
import importlib.util
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx

from ...atomic import atomic_write
from .model import page_model
from .select import find_actor, find_camp, narrow

__all__ = ["render_html", "overview", "REMOTE_RESOURCE_RE", "BUDGET", "embed_json"]

#: Past this many actors the page opens on an overview: each camp's most central members.
BUDGET = 250
#: The page holds at most this many actors (the best connected); the rest are named as left out.
PAGE_LIMIT = 20_000
#: A ``<script src>``, ``<link href>``, ``<img src>`` or ``<iframe src>`` that points off the machine.
REMOTE_RESOURCE_RE = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE)
_SLOT_RE = re.compile(r"/\*AG:(\w+)\*/|<!--AG:(\w+)-->")


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone script, as shipped inside the pyvis package (pyvis itself is not imported)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: it ships the vis-network script the page inlines")
    root = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib"
    found = sorted(root.glob("vis-*/vis-network.min.js"))
    if not found:
        raise RuntimeError(f"no vis-network.min.js under {root}")
    text = found[-1].read_text(encoding="utf-8")
    if "</script" in text.lower():
        raise RuntimeError(f"{found[-1]} contains '</script': it cannot be inlined")
    return text


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def embed_json(data: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survives."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def overview(model: Mapping[str, Any], budget: int) -> list[str]:
    """Ids of the actors drawn first: everyone up to ``budget``, else each camp's most central members.

    The unaligned actors get a share in proportion to their number but at most a third
    of the budget; the camps share the rest in proportion to their sizes, at least three
    each; within a share, actors go in order of centrality.
    """
    nodes = model["nodes"]
    if len(nodes) <= budget:
        return [n["id"] for n in nodes]
    groups: dict[int, list[dict]] = {}
    for n in nodes:                                   # nodes come in order of centrality
        groups.setdefault(n["camp"], []).append(n)
    unaligned = groups.pop(-1, [])
    aligned = len(nodes) - len(unaligned)
    loose = min(len(unaligned), round(budget * len(unaligned) / len(nodes)), budget // 3) if aligned else budget
    shown: list[str] = [m["id"] for m in unaligned[:loose]]
    for camp, members in sorted(groups.items()):
        share = max(3, round((budget - loose) * len(members) / aligned))
        shown += [m["id"] for m in members[:share]]
    rank = {n["id"]: n["rank"] for n in nodes}
    return sorted(shown, key=rank.__getitem__)[:max(budget, 3 * len(groups))]


def _fill(template: str, slots: Mapping[str, str]) -> str:
    def repl(m: re.Match) -> str:
        return slots[m.group(1) or m.group(2)]
    return _SLOT_RE.sub(repl, template)


def render_html(G: nx.MultiDiGraph, path: str | Path, *, title: str = "actorgraph",
                camps: Mapping[Any, int] | None = None, camp_names: Sequence[str] | None = None,
                aliases: Mapping[Any, Sequence[str]] | None = None, max_nodes: int = BUDGET,
                min_weight: int = 1, relations: Iterable[str] | str | None = None,
                camp: int | str | None = None, focus: str | None = None, depth: int = 1,
                limit: int = PAGE_LIMIT) -> Path:
    """Write the network as a self-contained interactive HTML page and return its path.

    ``camps`` maps actors to camp numbers (``camp_names[i]`` names camp ``i``; names are
    made from the camps' most central members when not given); actors without a camp
    are drawn as unaligned. ``aliases`` lists other names per actor (shown in the
    actor panel, found by the search box). ``max_nodes`` is the node budget of the
    first view: past it the page opens on an overview of the camps' most central
    members, and the rest is one click away. ``min_weight``, ``relations`` (names or
    kinds), ``camp`` and ``focus``/``depth`` narrow what the page holds at all; past
    ``limit`` actors it holds only the best connected, and says so.
    The file is written atomically and opens from disk with the network off.
    """
    if max_nodes < 1:
        raise ValueError("max_nodes must be at least 1")
    path = Path(path)
    if path.suffix.lower() not in (".html", ".htm"):
        raise ValueError(f"{path}: the output file name must end in .html")
    if camp is not None:
        camp = find_camp(camp, camps, camp_names, {n: a.get("label", n) for n, a in G.nodes(data=True)})
    H = narrow(G, relations=relations, min_weight=min_weight, camps=camps, camp=camp,
               focus=find_actor(G, focus, aliases) if focus is not None else None, depth=depth)
    limited = H.number_of_nodes() > limit
    if limited:
        keep = sorted(H.nodes, key=lambda n: (-H.degree(n), str(n)))[:limit]
        H = H.subgraph(keep).copy()
    model = page_model(H, camps=camps, camp_names=camp_names, aliases=aliases)
    model["title"] = title
    model["budget"] = max_nodes
    model["overview"] = overview(model, max_nodes)
    model["network"] = {"actors": G.number_of_nodes(), "relations": G.number_of_edges()}
    model["narrowed"] = [text for cond, text in (
        (min_weight > 1, f"relations with at least {min_weight} statements"),
        (relations is not None, "relations " + ", ".join([relations] if isinstance(relations, str)
                                                         else list(relations or ()))),
        (camp is not None, f"camp {camp}"),
        (focus is not None, f"{focus} and its neighbours to depth {depth}"),
        (limited, f"the {limit:,} best-connected actors (page limit; narrow with --focus, --camp or --relations)"),
    ) if cond]
    page = _fill(_asset("page.html"), {
        "TITLE": html.escape(title), "CSS": _asset("page.css"), "VIS": vis_network_js(),
        "DATA": embed_json(model), "JS": _asset("page.js"),
    })
    if REMOTE_RESOURCE_RE.search(page):
        raise RuntimeError("the page references a remote resource: " + REMOTE_RESOURCE_RE.search(page).group(0))
    with atomic_write(path) as fh:
        fh.write(page)
    return path
