"""The SPARQL queries shipped in ``graph/store/queries/*.rq``: the one place that reads them."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["load_query"]


@lru_cache(maxsize=None)
def load_query(name: str) -> str:
    """Text of ``graph/store/queries/<name>.rq`` (the ``.rq`` suffix is optional)."""
    stem = name[:-3] if name.endswith(".rq") else name
    base = resources.files("graph.store").joinpath("queries")
    res = base.joinpath(f"{stem}.rq")
    if not res.is_file():
        known = sorted(p.name[:-3] for p in base.iterdir() if p.name.endswith(".rq"))
        raise ValueError(f"no query named {stem!r} in graph/store/queries; known: {', '.join(known)}")
    return res.read_text(encoding="utf-8")
