"""Models of one ingest batch -> rows: files, articles, copy bands, stories, versions, redirects."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import replace

import numpy as np

from newsdesk.models import Article, Story
from newsdesk.store.changes import story_changes
from newsdesk.store.codec import dumps, pack_json
from newsdesk.store.index import index_article, index_claims, index_quotes, unindex_story
from newsdesk.store.prepared import Prepared, store_prepared
from newsdesk.store.reads import load_story

BANDS, ROWS = 21, 3  # the MinHash LSH bands of dedup's candidate threshold (0.3 over 64 permutations)


def band_keys(minhash_values: np.ndarray) -> list[str]:
    return [f"{b}:{minhash_values[b * ROWS:(b + 1) * ROWS].tobytes().hex()}" for b in range(BANDS)]


def record_file(conn: sqlite3.Connection, digest: str, path: str | None, article_id: str | None,
                error: str | None, now: str) -> None:
    conn.execute("INSERT OR IGNORE INTO files VALUES (?, ?, ?, ?, ?)", (digest, path, article_id, error, now))


def insert_article(conn: sqlite3.Connection, article: Article, *, story: int | None, group: str,
                   excluded: str | None, prepared: Prepared | None, now: str) -> None:
    seq = conn.execute("SELECT coalesce(max(seq), 0) + 1 FROM articles").fetchone()[0]
    conn.execute(
        "INSERT INTO articles (id, seq, data, title, outlet, published, added, story_id, copy_group, excluded)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article.id, seq, dumps(article.to_dict()), article.title, article.outlet, article.published, now,
         story, group, excluded),
    )
    index_article(conn, article)
    if prepared is not None:
        store_prepared(conn, prepared)
        keys = band_keys(prepared.fingerprint.minhash.hashvalues)
        conn.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", [(k, article.id) for k in keys])


def band_candidates(conn: sqlite3.Connection, prepared: Sequence[Prepared]) -> list[str]:
    """Ids of library articles that share a MinHash band with any of ``prepared`` (copy candidates)."""
    keys = sorted({k for p in prepared for k in band_keys(p.fingerprint.minhash.hashvalues)})
    found: set[str] = set()
    for at in range(0, len(keys), 500):
        part = keys[at : at + 500]
        marks = ",".join("?" * len(part))
        found.update(r[0] for r in conn.execute(f"SELECT article_id FROM bands WHERE key IN ({marks})", part))
    return sorted(found)


def regroup(conn: sqlite3.Connection, old_groups: Iterable[str], group: str) -> None:
    """Existing copy groups that a new copy joins become one group."""
    for old in sorted(set(old_groups) - {group}):
        conn.execute("UPDATE articles SET copy_group = ? WHERE copy_group = ?", (group, old))


def open_story(conn: sqlite3.Connection, now: str) -> int:
    """A new, empty story row; its id is never reused (AUTOINCREMENT)."""
    cur = conn.execute(
        "INSERT INTO stories (title, data, version, size, outlets, created, updated)"
        " VALUES ('', '{}', 0, 0, '[]', ?, ?)", (now, now)
    )
    return int(cur.lastrowid or 0)


def merge_story(conn: sqlite3.Connection, loser: int, survivor: int, now: str) -> None:
    """Move a story's articles to the survivor and leave a redirect (older redirects follow it)."""
    conn.execute("UPDATE articles SET story_id = ? WHERE story_id = ?", (survivor, loser))
    conn.execute("UPDATE redirects SET new_id = ? WHERE new_id = ?", (survivor, loser))
    conn.execute("INSERT OR REPLACE INTO redirects VALUES (?, ?, ?)", (loser, survivor, now))
    conn.execute("DELETE FROM stories WHERE id = ?", (loser,))
    conn.execute("DELETE FROM story_versions WHERE story_id = ?", (loser,))
    unindex_story(conn, loser)


def put_story(conn: sqlite3.Connection, number: int, story: Story, articles: Sequence[Article], now: str,
              merged_from: tuple[str, ...] = ()) -> None:
    """Store a new analysis of a story as its next version, with what changed since the last one."""
    row = conn.execute("SELECT version FROM stories WHERE id = ?", (number,)).fetchone()
    version = int(row[0]) + 1
    before = load_story(conn, number) if version > 1 else None
    story = replace(story, id=str(number))
    outlet = {a.id: a.outlet or "" for a in articles}  # a file name is no outlet
    changes = story_changes(before, story, version=version, analysed=now,
                            outlet_of=lambda i: outlet.get(i, ""), merged_from=merged_from)
    dates = sorted(a.published for a in articles if a.published)
    conn.execute(
        "UPDATE stories SET title = ?, data = ?, version = ?, size = ?, outlets = ?, updated = ?,"
        " first_published = ?, last_published = ? WHERE id = ?",
        (story.title, pack_json(story.to_dict()), version, len(story.articles),
         json.dumps(sorted({a.outlet for a in articles if a.outlet})), now, dates[0] if dates else None,
         dates[-1] if dates else None, number),
    )
    conn.execute("INSERT INTO story_versions VALUES (?, ?, ?, ?)", (number, version, now, dumps(changes.to_dict())))
    index_claims(conn, number, story)
    index_quotes(conn, number, story)
