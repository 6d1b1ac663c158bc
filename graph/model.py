"""Plain data passed along the pipeline: documents → mentions → actors → statements.

These classes carry no behaviour beyond derived identifiers; every stage of
the pipeline reads and returns them, so they are the contract between stages.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from .vocab import ID


def short_hash(*parts: str, length: int = 16) -> str:
    """Stable hex digest of the parts (used to mint IRIs)."""
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return h[:length]


@dataclass(frozen=True)
class Document:
    """One article, as read from a file or a JSONL line.

    ``id`` is the name the evaluation uses (the file name, or the JSONL record's
    id/url). ``key`` identifies where it came from in a store — its path (relative
    to the working directory when under it), its URL or its record id — so that
    re-ingesting a changed article replaces it and two ``article.txt`` in different
    folders stay two documents (:attr:`identity` falls back to ``source``, then
    ``id``). The IRI comes from the text: the same text under two names is one
    document with two sources.
    """

    id: str
    text: str
    title: str = ""
    date: str | None = None          # ISO 8601 date (YYYY-MM-DD) when known; None: no date found
    source: str = ""                 # path or URL it was read from
    url: str | None = None
    path: str | None = None          # path relative to the ingest root (POSIX), for files and stdin ("-")
    record_id: str | None = None     # a JSON record's own id, when it has one
    date_origin: str = ""            # where the date came from: header, filename, dateline, metadata,
                                     # record, option ("" when there is no date)
    ingested: str | None = None      # ISO date of ingestion (kept apart from the article's date)
    key: str = ""                    # identity in a store: path (relative to the working directory
                                     # when under it), URL or record id; "" → source, else id

    @property
    def identity(self) -> str:
        """Where the document came from, as a store identifies it: key, else source, else id."""
        return self.key or self.source or self.id

    @cached_property
    def content_hash(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def identity(self) -> str:
        """Where the document came from, as a store identifies it: key, else source, else id."""
        return self.key or self.source or self.id

    @property
    def iri(self) -> str:
        return str(ID[f"doc/{self.content_hash[:16]}"])


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a knowledge-base entry or a minted one."""

    iri: str
    label: str                        # preferred label
    type: str = "Actor"               # local name of its ontology class
    labels: tuple[str, ...] = ()      # every label (preferred first), for matching and scoring
    minted: bool = False


@dataclass(frozen=True)
class Mention:
    """A span of a document that names an actor (possibly not yet resolved)."""

    start: int                        # character offsets in Document.text
    end: int
    text: str
    actor: Actor | None = None
    kind: str = "name"                # name | demonym | pronoun | nominal | acronym | ner


@dataclass(frozen=True)
class Evidence:
    """The sentence that supports a statement, with its offsets in the document.

    ``antecedent`` is the earlier sentence that names an actor the statement reaches through a
    reference ("They later condemned X" ← "The Houthis …"), when there is one.
    """

    sentence: str
    start: int
    end: int
    antecedent: "Evidence | None" = None


@dataclass(frozen=True)
class Statement:
    """One extracted relation with its provenance."""

    subject: Actor
    predicate: str                    # relation local name in the ontology (e.g. "backedBy")
    object: Actor
    doc_id: str
    doc_iri: str
    evidence: Evidence
    confidence: float = 0.5
    negated: bool = False
    date: str | None = None
    extractor: str = "actorgraph-rules"
    extractor_version: str = "0"
    rule: str = ""                    # which pattern produced it (for debugging and reports)

    @property
    def iri(self) -> str:
        return str(ID["stmt/" + short_hash(self.doc_iri, self.subject.iri, self.predicate,
                                           self.object.iri, str(self.evidence.start),
                                           str(self.negated))])

    @property
    def evidence_iri(self) -> str:
        return str(ID["ev/" + short_hash(self.doc_iri, str(self.evidence.start), str(self.evidence.end))])


_BIDI_AND_FORMAT = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def printable(name: str) -> str:
    """``name`` safe to print on one terminal line: control characters, bidirectional overrides,
    lone surrogates (undecodable bytes of a file name) and line breaks become escapes."""
    out = []
    for ch in str(name):
        code = ord(ch)
        if ch == "\\":
            out.append("\\\\")
        elif code < 0x20 or 0x7F <= code < 0xA0 or ch in _BIDI_AND_FORMAT or ch in "\u2028\u2029":
            out.append(ch.encode("unicode_escape").decode("ascii"))
        elif 0xDC80 <= code <= 0xDCFF:               # os.fsdecode's surrogateescape of a raw byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


@dataclass
class ReadFailure:
    """A file (or record) that could not be read, with a one-line reason."""

    source: str
    problem: str

    def __str__(self) -> str:
        return f"{printable(self.source)}: {printable(self.problem)}"


@dataclass
class IngestReport:
    """Counts of an ingest: ``documents`` read (stored, unchanged or duplicate), ``unchanged``
    (already stored with the same content hash: skipped before parsing), ``duplicates`` (the
    same text under another name in this run: one document, counted once), ``undated``
    (stored documents without a date), ``new_actors`` (minted actors, not in the knowledge
    base), ``words`` (words parsed) and the failures, each with its reason."""

    documents: int = 0
    unchanged: int = 0
    statements: int = 0
    actors: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    duplicates: int = 0
    undated: int = 0
    new_actors: int = 0
    words: int = 0
    sources: dict[str, list[str]] = field(default_factory=dict)   # content hash → further sources
