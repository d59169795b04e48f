"""The reading room publishes stories as feeds and shows the followed sources' health."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from newsdesk.fetch.follow import SourceBook
from newsdesk.fetch.harvest import Source
from newsdesk.models import Digest
from newsdesk.web.app import create_app
from newsdesk.web.library import DigestLibrary


@pytest.fixture(scope="module")
def client(examples_digest: Digest) -> TestClient:
    return TestClient(create_app(DigestLibrary(examples_digest)))


def test_latest_stories_atom_feed_lists_every_story_with_its_permalink(client: TestClient, examples_digest: Digest) -> None:
    response = client.get("/feeds/latest.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    links = {e.link for e in parsed.entries}
    assert links == {f"http://testserver/stories/{s.id}" for s in examples_digest.stories}
    assert all(e.id == e.link for e in parsed.entries)
    again = client.get("/feeds/latest.atom").content
    assert again == response.content  # the same library gives the same feed


def test_latest_stories_json_feed_and_one_story_feeds(client: TestClient, examples_digest: Digest) -> None:
    data = client.get("/feeds/latest.json").json()
    assert data["version"] == "https://jsonfeed.org/version/1.1" and len(data["items"]) == len(examples_digest.stories)
    story = examples_digest.stories[0]
    one = client.get(f"/stories/{story.id}/feed.json").json()
    assert [i["id"] for i in one["items"]] == [f"http://testserver/stories/{story.id}"]
    assert one["items"][0]["content_text"].startswith(story.brief[0].text)
    atom = feedparser.parse(client.get(f"/stories/{story.id}/feed.atom").content)
    assert atom.feed.title == story.title and len(atom.entries) == 1
    assert client.get("/stories/nope/feed.atom").status_code == 404
    assert client.get("/stories/..%2F..%2Fetc/feed.atom").status_code == 404


def test_sources_page_without_followed_sources_says_how_to_follow(client: TestClient) -> None:
    html = client.get("/sources").text
    assert "follows no source yet" in html and client.get("/api/sources").json() == []


def test_sources_page_shows_health_escaped(tmp_path: Path) -> None:
    from newsdesk.store import open_library
    from newsdesk.web.store_library import StoreLibrary

    store = open_library(tmp_path / "lib.db")
    book = SourceBook(store.conn)
    book.add([Source("http://a.example/feed"), Source("http://b.example/rss")])
    book.save([Source("http://a.example/feed", title="A <b>bold</b> feed", last_success="2025-03-12T10:00:00+00:00", items_seen=12),
               Source("http://b.example/rss", last_error="HTTP 404", last_error_at="2025-03-12T10:05:00+00:00")])
    app = TestClient(create_app(StoreLibrary(store)))
    html = app.get("/sources").text
    assert "A &lt;b&gt;bold&lt;/b&gt; feed" in html and "HTTP 404" in html and ">12<" in html
    data = app.get("/api/sources").json()
    assert [(s["url"], s["items_seen"], s["last_error"]) for s in data] == [
        ("http://a.example/feed", 12, None), ("http://b.example/rss", 0, "HTTP 404")]
    assert "/api/sources" in json.dumps(app.get("/openapi.json").json()["paths"])


def test_story_coverage_groups_by_the_users_outlet_labels(tmp_path: Path, monkeypatch, examples_digest: Digest) -> None:  # type: ignore[no-untyped-def]
    import newsdesk.outlets as outlets_module

    user = tmp_path / "outlets.toml"
    user.write_text('[[outlet]]\nname = "Northgate Daily"\ncountry = "GB"\nowner = "North <Group>"\n'
                    '[[outlet]]\nname = "Pinecrest"\ndomains = ["pinecresttimes.example"]\ncountry = "US"\n', encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_OUTLETS", str(user))
    monkeypatch.setattr(outlets_module, "_LOADED", [])
    story = max(examples_digest.stories, key=lambda s: len(s.articles))
    app = TestClient(create_app(DigestLibrary(examples_digest)))
    html = app.get(f"/stories/{story.id}", params={"group": "country"}).text
    assert ">GB</th>" in html and ">US</th>" in html and "not described" in html
    assert "North &lt;Group&gt;" in app.get(f"/stories/{story.id}", params={"group": "owner"}).text
    assert app.get(f"/stories/{story.id}", params={"group": "../x"}).status_code == 400
