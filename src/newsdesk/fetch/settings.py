"""Fetch settings: one frozen value for how politely and how safely newsdesk fetches."""

from __future__ import annotations

import os
from dataclasses import dataclass

from newsdesk import __version__

# Defaults chosen for a reader following tens of outlets, not a crawler: one request at a time per
# host, a second apart, and nothing a news page never needs (a 10 MB page, ten redirects).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class FetchSettings:
    """How newsdesk fetches.

    ``per_host_interval``: seconds between two request starts on one host (a robots.txt
    ``Crawl-delay`` raises it, up to ``max_crawl_delay``). ``per_host_concurrency``: requests in
    flight on one host. ``concurrency``: requests in flight in all. ``max_bytes``: cap on a
    response body after decompression (a larger Content-Length is refused before reading).
    ``timeout``: seconds to connect or between two reads; ``deadline``: seconds for a whole
    response. ``retries`` on 429 and 5xx with exponential backoff from ``backoff``, honouring
    Retry-After up to ``max_retry_after`` seconds. A site's robots.txt is read again after
    ``robots_ttl`` seconds. ``allow_loopback`` / ``allow_private``: fetch
    from this machine or from private and link-local networks (off: only public addresses).
    """

    contact: str = ""
    per_host_interval: float = 1.0
    per_host_concurrency: int = 1
    concurrency: int = 8
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 10.0
    deadline: float = 30.0
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 120.0
    max_crawl_delay: float = 30.0
    respect_robots: bool = True
    robots_ttl: float = 86_400.0
    allow_loopback: bool = False
    allow_private: bool = False
    max_feed_items: int = 500
    max_sitemap_urls: int = 50_000

    def __post_init__(self) -> None:
        for name in ("per_host_interval", "backoff", "max_retry_after", "max_crawl_delay", "robots_ttl"):
            if getattr(self, name) < 0:
                raise ValueError(f"FetchSettings.{name} must be >= 0, got {getattr(self, name)!r}")
        for name in ("per_host_concurrency", "concurrency", "max_bytes", "max_feed_items",
                     "max_sitemap_urls"):
            if getattr(self, name) < 1:
                raise ValueError(f"FetchSettings.{name} must be >= 1, got {getattr(self, name)!r}")
        for name in ("timeout", "deadline"):
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchSettings.{name} must be > 0 seconds, got {getattr(self, name)!r}")
        if self.max_redirects < 0 or self.retries < 0:
            raise ValueError("FetchSettings.max_redirects and retries must be >= 0")

    @property
    def user_agent(self) -> str:
        """A clear User-Agent: the tool, its version, and who to write to."""
        contact = self.contact or os.environ.get("NEWSDESK_CONTACT", "")
        return f"newsdesk/{__version__} (news reader; +{contact or 'contact not set'})"
