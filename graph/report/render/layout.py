"""Positions for the page and the static picture, computed once in numpy and then frozen.

The layout is camp-aware: each camp (and the actors tied mostly to it) is laid out
on its own with a dense, vectorised Fruchterman–Reingold in float32 and mapped onto
a disc whose area grows with the camp; the discs are then placed by a small spring
layout of the camps (allied camps attract) and pushed apart until none overlap.
Finally the drawing is stretched to fill a :data:`BOX` of canvas units, so that the
browser's first view fills the screen. Only the :data:`CORE_MAX` most central actors of
a group go through the force layout; the others sit next to their laid-out neighbours,
so the cost stays near-linear past a few hundred actors per camp.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

import numpy as np

__all__ = ["layout", "BOX", "SEED", "CORE_MAX"]

SEED = 42
#: Width and height (canvas units) the drawing is stretched to fill.
BOX = (1200.0, 800.0)
#: At most this many actors of one group go through the O(n²) force layout.
CORE_MAX = 350
UNATTACHED = "unattached"


def layout(nodes: list[Hashable], edges: Iterable[tuple], camp_of: Mapping[Hashable, int],
           score: Mapping[Hashable, float], box: tuple[float, float] = BOX) -> dict[Hashable, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` filling ``box`` (centred on 0, y downwards as in a canvas).

    ``edges`` are ``(u, v, weight)`` or ``(u, v, weight, hostile)``: hostile ties neither
    pull actors together nor attach an unaligned actor to a camp.
    """
    if not nodes:
        return {}
    rng = np.random.default_rng(SEED)
    neighbours: dict[Hashable, dict[Hashable, float]] = defaultdict(lambda: defaultdict(float))
    for u, v, w, *hostile in edges:
        if u != v and not (hostile and hostile[0]):
            neighbours[u][v] += w
            neighbours[v][u] += w
    group = _groups(nodes, camp_of, neighbours)
    members: dict[Hashable, list] = defaultdict(list)
    for n in sorted(nodes, key=lambda n: (-score.get(n, 0.0), str(n))):
        members[group[n]].append(n)
    local = {g: _group_layout(ms, neighbours, rng) for g, ms in members.items()}
    keys = sorted(members, key=lambda g: (-len(members[g]), str(g)))
    radius = np.array([math.sqrt(len(members[g])) for g in keys], dtype=np.float64)
    centres = _place_groups(keys, radius, members, group, neighbours)
    pos = np.zeros((len(nodes), 2))
    index = {n: i for i, n in enumerate(nodes)}
    for k, g in enumerate(keys):
        for n, (x, y) in local[g].items():
            pos[index[n]] = centres[k] + radius[k] * np.array([x, y])
    return _fill(nodes, pos, box)


def _groups(nodes, camp_of, neighbours) -> dict:
    """A camp member's group is its camp; an unaligned actor joins the camp it is most tied to."""
    group = {}
    for n in nodes:
        c = camp_of.get(n)
        if c is not None and c >= 0:
            group[n] = int(c)
            continue
        ties: dict[int, float] = defaultdict(float)
        for m, w in neighbours.get(n, {}).items():
            cm = camp_of.get(m)
            if cm is not None and cm >= 0:
                ties[int(cm)] += w
        group[n] = max(sorted(ties), key=lambda c: ties[c]) if ties else UNATTACHED
    return group


def _group_layout(members: list, neighbours, rng) -> dict[Hashable, tuple[float, float]]:
    """Positions in the unit disc for one group (members sorted by centrality)."""
    n = len(members)
    if n == 1:
        return {members[0]: (0.0, 0.0)}
    core = members[:CORE_MAX]
    idx = {m: i for i, m in enumerate(core)}
    A = np.zeros((len(core), len(core)), dtype=np.float32)
    for m in core:
        for o, w in neighbours.get(m, {}).items():
            j = idx.get(o)
            if j is not None:
                A[idx[m], j] = 1.0 + math.log(max(w, 1.0))
    xy = fruchterman_reingold(A, iterations=60 if len(core) > 150 else 120)
    xy = _even_disc(xy - xy[0])          # centred on the group's most central actor
    out = {m: (float(xy[i, 0]), float(xy[i, 1])) for m, i in idx.items()}
    # the rest: beside a placed neighbour, else on a golden-angle spiral in the outer ring
    spiral = 0
    for m in members[len(core):]:
        placed = [out[o] for o in neighbours.get(m, {}) if o in out]
        if placed:
            x, y = np.mean(placed, axis=0)
            a, d = rng.random() * 2 * math.pi, 0.05 + 0.1 * rng.random()
            out[m] = (float(x + d * math.cos(a)), float(y + d * math.sin(a)))
        else:
            spiral += 1
            a = spiral * 2.399963
            rad = 0.75 + 0.25 * (spiral / max(1, n - len(core)))
            out[m] = (rad * math.cos(a), rad * math.sin(a))
    return out


def _even_disc(xy: np.ndarray) -> np.ndarray:
    """Spread a layout evenly over the unit disc: same angles, radii replaced by their rank.

    A force layout packs a camp's hubs and spokes into a small core and throws its
    loosely tied members far out; ranking the radii (area-uniform) keeps who is
    central and who is peripheral but gives every actor the same room.
    """
    n = len(xy)
    if n < 3:
        xy = xy - xy.mean(axis=0)
        return xy / max(float(np.abs(xy).max()), 1e-9) * 0.5
    angle = np.arctan2(xy[:, 1], xy[:, 0])
    order = np.argsort(np.sqrt((xy ** 2).sum(axis=1)), kind="stable")
    radius = np.empty(n)
    radius[order] = np.sqrt((np.arange(n) + 0.5) / n)
    return np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)


def _place_groups(keys, radius, members, group, neighbours) -> np.ndarray:
    """Centres for the group discs: allied groups close, no two discs overlapping."""
    k = len(keys)
    if k == 1:
        return np.zeros((1, 2))
    kidx = {g: i for i, g in enumerate(keys)}
    W = np.zeros((k, k))
    for g in keys:
        for n in members[g]:
            for m, w in neighbours.get(n, {}).items():
                h = group.get(m)
                if h is not None and h != g:
                    W[kidx[g], kidx[h]] += w
    # start on a spiral, biggest groups in the middle
    angle = np.arange(k) * 2.399963
    ring = np.sqrt(np.arange(k)) * radius.mean() * 2.2
    c = np.stack([ring * np.cos(angle), ring * np.sin(angle)], axis=1)
    W = W / max(W.max(), 1e-9)
    gap = 0.12 * radius.mean() + 0.6
    for it in range(300):
        d = c[:, None, :] - c[None, :, :]
        dist = np.sqrt((d ** 2).sum(axis=2)) + np.eye(k)
        need = radius[:, None] + radius[None, :] + gap
        overlap = np.clip(need - dist, 0, None) * (1 - np.eye(k))
        push = (d / dist[..., None] * overlap[..., None]).sum(axis=1) * 0.5
        pull = -(d * W[..., None]).sum(axis=1) * 0.02
        gravity = -c * 0.01
        c += push + (pull + gravity) * (1 - it / 300)
    return c


def _fill(nodes, pos: np.ndarray, box) -> dict:
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    span = np.where(hi - lo > 1e-9, hi - lo, 1.0)
    unit = (pos - lo) / span - 0.5                    # each axis in [-0.5, 0.5]
    if len(nodes) == 1:
        unit[:] = 0.0
    w, h = box
    return {n: (round(float(unit[i, 0] * w), 1), round(float(unit[i, 1] * h), 1)) for i, n in enumerate(nodes)}


def fruchterman_reingold(A: np.ndarray, iterations: int, seed: int = SEED) -> np.ndarray:
    """Dense Fruchterman–Reingold (as in networkx), vectorised in float32. O(n²) memory."""
    n = A.shape[0]
    pos = np.random.default_rng(seed).random((n, 2), dtype=np.float32)
    k = np.float32(math.sqrt(1.0 / n))
    t, dt = 0.1, 0.1 / (iterations + 1)
    for _ in range(iterations):
        dx = pos[:, 0, None] - pos[None, :, 0]
        dy = pos[:, 1, None] - pos[None, :, 1]
        d2 = np.maximum(dx * dx + dy * dy, np.float32(1e-4))
        force = k * k / d2 - A * np.sqrt(d2) / k          # repulsion − attraction, over distance
        disp = np.stack([(dx * force).sum(axis=1), (dy * force).sum(axis=1)], axis=1)
        length = np.maximum(np.linalg.norm(disp, axis=1), np.float32(0.01))
        pos += disp * (np.float32(t) / length)[:, None]
        t -= dt
    return pos
