"""The RDF store: one interface (:mod:`graph.store.base`), an embedded Oxigraph implementation
(:mod:`graph.store.oxigraph`), and the SPARQL files it runs (``queries/*.rq``).

This module stays light (no RDF library imported) so that the command line
can name the default store in its help without loading the store;
:func:`open_store` imports the backend it needs when called.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import StoreError

if TYPE_CHECKING:  # pragma: no cover
    from .base import Store

__all__ = ["DEFAULT_STORE_DIR", "STORE_ENV", "StoreError", "default_store_path", "open_store", "is_url"]

#: Store directory used when none is given (relative to the current directory).
DEFAULT_STORE_DIR = "actorgraph-store"
#: Environment variable overriding :data:`DEFAULT_STORE_DIR`.
STORE_ENV = "ACTORGRAPH_STORE"

_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def default_store_path() -> Path:
    """``$ACTORGRAPH_STORE`` when set, else ``./actorgraph-store``."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR)


def is_url(location: str | Path | None) -> bool:
    """Does ``location`` name a service (``scheme://…``) rather than a directory?"""
    return location is not None and bool(_URL.match(str(location)))


def open_store(location: str | Path | None = None, *, read_only: bool = False,
               create: bool = True) -> Store:
    """Open the store at ``location``: a directory (the embedded Oxigraph store, created
    when missing unless ``create=False``) or the URL of a SPARQL 1.1 service.

    ``location`` defaults to ``$ACTORGRAPH_STORE`` or ``./actorgraph-store``. A
    ``Path`` is always a directory; a string ``http(s)://…`` is a service URL and is
    never taken for a directory name.
    """
    if location is None:
        location = os.environ.get(STORE_ENV) or DEFAULT_STORE_DIR
    if not isinstance(location, Path) and is_url(location):
        scheme = str(location).split(":", 1)[0].lower()
        if scheme not in ("http", "https"):
            raise StoreError(f"store {location}: unsupported URL scheme {scheme!r} (use http or https, "
                             "or a directory path)")
        try:
            from .remote import RemoteStore  # type: ignore[import-not-found]
        except ImportError:
            raise StoreError(f"store {location}: remote SPARQL stores are not available in this "
                             "version; give a directory path") from None
        return RemoteStore(str(location), read_only=read_only, create=create)
    from .oxigraph import OxigraphStore

    return OxigraphStore(location, read_only=read_only, create=create)
