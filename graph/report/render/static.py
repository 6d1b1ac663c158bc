"""A static picture of the network (PNG or SVG) for reports, drawn with matplotlib on the page's layout."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from ...atomic import atomic_write
from .model import UNALIGNED, page_model
from .page import overview
from .select import find_actor, find_camp, narrow

__all__ = ["render_static", "FORMATS"]

FORMATS = ("png", "svg")
#: matplotlib marker per vis-network shape.
MARKERS = {"dot": "o", "square": "s", "diamond": "D", "triangle": "^", "triangleDown": "v", "star": "*",
           "hexagon": "h"}


def render_static(G: nx.MultiDiGraph, path: str | Path, *, fmt: str | None = None, title: str = "actorgraph",
                  camps: Mapping[Any, int] | None = None, camp_names: Sequence[str] | None = None,
                  aliases: Mapping[Any, Sequence[str]] | None = None, max_nodes: int = 400,
                  min_weight: int = 1, relations: Iterable[str] | str | None = None, camp: int | str | None = None,
                  focus: str | None = None, depth: int = 1, width: float = 16.0, height: float = 10.0) -> Path:
    """Draw the network as a PNG or SVG file (``fmt`` or the file suffix) and return its path.

    The same narrowing, camps, colours, shapes and layout as the HTML page; past
    ``max_nodes`` actors only the page's overview (each camp's most central members)
    is drawn, and the caption says so. Labels go on the most central actors.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    plt.rcParams["svg.fonttype"] = "none"          # SVG text stays text: searchable, selectable
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ValueError(f"{path}: the picture format must be one of {', '.join(FORMATS)} (got {fmt or 'none'})")
    if camp is not None:
        camp = find_camp(camp, camps, camp_names, {n: a.get("label", n) for n, a in G.nodes(data=True)})
    H = narrow(G, relations=relations, min_weight=min_weight, camps=camps, camp=camp,
               focus=find_actor(G, focus, aliases) if focus is not None else None, depth=depth)
    model = page_model(H, camps=camps, camp_names=camp_names, aliases=aliases)
    shown = set(overview(model, max_nodes))
    nodes = [n for n in model["nodes"] if n["id"] in shown]
    by_id = {n["id"]: n for n in nodes}
    edges = [e for e in model["edges"] if e["from"] in by_id and e["to"] in by_id]
    colour = {c["id"]: c["colour"] for c in model["camps"]}
    kinds = {k["kind"]: k for k in model["kinds"]}

    fig, ax = plt.subplots(figsize=(width, height), dpi=100)
    ax.set_axis_off()
    for kind in kinds:
        segs = [[(by_id[e["from"]]["x"], -by_id[e["from"]]["y"]), (by_id[e["to"]]["x"], -by_id[e["to"]]["y"])]
                for e in edges if e["kind"] == kind]
        if segs:
            dashes = kinds[kind]["dashes"]
            ax.add_collection(LineCollection(segs, colors=kinds[kind]["colour"], linewidths=0.9, alpha=0.7, zorder=1,
                                             linestyles=[(0, tuple(dashes))] if dashes else "solid"))
    for shape, marker in MARKERS.items():
        group = [n for n in nodes if n["shape"] == shape]
        if group:
            ax.scatter([n["x"] for n in group], [-n["y"] for n in group], marker=marker, zorder=2,
                       s=[20 + 260 * n["score"] ** 0.5 for n in group], linewidths=0.6,
                       c=[colour.get(n["camp"], UNALIGNED["colour"]) for n in group],
                       edgecolors=["#333333" if n["camp"] >= 0 else UNALIGNED["border"] for n in group])
    for n in nodes:
        if n["level"] >= 1:
            ax.annotate(n["label"], (n["x"], -n["y"]), xytext=(0, -9), textcoords="offset points", ha="center",
                        va="top", fontsize=9, zorder=3,
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
    handles = [Line2D([], [], marker="o", ls="", color=c["colour"], markeredgecolor="#333333",
                      label=f"{c['name']} ({c['size']})") for c in model["camps"][:12]]
    if model["unaligned"]["size"]:
        handles.append(Line2D([], [], marker="o", ls="", color=UNALIGNED["colour"], markeredgecolor=UNALIGNED["border"],
                              label=f"unaligned ({model['unaligned']['size']})"))
    handles += [Line2D([], [], color=k["colour"], ls=(0, tuple(k["dashes"])) if k["dashes"] else "-", label=k["text"])
                for k in model["kinds"] if k["count"]]
    if handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9, frameon=False)
    caption = f"{len(nodes)} of {len(model['nodes'])} actors, {len(edges)} of {len(model['edges'])} relations"
    if len(nodes) < len(model["nodes"]):
        caption += " (each camp's most central members; the HTML page shows the rest)"
    ax.set_title(title, fontsize=14, loc="left")
    fig.text(0.01, 0.01, caption, fontsize=9, color="#555555")
    ax.margins(0.04)
    fig.tight_layout()
    with atomic_write(path, "wb") as fh:
        fig.savefig(fh, format=fmt)
    plt.close(fig)
    return path
