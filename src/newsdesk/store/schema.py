"""A SQLite connection -> the library schema at the current version (migrations applied in place)."""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable

log = logging.getLogger("newsdesk.store.schema")

# Version 1: articles, files, per-article NLP, stories with versions and redirects, the online
# clusterer's state, copy-detection bands, article and claim search.
V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    hash TEXT PRIMARY KEY, path TEXT, article_id TEXT, error TEXT, added TEXT NOT NULL);
CREATE TABLE articles (
    id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, data TEXT NOT NULL,
    title TEXT, outlet TEXT, published TEXT, added TEXT NOT NULL,
    story_id INTEGER, copy_group TEXT NOT NULL, excluded TEXT);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_group ON articles (copy_group);
CREATE TABLE article_nlp (
    article_id TEXT PRIMARY KEY, sentences TEXT NOT NULL, dim INTEGER NOT NULL,
    vectors BLOB NOT NULL, doc BLOB NOT NULL, shingles BLOB NOT NULL);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY AUTOINCREMENT, title TEXT NOT NULL, data TEXT NOT NULL,
    version INTEGER NOT NULL, size INTEGER NOT NULL, outlets TEXT NOT NULL,
    created TEXT NOT NULL, updated TEXT NOT NULL, first_published TEXT, last_published TEXT);
CREATE INDEX stories_updated ON stories (updated DESC, id DESC);
CREATE TABLE story_versions (
    story_id INTEGER NOT NULL, version INTEGER NOT NULL, analysed TEXT NOT NULL,
    changes TEXT NOT NULL, PRIMARY KEY (story_id, version));
CREATE TABLE redirects (old_id INTEGER PRIMARY KEY, new_id INTEGER NOT NULL, merged TEXT NOT NULL);
CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE story_terms (
    story_id INTEGER PRIMARY KEY, terms TEXT NOT NULL, size INTEGER NOT NULL,
    indexed_at INTEGER NOT NULL, indexed TEXT NOT NULL);
CREATE TABLE story_index (term TEXT NOT NULL, story_id INTEGER NOT NULL, PRIMARY KEY (term, story_id))
    WITHOUT ROWID;
CREATE TABLE bands (key TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (key, article_id))
    WITHOUT ROWID;
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    article_id UNINDEXED, title, text, tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    story_id UNINDEXED, outlets UNINDEXED, first UNINDEXED, last UNINDEXED, text,
    tokenize = 'porter unicode61 remove_diacritics 2');
"""

# Version 2: quotes become searchable (speaker and words); filled from the stored stories.
V2 = """
CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    story_id UNINDEXED, outlets UNINDEXED, first UNINDEXED, last UNINDEXED, speaker, text,
    tokenize = 'porter unicode61 remove_diacritics 2');
"""


# Version 3: followed sources (feeds, sitemaps) and their health; inputs found by their origin
# (a fetched page's URL) so that a feed's known pages are not fetched again.
V3 = """
CREATE TABLE IF NOT EXISTS followed_sources (
    url TEXT PRIMARY KEY, title TEXT, etag TEXT, last_modified TEXT, last_success TEXT,
    last_error TEXT, last_error_at TEXT, items_seen INTEGER NOT NULL DEFAULT 0, added TEXT NOT NULL);
CREATE INDEX files_path ON files (path);
"""


# Version 4: the large values are stored compressed (codec.py): parses without the article text,
# sentence vectors, story objects and the clusterer's story vectors.  No table changes; every row
# is rewritten in the new form (story objects also in the current model's form, so that the API
# can send them as stored).  The file keeps its size until VACUUM; new rows reuse the freed pages.
V4 = ""


def _compact(conn: sqlite3.Connection) -> None:
    from newsdesk.store.codec import (
        doc_blob_from_v3, pack_json, raw_vectors, story_from_dict, unpack_json, vectors_to_blob,
    )

    rows = conn.execute("SELECT article_id, dim, vectors, doc FROM article_nlp")
    for aid, dim, vectors, doc in rows.fetchall():
        conn.execute("UPDATE article_nlp SET vectors = ?, doc = ? WHERE article_id = ?",
                     (vectors_to_blob(raw_vectors(vectors, dim)), doc_blob_from_v3(doc), aid))
    for sid, data in conn.execute("SELECT id, data FROM stories").fetchall():
        d = unpack_json(data)
        if d:  # an empty story row is being opened (never the case between batches)
            d = {**story_from_dict({**d, "id": str(sid)}).to_dict(), "id": d.get("id", str(sid))}
        conn.execute("UPDATE stories SET data = ? WHERE id = ?", (pack_json(d), sid))
    for sid, terms in conn.execute("SELECT story_id, terms FROM story_terms").fetchall():
        conn.execute("UPDATE story_terms SET terms = ? WHERE story_id = ?", (pack_json(unpack_json(terms), sort=False), sid))


def _backfill_quotes(conn: sqlite3.Connection) -> None:
    """Index the quotes of every story already in the file (a v1 library had none indexed)."""
    from newsdesk.store.index import index_quotes
    from newsdesk.store.reads import load_story

    for (sid,) in conn.execute("SELECT id FROM stories").fetchall():
        index_quotes(conn, sid, load_story(conn, sid))


# Version 5: a story's outlets are the outlets its articles name; before, an article without one
# put its file name there (and so got an outlet page).  No table changes.
V5 = ""


def _named_outlets(conn: sqlite3.Connection) -> None:
    for (sid,) in conn.execute("SELECT id FROM stories").fetchall():
        rows = conn.execute("SELECT outlet FROM articles WHERE story_id = ? AND excluded IS NULL", (sid,))
        names = sorted({o for (o,) in rows if o})
        conn.execute("UPDATE stories SET outlets = ? WHERE id = ?", (json.dumps(names), sid))


Step = tuple[str, Callable[[sqlite3.Connection], None] | None]
MIGRATIONS: tuple[Step, ...] = ((V1, None), (V2, _backfill_quotes), (V3, None), (V4, _compact), (V5, _named_outlets))
VERSION = len(MIGRATIONS)


def version_of(conn: sqlite3.Connection) -> int:
    """The file's schema version: 0 for an empty file."""
    found = conn.execute("SELECT name FROM sqlite_master WHERE name = 'schema_version'").fetchone()
    if not found:
        return 0
    row = conn.execute("SELECT version FROM schema_version").fetchone()
    return int(row[0]) if row else 0


def migrate(conn: sqlite3.Connection, target: int = VERSION) -> int:
    """Bring the file up to ``target`` in one transaction per step; returns the version reached.
    A file written by a newer newsdesk is refused rather than touched."""
    from newsdesk.errors import StoreError

    current = version_of(conn)
    if current > VERSION:
        raise StoreError(f"library schema {current} is newer than this newsdesk understands ({VERSION})")
    while current < target:
        sql, fill = MIGRATIONS[current]
        conn.execute("BEGIN IMMEDIATE")
        try:
            if version_of(conn) == current:  # another process may have migrated meanwhile
                for statement in _statements(sql):
                    conn.execute(statement)
                if fill is not None:
                    fill(conn)
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version VALUES (?)", (current + 1,))
                log.info("library schema %d -> %d", current, current + 1)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = version_of(conn)
    return current


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";\n") if s.strip()]
