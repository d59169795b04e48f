"""A library connection and ids -> models: stories, summaries, articles, changes, redirects."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from typing import Any

from newsdesk.errors import NotInLibrary
from newsdesk.models import Article, Story
from newsdesk.store.codec import article_from_dict, dumps, story_from_dict, unpack_json, unpack_text
from newsdesk.store.records import Citing, StoryChanges, StorySummary

SUMMARY = "id, title, size, outlets, version, created, updated, first_published, last_published"


def story_number(story_id: str | int) -> int:
    """'12', 12 or 's12' -> 12; anything else names no story."""
    text = str(story_id).strip().lower().removeprefix("s")
    if not text.isdigit():
        raise NotInLibrary(f"no story '{story_id}' in the library")
    return int(text)


def resolve(conn: sqlite3.Connection, number: int) -> int:
    """Follow redirects of merged stories to the survivor (bounded: redirects never form a loop)."""
    for _ in range(64):
        row = conn.execute("SELECT new_id FROM redirects WHERE old_id = ?", (number,)).fetchone()
        if row is None:
            return number
        number = int(row[0])
    raise NotInLibrary(f"story {number}: redirect chain too long")


def load_story_dict(conn: sqlite3.Connection, number: int) -> dict[str, Any]:
    """The stored story object (``Story.to_dict()`` as written; migrations keep it in the current form)."""
    row = conn.execute("SELECT data FROM stories WHERE id = ?", (number,)).fetchone()
    if row is None:
        raise NotInLibrary(f"no story '{number}' in the library")
    data: dict[str, Any] = unpack_json(row[0])
    data["id"] = str(number)
    return data


def load_story_text(conn: sqlite3.Connection, number: int) -> str:
    """The stored story object as JSON text, not parsed (what the JSON API sends)."""
    row = conn.execute("SELECT data FROM stories WHERE id = ?", (number,)).fetchone()
    if row is None:
        raise NotInLibrary(f"no story '{number}' in the library")
    text = unpack_text(row[0])
    if text.count('"id":') != 1 or f'"id":{json.dumps(str(number))}' not in text:  # stored under another id
        text = dumps(load_story_dict(conn, number))
    return text


def load_story(conn: sqlite3.Connection, number: int) -> Story:
    return replace(story_from_dict(load_story_dict(conn, number)), id=str(number))


def summary_of(row: tuple) -> StorySummary:  # type: ignore[type-arg]
    sid, title, size, outlets, version, created, updated, first, last = row
    return StorySummary(
        id=str(sid), title=title, articles=size, outlets=tuple(json.loads(outlets)), version=version,
        created=created, updated=updated, first_published=first, last_published=last,
    )


def summary(conn: sqlite3.Connection, number: int) -> StorySummary:
    row = conn.execute(f"SELECT {SUMMARY} FROM stories WHERE id = ?", (number,)).fetchone()
    if row is None:
        raise NotInLibrary(f"no story '{number}' in the library")
    return summary_of(row)


def summaries(
    conn: sqlite3.Connection, since: str | None, limit: int | None, offset: int, outlet: str | None = None
) -> list[StorySummary]:
    """Stories, the latest activity first; ``since`` keeps those updated or published on or after it."""
    where, args = [], []
    if since:
        where.append("(updated >= ? OR last_published >= ?)")
        args += [since, since]
    if outlet:
        where.append("instr(lower(outlets), ?) > 0")
        args.append(json.dumps(outlet.lower()))
    sql = f"SELECT {SUMMARY} FROM stories"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY updated DESC, id DESC LIMIT ? OFFSET ?"
    rows = conn.execute(sql, [*args, -1 if limit is None else limit, offset]).fetchall()
    return [summary_of(r) for r in rows]


def load_article(conn: sqlite3.Connection, article_id: str) -> Article:
    row = conn.execute("SELECT data FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise NotInLibrary(f"no article '{article_id}' in the library")
    return article_from_dict(json.loads(row[0]))


def load_articles(conn: sqlite3.Connection, ids: list[str]) -> list[Article]:
    """The articles of ``ids`` in that order (unknown ids are left out)."""
    found: dict[str, Article] = {}
    for at in range(0, len(ids), 500):
        part = ids[at : at + 500]
        marks = ",".join("?" * len(part))
        for aid, data in conn.execute(f"SELECT id, data FROM articles WHERE id IN ({marks})", part):
            found[aid] = article_from_dict(json.loads(data))
    return [found[i] for i in ids if i in found]


def citing(conn: sqlite3.Connection, article_id: str) -> list[Citing]:
    """The story holding an article and the article's sentences it cites, read from the stored
    object without building the story's models (an article page needs only this part)."""
    row = conn.execute("SELECT story_id FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None or row[0] is None:
        return []
    d = load_story_dict(conn, int(row[0]))
    return [Citing(d["id"], d["title"], tuple(
        tuple((x["start"], x["end"]) for x in e["sentences"])
        for item in (*d.get("brief", ()), *d.get("claims", ())) for e in item.get("evidence", ())
        if e["article_id"] == article_id
    ))]


def changes_of(conn: sqlite3.Connection, number: int, latest: int | None = None) -> tuple[StoryChanges, ...]:
    """Every recorded version's changes (the ``latest`` few when given), the newest first."""
    rows = conn.execute(
        "SELECT changes FROM story_versions WHERE story_id = ? ORDER BY version DESC LIMIT ?",
        (number, -1 if latest is None else latest),
    ).fetchall()
    return tuple(changes_from_json(r[0]) for r in rows)


def changes_from_json(text: str) -> StoryChanges:
    d = json.loads(text)
    pairs = ("corroborated", "lost_support")
    return StoryChanges(**{
        k: tuple(tuple(x) for x in v) if k in pairs else tuple(v) if isinstance(v, list) else v
        for k, v in d.items()
    })
