"""The store's one interface: what any library back end (SQLite today, PostgreSQL later) offers."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

from newsdesk.models import Article
from newsdesk.store.records import Citing, SearchHit, StoryChanges, StoryRecord, StorySummary


@runtime_checkable
class Library(Protocol):
    """Reads return the project's models and the frozen records of ``store.records``; unknown ids
    raise ``NotInLibrary``.  Writes go through ``newsdesk.store.ingestion`` inside ``transaction()``."""

    def stories(
        self, *, since: str | None = None, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StorySummary]: ...

    def story(self, story_id: str | int, *, history: bool = True) -> StoryRecord: ...

    def story_object(self, story_id: str | int) -> tuple[dict[str, Any], str | None]: ...

    def story_json(self, story_id: str | int) -> tuple[str, str | None]: ...

    def version(self, story_id: str | int) -> tuple[str, int]: ...

    def changes(self, story_id: str | int, *, latest: int | None = None) -> tuple[StoryChanges, ...]: ...

    def article(self, article_id: str) -> Article: ...

    def articles(self, ids: Iterable[str]) -> list[Article]: ...

    def stories_of(self, article_id: str) -> list[str]: ...

    def citing(self, article_id: str) -> list[Citing]: ...

    def search(
        self,
        query: str,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        kinds: tuple[str, ...] = ("article", "claim", "quote"),
        limit: int = 20,
        offset: int = 0,
    ) -> list[SearchHit]: ...

    def counts(self) -> dict[str, int]: ...

    def known_files(self, hashes: Iterable[str]) -> set[str]: ...

    def transaction(self) -> AbstractContextManager[Any]: ...

    def close(self) -> None: ...
