"""Library read results -> frozen records: story summaries, a story with its redirect, search hits, changes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from newsdesk.models import FileError, Note, Story

HitKind = Literal["article", "claim", "quote"]
Span = tuple[int, int]


@dataclass(frozen=True)
class Citing:
    """A story that holds an article, with the article's sentences the story cites as evidence:
    one tuple of (start, end) spans into the article's text per citing brief sentence or claim."""

    id: str
    title: str
    citations: tuple[tuple[Span, ...], ...] = ()

    @classmethod
    def of(cls, story: Story, article_id: str) -> Citing:
        return cls(story.id, story.title, tuple(
            tuple((x.start, x.end) for x in e.sentences)
            for item in (*story.brief, *story.claims) for e in item.evidence if e.article_id == article_id
        ))


@dataclass(frozen=True)
class StorySummary:
    """One line of the story list: no long fields.  ``updated`` is when the library last
    re-analysed the story (UTC ISO 8601); ``first_published``/``last_published`` span its articles."""

    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    version: int
    created: str
    updated: str
    first_published: str | None = None
    last_published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["outlets"] = list(self.outlets)
        return d


@dataclass(frozen=True)
class StoryChanges:
    """What one re-analysis of a story found new since its previous version.

    ``corroborated`` and ``lost_support`` hold (claim text, independent outlets before, after);
    a claim new in this version has 0 before; a claim gone from the story has 0 after.
    """

    story_id: str
    version: int
    analysed: str
    new_articles: tuple[str, ...] = ()
    new_outlets: tuple[str, ...] = ()
    new_claims: tuple[str, ...] = ()
    corroborated: tuple[tuple[str, int, int], ...] = ()
    new_conflicts: tuple[str, ...] = ()
    lost_support: tuple[tuple[str, int, int], ...] = ()
    merged_from: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not any(
            (self.new_articles, self.new_claims, self.corroborated, self.new_conflicts,
             self.lost_support, self.merged_from)
        )

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: ([list(x) if isinstance(x, tuple) else x for x in v] if isinstance(v, tuple) else v)
                for k, v in d.items()}


@dataclass(frozen=True)
class StoryRecord:
    """A story as the library holds it.  ``redirected_from`` is the id asked for when that
    story was merged into this one (its survivor); None when the id asked for is this one."""

    story: Story
    summary: StorySummary
    redirected_from: str | None = None
    changes: tuple[StoryChanges, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d = self.story.to_dict()
        d.update(self.summary.to_dict())
        d["articles"] = list(self.story.articles)
        d["redirected_from"] = self.redirected_from
        d["changes"] = [c.to_dict() for c in self.changes]
        return d


@dataclass(frozen=True)
class SearchHit:
    """One search result.  ``snippet`` is plain text; ``highlights`` are (start, end) offsets of
    the matched words in it, so that every renderer escapes the text itself and marks the spans."""

    kind: HitKind
    score: float
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    title: str
    article_id: str | None = None
    story_id: str | None = None
    outlet: str | None = None
    published: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["highlights"] = [list(h) for h in self.highlights]
        return d


@dataclass(frozen=True)
class IngestReport:
    """What one ``ingest`` run did: new articles, files already known, stories opened, touched, merged.
    ``added`` holds every article stored; ``kept_out`` those of them no story uses (another language,
    not news): they are stored so that a re-ingest skips them, and listed among the errors."""

    added: tuple[str, ...] = ()
    known: int = 0
    stories_new: tuple[str, ...] = ()
    stories_updated: tuple[str, ...] = ()
    merged: tuple[tuple[str, str], ...] = ()
    errors: tuple[FileError, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()  # the same article as another file, a symlink loop: no failure
    kept_out: tuple[str, ...] = ()

    @property
    def in_stories(self) -> int:
        """Articles added to stories: what ``digest`` counts in '8 stories from 23 articles'."""
        return len(self.added) - len(self.kept_out)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["merged"] = [list(m) for m in self.merged]
        return d
