"""Typed data model shared by every pipeline stage: frozen dataclasses, JSON-ready."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Precision = Literal["year", "month", "day", "hour", "minute", "second"]
LineKind = Literal[
    "title",
    "heading",
    "byline",
    "date",
    "dateline",
    "wire",
    "boilerplate",
    "teaser",
    "tags",
    "author_box",
    "relative_time",
    "share",
    "duplicate",
    "navigation",
    "caption",
    "empty",
]


def content_id(text: str) -> str:
    """A short, stable article id derived from its content (idempotent re-ingest)."""
    return hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()[:10]


@dataclass(frozen=True)
class RemovedLine:
    """A line of the input kept out of the article body, with the reason."""

    line: str
    kind: str


@dataclass(frozen=True)
class Article:
    """One cleaned article: body text (paragraphs joined by blank lines) and metadata.

    ``text`` holds only body paragraphs; section headings live in ``headings``
    so that no heading is ever cited as a sentence.  ``published`` is ISO 8601
    and ``published_precision`` says how much of it the source gave.
    """

    id: str
    text: str
    title: str | None = None
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    published_precision: str | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None
    wire: str | None = None
    language: str | None = None
    headings: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    source_format: str = "text"

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p.strip()]

    @property
    def file_name(self) -> str:
        """The last part of its path (or URL), else its id."""
        return self.path.rsplit("/", 1)[-1] if self.path else self.id

    @property
    def label(self) -> str:
        """How reports name its source: the outlet; without one, the file, marked as a file
        ('file ferry.txt') so that no reader takes a file name for an outlet."""
        if self.outlet:
            return self.outlet
        return f"file {self.file_name}" if self.path else f"article {self.id}"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["authors"] = list(self.authors)
        d["headings"] = list(self.headings)
        d["removed"] = [asdict(r) for r in self.removed]
        return d


@dataclass(frozen=True)
class Citation:
    """Where a piece of output text stands in an article: character span into ``Article.text``."""

    article_id: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, with its span into ``Article.text``."""

    article_id: str
    start: int
    end: int
    text: str
    index: int = 0


Support = Literal["full", "partial"]


@dataclass(frozen=True)
class EvidenceSentence:
    """A sentence of a cited article that states (part of) what cites it: span into ``Article.text``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceEvidence:
    """What one cited article says of a brief sentence or claim: its sentences, and whether they
    state the whole of it (``full``) or only its core fact (``partial``)."""

    article_id: str
    support: Support
    sentences: tuple[EvidenceSentence, ...]

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SourceEvidence:
        """The inverse of the JSON report's evidence object."""
        sentences = tuple(EvidenceSentence(s["start"], s["end"], s["text"]) for s in d["sentences"])
        return cls(d["article_id"], d["support"], sentences)


@dataclass(frozen=True)
class BriefSentence:
    text: str
    sources: tuple[str, ...]
    citation: Citation | None = None
    evidence: tuple[SourceEvidence, ...] = ()


@dataclass(frozen=True)
class Entity:
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Quote:
    """A quotation found in one text: offsets of the quoted words (inside the marks)."""

    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    direct: bool = True


@dataclass(frozen=True)
class StoryQuote:
    speaker: str | None
    text: str
    sources: tuple[str, ...]
    variants: tuple[str, ...] = ()
    direct: bool = True


@dataclass(frozen=True)
class TimeExpression:
    """A TIMEX3 time expression: type DATE/TIME/DURATION/SET, value in TIMEX3 form."""

    text: str
    start: int
    end: int
    type: str
    value: str


# what a timeline date rests on (``TimelineEvent.anchored``): a source's publication date, a year the
# sentence writes out, or a guess ("inferred:" and how the anchor was inferred)
PUBLISHED, STATED, INFERRED = "published", "stated", "inferred:"


@dataclass(frozen=True)
class TimelineEvent:
    date: str
    precision: str
    event: str
    sources: tuple[str, ...]
    background: bool = False
    anchored: str = PUBLISHED


@dataclass(frozen=True)
class Claim:
    text: str
    sources: tuple[str, ...]
    independent_sources: int
    syndicated: tuple[tuple[str, ...], ...] = ()
    evidence: tuple[SourceEvidence, ...] = ()


@dataclass(frozen=True)
class ConflictVariant:
    value: str
    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    slot: str
    variants: tuple[ConflictVariant, ...]


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    articles: tuple[str, ...]
    brief: tuple[BriefSentence, ...] = ()
    claims: tuple[Claim, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[StoryQuote, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    entities: tuple[Entity, ...] = ()
    coverage: dict[str, list[int]] = field(default_factory=dict)
    syndication: tuple[tuple[str, ...], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return _jsonable(asdict(self))


@dataclass(frozen=True)
class Note:
    """Something said about an input: ``kind`` "duplicate" (the same article in two files, read
    once; ``note`` names the other file) or "symlink_loop" (a link in a folder that leads back
    into itself, not followed)."""

    path: str
    note: str
    kind: str = "duplicate"


@dataclass(frozen=True)
class FileError:
    """An input that could not be used: ``error`` says why (one line, for the user)."""

    path: str
    error: str


SCHEMA = "newsdesk/2"


@dataclass(frozen=True)
class Digest:
    articles: tuple[Article, ...]
    stories: tuple[Story, ...]
    errors: tuple[FileError, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()

    def article(self, article_id: str) -> Article:
        for a in self.articles:
            if a.id == article_id:
                return a
        raise KeyError(article_id)

    def to_dict(self) -> dict[str, Any]:
        return {k: v if isinstance(v, str) else list(v) for k, v in self.parts().items()}

    def parts(self) -> dict[str, str | Iterator[dict[str, Any]]]:
        """``to_dict``'s keys in order, each list as a generator of its items' dicts, so that a
        report can be made an item at a time (``report.json_chunks``)."""
        out: dict[str, str | Iterator[dict[str, Any]]] = {
            "schema": SCHEMA,
            "articles": (a.to_dict() for a in self.articles),
            "stories": (s.to_dict() for s in self.stories),
            "errors": (asdict(e) for e in self.errors),
        }
        if self.notes:  # only when there are some: earlier readers see the same keys
            out["notes"] = (asdict(n) for n in self.notes)
        return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
