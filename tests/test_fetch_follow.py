"""Following sources: discovery from a site's page, the source book's state across fetches."""

from __future__ import annotations

import pytest
from loopback import LoopbackServer, Site

from newsdesk.fetch.client import Fetcher
from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.follow import SourceBook, discover
from newsdesk.fetch.harvest import Source
from newsdesk.fetch.settings import FetchSettings

SETTINGS = FetchSettings(allow_loopback=True, per_host_interval=0.0, timeout=2.0)
RSS = b"<rss version='2.0'><channel><title>T</title></channel></rss>"


def test_a_site_page_leads_to_the_feeds_it_announces() -> None:
    site = Site()
    site.page("/", '<html><head><link rel="alternate" type="application/rss+xml" title="World" href="/world.xml">'
                   '<link rel="alternate" type="application/atom+xml" href="/all.atom"><link rel="stylesheet" href="/s.css">'
                   '</head><body>home</body></html>')
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        found = discover(server.url("/"), fetcher)
        assert [(s.url, s.title) for s in found] == [(server.url("/world.xml"), "World"), (server.url("/all.atom"), None)]


def test_a_feed_address_is_followed_as_it_is_and_robots_sitemaps_are_a_fallback() -> None:
    site = Site()
    site.page("/feed", RSS, "application/rss+xml")
    site.page("/plain", "<html><body>no feeds</body></html>")
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        site.page("/robots.txt", f"User-agent: *\nAllow: /\nSitemap: {server.base}/news-sitemap.xml\n", "text/plain")
        assert [s.url for s in discover(server.url("/feed"), fetcher)] == [server.url("/feed")]
        assert [s.url for s in discover(server.url("/plain"), fetcher)] == [server.url("/news-sitemap.xml")]


def test_a_page_without_feeds_says_so() -> None:
    site = Site()
    site.page("/plain", "<html><body>no feeds</body></html>")
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher, pytest.raises(FetchError, match="no feed"):
        discover(server.url("/plain"), fetcher)


def test_source_book_keeps_state_and_ignores_repeats(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.store import open_library

    book = SourceBook(open_library(tmp_path / "lib.db").conn)
    assert book.add([Source("http://a.test/feed"), Source("http://b.test/rss", title="B")]) == 2
    assert book.add([Source("http://a.test/feed")]) == 0
    book.save([Source("http://a.test/feed", title="A", etag='"9"', last_success="2025-03-12T10:00:00+00:00", items_seen=4)])
    again = SourceBook(open_library(tmp_path / "lib.db").conn).sources()
    assert [(s.url, s.title, s.etag, s.items_seen) for s in again] == [
        ("http://a.test/feed", "A", '"9"', 4), ("http://b.test/rss", "B", None, 0)]
    assert book.remove("http://b.test/rss") and not book.remove("http://b.test/rss")
