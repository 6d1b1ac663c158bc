"""The exact two-camp frustration index of a large sparse signed graph, made tractable by reductions.

Real signed networks are sparse with heavy-tailed degrees: most actors have one or two
ties. :func:`exact_frustration` shrinks the graph with transformations that preserve
the frustration index before any binary programme is solved (Aref, Mason & Wilson, "An
exact method for computing the frustration index in signed networks using binary
programming", and "Computing the line index of balance using linear programming
optimisation"):

1. **Leaves and isolated actors** go: a tie to an actor with no other tie can always be
   satisfied.
2. **Series ties** merge: an actor with exactly two ties ``a —x— v —y— b`` is replaced by
   one tie ``a — b`` of sign ``sign(x)·sign(y)`` and weight ``min(|x|, |y|)`` (``v`` then
   takes the side that frustrates the lighter tie, if either).
3. **Parallel ties** merge: ``+p`` and ``−q`` between the same two actors cost
   ``min(p, q)`` whatever the camps; what is left is one tie of weight ``|p − q|``.
4. **Blocks**: the frustration index is additive over the biconnected components (two
   blocks share at most one actor, so each block's camps can be flipped to agree with the
   others): each block is solved on its own, a bridge costs nothing.

Each block left is solved by :func:`graph.analysis.balance.exact_bipartition` (HiGHS,
with the unbalanced-triangle inequalities and one actor fixed), under a share of the
time limit. The camps are then rebuilt by undoing the reductions in reverse order.
"""
from __future__ import annotations

import time

import numpy as np

from .balance import Bipartition, SignedArrays, exact_bipartition, frustration_of

__all__ = ["exact_frustration", "reduce_signed"]


def reduce_signed(g: SignedArrays) -> tuple[dict[int, dict[int, float]], float, list[tuple]]:
    """Apply reductions 1–3 (module docstring) until none applies.

    Returns the kernel as ``{actor: {actor: signed weight}}``, the constant cost taken
    out (merged opposite ties), and the steps to undo, in order.
    """
    adj: dict[int, dict[int, float]] = {k: {} for k in range(g.n)}
    constant = 0.0

    def add(a: int, b: int, value: float) -> None:
        nonlocal constant
        old = adj[a].get(b)
        if old is None:
            adj[a][b] = adj[b][a] = value
            return
        if (old > 0) != (value > 0):
            constant += min(abs(old), abs(value))
        new = old + value
        if abs(new) < 1e-12:
            del adj[a][b], adj[b][a]
        else:
            adj[a][b] = adj[b][a] = new

    for a, b, s, w in zip(g.i.tolist(), g.j.tolist(), g.sign.tolist(), g.w.tolist()):
        if a != b and w > 0:
            add(a, b, float(w) if s > 0 else -float(w))
    steps: list[tuple] = []
    queue = [k for k in adj if len(adj[k]) <= 2]
    while queue:
        v = queue.pop()
        if v not in adj or len(adj[v]) > 2:
            continue
        nbrs = list(adj.pop(v).items())
        for u, _ in nbrs:
            del adj[u][v]
        if not nbrs:
            steps.append(("free", v))
        elif len(nbrs) == 1:
            (a, x), = nbrs
            steps.append(("leaf", v, a, x))
        else:
            (a, x), (b, y) = nbrs
            steps.append(("series", v, a, x, b, y))
            add(a, b, (1.0 if (x > 0) == (y > 0) else -1.0) * min(abs(x), abs(y)))
        queue.extend(u for u, _ in nbrs if u in adj and len(adj[u]) <= 2)
    return adj, constant, steps


def _undo(side: np.ndarray, steps: list[tuple]) -> None:
    for step in reversed(steps):
        if step[0] == "free":
            side[step[1]] = 0
        elif step[0] == "leaf":
            _, v, a, x = step
            side[v] = side[a] if x > 0 else 1 - side[a]
        else:
            _, v, a, x, b, y = step
            cost = [0.0, 0.0]
            for s in (0, 1):
                for u, val in ((a, x), (b, y)):
                    if (val > 0) != (side[u] == s):
                        cost[s] += abs(val)
            side[v] = 0 if cost[0] <= cost[1] else 1


def _blocks(adj: dict[int, dict[int, float]]) -> list[list[int]]:
    """Biconnected components of the kernel (igraph, in C), as lists of actors."""
    import igraph as ig

    nodes = sorted(adj)
    index = {n: k for k, n in enumerate(nodes)}
    edges = [(index[a], index[b]) for a in nodes for b in adj[a] if a < b]
    G = ig.Graph(n=len(nodes), edges=edges)
    return [[nodes[k] for k in comp] for comp in G.biconnected_components()]


def exact_frustration(g: SignedArrays, *, time_limit: float = 60.0) -> Bipartition:
    """The minimum-frustration bipartition of ``g``: reductions, blocks, then HiGHS per block."""
    start = time.monotonic()
    adj, constant, steps = reduce_signed(g)
    blocks = _blocks(adj) if adj else []
    side = np.full(g.n, -1, dtype=np.int64)
    lower, exact = constant, True
    todo = sorted(blocks, key=len)
    sizes = sum(len(b) for b in todo if len(b) > 2)
    solved: list[tuple[list[int], np.ndarray]] = []
    for k, block in enumerate(todo):
        if len(block) == 2:                # a bridge: always satisfied
            a, b = block
            solved.append((block, np.array([0, 0 if adj[a][b] > 0 else 1], dtype=np.int64)))
            continue
        index = {n: t for t, n in enumerate(block)}
        ii, jj, ss, ww = [], [], [], []
        for a in block:
            for b, val in adj[a].items():
                if a < b and b in index:
                    ii.append(index[a])
                    jj.append(index[b])
                    ss.append(1 if val > 0 else -1)
                    ww.append(abs(val))
        sub = SignedArrays(len(block), np.array(ii), np.array(jj), np.array(ss, dtype=np.int8), np.array(ww))
        left = max(time_limit - (time.monotonic() - start), 1.0)
        share = left * len(block) / max(sizes, 1)
        sizes -= len(block)
        part = exact_bipartition(sub, time_limit=max(share, 1.0) if k < len(todo) - 1 else left)
        lower += part.lower_bound
        exact &= part.exact
        solved.append((block, part.side.astype(np.int64)))
    _combine(side, solved)
    side[side < 0] = 0                     # no kernel actor is left out of every block: a safeguard
    _undo(side, steps)
    value, _ = frustration_of(g, side)
    method = "exact (reductions, blocks, HiGHS)" if exact else "reductions, blocks, HiGHS time limit"
    return Bipartition(side.astype(np.int8), value, min(lower, value), exact and value <= lower + 1e-6, method)


def _combine(side: np.ndarray, solved: list[tuple[list[int], np.ndarray]]) -> None:
    """Flip each block's camps to agree with the blocks placed before it at their shared actor.

    Blocks meet at cut vertices and form a tree: placing them outwards from any block,
    each new one shares at most one actor with those placed.
    """
    by_actor: dict[int, list[int]] = {}
    for k, (block, _) in enumerate(solved):
        for a in block:
            by_actor.setdefault(a, []).append(k)
    done = [False] * len(solved)
    for root in range(len(solved)):
        if done[root]:
            continue
        queue = [root]
        done[root] = True
        while queue:
            k = queue.pop()
            block, s = solved[k]
            anchor = next((t for t, a in enumerate(block) if side[a] >= 0), None)
            if anchor is not None and side[block[anchor]] != s[anchor]:
                s = 1 - s
            for a, x in zip(block, s.tolist()):
                if side[a] < 0:
                    side[a] = x
                for other in by_actor[a]:
                    if not done[other]:
                        done[other] = True
                        queue.append(other)
