"""The SQLite store (``newsdesk.store``) -> the ``Library`` the reading room reads."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from newsdesk.errors import NewsdeskError
from newsdesk.models import Article, Story
from newsdesk.store.reads import story_number
from newsdesk.web.library import Changes, Filters, Hit, Page, StoryEntry

if TYPE_CHECKING:
    from newsdesk.store.records import Citing, SearchHit, StoryChanges, StorySummary
    from newsdesk.store.sqlite import SqliteLibrary


STORIES_KEPT = 8  # decoded stories kept, by id and version: paging through one decodes it once


class StoreLibrary:
    """Reads one library file; every call is a read (the store's own snapshot per story)."""

    def __init__(self, store: SqliteLibrary) -> None:
        self.store = store
        self._outlets: tuple[tuple[int, ...], list[str]] | None = None
        self._leads: dict[tuple[str, int], tuple[int, str | None]] = {}  # (id, version) -> list extras
        self._stories: OrderedDict[tuple[str, int], Story] = OrderedDict()
        self._lock = threading.Lock()

    def _record(self, story_id: str):  # type: ignore[no-untyped-def]
        try:
            return self.store.story(story_id, history=False)  # the pages read only the latest changes
        except NewsdeskError:  # NotInLibrary, or an id that names no story
            return None

    def stories(self, filters: Filters, offset: int, limit: int) -> Page:
        if filters.until:  # the store filters from a date on; up to one is cut here
            rows = [r for r in self.store.stories(since=filters.since, outlet=filters.outlet)
                    if (r.last_published or r.updated)[:10] <= filters.until]
            total, rows = len(rows), rows[offset : offset + limit]
        else:
            rows = self.store.stories(since=filters.since, outlet=filters.outlet, limit=limit + 1,
                                      offset=offset)
            total = offset + len(rows)
            if not filters.since and not filters.outlet:
                total = self.store.counts()["stories"]
            rows = rows[:limit]
        return Page([self._entry(r) for r in rows], total, offset, limit)

    def _entry(self, r: StorySummary) -> StoryEntry:
        """A list row; its conflict count and lead come from the story, read once per version."""
        key = (r.id, r.version)
        if key not in self._leads:
            record = self._record(r.id)
            story = record.story if record else None
            lead = story.brief[0].text if story and story.brief else None
            self._leads[key] = (len(story.conflicts) if story else 0, lead)
        conflicts, lead = self._leads[key]
        latest = r.last_published or r.updated
        return StoryEntry(r.id, r.title, r.articles, r.outlets, latest[:10] if latest else None,
                          conflicts, lead)

    def story(self, story_id: str) -> Story | None:
        """The story (None for a merged id: its pages redirect); a version read before is not
        decoded again (a reader paging through a long story reads it at every page)."""
        try:
            holder, version = self.store.version(story_id)
        except NewsdeskError:
            return None
        if holder != str(story_number(story_id)):
            return None
        with self._lock:  # pages are served from several threads
            kept = self._stories.get((holder, version))
            if kept is not None:
                self._stories.move_to_end((holder, version))
                return kept
        record = self._record(story_id)
        if record is None or record.redirected_from is not None:
            return None
        with self._lock:
            self._stories[(record.story.id, record.summary.version)] = record.story  # the version it is
            while len(self._stories) > STORIES_KEPT:
                self._stories.popitem(last=False)
        return record.story

    def story_json(self, story_id: str) -> str | None:
        try:
            text, redirected_from = self.store.story_json(story_id)
        except NewsdeskError:
            return None
        return text if redirected_from is None else None

    def survivor(self, story_id: str) -> str | None:
        try:
            survivor = self.store.resolve(story_id)
        except NewsdeskError:
            return None
        return survivor if survivor != str(story_number(story_id)) else None

    def article(self, article_id: str) -> Article | None:
        try:
            return self.store.article(article_id)
        except NewsdeskError:
            return None

    def articles_of(self, story: Story) -> list[Article]:
        return self.store.articles(story.articles)

    def stories_of(self, article_id: str) -> list[str]:
        return self.store.stories_of(article_id)

    def citing(self, article_id: str) -> list[Citing]:
        return self.store.citing(article_id)

    def outlets(self) -> list[str]:
        key = tuple(self.store.counts().values())
        if self._outlets is None or self._outlets[0] != key:
            names = {o for r in self.store.stories() for o in r.outlets}
            self._outlets = (key, sorted(names))
        return list(self._outlets[1])

    def outlet_stories(self, outlet: str) -> list[tuple[Story, list[Article]]]:
        out = []
        for r in self.store.stories(outlet=outlet):
            story = self.story(r.id)
            mine = [a for a in self.articles_of(story) if a.outlet == outlet] if story else []
            if story and mine:
                out.append((story, mine))
        return out

    def search(self, query: str, offset: int, limit: int) -> Page:
        hits = self.store.search(query, limit=limit + 1, offset=offset)
        return Page([_hit(h) for h in hits[:limit]], offset + len(hits), offset, limit)

    def changes(self, story_id: str) -> Changes:
        try:
            found = self.store.changes(story_id, latest=1)
        except NewsdeskError:
            return Changes()
        if not found or found[0].version <= 1:
            return Changes()  # a story's first analysis: everything in it is new
        latest = found[0]
        return Changes(change_lines(latest), latest.version, latest.analysed)


def _hit(h: SearchHit) -> Hit:
    lo, hi = h.highlights[0] if h.highlights else (0, 0)
    return Hit(h.kind, h.story_id, h.article_id, h.title, h.snippet[:lo], h.snippet[lo:hi], h.snippet[hi:])


def change_lines(c: StoryChanges) -> tuple[str, ...]:
    """What a version of a story added, as sentences a reader can scan."""
    lines = []
    if c.new_articles:
        lines.append(f"{len(c.new_articles)} new article{'s' if len(c.new_articles) != 1 else ''}")
    if c.new_outlets:
        lines.append("New outlets: " + ", ".join(c.new_outlets))
    lines += [f"Newly corroborated ({before} → {after} outlets): {text}"
              for text, before, after in c.corroborated if before]
    lines += [f"New claim: {text}" for text in c.new_claims]
    lines += [f"New conflict: {text}" for text in c.new_conflicts]
    lines += [f"Lost support ({before} → {after} outlets): {text}" for text, before, after in c.lost_support]
    lines += [f"Merged with story {old}" for old in c.merged_from]
    return tuple(lines)
