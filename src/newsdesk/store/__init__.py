"""A library file -> articles and stories that grow by ``ingest``: the store (SQLite by default).

Open a library and read it; every method takes and returns models, never rows::

    from newsdesk.store import open_library, ingest
    lib = open_library()                   # --db, else $NEWSDESK_DB, else user_data_dir/library.db
    report = ingest(["examples/"], lib)    # IngestReport: added, known, stories_new/updated, merged, errors
    lib.stories(since="2025-08-01", outlet=None, limit=50, offset=0)  # [StorySummary], latest activity first
    rec = lib.story("3")                   # StoryRecord: .story (models.Story), .summary, .changes,
                                           #   .redirected_from ("2" when story 2 was merged into 3)
    lib.changes("3")                       # (StoryChanges, ...) newest version first
    lib.article(article_id)                # models.Article (NotInLibrary when unknown)
    lib.articles([ids]); lib.stories_of(article_id)
    lib.search("ferry captain", outlet=None, since=None, until=None, kinds=("article", "claim", "quote"),
               limit=20, offset=0)        # [SearchHit] best first: kind, score (bm25, lower is better),
                                           #   snippet (plain text) + highlights [(start, end)], ids, title
    lib.counts()                           # {"articles": n, "stories": n, "files": n}
    with lib.transaction(): ...            # one write transaction (BEGIN IMMEDIATE)
    lib.close()

Story ids are integers as strings, given once and never reused; a story that another merges into
keeps answering through a redirect.  Each re-analysis of a story is a new version that records
what changed (``StoryChanges``).  Writes of one ingest batch commit together, so a killed ingest
leaves the library as it was after its last whole batch.  The file holds a schema version and is
upgraded in place when opened by a newer newsdesk (``schema.migrate``).

``Library`` (``store.protocol``) is the interface; ``SqliteLibrary`` its one implementation today.

Modules: ``protocol`` (the interface), ``sqlite`` (the ``SqliteLibrary`` class), ``schema`` (tables, migrations), ``reads`` /
``writes`` / ``index`` / ``search`` (SQL), ``ingest`` / ``update`` (the incremental pipeline),
``clusterstate`` (online clustering state), ``prepared`` (per-article NLP kept for re-analysis),
``changes`` (what is new in a version), ``codec`` (JSON <-> models), ``records`` (result types).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.store.protocol import Library
from newsdesk.store.records import IngestReport, SearchHit, StoryChanges, StoryRecord, StorySummary

if TYPE_CHECKING:
    from newsdesk.store.sqlite import SqliteLibrary

ENV = "NEWSDESK_DB"


def default_db_path() -> Path:
    """``$NEWSDESK_DB`` if set, else the platform's user data folder / library.db."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("newsdesk")) / "library.db"


def open_library(path: str | Path | None = None, *, create: bool = True) -> SqliteLibrary:
    """Open (creating or upgrading) the library at ``path``, else at ``default_db_path()``;
    with ``create=False`` (commands that only read) a missing file raises ``NoLibrary``."""
    from newsdesk.store.sqlite import SqliteLibrary

    where = Path(path).expanduser() if path else default_db_path()
    if not create and not where.exists():
        from newsdesk.errors import NoLibrary

        raise NoLibrary("no library at this path", path=str(where))
    return SqliteLibrary(where)


def ingest(inputs: list[str | Path] | list[str] | list[Path], library: SqliteLibrary, **options: object) -> IngestReport:
    """Add new articles among ``inputs`` to ``library`` (see ``newsdesk.store.ingestion.ingest``)."""
    from newsdesk.store.ingestion import ingest as run

    return run(inputs, library, **options)  # type: ignore[arg-type]


__all__ = [
    "ENV", "IngestReport", "Library", "SearchHit", "StoryChanges", "StoryRecord", "StorySummary",
    "default_db_path", "ingest", "open_library",
]
