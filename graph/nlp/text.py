"""Text before parsing: a same-length copy of an article that parses better.

News text carries furniture that a parser trained on running prose misreads:

* **datelines** — "BAGHDAD —", "ADEN:", "BEIRUT (AP) --", "Dubai/Baghdad:",
  "Damascus." at the head of a paragraph are read as the subject or an
  apposition of the first sentence; they are blanked (replaced by spaces);
* **Title Case headlines** — "Militia Vows Revenge On Troops After Strike"
  is tagged as a run of proper nouns; its common words are lowercased
  (truecased) while names stay as written.

Only characters are replaced, never inserted or removed, so every offset in
the parse of the prepared text points at the same place of the original text,
and evidence is cut from the original. Which words are names comes from the
caller (the knowledge-base gazetteer) and from the article itself: a word the
body writes in lowercase is a common word, a word it capitalises mid-sentence
is a name.

>>> prepare("Militia Vows Revenge On Troops\\n\\nBAGHDAD — The militia vowed revenge.",
...         common={"vow", "troop"}.__contains__, function_words=frozenset({"on"}))
'Militia vows revenge on troops\\n\\n          The militia vowed revenge.'
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable

__all__ = ["prepare", "is_title_case", "DATELINE"]

_DASH = r"(?:—|–|--|-)"
#: A dateline at the head of a paragraph: an all-capitals place ("BAGHDAD —", "ADEN:", "GAZA CITY, Gaza Strip -"),
#: places joined by a slash ("Dubai/Baghdad:"), a place with an agency ("Beirut (Reuters) -"), or a lone
#: capitalised place closed by a full stop ("Damascus. Ousted …").
DATELINE = re.compile(
    r"^[ \t]*(?:"
    r"[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*(?:,[ \t]+[A-Z][A-Za-z.]+(?:[ \t][A-Z][A-Za-z.]+)*)?"
    r"(?:[ \t]*\([A-Za-z. ]+\))?[ \t]*(?:" + _DASH + r"|:)"
    r"|[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?(?:/[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?)+[ \t]*:"
    r"|[A-Z][A-Za-z]+(?:[ \t][A-Z][A-Za-z]+)?(?:,[ \t]+[A-Z][A-Za-z]+)?[ \t]*\((?:AP|AFP|Reuters|UPI|dpa|Xinhua|CNN)\)[ \t]*"
    + _DASH + r"?"
    r"|[A-Z][a-z]+(?:[ \t][A-Z][a-z]+)?\.(?=[ \t]+[A-Z][a-z])"
    r")[ \t]+(?=\S)",
    re.MULTILINE)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_END_PUNCT = ".!?\"”'’:;"
_SENT_START = re.compile(r"(?:^|[.!?][\"”’']?\s+|\n)\s*$")


def _stems(word: str) -> set[str]:
    """Crude inflectional stems: 'vows' → vow, 'struck' stays, 'attacks' → attack, 'killed' → kill."""
    out = {word}
    for suf in ("ing", "ed", "es", "s", "d"):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            out.add(word[: -len(suf)])
    return out


def is_title_case(line: str, function_words: frozenset[str] = frozenset()) -> bool:
    """A headline in Title Case: three or more words, no closing full stop, and nearly every word
    that is not a function word capitalised."""
    s = line.strip()
    if not s or s[-1] in ".!?" or s.count(". ") > 0:
        return False
    words = _WORD.findall(s)
    content = [w for w in words if w.lower() not in function_words]
    if len(words) < 3 or len(content) < 3:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    lower_function = sum(1 for w in words if w.lower() in function_words and w[0].isupper())
    return caps / len(content) >= 0.8 and (caps >= 4 or lower_function >= 1)


def _body_words(text: str, headline_spans: list[tuple[int, int]]) -> tuple[set[str], set[str]]:
    """(stems of words written in lowercase, words written capitalised mid-sentence) outside headlines."""
    lower, capital = set(), set()
    for m in _WORD.finditer(text):
        if any(a <= m.start() < b for a, b in headline_spans):
            continue
        w = m.group()
        if w.islower():
            lower.update(_stems(w))
        elif w[0].isupper() and not w.isupper() and not _SENT_START.search(text[max(0, m.start() - 6):m.start()]):
            capital.add(w)
    return lower, capital


def prepare(text: str, *, common: Callable[[str], bool] = lambda w: False,
            protected: Callable[[str], Iterable[tuple[int, int]]] = lambda line: (),
            function_words: frozenset[str] = frozenset(), abbreviations: frozenset[str] = frozenset()) -> str:
    """The text to parse: same length as ``text``, datelines blanked, Title Case headlines truecased.

    ``common(lemma)`` says whether a lowercased word is a common word (the extractor's pattern vocabulary);
    ``protected(line)`` gives the character spans of names in a headline line, which stay as written;
    ``abbreviations`` (lowercase, with their full stop: "mr.", "brig.") are never read as a dateline.
    """
    chars = list(text)
    for m in DATELINE.finditer(text):
        if m.group().strip().lower() in abbreviations:
            continue
        for i in range(m.start(), m.end()):
            if chars[i] not in "\n":
                chars[i] = " "
    blanked = "".join(chars)

    lines, pos = [], 0
    for line in blanked.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    heads = [(start, start + len(line)) for start, line in lines if is_title_case(line, function_words)]
    if not heads:
        return blanked
    body_lower, body_capital = _body_words(blanked, heads)
    for start, end in heads:
        line = blanked[start:end]
        keep = [(start + a, start + b) for a, b in protected(line)]
        first = True
        for m in _WORD.finditer(line):
            w, at = m.group(), start + m.start()
            if first:
                first = False
                continue
            if not w[0].isupper() or w.isupper() or any(a <= at < b for a, b in keep):
                continue
            lw = w.lower()
            stems = _stems(lw)
            if stems & body_lower:
                pass
            elif w in body_capital:
                continue
            elif lw not in function_words and not any(common(s) for s in stems):
                continue
            chars[at] = chars[at].lower()
    return "".join(chars)
