"""Fetching against a loopback server the test starts: polite, bounded, safe; never the internet."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from loopback import LoopbackServer, Site, conditional, gzip_bomb, huge_length, once_then, slow

from newsdesk.fetch.client import Fetcher, parse_retry_after
from newsdesk.fetch.errors import FetchError
from newsdesk.fetch.guard import check_url
from newsdesk.fetch.settings import FetchSettings

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
PAGE = (EXAMPLES / "kiel-ferry" / "northgate-daily-ferry.html").read_bytes()


def settings(**changes: object) -> FetchSettings:
    base = dict(allow_loopback=True, per_host_interval=0.0, backoff=0.01, timeout=2.0, deadline=3.0)
    return FetchSettings(**{**base, **changes})  # type: ignore[arg-type]


@pytest.fixture()
def site() -> Site:
    s = Site()
    s.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", "text/plain")
    s.page("/news/ferry.html", PAGE)
    s.page("/private/secret.html", PAGE)
    return s


def fetch(site: Site, path: str, **changes: object) -> bytes:
    with LoopbackServer(site) as server, Fetcher(settings(**changes)) as fetcher:
        return fetcher.get(server.url(path)).body


def failure(site: Site, path: str, **changes: object) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(site, path, **changes)
    return str(caught.value)


def test_page_is_fetched_whole(site: Site) -> None:
    assert fetch(site, "/news/ferry.html") == PAGE
    assert site.hits["/robots.txt"] == 1


def test_user_agent_names_the_tool_and_the_contact(site: Site) -> None:
    fetch(site, "/news/ferry.html", contact="desk@example.org")
    agents = {headers["user-agent"] for _, headers in site.requests}
    assert agents == {f"newsdesk/{__import__('newsdesk').__version__} (news reader; +desk@example.org)"}


def test_robots_txt_forbidding_a_path_is_honoured(site: Site) -> None:
    assert "robots.txt forbids" in failure(site, "/private/secret.html")
    assert site.hits["/private/secret.html"] == 0


def test_missing_robots_txt_allows_everything(site: Site) -> None:
    del site.routes["/robots.txt"]
    assert fetch(site, "/news/ferry.html") == PAGE


def test_robots_txt_crawl_delay_paces_the_host(site: Site) -> None:
    site.page("/robots.txt", "User-agent: *\nCrawl-delay: 7\n", "text/plain")
    waits: list[float] = []
    with LoopbackServer(site) as server, Fetcher(settings(), sleep=waits.append) as fetcher:
        fetcher.get(server.url("/news/ferry.html"))
        fetcher.get(server.url("/news/ferry.html"))
    assert waits and 6.0 < max(waits) <= 7.0


def test_redirect_loop_is_cut(site: Site) -> None:
    site.routes["/a"] = (302, {"Location": "/b"}, b"")
    site.routes["/b"] = (302, {"Location": "/a"}, b"")
    assert "redirect loop" in failure(site, "/a")


def test_redirect_chain_is_bounded(site: Site) -> None:
    for n in range(10):
        site.routes[f"/r{n}"] = (301, {"Location": f"/r{n + 1}"}, b"")
    assert "too many redirects" in failure(site, "/r0", max_redirects=3)
    assert site.hits["/r4"] == 0


def test_redirect_is_followed_to_the_page(site: Site) -> None:
    site.routes["/old"] = (301, {"Location": "/news/ferry.html"}, b"")
    assert fetch(site, "/old") == PAGE


def test_huge_content_length_is_refused_before_reading(site: Site) -> None:
    site.routes["/huge"] = huge_length
    assert "over the" in failure(site, "/huge") and "5,368,709,120 bytes" in failure(site, "/huge")


def test_gzip_bomb_stops_at_the_cap(site: Site) -> None:
    site.routes["/bomb"] = gzip_bomb(50 * 1024 * 1024)
    assert "over the 1,000,000-byte limit" in failure(site, "/bomb", max_bytes=1_000_000)


def test_gzip_page_is_decoded(site: Site) -> None:
    site.routes["/z"] = (200, {"Content-Type": "text/html", "Content-Encoding": "gzip"}, gzip.compress(PAGE))
    assert fetch(site, "/z") == PAGE


def test_slow_response_gives_up_at_the_deadline(site: Site) -> None:
    site.routes["/slow"] = slow(0.05, b"x" * 200)
    assert "gave up" in failure(site, "/slow", deadline=0.5)


def test_429_with_retry_after_is_retried_after_waiting(site: Site) -> None:
    site.routes["/busy"] = once_then((429, {"Retry-After": "2"}, b""), (200, {"Content-Type": "text/html"}, PAGE))
    waits: list[float] = []
    with LoopbackServer(site) as server, Fetcher(settings(), sleep=waits.append) as fetcher:
        assert fetcher.get(server.url("/busy")).body == PAGE
    assert site.hits["/busy"] == 2 and any(1.5 < w <= 2.0 for w in waits)


def test_retry_after_past_the_limit_is_an_error(site: Site) -> None:
    site.routes["/later"] = (429, {"Retry-After": "3600"}, b"")
    assert "asks to wait 3600 s" in failure(site, "/later", max_retry_after=60)
    assert site.hits["/later"] == 1


def test_server_errors_are_retried_then_reported(site: Site) -> None:
    site.routes["/down"] = (503, {}, b"")
    assert "HTTP 503" in failure(site, "/down", retries=2)
    assert site.hits["/down"] == 3


def test_not_found_is_not_retried(site: Site) -> None:
    assert "HTTP 404" in failure(site, "/nowhere")
    assert site.hits["/nowhere"] == 1


def test_conditional_request_costs_one_304(site: Site) -> None:
    site.routes["/feed.xml"] = conditional('"v1"', (200, {"Content-Type": "application/rss+xml"}, b"<rss/>"))
    with LoopbackServer(site) as server, Fetcher(settings()) as fetcher:
        first = fetcher.get(server.url("/feed.xml"))
        before = fetcher.requests
        again = fetcher.get(server.url("/feed.xml"), etag=first.etag)
    assert first.etag == '"v1"' and again.not_modified and fetcher.requests - before == 1


@pytest.mark.parametrize("url", [
    "http://10.0.0.7/news.html", "http://192.168.1.20/", "http://169.254.169.254/latest/",
    "http://[fd00::1]/", "http://[::ffff:10.1.2.3]/", "http://0.0.0.0/", "ftp://127.0.0.1/x",
    "file:///etc/passwd",
])
def test_private_and_odd_addresses_are_refused_without_a_request(url: str) -> None:
    with pytest.raises(FetchError, match="refused|only http"):
        check_url(url, settings())


def test_loopback_needs_permission() -> None:
    with pytest.raises(FetchError, match="loopback"):
        check_url("http://127.0.0.1:9/", FetchSettings())
    check_url("http://127.0.0.1:9/", settings())


def test_many_pages_come_back_in_order_with_per_url_errors(site: Site) -> None:
    paths = ["/news/ferry.html", "/nowhere", "/private/secret.html", "/news/ferry.html"]
    with LoopbackServer(site) as server, Fetcher(settings(concurrency=3)) as fetcher:
        got = list(fetcher.get_many(server.url(p) for p in paths))
    assert [u.rsplit(":", 1)[1].split("/", 1)[1] for u, _ in got] == [p[1:] for p in paths]
    kinds = [type(r).__name__ for _, r in got]
    assert kinds == ["Fetched", "FetchError", "FetchError", "Fetched"]


def test_retry_after_reads_seconds_and_dates() -> None:
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert parse_retry_after("soon") is None


def test_settings_refuse_nonsense() -> None:
    with pytest.raises(ValueError, match="max_bytes"):
        FetchSettings(max_bytes=0)
    with pytest.raises(ValueError, match="timeout"):
        FetchSettings(timeout=0)


def test_urls_are_interleaved_across_hosts_keeping_each_hosts_order() -> None:
    from newsdesk.fetch.client import interleave_hosts

    urls = ["http://a.test/1", "http://a.test/2", "http://a.test/3", "http://b.test/1", "http://c.test/1"]
    assert interleave_hosts(urls) == [
        "http://a.test/1", "http://b.test/1", "http://c.test/1", "http://a.test/2", "http://a.test/3"]
