"""Pictures of the actor network: the offline HTML page and static PNG/SVG figures.

- :mod:`.select` narrows the network (relations, evidence, camp, focus);
- :mod:`.model` computes what is drawn (camps, centrality, deduplicated evidence);
- :mod:`.layout` the frozen, camp-aware layout both outputs share;
- :mod:`.page` writes the HTML page from ``page.html``, ``page.css`` and ``page.js``;
- :mod:`.static` draws the same layout with matplotlib.
"""
from __future__ import annotations

from .page import BUDGET, REMOTE_RESOURCE_RE, render_html

__all__ = ["render_html", "render_static", "REMOTE_RESOURCE_RE", "BUDGET"]


def render_static(*args, **kwargs):
    """See :func:`graph.report.render.static.render_static` (matplotlib is imported only here)."""
    from .static import render_static as impl

    return impl(*args, **kwargs)
