"""A library file path -> ``SqliteLibrary``: the default store (one SQLite file, WAL, FTS5)."""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from newsdesk.errors import StoreError
from newsdesk.models import Article
from newsdesk.store import reads
from newsdesk.store.records import Citing, SearchHit, StoryChanges, StoryRecord, StorySummary
from newsdesk.store.schema import migrate
from newsdesk.store.search import Filters
from newsdesk.store.search import search as run_search

log = logging.getLogger("newsdesk.store")
BUSY_MS = 600_000  # a writer waits this long for another process's batch to commit


class SqliteLibrary:
    """The library in one SQLite file; every method takes or returns models, never rows."""

    def __init__(self, path: str | Path, *, timeout_ms: int = BUSY_MS) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            # One connection may serve several threads (the reading room's): a snapshot or a
            # transaction holds it alone, since SQLite has one transaction per connection.
            self._turn = threading.RLock()
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the library: {exc}", path=str(self.path)) from exc

    # -- reading -------------------------------------------------------------------------------
    def stories(
        self, *, since: str | None = None, outlet: str | None = None, limit: int | None = None, offset: int = 0
    ) -> list[StorySummary]:
        """Story summaries, the latest activity first."""
        return reads.summaries(self.conn, since, limit, offset, outlet)

    def story(self, story_id: str | int, *, history: bool = True) -> StoryRecord:
        """One story with its summary and change history (none read for ``history=False``); a
        merged story's id gives the survivor and says so in ``redirected_from``.  Raises ``NotInLibrary``."""
        asked = reads.story_number(story_id)
        with self.snapshot():
            number = reads.resolve(self.conn, asked)
            return StoryRecord(
                story=reads.load_story(self.conn, number),
                summary=reads.summary(self.conn, number),
                redirected_from=str(asked) if number != asked else None,
                changes=reads.changes_of(self.conn, number) if history else (),
            )

    def story_object(self, story_id: str | int) -> tuple[dict[str, Any], str | None]:
        """The story object of the JSON report as stored (no model is built: what the JSON API
        sends) and the id asked for when it names a merged story.  Raises ``NotInLibrary``."""
        asked = reads.story_number(story_id)
        with self.snapshot():
            number = reads.resolve(self.conn, asked)
            return reads.load_story_dict(self.conn, number), str(asked) if number != asked else None

    def version(self, story_id: str | int) -> tuple[str, int]:
        """The id of the story holding ``story_id`` now (see ``resolve``) and its version (one more
        at each analysis); nothing else is read.  Raises ``NotInLibrary``."""
        with self.snapshot():
            number = reads.resolve(self.conn, reads.story_number(story_id))
            return str(number), reads.summary(self.conn, number).version

    def resolve(self, story_id: str | int) -> str:
        """The id of the story that holds ``story_id``'s articles now: itself, or the survivor of
        the merges it went into.  Raises ``NotInLibrary`` for an id that names no story."""
        with self.snapshot():
            number = reads.resolve(self.conn, reads.story_number(story_id))
            reads.summary(self.conn, number)
            return str(number)

    def story_json(self, story_id: str | int) -> tuple[str, str | None]:
        """``story_object`` as JSON text, not parsed (key-sorted, compact); raises ``NotInLibrary``."""
        asked = reads.story_number(story_id)
        with self.snapshot():
            number = reads.resolve(self.conn, asked)
            return reads.load_story_text(self.conn, number), str(asked) if number != asked else None

    def changes(self, story_id: str | int, *, latest: int | None = None) -> tuple[StoryChanges, ...]:
        """What each version of the story added, the newest first (the ``latest`` few when given);
        the story itself is not read."""
        with self.snapshot():
            number = reads.resolve(self.conn, reads.story_number(story_id))
            reads.summary(self.conn, number)  # NotInLibrary for an unknown story
            return reads.changes_of(self.conn, number, latest)

    def article(self, article_id: str) -> Article:
        """One article.  Raises ``NotInLibrary``."""
        return reads.load_article(self.conn, article_id)

    def articles(self, ids: Iterable[str]) -> list[Article]:
        """The articles of ``ids`` that the library holds, in that order."""
        return reads.load_articles(self.conn, list(ids))

    def stories_of(self, article_id: str) -> list[str]:
        """Ids of the stories an article belongs to (empty when kept out of stories)."""
        row = self.conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
        return [str(row[0])] if row and row[0] is not None else []

    def citing(self, article_id: str) -> list[Citing]:
        """The stories holding an article, each with the article's sentences it cites as evidence
        (read without building the stories)."""
        with self.snapshot():
            return reads.citing(self.conn, article_id)

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
    ) -> list[SearchHit]:
        """Articles, claims and quotes matching every word of ``query``, best first."""
        return run_search(self.conn, query, Filters(outlet, since, until, kinds, limit, offset))

    def counts(self) -> dict[str, int]:
        """How many articles, stories and files the library holds."""
        one = self.conn.execute
        return {
            "articles": one("SELECT count(*) FROM articles").fetchone()[0],
            "stories": one("SELECT count(*) FROM stories").fetchone()[0],
            "files": one("SELECT count(*) FROM files").fetchone()[0],
        }

    def known_origins(self, origins: Iterable[str]) -> set[str]:
        """Which of ``origins`` (file paths or the URLs pages were fetched from) the library has
        already taken in."""
        return self._found("SELECT path FROM files WHERE path IN ({})", origins)

    def known_files(self, hashes: Iterable[str]) -> set[str]:
        """Which content hashes of input files the library has already seen."""
        return self._found("SELECT hash FROM files WHERE hash IN ({})", hashes)

    def _found(self, sql: str, values: Iterable[str]) -> set[str]:
        """The values a one-column ``IN ({})`` query finds, asked 500 at a time."""
        values = list(values)
        found: set[str] = set()
        for at in range(0, len(values), 500):
            part = values[at : at + 500]
            found.update(r[0] for r in self.conn.execute(sql.format(",".join("?" * len(part))), part))
        return found

    # -- writing -------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (taken at once, so two writers queue instead of failing):
        everything inside commits together or not at all."""
        with self._turn:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Several reads that see one state of the file, even while another process writes
        (and, on a connection shared by threads, while no other thread uses it)."""
        with self._turn:
            if self.conn.in_transaction:  # inside this thread's own snapshot or transaction
                yield
                return
            self.conn.execute("BEGIN")
            try:
                yield
            finally:
                self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> SqliteLibrary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

