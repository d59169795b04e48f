"""The followed sources of a library: add (with feed discovery), import OPML, list, remove.

``SourceBook`` keeps each source and its health in the library's SQLite file (table
``followed_sources``); ``discover`` turns a site's address into the feeds it announces.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, fields
from urllib.parse import urljoin

import lxml.html

from newsdesk.fetch.client import Fetcher
from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.harvest import Source, now_iso
from newsdesk.fetch.sources import sniff

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/json")
_COLUMNS = [f.name for f in fields(Source)]


class SourceBook:
    """Followed sources stored in the library's SQLite connection (table made by
    ``store.schema``, version 3)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def sources(self) -> list[Source]:
        rows = self._db.execute(f"SELECT {', '.join(_COLUMNS)} FROM followed_sources ORDER BY url")
        return [Source(*row) for row in rows]

    def add(self, sources: Iterable[Source]) -> int:
        """Follow ``sources``; returns how many were new (a known URL keeps its state)."""
        with _write(self._db):
            before = self._db.total_changes
            self._db.executemany(
                "INSERT OR IGNORE INTO followed_sources (url, title, added) VALUES (?, ?, ?)",
                [(s.url, s.title, now_iso()) for s in sources],
            )
            return self._db.total_changes - before

    def remove(self, url: str) -> bool:
        with _write(self._db):
            return self._db.execute("DELETE FROM followed_sources WHERE url = ?", (url,)).rowcount > 0

    def save(self, sources: Iterable[Source]) -> None:
        """Store the state a fetch left (validators and health) of sources still followed."""
        sets = ", ".join(f"{c} = ?" for c in _COLUMNS[1:])
        with _write(self._db):
            self._db.executemany(
                f"UPDATE followed_sources SET {sets} WHERE url = ?",
                [(*astuple(s)[1:], s.url) for s in sources],
            )


@contextmanager
def _write(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, also on the library's autocommit connection."""
    if db.in_transaction:
        yield
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def discover(url: str, fetcher: Fetcher) -> list[Source]:
    """The sources an address stands for: itself when it is a feed or sitemap; for a web page, the
    feeds it announces (``<link rel="alternate">``), else the sitemaps its robots.txt lists."""
    got = fetcher.get(url)
    kind = sniff(got.body, got.content_type)
    if kind in ("feed", "sitemap"):
        return [Source(got.url)]
    if kind == "opml":
        raise FetchError("this is an OPML file: use `newsdesk follow import`", url=url)
    found = _announced_feeds(got.body, got.url)
    if found:
        return found
    sitemaps = _robots_sitemaps(got.url, fetcher)
    if sitemaps:
        return sitemaps
    raise FetchError("no feed or sitemap found on this page; give the feed's address", url=url)


def _announced_feeds(body: bytes, base: str) -> list[Source]:
    try:
        page = lxml.html.fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return []
    found: dict[str, Source] = {}
    for link in page.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower() in FEED_TYPES and link.get("href"):
            href = urljoin(base, link.get("href", ""))
            found.setdefault(href, Source(href, title=(link.get("title") or None)))
    return list(found.values())


def _robots_sitemaps(base: str, fetcher: Fetcher) -> list[Source]:
    try:
        got = fetcher.get(urljoin(base, "/robots.txt"))
    except FetchError:
        return []
    lines = got.body.decode("utf-8", "replace").splitlines()
    urls = [line.split(":", 1)[1].strip() for line in lines if line.lower().startswith("sitemap:")]
    return [Source(u) for u in dict.fromkeys(urls) if u.startswith(("http://", "https://"))]
