"""One exception root for everything a user can act on.

The command line prints any :class:`ActorgraphError` as one line
(``actorgraph: <message>``) and exits with its :attr:`exit_code`; anything
else is a bug and keeps its traceback.
"""
from __future__ import annotations

__all__ = ["ActorgraphError", "InputError", "StoreError", "QueryError", "ModelNotFound", "OntologyError"]


class ActorgraphError(Exception):
    """Root of the errors a user can act on; the message names the file or store and the problem."""

    exit_code = 1


class InputError(ActorgraphError):
    """A document, file or option value that cannot be read or used."""

    exit_code = 2


class StoreError(ActorgraphError):
    """A store that cannot be opened, read or written."""


class QueryError(ActorgraphError):
    """A SPARQL query that cannot be parsed or run."""


class ModelNotFound(ActorgraphError):
    """The spaCy English model is not installed."""


class OntologyError(ActorgraphError):
    """A name looked up in ``ontology/`` that the shipped Turtle does not define."""
