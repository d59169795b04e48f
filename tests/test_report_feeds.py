"""Atom and JSON Feed output: valid, stable ids, and hostile text stays text."""

from __future__ import annotations

import json

import feedparser

from newsdesk.models import BriefSentence, Story
from newsdesk.report.feeds import FeedStory, atom_feed, json_feed

HOSTILE = 'Harbour <script>alert("x")</script> & "quotes" ]]>'


def items() -> list[FeedStory]:
    story = Story(id="s7", title=HOSTILE, articles=("a", "b"),
                  brief=(BriefSentence(text="The ferry route stays shut until Friday.", sources=("a", "b")),))
    return [FeedStory(story, "http://127.0.0.1:8000/stories/s7", "2025-03-12T17:05:00Z", ("Northgate Daily",))]


def test_atom_feed_parses_back_with_its_stable_ids_and_escaped_text() -> None:
    data = atom_feed("Latest stories", "http://127.0.0.1:8000/feeds/latest.atom", "http://127.0.0.1:8000/", items())
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    [entry] = parsed.entries
    assert entry.id == entry.link == "http://127.0.0.1:8000/stories/s7"
    assert entry.title == HOSTILE
    assert "The ferry route stays shut until Friday. [2 sources]" in entry.summary
    assert b"<script>" not in data


def test_json_feed_is_json_feed_1_1() -> None:
    data = json.loads(json_feed("Latest", "http://h/feeds/latest.json", "http://h/", items()))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["items"][0]["id"] == "http://127.0.0.1:8000/stories/s7"
    assert data["items"][0]["title"] == HOSTILE and data["items"][0]["tags"] == ["Northgate Daily"]


def test_feeds_are_byte_identical_for_the_same_stories() -> None:
    args = ("Latest", "http://h/feeds/latest.atom", "http://h/", items())
    assert atom_feed(*args) == atom_feed(*args) and json_feed(*args) == json_feed(*args)
