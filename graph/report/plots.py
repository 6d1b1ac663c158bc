"""Pictures for the written report (matplotlib, Agg backend, PNG bytes).

* :func:`camps_over_time` — per period, how many actors each camp holds when the
  camps are computed from that period's ties alone (matched to the overall camps by
  overlap): a stacked bar chart.
* :func:`hostility_heatmap` — the camp × camp matrix of hostility minus alliance.
"""
from __future__ import annotations

import io
from collections import Counter
from typing import Any

import networkx as nx

from ..analysis.camps import Camps, find_camps
from ..network.signed import signed_view

__all__ = ["camps_over_time", "camps_per_period", "hostility_heatmap"]


def _pyplot():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    _pyplot().close(fig)
    return buf.getvalue()


def camps_per_period(H: nx.MultiDiGraph, overall: Camps, *, period: int = 4, seed: int = 0,
                     **view: Any) -> list[dict[str, Any]]:
    """``[{period, sizes: {overall camp index or -1: actors}}]`` from each period's ties alone."""
    periods = sorted({day[:period] for *_, d in H.edges(data=True) for day in (d.get("dates") or {})})
    out = []
    for p in periods:
        P = nx.MultiDiGraph()
        P.add_edges_from((u, v, k, d) for u, v, k, d in H.edges(keys=True, data=True)
                         if any(day.startswith(p) for day in (d.get("dates") or {})) or d.get("kind") == "structural")
        for n in P:
            P.nodes[n].update(H.nodes[n])
        camps = find_camps(signed_view(P, **view), seed=seed, clusters=False, time_limit=10)
        overlap = Counter((c, overall.camp_of[a]) for a, c in camps.camp_of.items() if a in overall.camp_of)
        match, used = {}, set()
        for (c, o), _ in overlap.most_common():
            if c not in match and o not in used:
                match[c] = o
                used.add(o)
        sizes = Counter(match.get(c, -1) for c in camps.camp_of.values())
        out.append({"period": p, "sizes": dict(sorted(sizes.items()))})
    return out


def camps_over_time(rows: list[dict[str, Any]], names: list[str]) -> bytes | None:
    """Stacked bars of actors per camp and period; None without dated ties."""
    if not rows:
        return None
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(8, 4))
    x = list(range(len(rows)))
    bottom = [0] * len(rows)
    keys = sorted({k for r in rows for k in r["sizes"]}, key=lambda k: (k < 0, k))
    for k in keys:
        heights = [r["sizes"].get(k, 0) for r in rows]
        label = names[k] if 0 <= k < len(names) else "a camp not seen overall"
        ax.bar(x, heights, bottom=bottom, label=label[:50])
        bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xticks(x, [r["period"] for r in rows], rotation=45 if len(rows) > 8 else 0)
    ax.set_ylabel("actors in the camp")
    ax.set_title("Camps per period (each period's ties alone)")
    ax.legend(fontsize=8, loc="upper left")
    return _png(fig)


def hostility_heatmap(matrix: dict[str, Any]) -> bytes | None:
    """Heat map of hostility − alliance weight between camps; None with fewer than two camps."""
    names = matrix["names"]
    if len(names) < 2:
        return None
    plt = _pyplot()
    k = len(names)
    values = [[matrix["hostile"][a][b] - matrix["allied"][a][b] for b in range(k)] for a in range(k)]
    top = max(1e-9, max(abs(v) for row in values for v in row))
    fig, ax = plt.subplots(figsize=(1.6 + 1.1 * k, 1.2 + 1.0 * k))
    im = ax.imshow(values, cmap="RdBu_r", vmin=-top, vmax=top)
    labels = [f"{i + 1}. {n[:28]}" for i, n in enumerate(names)]
    ax.set_xticks(range(k), [str(i + 1) for i in range(k)])
    ax.set_yticks(range(k), labels)
    for a in range(k):
        for b in range(k):
            ax.text(b, a, f"{values[a][b]:.1f}", ha="center", va="center", fontsize=8)
    fig.colorbar(im, ax=ax, label="hostility − alliance (weight)")
    ax.set_title("Between camps")
    return _png(fig)
