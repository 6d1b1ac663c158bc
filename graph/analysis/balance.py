"""Two-camp structural balance: minimise the weighted frustration of a signed graph.

A signed tie is *frustrated* by a partition when it is positive across two camps or
negative inside one. For two camps:

* :func:`exact_bipartition` solves the binary programme of Aref, Mason & Wilson
  (node variables ``x``; one frustration variable ``f`` per edge with
  ``f ≥ x_i − x_j``, ``f ≥ x_j − x_i`` for a positive tie and ``f ≥ x_i + x_j − 1``,
  ``f ≥ 1 − x_i − x_j`` for a negative one; minimise ``Σ w f``) with HiGHS through
  :func:`scipy.optimize.milp`, under a time limit; HiGHS reports its dual bound, so a
  run stopped by the limit still says how far from optimal it may be.
* :func:`heuristic_bipartition` starts from the sign of the leading eigenvector of
  the signed adjacency matrix (spectral start) and applies local moves (a node
  changes side when that lowers the frustration) until none helps. Its lower bound
  is a greedy packing of edge-disjoint unbalanced triangles (each needs at least one
  frustrated tie), which is valid but weak on sparse graphs.

Both work on arrays (``SignedArrays``), so the same code serves 10 actors and 100k.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = [
    "Bipartition",
    "SignedArrays",
    "exact_bipartition",
    "frustration_of",
    "heuristic_bipartition",
    "triangle_lower_bound",
]


@dataclass
class SignedArrays:
    """A signed graph as arrays: ``n`` nodes, edges ``(i[e], j[e])`` with ``sign[e]`` ±1 and ``w[e]`` ≥ 0."""

    n: int
    i: np.ndarray
    j: np.ndarray
    sign: np.ndarray
    w: np.ndarray

    def adjacency(self) -> sp.csr_matrix:
        """Symmetric signed weighted adjacency matrix."""
        vals = (self.sign * self.w).astype(float)
        A = sp.coo_matrix((np.concatenate([vals, vals]), (np.concatenate([self.i, self.j]),
                                                          np.concatenate([self.j, self.i]))), shape=(self.n, self.n))
        return A.tocsr()

    def subset(self, nodes: np.ndarray) -> tuple[SignedArrays, np.ndarray]:
        """The induced subgraph on ``nodes`` (indices), renumbered; returns it and the old index of each node."""
        index = np.full(self.n, -1, dtype=np.int64)
        index[nodes] = np.arange(len(nodes))
        keep = (index[self.i] >= 0) & (index[self.j] >= 0)
        return SignedArrays(len(nodes), index[self.i[keep]], index[self.j[keep]], self.sign[keep],
                            self.w[keep]), nodes


@dataclass
class Bipartition:
    side: np.ndarray          # 0/1 per node
    frustration: float
    lower_bound: float
    exact: bool
    method: str


def frustration_of(g: SignedArrays, side: np.ndarray) -> tuple[float, np.ndarray]:
    """Total frustrated weight and the boolean mask of frustrated edges, for camp labels ``side``."""
    same = side[g.i] == side[g.j]
    mask = np.where(g.sign > 0, ~same, same)
    return float(g.w[mask].sum()), mask


def exact_bipartition(g: SignedArrays, *, time_limit: float = 60.0) -> Bipartition:
    """The minimum-frustration bipartition by binary programming (HiGHS); see the module docstring."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n, m = g.n, len(g.i)
    if m == 0:
        return Bipartition(np.zeros(n, dtype=np.int8), 0.0, 0.0, True, "exact")
    e = np.arange(m)
    pos = g.sign > 0
    # Rows: two per edge. Variables: x (n), then f (m). Each row: a·x + f ≥ lb.
    # positive: f − x_i + x_j ≥ 0 ; f + x_i − x_j ≥ 0
    # negative: f − x_i − x_j ≥ −1 ; f + x_i + x_j ≥ 1
    r1, r2 = 2 * e, 2 * e + 1
    ci1 = np.where(pos, -1.0, -1.0)
    cj1 = np.where(pos, 1.0, -1.0)
    ci2 = np.where(pos, 1.0, 1.0)
    cj2 = np.where(pos, -1.0, 1.0)
    rows = np.concatenate([r1, r1, r1, r2, r2, r2])
    cols = np.concatenate([g.i, g.j, n + e, g.i, g.j, n + e])
    vals = np.concatenate([ci1, cj1, np.ones(m), ci2, cj2, np.ones(m)])
    A = sp.csr_matrix((vals, (rows, cols)), shape=(2 * m, n + m))
    lb = np.empty(2 * m)
    lb[r1] = np.where(pos, 0.0, -1.0)
    lb[r2] = np.where(pos, 0.0, 1.0)
    tri = _unbalanced_triangles(g)
    if len(tri):   # each unbalanced triangle has a frustrated tie: valid cuts that lift the LP bound off zero
        t = np.arange(len(tri))
        cut = sp.csr_matrix((np.ones(3 * len(tri)), (np.repeat(t, 3), n + tri.ravel())), shape=(len(tri), n + m))
        A = sp.vstack([A, cut]).tocsr()
        lb = np.concatenate([lb, np.ones(len(tri))])
    c = np.concatenate([np.zeros(n), g.w.astype(float)])
    integrality = np.concatenate([np.ones(n), np.zeros(m)])     # f is 0/1 at any optimum once x is
    upper = np.ones(n + m)
    deg = np.bincount(np.concatenate([g.i, g.j]), minlength=n)
    upper[int(np.argmax(deg))] = 0.0                            # the two camps are interchangeable
    res = milp(c, constraints=LinearConstraint(A, lb, np.inf), integrality=integrality,
               bounds=Bounds(np.zeros(n + m), upper), options={"time_limit": time_limit, "disp": False})
    if res.x is None:
        h = heuristic_bipartition(g)
        h.method = "heuristic (exact solver found no solution in time)"
        return h
    side = (res.x[:n] > 0.5).astype(np.int8)
    value, _ = frustration_of(g, side)
    bound = getattr(res, "mip_dual_bound", None)
    exact = res.status == 0
    lower = value if exact else float(bound if bound is not None and np.isfinite(bound) else 0.0)
    return Bipartition(side, value, min(lower, value), exact, "exact (HiGHS)" if exact else "HiGHS, time limit")


def _unbalanced_triangles(g: SignedArrays, limit: int = 200_000) -> np.ndarray:
    """Edge indices (k × 3) of the unbalanced triangles of ``g`` (at most ``limit``)."""
    e = _triangle_edges(g)
    if len(e) == 0:
        return e
    return e[np.prod(g.sign[e].astype(np.int64), axis=1) < 0][:limit]


def _triangle_edges(g: SignedArrays) -> np.ndarray:
    """Every triangle of ``g`` as the indices of its three ties (igraph lists them, in C)."""
    if len(g.i) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    import igraph as ig

    G = ig.Graph(n=g.n, edges=list(zip(g.i.tolist(), g.j.tolist())))   # 2× faster than from numpy
    tris = np.asarray(G.list_triangles(), dtype=np.int64).reshape(-1, 3)
    if len(tris) == 0:
        return np.zeros((0, 3), dtype=np.int64)
    lo, hi = np.minimum(g.i, g.j), np.maximum(g.i, g.j)
    keys = lo * g.n + hi
    order = np.argsort(keys)
    sorted_keys = keys[order]

    def edge_of(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return order[np.searchsorted(sorted_keys, np.minimum(a, b) * g.n + np.maximum(a, b))]

    return np.column_stack([edge_of(tris[:, 0], tris[:, 1]), edge_of(tris[:, 1], tris[:, 2]),
                            edge_of(tris[:, 0], tris[:, 2])])


def heuristic_bipartition(g: SignedArrays, *, seed: int = 0, max_rounds: int = 200,
                          bound: bool = True) -> Bipartition:
    """Spectral start plus local moves (see the module docstring). Deterministic for a seed."""
    n = g.n
    if len(g.i) == 0:
        return Bipartition(np.zeros(n, dtype=np.int8), 0.0, 0.0, True, "trivial")
    A = g.adjacency()
    y = _spectral_start(A, seed)
    rng = np.random.default_rng(seed)
    for _ in range(max_rounds):          # batched moves: only a random half of the improving nodes move at once
        field = A @ y
        bad = np.flatnonzero(y * field < -1e-12)
        if len(bad) == 0:
            break
        move = bad if len(bad) < 8 else bad[rng.random(len(bad)) < 0.5]
        y[move] = -y[move]
    _sequential_moves(A, y)
    side = (y < 0).astype(np.int8)
    if side[int(np.argmax(np.asarray(abs(A).sum(axis=1)).ravel()))] == 1:
        side = 1 - side
    value, _ = frustration_of(g, side)
    lower = triangle_lower_bound(g) if bound else 0.0
    return Bipartition(side, value, min(lower, value), value <= lower + 1e-9, "spectral + local moves")


def _spectral_start(A: sp.csr_matrix, seed: int) -> np.ndarray:
    n = A.shape[0]
    if n <= 2:
        return np.ones(n)
    from scipy.sparse.linalg import eigsh

    v0 = np.random.default_rng(seed).random(n) + 0.5
    try:
        _, vec = eigsh(A.astype(float), k=1, which="LA", v0=v0, maxiter=max(1000, 10 * n), tol=1e-6)
        vec = vec[:, 0]
    except Exception:  # noqa: BLE001 - no convergence: start from a uniform side and let local moves work
        vec = np.ones(n)
    y = np.where(vec >= 0, 1.0, -1.0)
    return y


def _sequential_moves(A: sp.csr_matrix, y: np.ndarray, limit: int = 100000) -> None:
    """Single-node moves in turn until none lowers the frustration (each strictly lowers it)."""
    indptr, indices, data = A.indptr, A.indices, A.data
    field = A @ y
    queue = list(np.flatnonzero(y * field < -1e-12))
    steps = 0
    while queue and steps < limit:
        k = queue.pop()
        steps += 1
        if y[k] * field[k] >= -1e-12:
            continue
        y[k] = -y[k]
        lo, hi = indptr[k], indptr[k + 1]
        nb, wv = indices[lo:hi], data[lo:hi]
        field[nb] += 2 * wv * y[k]
        for j in nb[y[nb] * field[nb] < -1e-12]:
            queue.append(int(j))


def triangle_lower_bound(g: SignedArrays, max_edges: int = 5_000_000) -> float:
    """Σ of the lightest tie over a greedy set of edge-disjoint unbalanced triangles (a valid lower bound)."""
    if len(g.i) == 0 or len(g.i) > max_edges:
        return 0.0
    e = _unbalanced_triangles(g, limit=len(g.i) * 1000)
    if len(e) == 0:
        return 0.0
    lightest = g.w[e].min(axis=1)
    used = np.zeros(len(g.i), dtype=bool)
    total = 0.0
    for k in np.argsort(-lightest, kind="stable").tolist():    # heaviest first: a larger bound
        a, b, c = e[k]
        if used[a] or used[b] or used[c]:
            continue
        used[a] = used[b] = used[c] = True
        total += float(lightest[k])
    return total
