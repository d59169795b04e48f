"""Articles and analysed stories -> rows of the full-text indexes (articles, claims, quotes)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from newsdesk.models import Article, Story

MARKS = str.maketrans({"\x02": " ", "\x03": " "})  # the snippet markers never occur in indexed text


def clean(text: str | None) -> str:
    return (text or "").translate(MARKS)


def index_article(conn: sqlite3.Connection, article: Article) -> None:
    conn.execute(
        "INSERT INTO articles_fts (article_id, title, text) VALUES (?, ?, ?)",
        (article.id, clean(article.title), clean(article.text)),
    )


def _meta(conn: sqlite3.Connection, ids: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """Article id -> (outlet, published) for the given ids."""
    ids = list(ids)
    out: dict[str, tuple[str | None, str | None]] = {}
    for at in range(0, len(ids), 500):
        part = ids[at : at + 500]
        marks = ",".join("?" * len(part))
        for aid, outlet, published in conn.execute(
            f"SELECT id, outlet, published FROM articles WHERE id IN ({marks})", part
        ):
            out[aid] = (outlet, published)
    return out


def _span(meta: dict[str, tuple[str | None, str | None]], sources: Iterable[str]) -> tuple[str, str, str]:
    """'|outlet|...|' and the first and last publication date of the sources."""
    outlets = sorted({meta[s][0] or "" for s in sources if s in meta} - {""})
    dates = sorted(d for s in sources if s in meta and (d := meta[s][1]))
    return "|" + "|".join(outlets) + "|", dates[0] if dates else "", dates[-1] if dates else ""


def index_claims(conn: sqlite3.Connection, story_id: int, story: Story) -> None:
    conn.execute("DELETE FROM claims_fts WHERE story_id = ?", (story_id,))
    meta = _meta(conn, story.articles)
    conn.executemany(
        "INSERT INTO claims_fts (story_id, outlets, first, last, text) VALUES (?, ?, ?, ?, ?)",
        [(story_id, *_span(meta, c.sources), clean(c.text)) for c in story.claims],
    )


def index_quotes(conn: sqlite3.Connection, story_id: int, story: Story) -> None:
    conn.execute("DELETE FROM quotes_fts WHERE story_id = ?", (story_id,))
    meta = _meta(conn, story.articles)
    conn.executemany(
        "INSERT INTO quotes_fts (story_id, outlets, first, last, speaker, text) VALUES (?, ?, ?, ?, ?, ?)",
        [(story_id, *_span(meta, q.sources), clean(q.speaker), clean(q.text)) for q in story.quotes],
    )


def unindex_story(conn: sqlite3.Connection, story_id: int) -> None:
    conn.execute("DELETE FROM claims_fts WHERE story_id = ?", (story_id,))
    conn.execute("DELETE FROM quotes_fts WHERE story_id = ?", (story_id,))
