"""Following sources end to end on a loopback server: feeds and sitemaps in, whole articles out."""

from __future__ import annotations

from pathlib import Path

import pytest
from loopback import LoopbackServer, Site, conditional

from newsdesk.fetch.client import Fetcher
from newsdesk.fetch.harvest import Source, harvest, page_article
from newsdesk.fetch.settings import FetchSettings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PAGES = {
    "/world/ferry": EXAMPLES / "kiel-ferry" / "northgate-daily-ferry.html",
    "/world/ferry-2": EXAMPLES / "kiel-ferry" / "pinecrest-times-ferry.html",
    "/money/steel": EXAMPLES / "brannock-steel" / "northgate-daily-steel.html",
}
SETTINGS = FetchSettings(allow_loopback=True, per_host_interval=0.0, backoff=0.01, timeout=2.0)


def rss(base: str, paths: list[str], extra: str = "") -> bytes:
    items = "".join(
        f"<item><title>Feed title {p}</title><link>{base}{p}</link>"
        f"<pubDate>Wed, 12 Mar 2025 10:00:00 +0000</pubDate><author>x@y.test (Feed Writer)</author></item>"
        for p in paths
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test feed</title>{items}{extra}</channel></rss>".encode()


@pytest.fixture()
def site() -> Site:
    s = Site()
    for path, file in PAGES.items():
        s.page(path, file.read_bytes())
    s.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    return s


def follow(site: Site, server: LoopbackServer, paths: list[str], etag: str = '"1"') -> None:
    site.routes["/feed.xml"] = conditional(etag, (200, {"Content-Type": "application/rss+xml"}, rss(server.base, paths)))


def test_feed_pages_are_fetched_in_full_and_the_feed_fills_gaps(site: Site) -> None:
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        follow(site, server, list(PAGES))
        got = harvest([Source(server.url("/feed.xml"))], fetcher, known=lambda url: False)
    assert not got.errors and len(got.articles) == 3
    ferry = next(a for a in got.articles if a.path and a.path.endswith("/world/ferry"))
    assert ferry.title and not ferry.title.startswith("Feed title")  # the page's own title wins
    assert len(ferry.text) > 1000  # the whole article, not a blurb
    assert got.sources[0].title == "Test feed" and got.sources[0].items_seen == 3
    assert got.sources[0].last_success and got.sources[0].last_error is None


def test_unchanged_feed_costs_one_conditional_request_and_no_page(site: Site) -> None:
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        follow(site, server, list(PAGES))
        first = harvest([Source(server.url("/feed.xml"))], fetcher, known=lambda url: False)
        seen = {a.path for a in first.articles}
        again = harvest(first.sources, fetcher, known=lambda url: url in seen)
    assert again.requests == 1 and again.unchanged == 1 and not again.articles
    assert all(site.hits[p] == 1 for p in PAGES)


def test_a_feed_that_changes_brings_only_its_new_page(site: Site) -> None:
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        follow(site, server, ["/world/ferry"])
        first = harvest([Source(server.url("/feed.xml"))], fetcher, known=lambda url: False)
        follow(site, server, ["/world/ferry-2", "/world/ferry"], etag='"2"')
        known = {server.url("/world/ferry")}
        again = harvest(first.sources, fetcher, known=known.__contains__)
    assert [a.path for a in again.articles] == [server.url("/world/ferry-2")]
    assert site.hits["/world/ferry"] == 1


def test_bad_items_and_bad_sources_are_reported_and_the_rest_goes_on(site: Site) -> None:
    site.page("/private/p", (EXAMPLES / "kiel-ferry" / "northgate-daily-ferry.html").read_bytes())
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        site.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"}, rss(server.base, ["/world/ferry", "/private/p"], extra=(
            "<item><link>http://10.9.8.7/inside</link></item><item><link>/gone</link></item>")))
        site.routes["/broken.xml"] = (200, {"Content-Type": "application/rss+xml"}, b"<html>nope</html>")
        got = harvest([Source(server.url("/feed.xml")), Source(server.url("/broken.xml")), Source(server.url("/down.xml"))],
                      fetcher, known=lambda url: False)
    messages = {e.path.rsplit("/", 1)[-1]: e.error for e in got.errors}
    assert "robots.txt forbids" in messages["p"]
    assert "private address" in messages["inside"]
    assert "HTTP 404" in messages["gone"] and "HTTP 404" in messages["down.xml"]
    assert "not a feed" in messages["broken.xml"]
    assert [a.path for a in got.articles] == [server.url("/world/ferry")]
    health = {s.url.rsplit("/", 1)[-1]: s for s in got.sources}
    assert health["down.xml"].last_error == "HTTP 404" and health["feed.xml"].last_error is None


def test_sitemap_index_is_followed_one_level(site: Site) -> None:
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        ns = "http://www.sitemaps.org/schemas/sitemap/0.9"
        site.page("/sitemap.xml", f"<sitemapindex xmlns='{ns}'><sitemap><loc>{server.base}/s1.xml</loc></sitemap></sitemapindex>", "application/xml")
        site.page("/s1.xml", f"<urlset xmlns='{ns}'><url><loc>{server.base}/money/steel</loc></url></urlset>", "application/xml")
        got = harvest([Source(server.url("/sitemap.xml"))], fetcher, known=lambda url: False)
    assert [a.path for a in got.articles] == [server.url("/money/steel")] and not got.errors


@pytest.mark.parametrize("content_type", ["text/html", "text/html; charset=utf-8", "text/html; charset=koi8-r"])
def test_pages_with_missing_or_wrong_charsets_decode_right(site: Site, content_type: str) -> None:
    text = "Café owners in Kiel say the ferry’s closure costs them €2,000 a day – “a disaster”, one said. " * 8
    body = f"<html><head><title>Kiel cafés</title></head><body><article><h1>Kiel cafés</h1><p>{text}</p>" \
           f"<p>{text}</p></article></body></html>"
    site.page("/cp1252", body.encode("cp1252"), content_type)
    with LoopbackServer(site) as server, Fetcher(SETTINGS) as fetcher:
        article = page_article(fetcher.get(server.url("/cp1252")))
    assert "Café owners" in article.text and "€2,000" in article.text and "“a disaster”" in article.text
