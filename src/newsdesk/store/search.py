"""A query and filters -> ranked search hits over articles, claims and quotes (FTS5 bm25, snippets)."""

from __future__ import annotations

import re
import sqlite3

from newsdesk.store.records import SearchHit

OPEN, CLOSE = "\x02", "\x03"  # snippet markers; indexed text never holds them (index.clean)
SNIPPET_TOKENS = 24
_TOKEN = re.compile(r"\w+", re.UNICODE)


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


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    outlet: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kinds: tuple[str, ...] = ("article", "claim", "quote"),
    limit: int = 20,
    offset: int = 0,
) -> list[SearchHit]:
    """Best hits first (bm25; titles weigh more than body text).  ``since``/``until`` compare with
    publication dates (ISO prefixes: "2025-08" is all of August when used as ``until``)."""
    expr = match_expression(query)
    if expr is None:
        return []
    want = limit + offset
    hits: list[SearchHit] = []
    if "article" in kinds:
        hits += _articles(conn, expr, outlet, since, until, want)
    if "claim" in kinds:
        hits += _story_rows(conn, "claims_fts", "claim", expr, outlet, since, until, want)
    if "quote" in kinds:
        hits += _story_rows(conn, "quotes_fts", "quote", expr, outlet, since, until, want)
    hits.sort(key=lambda h: (h.score, h.kind, h.article_id or "", h.story_id or "", h.snippet))
    return hits[offset : offset + limit]


def _until(until: str | None) -> str | None:
    return until + "\uffff" if until else None  # an ISO prefix covers all of its day / month


def _articles(conn: sqlite3.Connection, expr: str, outlet: str | None, since: str | None,
              until: str | None, want: int) -> list[SearchHit]:
    sql = (
        f"SELECT f.article_id, bm25(articles_fts, 0.0, 5.0, 1.0) AS score, "
        f"snippet(articles_fts, 2, '{OPEN}', '{CLOSE}', '…', {SNIPPET_TOKENS}), "
        "a.title, a.outlet, a.published, a.story_id "
        "FROM articles_fts f JOIN articles a ON a.id = f.article_id WHERE articles_fts MATCH ?"
    )
    args: list[object] = [expr]
    if outlet:
        sql += " AND lower(a.outlet) = ?"
        args.append(outlet.lower())
    if since:
        sql += " AND a.published >= ?"
        args.append(since)
    if until:
        sql += " AND a.published <= ?"
        args.append(_until(until))
    sql += " ORDER BY score LIMIT ?"
    out = []
    for aid, score, marked, title, outl, published, sid in conn.execute(sql, [*args, want]):
        text, spans = split_snippet(marked)
        out.append(SearchHit("article", score, text, spans, title or aid, aid,
                             None if sid is None else str(sid), outl, published))
    return out


def _story_rows(conn: sqlite3.Connection, table: str, kind: str, expr: str, outlet: str | None,
                since: str | None, until: str | None, want: int) -> list[SearchHit]:
    column = 4 if table == "claims_fts" else 5
    sql = (
        f"SELECT f.story_id, bm25({table}) AS score, snippet({table}, {column}, '{OPEN}', '{CLOSE}', '…', "
        f"{SNIPPET_TOKENS}), s.title, f.first, f.outlets FROM {table} f JOIN stories s ON s.id = f.story_id "
        f"WHERE {table} MATCH ?"
    )
    args: list[object] = [expr]
    if outlet:
        sql += " AND instr(f.outlets, ?) > 0"
        args.append(f"|{outlet.lower()}|")
    if since:
        sql += " AND f.last >= ?"
        args.append(since)
    if until:
        sql += " AND f.first != '' AND f.first <= ?"
        args.append(_until(until))
    sql += " ORDER BY score LIMIT ?"
    out = []
    for sid, score, marked, title, first, outlets in conn.execute(sql, [*args, want]):
        text, spans = split_snippet(marked)
        names = outlets.strip("|")
        out.append(SearchHit(kind, score, text, spans, title, None, str(sid), names or None, first or None))  # type: ignore[arg-type]
    return out
