"""A large story's page: every long section shows a bounded slice, and its links reach every item."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from newsdesk.models import Article, BriefSentence, Claim, Digest, Story, StoryQuote, TimelineEvent, content_id
from newsdesk.web.app import create_app
from newsdesk.web.library import DigestLibrary
from newsdesk.web.windows import Caps

CAPS = Caps()
ARTICLES, CLAIMS, QUOTES, EVENTS = 47, 29, 45, 61


def _big_digest() -> Digest:
    """One story of 47 articles (fictional text) with more claims, quotes and dated events than
    its page shows at once; the first brief sentence cites every article."""
    arts = tuple(
        Article(id=content_id(f"piece {n}"), text=f"The lock keeper of canal {n} counted barges.",
                outlet=f"Outlet {n:02d}")
        for n in range(ARTICLES)
    )
    ids = tuple(a.id for a in arts)
    claims = tuple(Claim(f"Claim number {n} about the canal locks.", ids[n : n + 3], 3) for n in range(CLAIMS))
    quotes = tuple(StoryQuote(f"Speaker {n % 4}", f"Quoted words number {n}.", (ids[n % ARTICLES],))
                   for n in range(QUOTES))
    events = tuple(TimelineEvent(f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}", "day", f"Event number {n}.",
                                 (ids[n % ARTICLES],)) for n in range(EVENTS))
    coverage = {a: [n for n, c in enumerate(claims) if a in c.sources] for a in ids}
    story = Story("s1", "Canal locks", ids, brief=(BriefSentence("Barges were counted.", ids),),
                  claims=claims, quotes=quotes, timeline=events, coverage=coverage)
    return Digest(arts, (story,))


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(DigestLibrary(_big_digest())))


def _walk(client: TestClient, pattern: str, section: str) -> tuple[list[str], int]:
    """Every match of ``pattern`` over the story page and the pages its ``section`` links lead
    to (following "Next"), and how many pages that took."""
    url, seen, pages = "/stories/s1", [], 0
    while url:
        html = client.get(url).text
        pages += 1
        seen += re.findall(pattern, html)
        nav = re.search(rf'<nav class="more" aria-label="More {section}">(.*?)</nav>', html)
        after = re.search(r'<a href="([^"]+)">Next', nav.group(1)) if nav else None
        url = unescape(after.group(1)).split("#")[0] if after else ""
    return seen, pages


def test_each_long_section_shows_a_slice_and_links_reach_every_item(client: TestClient) -> None:
    html = client.get("/stories/s1").text
    assert html.count('<details class="chip') == CAPS.chips + 3 * CAPS.claims  # the brief's, the claims'
    assert len(re.findall(r"Claim number \d+ about", html)) <= CAPS.claims + 14  # the list and the grid rows
    assert len(re.findall(r"“Quoted words number \d+\.”", html)) == CAPS.quotes
    claims, pages = _walk(client, r'<div class="claim" id="c(\d+)-s1"', "corroborated claims")
    assert sorted(map(int, claims)) == list(range(CLAIMS)) and pages == -(-CLAIMS // CAPS.claims)
    quotes, _ = _walk(client, r"“Quoted words number (\d+)\.”", "quotes")
    assert sorted(map(int, quotes)) == list(range(QUOTES))
    events, _ = _walk(client, r"</span> Event number (\d+)\. <span", "dated events")
    assert sorted(map(int, events)) == list(range(EVENTS))
    listed, _ = _walk(client, r'<li><span class="n">(\d+)</span> <a href="/articles/', "articles")
    assert sorted(map(int, listed)) == list(range(1, ARTICLES + 1))
    columns, _ = _walk(client, r'<th scope="col" class="outlet"><a href="[^"]+" title="[^"]+">(\d+)</a>',
                       "articles of the grid")
    assert sorted(map(int, columns)) == list(range(1, ARTICLES + 1))


def test_every_source_of_a_sentence_is_one_link_away(client: TestClient) -> None:
    html = client.get("/stories/s1").text
    more = re.search(r'<a class="more" href="([^"]+)">\+(\d+) more sources</a>', html)
    assert more and int(more.group(2)) == ARTICLES - CAPS.chips
    full = client.get(unescape(more.group(1))).text
    assert full.count('<details class="chip') == ARTICLES + 3 * CAPS.claims
    assert client.get("/stories/s1", params={"item": "x1"}).status_code == 400
    assert client.get("/stories/s1", params={"claims": 10_000}).status_code == 200  # past the end: the last slice
