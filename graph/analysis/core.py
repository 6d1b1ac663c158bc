"""Compatibility: the analysis used to live here; it is now one module per family.

:mod:`.summary` (the overview), :mod:`.camps` and :mod:`.balance`, :mod:`.centrality`,
:mod:`.chains`, :mod:`.triads`, :mod:`.timeline`, :mod:`.hostility`.
"""
from __future__ import annotations

from .chains import patron_chains
from .summary import SEED, Analysis, analyze
from .timeline import timeline
from .triads import unbalanced_triads

__all__ = ["Analysis", "analyze", "patron_chains", "timeline", "unbalanced_triads", "SEED"]
