"""Feed, OPML, sitemap and WARC bytes -> the article URLs (and pages) they list, bounded.

Feeds (RSS 0.9-2.0, Atom) go through feedparser; JSON Feed is read here.  OPML and sitemaps are
parsed by lxml with entities and network access off.  Nothing here fetches: see ``client``.
"""

from __future__ import annotations

import calendar
import json
import logging
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import etree

from newsdesk.fetch.errors import FetchError

log = logging.getLogger("newsdesk.fetch")

_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(frozen=True)
class Entry:
    """A page a feed or sitemap lists, with whatever it says of it (fills what the page lacks)."""

    url: str
    title: str | None = None
    published: str | None = None
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listing:
    """What a feed or sitemap lists: its ``title``, page ``entries``, and further ``sitemaps``."""

    kind: str
    title: str | None
    entries: tuple[Entry, ...]
    sitemaps: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedRef:
    """One feed of an OPML file."""

    url: str
    title: str | None = None


def sniff(body: bytes, content_type: str = "") -> str:
    """What a response holds: 'feed', 'sitemap', 'opml' or 'html'."""
    head = body[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if "json" in content_type or head.startswith(b"{"):
        return "feed"
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    if b"<opml" in head:
        return "opml"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or "rss" in content_type or "atom" in content_type:
        return "feed"
    return "html"


def parse_listing(body: bytes, url: str, *, content_type: str = "", max_entries: int = 500) -> Listing:
    """A feed or sitemap's entries (at most ``max_entries``), URLs made absolute."""
    kind = sniff(body, content_type)
    if kind == "sitemap":
        return parse_sitemap(body, url, max_entries=max_entries)
    if kind == "feed" and body.lstrip()[:1] == b"{":
        return parse_json_feed(body, url, max_entries=max_entries)
    if kind == "feed":
        return parse_feed(body, url, max_entries=max_entries)
    raise FetchError(f"not a feed or sitemap (looks like {kind})", url=url)


def parse_feed(body: bytes, url: str, *, max_entries: int = 500) -> Listing:
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        problem = parsed.get("bozo_exception")
        raise FetchError(f"not a readable feed ({problem or 'no channel and no items'})", url=url)
    entries = []
    for item in parsed.entries[:max_entries]:
        link = item.get("link") or _first_link(item)
        if not link:
            continue
        authors = tuple(a.get("name", "").strip() for a in item.get("authors", []) if a.get("name"))
        if not authors and item.get("author"):
            authors = (item["author"].strip(),)
        stamp = item.get("published_parsed") or item.get("updated_parsed")
        entries.append(Entry(urljoin(url, link), _clean(item.get("title")), _iso(stamp), authors))
    return Listing("feed", _clean(parsed.feed.get("title")), tuple(entries))


def parse_json_feed(body: bytes, url: str, *, max_entries: int = 500) -> Listing:
    try:
        data = json.loads(body.decode("utf-8", "replace"))
    except ValueError as exc:
        raise FetchError(f"not a readable JSON Feed ({exc})", url=url) from exc
    if not isinstance(data, dict) or "jsonfeed.org" not in str(data.get("version", "")):
        raise FetchError("JSON that is not a JSON Feed (no jsonfeed.org version)", url=url)
    entries = []
    for item in data.get("items", [])[:max_entries]:
        if not isinstance(item, dict) or not isinstance(item.get("url") or item.get("external_url"), str):
            continue
        people = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        authors = tuple(str(p.get("name")).strip() for p in people if isinstance(p, dict) and p.get("name"))
        published = _iso_text(item.get("date_published") or item.get("date_modified"))
        link = item.get("url") or item.get("external_url")
        entries.append(Entry(urljoin(url, link), _clean(item.get("title")), published, authors))
    return Listing("feed", _clean(data.get("title")), tuple(entries))


def parse_sitemap(body: bytes, url: str, *, max_entries: int = 50_000) -> Listing:
    """A sitemap (news sitemaps included: their title and publication date) or a sitemap index."""
    root = _xml(body, url)
    if root.tag == f"{_SITEMAP_NS}sitemapindex":
        locs = [_text(s.find(f"{_SITEMAP_NS}loc")) for s in root.iter(f"{_SITEMAP_NS}sitemap")]
        return Listing("sitemap", None, (), tuple(urljoin(url, x) for x in locs if x)[:max_entries])
    if root.tag != f"{_SITEMAP_NS}urlset":
        raise FetchError(f"not a sitemap (root element {etree.QName(root).localname!r})", url=url)
    entries = []
    for node in root.iter(f"{_SITEMAP_NS}url"):
        loc = _text(node.find(f"{_SITEMAP_NS}loc"))
        if not loc:
            continue
        news = node.find(f"{_NEWS_NS}news")
        title = _text(news.find(f"{_NEWS_NS}title")) if news is not None else None
        when = _text(news.find(f"{_NEWS_NS}publication_date")) if news is not None else None
        when = when or _text(node.find(f"{_SITEMAP_NS}lastmod"))
        entries.append(Entry(urljoin(url, loc), title, _iso_text(when)))
        if len(entries) >= max_entries:
            break
    return Listing("sitemap", None, tuple(entries))


def parse_opml(data: bytes, where: str) -> list[FeedRef]:
    """Every feed an OPML file lists (nested outlines included), in file order, each once."""
    root = _xml(data, where)
    if etree.QName(root).localname.lower() != "opml":
        raise FetchError("not an OPML file", url=where)
    refs: dict[str, FeedRef] = {}
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or node.get("xmlurl") or "").strip()
        if url and urlsplit(url).scheme in ("http", "https") and url not in refs:
            refs[url] = FeedRef(url, _clean(node.get("title") or node.get("text")))
    if not refs:
        raise FetchError("OPML file lists no http(s) feeds", url=where)
    return list(refs.values())


@dataclass(frozen=True)
class ArchivedPage:
    url: str
    body: bytes
    charset: str | None
    fetched: str | None


def read_warc(path: Path, *, max_bytes: int) -> Iterator[ArchivedPage]:
    """The HTML responses (HTTP 200) archived in a ``.warc`` or ``.warc.gz`` file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with path.open("rb") as stream:
            if not _starts_as_warc(stream):
                raise FetchError("not a WARC file (no WARC/ header)", url=str(path))
            for record in ArchiveIterator(stream):
                page = _warc_page(record, max_bytes, str(path))
                if page is not None:
                    yield page
    except ArchiveLoadFailed as exc:
        raise FetchError(f"not a readable WARC file ({exc})", url=str(path)) from exc


def _starts_as_warc(stream: BinaryIO) -> bool:
    head = stream.read(64 * 1024)
    stream.seek(0)
    if head[:2] == b"\x1f\x8b":
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
    return head.startswith(b"WARC/")


def _warc_page(record: object, max_bytes: int, where: str) -> ArchivedPage | None:
    if getattr(record, "rec_type", "") != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    http = record.http_headers  # type: ignore[attr-defined]
    content_type = (http.get_header("Content-Type") or "").lower()
    if http.get_statuscode() != "200" or "html" not in content_type:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    body = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
    if len(body) > max_bytes:
        log.warning("%s: %s is over the %s-byte limit; skipped", where, url, max_bytes)
        return None
    charset = content_type.split("charset=")[1].split(";")[0].strip() if "charset=" in content_type else None
    return ArchivedPage(url, body, charset, record.rec_headers.get_header("WARC-Date"))  # type: ignore[attr-defined]


def _xml(data: bytes, where: str) -> etree._Element:
    try:
        return etree.fromstring(data, _XML)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"not well-formed XML ({exc.msg})", url=where) from exc


def _text(node: etree._Element | None) -> str | None:
    return node.text.strip() if node is not None and node.text and node.text.strip() else None


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _first_link(item: dict) -> str | None:  # type: ignore[type-arg]
    for link in item.get("links", []):
        if link.get("href") and link.get("rel", "alternate") == "alternate":
            return str(link["href"])
    return None


def _iso(stamp: time.struct_time | None) -> str | None:
    if not stamp:
        return None
    return datetime.fromtimestamp(calendar.timegm(stamp), timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


def _iso_text(value: object) -> str | None:
    """An ISO 8601 / W3C date string -> normalised ISO (UTC when it has a time), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10:
        return when.strftime("%Y-%m-%d")
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
        return when.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return when.strftime("%Y-%m-%dT%H:%M:%S")
