"""A library of stories to read -> what the web pages and the API ask of it (``Library``).

The web reads through this one small interface: ``DigestLibrary`` answers from an in-memory
``Digest`` (``digest --html`` and tests), ``web.store_library`` from the SQLite store.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from newsdesk.models import Article, Digest, Story
from newsdesk.store.records import Citing

SNIPPET = 80  # characters of context on each side of a search hit


@dataclass(frozen=True)
class StoryEntry:
    """One row of the story list: no long fields; ``latest`` is its latest activity (ISO date)."""

    id: str
    title: str
    articles: int
    outlets: tuple[str, ...]
    latest: str | None
    conflicts: int = 0
    lead: str | None = None  # the brief's first sentence


@dataclass(frozen=True)
class Hit:
    """A search result: what matched (``article``, ``claim``, ``quote``), where, and a snippet
    split around the matched words so that a page can mark them without trusting markup."""

    kind: str
    story_id: str | None
    article_id: str | None
    title: str
    before: str
    match: str
    after: str


@dataclass(frozen=True)
class Page:
    """A slice of a longer list, with the total it was cut from."""

    items: Sequence[object]
    total: int
    offset: int
    limit: int


@dataclass(frozen=True)
class Filters:
    outlet: str | None = None
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None


@dataclass(frozen=True)
class Changes:
    """What a re-analysis found new in a story (empty when the library keeps no history)."""

    lines: tuple[str, ...] = ()
    version: int | None = None
    when: str | None = None


class Library(Protocol):
    """What the reading room reads; every method is read-only."""

    def stories(self, filters: Filters, offset: int, limit: int) -> Page: ...
    def story(self, story_id: str) -> Story | None: ...
    def story_json(self, story_id: str) -> str | None: ...
    def survivor(self, story_id: str) -> str | None: ...
    def article(self, article_id: str) -> Article | None: ...
    def articles_of(self, story: Story) -> list[Article]: ...
    def stories_of(self, article_id: str) -> list[str]: ...
    def citing(self, article_id: str) -> list[Citing]: ...
    def outlets(self) -> list[str]: ...
    def outlet_stories(self, outlet: str) -> list[tuple[Story, list[Article]]]: ...
    def search(self, query: str, offset: int, limit: int) -> Page: ...
    def changes(self, story_id: str) -> Changes: ...


@dataclass
class DigestLibrary:
    """A ``Library`` over one ``Digest``: everything in memory, no history of changes."""

    digest: Digest
    _articles: dict[str, Article] = field(init=False)
    _entries: list[StoryEntry] = field(init=False)

    def __post_init__(self) -> None:
        self._articles = {a.id: a for a in self.digest.articles}
        self._entries = sorted(
            (self._entry(s) for s in self.digest.stories),
            key=lambda e: (e.latest or "", e.id),
            reverse=True,
        )

    def _entry(self, s: Story) -> StoryEntry:
        arts = [self._articles[i] for i in s.articles if i in self._articles]
        outlets = tuple(sorted({a.outlet for a in arts if a.outlet}))
        dates = [a.published[:10] for a in arts if a.published]
        lead = s.brief[0].text if s.brief else None
        return StoryEntry(s.id, s.title, len(s.articles), outlets, max(dates) if dates else None,
                          len(s.conflicts), lead)

    def stories(self, filters: Filters, offset: int, limit: int) -> Page:
        rows = [e for e in self._entries if _passes(e, filters)]
        return Page(rows[offset : offset + limit], len(rows), offset, limit)

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.digest.stories if s.id == story_id), None)

    def story_json(self, story_id: str) -> str | None:
        found = self.story(story_id)
        return None if found is None else json.dumps(found.to_dict(), ensure_ascii=False, separators=(",", ":"))

    def survivor(self, story_id: str) -> str | None:
        return None  # a digest never merges stories after the fact

    def article(self, article_id: str) -> Article | None:
        return self._articles.get(article_id)

    def articles_of(self, story: Story) -> list[Article]:
        return [self._articles[i] for i in story.articles if i in self._articles]

    def stories_of(self, article_id: str) -> list[str]:
        return [s.id for s in self.digest.stories if article_id in s.articles]

    def citing(self, article_id: str) -> list[Citing]:
        return [Citing.of(s, article_id) for s in self.digest.stories if article_id in s.articles]

    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self._articles.values() if a.outlet})

    def outlet_stories(self, outlet: str) -> list[tuple[Story, list[Article]]]:
        out = []
        for e in self._entries:
            story = self.story(e.id)
            mine = [a for a in self.articles_of(story) if a.outlet == outlet] if story else []
            if story and mine:
                out.append((story, mine))
        return out

    def search(self, query: str, offset: int, limit: int) -> Page:
        hits = search_digest(self.digest, query)
        return Page(hits[offset : offset + limit], len(hits), offset, limit)

    def changes(self, story_id: str) -> Changes:
        return Changes()


def _passes(e: StoryEntry, f: Filters) -> bool:
    if f.outlet and f.outlet not in e.outlets:
        return False
    if f.since and (e.latest or "") < f.since:
        return False
    return not (f.until and (e.latest is None or e.latest > f.until[:10]))


def search_digest(d: Digest, query: str) -> list[Hit]:
    """Every story title, claim, quote and article that contains all the words of ``query``
    (case-folded), stories' own texts first."""
    words = [w for w in re.findall(r"\w+", query.casefold()) if w]
    if not words:
        return []
    hits: list[Hit] = []
    for s in d.stories:
        for c in s.claims:
            hits += _hit("claim", s.id, c.sources[0] if c.sources else None, s.title, c.text, words)
        for q in s.quotes:
            who = f"{q.speaker or 'unattributed'}: "
            hits += _hit("quote", s.id, q.sources[0] if q.sources else None, s.title, who + q.text, words)
    for a in d.articles:
        story = next((s.id for s in d.stories if a.id in s.articles), None)
        hits += _hit("article", story, a.id, a.title or a.label, f"{a.title or ''}\n{a.text}", words)
    return hits


def _hit(kind: str, story: str | None, article: str | None, title: str, text: str,
         words: list[str]) -> list[Hit]:
    folded = text.casefold()
    if not all(w in folded for w in words):
        return []
    if len(folded) != len(text):  # folding changed the length ("ß"): no offsets to mark
        return [Hit(kind, story, article, title, text[: 2 * SNIPPET], "", "")]
    at = folded.index(words[0])
    end = at + len(words[0])
    lo, hi = max(0, at - SNIPPET), min(len(text), end + SNIPPET)
    return [Hit(kind, story, article, title, ("…" if lo else "") + text[lo:at], text[at:end],
                text[end:hi] + ("…" if hi < len(text) else ""))]
