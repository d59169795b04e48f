"""A query and filters -> ranked search hits over articles, claims and quotes (FTS5 bm25, snippets)."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from newsdesk.store.records import SearchHit

OPEN, CLOSE = "\x02", "\x03"  # snippet markers; indexed text never holds them (index.clean)
SNIPPET_TOKENS = 24


def match_expression(query: str) -> str | None:
    """The user's words as an FTS5 expression of quoted terms (all must match); a trailing ``*``
    on a word asks for a prefix.  No FTS5 syntax of the user's can reach the engine."""
    terms = []
    for m in re.finditer(r"(\w+)(\*?)", query, re.UNICODE):
        terms.append(f'"{m.group(1)}"' + ("*" if m.group(2) else ""))
    return " ".join(terms) if terms else None


def split_snippet(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet with markers -> its plain text and the (start, end) spans that were marked."""
    out, spans, start = [], [], None
    size = 0
    for ch in marked:
        if ch == OPEN:
            start = size
        elif ch == CLOSE and start is not None:
            spans.append((start, size))
            start = None
        else:
            out.append(ch)
            size += 1
    return "".join(out), tuple(spans)


@dataclass(frozen=True)
class Filters:
    """What a search keeps: one outlet, a publication date range (ISO prefixes), hit kinds, a page."""

    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    kinds: tuple[str, ...] = ("article", "claim", "quote")
    limit: int = 20
    offset: int = 0


def search(conn: sqlite3.Connection, query: str, filters: Filters = Filters()) -> list[SearchHit]:
    """Best hits first (bm25; titles weigh more than body text).  ``since``/``until`` compare with
    publication dates (ISO prefixes: "2025-08" is all of August when used as ``until``)."""
    expr = match_expression(query)
    if expr is None:
        return []
    want = filters.limit + filters.offset
    hits: list[SearchHit] = []
    if "article" in filters.kinds:
        hits += _articles(conn, expr, filters, want)
    if "claim" in filters.kinds:
        hits += _story_rows(conn, "claims_fts", "claim", expr, filters, want)
    if "quote" in filters.kinds:
        hits += _story_rows(conn, "quotes_fts", "quote", expr, filters, want)
    hits.sort(key=lambda h: (h.score, h.kind, h.article_id or "", h.story_id or "", h.snippet))
    return hits[filters.offset : filters.offset + filters.limit]


def _where(filters: Filters, outlet: tuple[str, str], since: str, until: str) -> tuple[str, list[object]]:
    """SQL conditions (and their arguments) for the filters; ``outlet`` is (condition, value format)."""
    sql, args = "", []
    if filters.outlet:
        sql += f" AND {outlet[0]}"
        args.append(outlet[1].format(filters.outlet.lower()))
    if filters.since:
        sql += f" AND {since} >= ?"
        args.append(filters.since)
    if filters.until:
        sql += f" AND {until} <= ?"
        args.append(filters.until + "\uffff")  # an ISO prefix covers all of its day / month
    return sql, args


def _articles(conn: sqlite3.Connection, expr: str, filters: Filters, want: int) -> list[SearchHit]:
    sql = (
        f"SELECT f.article_id, bm25(articles_fts, 0.0, 5.0, 1.0) AS score, "
        f"snippet(articles_fts, 2, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS}), "
        "a.title, a.outlet, a.published, a.story_id "
        "FROM articles_fts f JOIN articles a ON a.id = f.article_id WHERE articles_fts MATCH ?"
    )
    where, args = _where(filters, ("lower(a.outlet) = ?", "{}"), "a.published", "a.published")
    sql += where
    sql += " ORDER BY score LIMIT ?"
    out = []
    for aid, score, marked, title, outl, published, sid in conn.execute(sql, [expr, *args, want]):
        text, spans = split_snippet(marked)
        out.append(SearchHit("article", score, text, spans, title or aid, aid,
                             None if sid is None else str(sid), outl, published))
    return out


def _story_rows(conn: sqlite3.Connection, table: str, kind: str, expr: str, filters: Filters,
                want: int) -> list[SearchHit]:
    column = 4 if table == "claims_fts" else 5
    sql = (
        f"SELECT f.story_id, bm25({table}) AS score, snippet({table}, {column}, '{OPEN}', '{CLOSE}', '…', "
        f"{SNIPPET_TOKENS}), s.title, f.first, f.outlets FROM {table} f JOIN stories s ON s.id = f.story_id "
        f"WHERE {table} MATCH ?"
    )
    where, args = _where(filters, ("instr(lower(f.outlets), ?) > 0", "|{}|"), "f.last", "nullif(f.first, '')")
    sql += where
    sql += " ORDER BY score LIMIT ?"
    out = []
    for sid, score, marked, title, first, outlets in conn.execute(sql, [expr, *args, want]):
        text, spans = split_snippet(marked)
        names = ", ".join(outlets.strip("|").split("|"))
        out.append(SearchHit(kind, score, text, spans, title, None, str(sid), names or None, first or None))  # type: ignore[arg-type]
    return out
