"""Feeds, OPML, sitemaps, WARC and the outlets file: parsed into entries, bounded, with clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newsdesk.errors import UsageError
from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.sources import parse_listing, parse_opml, read_warc, sniff
from newsdesk.outlets import Outlets, parse_outlets

BASE = "http://news.example.test/"

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Ledger: World</title>
<item><title>Ferry route stays shut</title><link>/world/ferry</link>
<pubDate>Wed, 12 Mar 2025 17:05:00 +0000</pubDate><author>desk@ledger.test (Mara Quist)</author></item>
<item><title>No link here</title></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Pinecrest Times</title><entry><title>Lander on the Moon</title>
<link rel="alternate" href="http://pinecrest.example.test/lander"/><author><name>Ida Wren</name></author>
<updated>2025-03-12T09:00:00+01:00</updated></entry></feed>"""

RSS_091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>Old</title>
<item><title>Steelworks</title><link>http://old.example.test/steel</link></item></channel></rss>"""

JSON_FEED = json.dumps({
    "version": "https://jsonfeed.org/version/1.1", "title": "Eastmark Observer",
    "items": [{"id": "1", "url": "/steel", "title": "Blast furnace to close",
               "date_published": "2025-03-12T08:30:00Z", "authors": [{"name": "Tomas Reyne"}]}],
}).encode()

SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>http://news.example.test/a</loc><news:news><news:publication_date>2025-03-12</news:publication_date>
<news:title>Ferry route stays shut</news:title></news:news></url>
<url><loc>http://news.example.test/b</loc><lastmod>2025-03-11T10:00:00Z</lastmod></url></urlset>"""

INDEX = b"""<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>http://news.example.test/sitemap-1.xml</loc></sitemap></sitemapindex>"""

OPML = b"""<?xml version="1.0"?><opml version="2.0"><head><title>My feeds</title></head><body>
<outline text="World"><outline text="Ledger" type="rss" xmlUrl="http://ledger.example.test/world.xml"/>
<outline text="Times" type="rss" xmlUrl="http://times.example.test/rss"/></outline>
<outline text="Ledger again" xmlUrl="http://ledger.example.test/world.xml"/>
<outline text="Not http" xmlUrl="javascript:alert(1)"/></body></opml>"""


def test_rss_items_become_absolute_entries_with_their_metadata() -> None:
    listing = parse_listing(RSS, BASE)
    assert listing.title == "Harbour Ledger: World"
    [entry] = listing.entries
    assert entry.url == "http://news.example.test/world/ferry"
    assert entry.published == "2025-03-12T17:05:00+00:00"
    assert entry.title == "Ferry route stays shut" and entry.authors


@pytest.mark.parametrize("body,url,author", [
    (ATOM, "http://pinecrest.example.test/lander", "Ida Wren"),
    (RSS_091, "http://old.example.test/steel", None),
    (JSON_FEED, "http://news.example.test/steel", "Tomas Reyne"),
])
def test_every_feed_format_lists_its_pages(body: bytes, url: str, author: str | None) -> None:
    [entry] = parse_listing(body, BASE).entries
    assert entry.url == url
    assert (entry.authors[0] if entry.authors else None) == author


def test_atom_dates_are_normalised_to_utc() -> None:
    assert parse_listing(ATOM, BASE).entries[0].published == "2025-03-12T08:00:00+00:00"


def test_news_sitemap_gives_titles_and_dates() -> None:
    a, b = parse_listing(SITEMAP, BASE).entries
    assert (a.url, a.title, a.published) == ("http://news.example.test/a", "Ferry route stays shut", "2025-03-12")
    assert (b.title, b.published) == (None, "2025-03-11T10:00:00+00:00")


def test_sitemap_index_lists_sitemaps() -> None:
    listing = parse_listing(INDEX, BASE)
    assert listing.sitemaps == ("http://news.example.test/sitemap-1.xml",) and not listing.entries


def test_entries_are_bounded() -> None:
    many = b"<rss version='2.0'><channel><title>t</title>" + b"".join(
        b"<item><link>http://x.test/%d</link></item>" % n for n in range(50)) + b"</channel></rss>"
    assert len(parse_listing(many, BASE, max_entries=7).entries) == 7


@pytest.mark.parametrize("body", [b"<html><body>a page</body></html>", b"{\"not\": \"a feed\"}", b"<urlset"])
def test_not_a_feed_is_a_clear_error(body: bytes) -> None:
    with pytest.raises(FetchError, match="not a|not well-formed"):
        parse_listing(body, BASE)


def test_xml_entities_are_not_expanded() -> None:
    evil = (b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&x;</loc></url></urlset>')
    listing = parse_listing(evil, BASE)
    assert all("root:" not in e.url for e in listing.entries)


def test_opml_lists_each_http_feed_once_in_order() -> None:
    refs = parse_opml(OPML, "feeds.opml")
    assert [r.url for r in refs] == ["http://ledger.example.test/world.xml", "http://times.example.test/rss"]
    assert refs[0].title == "Ledger"


def test_sniff_tells_the_kinds_apart() -> None:
    assert [sniff(b) for b in (RSS, ATOM, JSON_FEED, SITEMAP, OPML, b"<html>")] == [
        "feed", "feed", "feed", "sitemap", "opml", "html"]


def _warc(tmp_path: Path, records: list[tuple[str, int, str, bytes]]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, status, ctype, body in records:
            http = StatusAndHeaders(f"{status} OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)
            record.raw_stream.close()  # warcio spools the payload to a temporary file
    return path


def test_warc_yields_html_responses_only(tmp_path: Path) -> None:
    page = b"<html><body><p>The ferry route stays shut.</p></body></html>"
    path = _warc(tmp_path, [
        ("http://a.test/1", 200, "text/html; charset=utf-8", page),
        ("http://a.test/style.css", 200, "text/css", b"p{}"),
        ("http://a.test/gone", 404, "text/html", b"gone"),
        ("http://a.test/big", 200, "text/html", b"x" * 5000),
    ])
    pages = list(read_warc(path, max_bytes=4000))
    assert [(p.url, p.charset, p.body) for p in pages] == [("http://a.test/1", "utf-8", page)]


def test_a_broken_warc_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not an archive\r\n\r\n")
    with pytest.raises(FetchError, match="WARC"):
        list(read_warc(bad, max_bytes=1000))


def test_starter_outlets_know_the_wire_agencies() -> None:
    outlets = Outlets.load(starter=True, path=None)
    agency = outlets.for_url("https://www.example-agency.test/x")
    assert agency is None
    ap = outlets.for_name("AP")
    assert ap is not None and ap.wire and outlets.for_url("https://apnews.com/article/x") == ap
    assert outlets.independence_key(url=None, outlet="Some Paper", wire="AFP") == "owner:Agence France-Presse"


def test_user_outlets_group_owners_and_override_the_starter(tmp_path: Path) -> None:
    user = tmp_path / "outlets.toml"
    user.write_text('''
[[outlet]]
name = "Northgate Daily"
domains = ["northgatedaily.example"]
owner = "Harbour Media Group"
labels = { country_group = "north" }

[[outlet]]
name = "Harbour Ledger"
domains = ["ledger.example"]
owner = "Harbour Media Group"

[[outlet]]
name = "Reuters"
domains = ["reuters.example"]
''', encoding="utf-8")
    outlets = Outlets.load(user)
    north = outlets.independence_key(url="https://news.northgatedaily.example/a", outlet=None, wire=None)
    ledger = outlets.independence_key(url="https://ledger.example/b", outlet=None, wire=None)
    assert north == ledger == "owner:Harbour Media Group"
    assert outlets.for_name("Reuters").domains == ("reuters.example",)  # type: ignore[union-attr]


@pytest.mark.parametrize("text,message", [
    ("[[outlet]]\ncountry = 'GB'\n", "needs a name"),
    ("[[outlet]]\nname = 'X'\ncolour = 'red'\n", "unknown field"),
    ("[[outlet]]\nname = 'X'\ndomains = 'x.test'\n", "list of strings"),
    ("[[outlet\n", "not valid TOML"),
])
def test_bad_outlets_files_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        parse_outlets(text, "outlets.toml")


def test_articles_of_one_owner_or_one_wire_count_as_one_source(tmp_path: Path) -> None:
    import numpy as np

    from newsdesk.analyse.context import StoryContext
    from newsdesk.models import Article
    from newsdesk.outlets import owner_keys

    user = tmp_path / "outlets.toml"
    user.write_text('[[outlet]]\nname = "North"\ndomains = ["north.example"]\nowner = "Group"\n'
                    '[[outlet]]\nname = "South"\ndomains = ["south.example"]\nowner = "Group"\n', encoding="utf-8")
    articles = [
        Article(id="n", text="x", url="https://north.example/a"),
        Article(id="s", text="x", url="https://www.south.example/b"),
        Article(id="w", text="x", outlet="East Paper", wire="AFP"),
        Article(id="c", text="x"),  # a copy of w (same copy group), unknown to the outlets file
        Article(id="i", text="x", outlet="Independent Paper"),
    ]
    owners = owner_keys(articles, Outlets.load(user))
    assert owners == {"n": "owner:Group", "s": "owner:Group", "w": "owner:Agence France-Presse"}
    ctx = StoryContext(articles=articles, sentences=[], embeddings=np.zeros((0, 4), np.float32),
                       syndication=[("w", "c")], owners=owners)
    assert ctx.independent(["n", "s"]) == 1
    assert ctx.independent(["n", "s", "w", "c", "i"]) == 3
    assert StoryContext(articles=articles, sentences=[], embeddings=np.zeros((0, 4), np.float32),
                        syndication=[("w", "c")]).independent(["n", "s", "w", "c", "i"]) == 4


def test_coverage_counts_one_owners_outlets_as_one_voice() -> None:
    from newsdesk.analyse.coverage import outlet_coverage
    from newsdesk.models import Claim

    claims = [Claim("Only the group says this.", ("n", "s"), 1), Claim("Everyone says this.", ("n", "s", "i"), 2)]
    coverage = {"n": [0, 1], "s": [0, 1], "i": [1]}
    apart = outlet_coverage(["n", "s", "i"], claims, coverage)
    joined = outlet_coverage(["n", "s", "i"], claims, coverage, owners={"n": "owner:G", "s": "owner:G"})
    assert apart["n"].exclusive == () and joined["n"].exclusive == (0,)
