"""Fetching benchmark: 10,000 pages from loopback servers, with per-host limits, then a second
fetch of the unchanged feeds (it should cost one conditional request per feed, no page).

    python benchmarks/fetch.py [--pages 10000] [--hosts 50] [--extract 300]

Each host is its own server on its own loopback address (127.0.0.1, 127.0.0.2, ...), with a feed
listing its pages; pages are the bundled examples' HTML with a counter in the title.  Baseline in
the same run: the same pages fetched one by one with a bare httpx client (no robots, pacing, caps).
"""

from __future__ import annotations

import argparse
import hashlib
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import httpx  # noqa: E402
from loopback import LoopbackServer, Site, conditional  # noqa: E402

from newsdesk.fetch.client import Fetched, Fetcher  # noqa: E402
from newsdesk.fetch.harvest import Source, harvest, page_article  # noqa: E402
from newsdesk.fetch.settings import FetchSettings  # noqa: E402
from newsdesk.fetch.sources import Entry  # noqa: E402
from newsdesk.models import Article  # noqa: E402

TEMPLATES = sorted(p for p in (ROOT / "examples").rglob("*.html") if "broken" not in p.parts)


def build_sites(pages: int, hosts: int) -> list[Site]:
    bodies = [p.read_text("utf-8") for p in TEMPLATES]
    sites = [Site() for _ in range(hosts)]
    for n in range(pages):
        site = sites[n % hosts]
        body = bodies[n % len(bodies)].replace("<title>", f"<title>Item {n}: ", 1)
        site.page(f"/p/{n}.html", body)
    return sites


def add_feeds(sites: list[Site], servers: list[LoopbackServer]) -> list[str]:
    feeds = []
    for site, server in zip(sites, servers):
        links = "".join(f"<item><link>{server.base}{p}</link></item>" for p in site.routes if p.startswith("/p/"))
        body = f"<rss version='2.0'><channel><title>{server.base}</title>{links}</channel></rss>".encode()
        site.routes["/feed.xml"] = conditional('"v1"', (200, {"Content-Type": "application/rss+xml"}, body))
        feeds.append(server.url("/feed.xml"))
    return feeds


def bare(page: Fetched, entry: Entry | None) -> Article:
    return Article(id=hashlib.sha1(page.body).hexdigest()[:16], text="", path=page.url)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--hosts", type=int, default=50)
    ap.add_argument("--extract", type=int, default=300, help="pages also extracted in full")
    ap.add_argument("--interval", type=float, default=0.02, help="seconds between request starts per host")
    args = ap.parse_args()
    settings = FetchSettings(allow_loopback=True, per_host_interval=args.interval, per_host_concurrency=2,
                             concurrency=16, max_feed_items=args.pages)
    sites = build_sites(args.pages, args.hosts)
    servers = [LoopbackServer(s, host=f"127.0.0.{n + 1}") for n, s in enumerate(sites)]
    for server in servers:
        server.__enter__()
    try:
        feeds = add_feeds(sites, servers)
        print(f"machine: {platform.machine()}, {platform.python_version()}; shared machine, CPU times")
        print(f"data: {args.pages} pages on {args.hosts} loopback hosts, one feed each; per host "
              f"{settings.per_host_concurrency} in flight, {args.interval}s apart; {settings.concurrency} in all")
        sources = [Source(f) for f in feeds]
        with Fetcher(settings) as fetcher:
            wall, cpu = time.perf_counter(), time.process_time()
            first = harvest(sources, fetcher, known=lambda u: False, convert=bare)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(f"newsdesk first fetch: {len(first.articles)} pages, {len(first.errors)} errors, "
                  f"{first.requests} requests, {wall:.1f} s wall ({len(first.articles) / wall:.0f} pages/s), "
                  f"{cpu:.1f} s CPU ({len(first.articles) / cpu:.0f} pages per CPU s), peak {peak_mb():.0f} MB")
            known = {a.path for a in first.articles}
            again = harvest(first.sources, fetcher, known=known.__contains__, convert=bare)
            print(f"newsdesk second fetch of unchanged feeds: {again.requests} requests for {len(feeds)} feeds, "
                  f"{again.unchanged} answered 304, {again.pages_fetched} pages refetched")
        urls = [a.path for a in first.articles][: min(2000, len(first.articles))]
        with httpx.Client() as client:
            wall, cpu = time.perf_counter(), time.process_time()
            for url in urls:
                client.get(url)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"baseline bare httpx, one by one: {len(urls)} pages, {len(urls) / wall:.0f} pages/s wall, "
              f"{len(urls) / cpu:.0f} pages per CPU s")
        if args.extract:
            chosen = list(first.sources)
            with Fetcher(settings) as fetcher:
                urls = [a.path for a in first.articles][: args.extract]
                cpu = time.process_time()
                done = [page_article(page, None) for _, page in fetcher.get_many(urls) if isinstance(page, Fetched)]
                cpu = time.process_time() - cpu
            print(f"fetch + full extraction: {len(done)} pages, {len(done) / cpu:.1f} pages per CPU s "
                  f"({len(chosen)} feeds)")
    finally:
        for server in servers:
            server.__exit__(None, None, None)


if __name__ == "__main__":
    main()
