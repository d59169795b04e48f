"""Followed sources -> new ``Article``s: each feed or sitemap fetched once (conditionally), the
pages it lists that the library does not know yet fetched in full and extracted.

The feed's own title, date and author fill what the page lacks; a page is never reduced to the
feed's blurb.  A failing source or page gives one ``FileError`` naming it; the rest goes on.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone

from newsdesk.errors import InputError
from newsdesk.fetch.client import Fetched, Fetcher, interleave_hosts
from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.sources import Entry, Listing, parse_listing
from newsdesk.models import Article, FileError

log = logging.getLogger("newsdesk.fetch")
MAX_CHILD_SITEMAPS = 20  # a sitemap index is followed one level down, at most this many sitemaps


@dataclass(frozen=True)
class Source:
    """A followed feed or sitemap and its health: what the last fetch said and when."""

    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_success: str | None = None
    last_error: str | None = None
    last_error_at: str | None = None
    items_seen: int = 0


@dataclass(frozen=True)
class Collected:
    """One page taken in: where it came from, the SHA-256 of its bytes, its article or error."""

    origin: str
    digest: str
    result: Article | FileError


@dataclass(frozen=True)
class Harvest:
    """What one fetch of the followed sources brought: pages, source errors, sources' new state."""

    pages: tuple[Collected, ...] = ()
    source_errors: tuple[FileError, ...] = ()
    sources: tuple[Source, ...] = ()
    requests: int = 0
    unchanged: int = 0
    pages_fetched: int = 0

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(p.result for p in self.pages if isinstance(p.result, Article))

    @property
    def errors(self) -> tuple[FileError, ...]:
        return self.source_errors + tuple(p.result for p in self.pages if isinstance(p.result, FileError))


@dataclass
class _Gathered:
    entries: list[Entry] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    unchanged: int = 0


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S+00:00")


Convert = Callable[[Fetched, "Entry | None"], Article]


def harvest(
    sources: Iterable[Source],
    fetcher: Fetcher,
    known: Callable[[str], bool],
    convert: Convert | None = None,
) -> Harvest:
    """Fetch every source once, then every page they list that ``known`` does not know yet;
    ``convert`` turns a page into an article (default: ``page_article``, the full extraction)."""
    before = fetcher.requests
    gathered = _Gathered()
    for source in sources:
        _gather(source, fetcher, gathered)
    wanted: dict[str, Entry] = {}
    for entry in gathered.entries:
        if entry.url not in wanted and not known(entry.url):
            wanted[entry.url] = entry
    pages = collect_pages(fetcher.get_many(interleave_hosts(wanted)), wanted, convert or page_article)
    return Harvest(
        pages=tuple(pages),
        source_errors=tuple(gathered.errors),
        sources=tuple(gathered.sources),
        requests=fetcher.requests - before,
        unchanged=gathered.unchanged,
        pages_fetched=len(wanted),
    )


def _gather(source: Source, fetcher: Fetcher, out: _Gathered) -> None:
    try:
        got = fetcher.get(source.url, etag=source.etag, last_modified=source.last_modified)
        if got.not_modified:
            out.unchanged += 1
            out.sources.append(replace(source, last_success=now_iso()))
            return
        listing = listing_of(got, fetcher)
    except FetchError as exc:
        log.info("source %s failed: %s", source.url, exc.message)
        out.errors.append(FileError(source.url, exc.message))
        out.sources.append(replace(source, last_error=exc.message, last_error_at=now_iso()))
        return
    out.entries.extend(listing.entries)
    out.sources.append(replace(
        source, title=source.title or listing.title, etag=got.etag, last_modified=got.last_modified,
        last_success=now_iso(), last_error=None, items_seen=source.items_seen + len(listing.entries),
    ))


def listing_of(got: Fetched, fetcher: Fetcher) -> Listing:
    listing = parse_listing(got.body, got.url, content_type=got.content_type,
                            max_entries=fetcher.settings.max_feed_items)
    if not listing.sitemaps:
        return listing
    entries = list(listing.entries)
    for child_url, child in fetcher.get_many(listing.sitemaps[:MAX_CHILD_SITEMAPS]):
        if isinstance(child, FetchError):
            log.info("sitemap %s failed: %s", child_url, child.message)
            continue
        entries.extend(parse_listing(child.body, child.url, max_entries=fetcher.settings.max_sitemap_urls).entries)
    return replace(listing, entries=tuple(entries[: fetcher.settings.max_sitemap_urls]))


def collect_pages(
    pages: Iterable[tuple[str, Fetched | FetchError]],
    entries: Mapping[str, Entry],
    convert: Convert,
) -> list[Collected]:
    """Fetched pages -> extracted articles (or one error each), the listing's metadata filling
    what a page lacks."""
    out: list[Collected] = []
    for url, page in pages:
        if isinstance(page, FetchError):
            out.append(Collected(url, "", FileError(url, page.message)))
            continue
        digest = hashlib.sha256(page.body).hexdigest()
        try:
            out.append(Collected(url, digest, convert(page, entries.get(url))))
        except InputError as exc:
            out.append(Collected(url, digest, FileError(url, exc.message)))
    return out


def page_article(page: Fetched, entry: Entry | None = None) -> Article:
    """One fetched page -> its ``Article`` (full page extracted; the feed fills only gaps).
    ``path`` is the URL it was fetched from; ``url`` the page's canonical URL when it names one."""
    from newsdesk.extraction import extract

    if page.content_type and "html" not in page.content_type and "text" not in page.content_type:
        raise FetchError(f"not a page ({page.content_type})", url=page.url)
    article = extract(page.body, url=page.url, path=page.url)  # path: where it was fetched
    if entry is None:
        return article
    return replace(
        article,
        title=article.title or entry.title,
        published=article.published or entry.published,
        published_precision=article.published_precision or (_precision(entry.published)),
        authors=article.authors or entry.authors,
    )


def _precision(published: str | None) -> str | None:
    if not published:
        return None
    return "day" if len(published) == 10 else "second"
