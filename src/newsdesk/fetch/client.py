"""URL -> ``Fetched`` page: robots.txt, per-host pacing, conditional requests, capped and safe.

Every request passes ``guard.check_url`` (also after each redirect), waits for its host's turn
(``HostGate``), and reads at most ``max_bytes`` of decoded body within ``deadline`` seconds.
Errors of httpx are translated here, at one seam, into ``FetchError``s naming the URL.
"""

from __future__ import annotations

import email.utils
import logging
import threading
import time
import zlib
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.guard import check_url
from newsdesk.fetch.settings import FetchSettings

log = logging.getLogger("newsdesk.fetch")

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED = frozenset({429, 500, 502, 503, 504})
ROBOTS_MAX_BYTES = 512 * 1024


@dataclass(frozen=True)
class Fetched:
    """A fetched response: ``url`` is where it came from after redirects."""

    url: str
    status: int
    body: bytes = b""
    content_type: str = ""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


class HostGate:
    """Per-host pacing: at most ``per_host_concurrency`` requests in flight on a host, and request
    starts on one host at least its interval apart."""

    def __init__(self, settings: FetchSettings, sleep: Callable[[float], None] = time.sleep) -> None:
        self._settings = settings
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}
        self._interval: dict[str, float] = {}
        self._slots: dict[str, threading.Semaphore] = {}

    def set_interval(self, host: str, seconds: float) -> None:
        with self._lock:
            self._interval[host] = max(self._settings.per_host_interval, seconds)

    def defer(self, host: str, seconds: float) -> None:
        """No request to ``host`` for ``seconds`` (a 429's Retry-After applies to every thread)."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + seconds)

    @contextmanager
    def slot(self, host: str) -> Iterator[None]:
        with self._lock:
            slots = self._slots.setdefault(host, threading.Semaphore(self._settings.per_host_concurrency))
        with slots:
            with self._lock:
                now = time.monotonic()
                start = max(now, self._next.get(host, 0.0))
                self._next[host] = start + self._interval.get(host, self._settings.per_host_interval)
            if start > now:
                self._sleep(start - now)
            yield


class Fetcher:
    """A polite, bounded HTTP client.  ``requests`` counts every HTTP request sent."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings or FetchSettings()
        self.requests = 0
        self._sleep = sleep
        self._gate = HostGate(self.settings, sleep)
        self._count_lock = threading.Lock()
        self._robots: dict[str, tuple[float, Protego | None]] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._client = httpx.Client(
            transport=transport,
            follow_redirects=False,
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": self.settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            limits=httpx.Limits(max_connections=self.settings.concurrency),
            trust_env=False,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """Fetch ``url`` (following at most ``max_redirects`` redirects); a 304 comes back as a
        ``Fetched`` with ``not_modified``; any other failure raises ``FetchError``."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._follow(url, headers, robots=self.settings.respect_robots)

    def get_many(self, urls: Iterable[str]) -> Iterator[tuple[str, Fetched | FetchError]]:
        """Fetch many URLs on ``concurrency`` threads; results come back in the order given."""
        window: deque[tuple[str, Future[Fetched]]] = deque()
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            for url in urls:
                window.append((url, pool.submit(self.get, url)))
                if len(window) >= 4 * self.settings.concurrency:
                    yield _outcome(*window.popleft())
            while window:
                yield _outcome(*window.popleft())

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s site lets newsdesk fetch it (no robots.txt: yes)."""
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        with self._count_lock:
            lock = self._robots_locks.setdefault(site, threading.Lock())
        with lock:
            loaded, rules = self._robots.get(site, (float("-inf"), None))
            if time.monotonic() - loaded > self.settings.robots_ttl:
                rules = self._load_robots(site)
                self._robots[site] = (time.monotonic(), rules)
        return rules is None or rules.can_fetch(url, "newsdesk")

    def _load_robots(self, site: str) -> Protego | None:
        try:
            got = self._follow(f"{site}/robots.txt", {}, robots=False, max_bytes=ROBOTS_MAX_BYTES)
        except FetchError as exc:
            if exc.status is not None and 400 <= exc.status < 500:
                return None  # no robots.txt: everything is allowed (RFC 9309)
            raise FetchError(f"robots.txt could not be read ({exc.message}); site skipped", url=site) from exc
        rules = Protego.parse(got.body.decode("utf-8", "replace"))
        delay = rules.crawl_delay("newsdesk")
        if delay:
            self._gate.set_interval(host_of(site), min(float(delay), self.settings.max_crawl_delay))
        return rules

    def _follow(self, url: str, headers: dict[str, str], *, robots: bool, max_bytes: int | None = None) -> Fetched:
        seen = set()
        for _ in range(self.settings.max_redirects + 1):
            if url in seen:
                raise FetchError("redirect loop", url=url)
            seen.add(url)
            check_url(url, self.settings)
            if robots and not self.allowed(url):
                raise FetchError("robots.txt forbids this path", url=url)
            got = self._with_retries(url, headers, max_bytes or self.settings.max_bytes)
            if got.status not in REDIRECTS:
                return got
            url = got.url
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})", url=url)

    def _with_retries(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        host = host_of(url)
        for attempt in range(self.settings.retries + 1):
            with self._gate.slot(host):
                got = self._once(url, headers, max_bytes)
            if got.status < 400 or got.status == 304:
                return got
            if got.status not in RETRIED or attempt == self.settings.retries:
                raise FetchError(f"HTTP {got.status}", url=url, status=got.status)
            wait = _retry_after(got) if got.status in (429, 503) else None
            wait = self.settings.backoff * 2**attempt if wait is None else wait
            if wait > self.settings.max_retry_after:
                raise FetchError(f"HTTP {got.status}: server asks to wait {wait:.0f} s, over the "
                                 f"{self.settings.max_retry_after:.0f} s limit", url=url, status=got.status)
            log.info("%s: HTTP %s, retrying in %.1f s", url, got.status, wait)
            self._gate.defer(host, wait)
        raise AssertionError("unreachable")  # pragma: no cover

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Fetched:
        with self._count_lock:
            self.requests += 1
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                return self._read(url, response, max_bytes)
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {self.settings.timeout:.0f} s", url=url) from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"request failed ({type(exc).__name__}: {exc})", url=url) from exc

    def _read(self, url: str, response: httpx.Response, max_bytes: int) -> Fetched:
        status = response.status_code
        meta = dict(
            content_type=response.headers.get("content-type", "").split(";")[0].strip().lower(),
            charset=response.charset_encoding,
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            retry_after=response.headers.get("retry-after"),
        )
        if status in REDIRECTS:
            location = response.headers.get("location")
            if not location:
                raise FetchError(f"HTTP {status} without a Location", url=url, status=status)
            return Fetched(urljoin(url, location), status)
        if status >= 300:
            return Fetched(url, status, **meta)  # type: ignore[arg-type]
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"response is {int(declared):,} bytes, over the {max_bytes:,}-byte limit", url=url)
        body = _bounded_body(response, max_bytes, self.settings.deadline, url)
        return Fetched(url, status, body, **meta)  # type: ignore[arg-type]


def interleave_hosts(urls: Iterable[str]) -> list[str]:
    """``urls`` reordered round-robin over their hosts (each host's own order kept), so that a
    window of requests in flight spans many hosts instead of queueing behind one host's pacing."""
    queues: dict[str, deque[str]] = {}
    for url in urls:
        queues.setdefault(host_of(url), deque()).append(url)
    order: list[str] = []
    while queues:
        for host in list(queues):
            order.append(queues[host].popleft())
            if not queues[host]:
                del queues[host]
    return order


def _bounded_body(response: httpx.Response, max_bytes: int, deadline: float, url: str) -> bytes:
    """The decoded body, refused past ``max_bytes`` (a gzip bomb stops at the cap, never expands
    further) or past ``deadline`` seconds (a server trickling bytes)."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("gzip", "x-gzip"):
        decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        decoder = zlib.decompressobj()
    elif encoding in ("identity", ""):
        decoder = None
    else:
        raise FetchError(f"unsupported Content-Encoding {encoding!r}", url=url)
    start = time.monotonic()
    parts: list[bytes] = []
    size = 0
    try:
        for raw in response.iter_raw():
            data = decoder.decompress(raw, max_bytes - size + 1) if decoder else raw
            size += len(data)
            if size > max_bytes or (decoder and decoder.unconsumed_tail):
                raise FetchError(f"response is over the {max_bytes:,}-byte limit", url=url)
            parts.append(data)
            if time.monotonic() - start > deadline:
                raise FetchError(f"response took over {deadline:.0f} s; gave up", url=url)
    except zlib.error as exc:
        raise FetchError(f"broken {encoding} body ({exc})", url=url) from exc
    return b"".join(parts)


def _retry_after(got: Fetched) -> float | None:
    return parse_retry_after((got.retry_after or "").strip())


def parse_retry_after(value: str, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _outcome(url: str, future: Future[Fetched]) -> tuple[str, Fetched | FetchError]:
    try:
        return url, future.result()
    except FetchError as exc:
        return url, exc
