"""The RDF store: one interface, an embedded Oxigraph implementation, and the SPARQL files it runs.

This module stays light (no RDF library imported) so that the command line
can name the default store in its help without loading the store.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import StoreError

__all__ = ["DEFAULT_STORE_DIR", "STORE_ENV", "StoreError", "default_store_path"]

#: Store directory used when none is given (relative to the current directory).
DEFAULT_STORE_DIR = "actorgraph-store"
#: Environment variable overriding :data:`DEFAULT_STORE_DIR`.
STORE_ENV = "ACTORGRAPH_STORE"


def default_store_path() -> Path:
    """``$ACTORGRAPH_STORE`` when set, else ``./actorgraph-store``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR)
