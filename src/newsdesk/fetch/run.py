"""URLs, WARC files and followed sources -> pages ready for the library (``store.ingest``).

``collect_remote`` takes what ``newsdesk ingest`` was given beyond local files: the address of
a page, a feed or a sitemap (told apart by what comes back), or a ``.warc``/``.warc.gz`` file.
``fetch_followed`` fetches every followed source once and adds what is new to the library.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import InputError
from newsdesk.fetch.client import Fetched, Fetcher, interleave_hosts
from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.harvest import Collected, collect_pages, harvest, listing_of, page_article
from newsdesk.fetch.settings import FetchSettings
from newsdesk.fetch.sources import read_warc, sniff
from newsdesk.models import FileError

if TYPE_CHECKING:
    from newsdesk.store.sqlite import SqliteLibrary

log = logging.getLogger("newsdesk.fetch")
WARC_SUFFIXES = (".warc", ".warc.gz")
Item = tuple[str, str, Any]  # (origin, content hash, Article | FileError)


def is_url(item: object) -> bool:
    return isinstance(item, str) and item.startswith(("http://", "https://"))


def is_remote(item: object) -> bool:
    """A URL or a web archive: what ``collect_remote`` reads rather than the file reader."""
    return is_url(item) or str(item).lower().endswith(WARC_SUFFIXES)


def collect_remote(
    items: Sequence[str | Path], settings: FetchSettings | None, library: SqliteLibrary
) -> tuple[list[Item], list[FileError]]:
    """Pages behind ``items``: a page URL is the page; a feed or sitemap URL brings the pages it
    lists that the library does not hold yet; a WARC file its archived HTML responses."""
    if not items:
        return [], []
    settings = settings or FetchSettings()
    collected: list[Collected] = []
    errors: list[FileError] = []
    urls = [str(i) for i in items if is_url(i)]
    if urls:
        with Fetcher(settings) as fetcher:
            for url, got in fetcher.get_many(urls):
                if isinstance(got, FetchError):
                    errors.append(FileError(url, got.message))
                else:
                    collected += _behind(url, got, fetcher, library)
    for archive in (Path(i) for i in items if not is_url(i)):
        collected += _archived(archive, settings.max_bytes, errors)
    out: list[Item] = []
    for c in collected:
        if c.digest:
            out.append((c.origin, c.digest, c.result))
        else:
            errors.append(c.result)
    return out, errors


def _behind(url: str, got: Fetched, fetcher: Fetcher, library: SqliteLibrary) -> list[Collected]:
    kind = sniff(got.body, got.content_type)
    if kind == "opml":
        return [Collected(url, "", FileError(url, "an OPML file: follow its feeds with `newsdesk follow import`"))]
    if kind == "html":
        return collect_pages([(url, got)], {}, page_article)
    try:
        listing = listing_of(got, fetcher)
    except FetchError as exc:
        return [Collected(url, "", FileError(url, exc.message))]
    known = library.known_origins(e.url for e in listing.entries)
    wanted = {e.url: e for e in listing.entries if e.url not in known}
    log.info("%s: %d pages listed, %d new", url, len(listing.entries), len(wanted))
    return collect_pages(fetcher.get_many(interleave_hosts(wanted)), wanted, page_article)


def _archived(path: Path, max_bytes: int, errors: list[FileError]) -> list[Collected]:
    from newsdesk.extraction import extract

    out: list[Collected] = []
    try:
        for page in read_warc(path, max_bytes=max_bytes):
            digest = hashlib.sha256(page.body).hexdigest()
            try:
                out.append(Collected(page.url, digest, extract(page.body, url=page.url, path=page.url)))
            except InputError as exc:
                out.append(Collected(page.url, digest, FileError(f"{path}: {page.url}", exc.message)))
    except FetchError as exc:
        errors.append(FileError(str(path), exc.message))
    except OSError as exc:
        errors.append(FileError(str(path), f"cannot read: {exc.strerror or exc}"))
    return out


@dataclass(frozen=True)
class FetchRound:
    """One ``newsdesk fetch``: what the followed sources brought into the library."""

    sources: int
    unchanged: int
    requests: int
    added: int
    stories_new: int
    stories_updated: int
    errors: tuple[FileError, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "errors": [asdict(e) for e in self.errors]}


def fetch_followed(library: SqliteLibrary, fetcher: Fetcher) -> FetchRound:
    """Fetch every followed source once and ingest its new pages; sources keep their health.
    Reusing one ``fetcher`` across rounds keeps robots.txt (for a day) and the hosts' pacing."""
    from newsdesk.fetch.follow import SourceBook
    from newsdesk.store.ingestion import ingest_items

    book = SourceBook(library.conn)
    sources = book.sources()
    got = harvest(sources, fetcher, known=lambda url: bool(library.known_origins([url])))
    items = [(p.origin, p.digest, p.result) for p in got.pages if p.digest]
    failed = [p.result for p in got.pages if not p.digest]
    report = ingest_items([(o, d) for o, d, _ in items], list(got.source_errors) + failed, library,
                          preloaded={o: r for o, _, r in items})
    book.save(got.sources)
    return FetchRound(
        sources=len(sources), unchanged=got.unchanged, requests=got.requests, added=len(report.added),
        stories_new=len(report.stories_new), stories_updated=len(report.stories_updated), errors=report.errors,
    )
