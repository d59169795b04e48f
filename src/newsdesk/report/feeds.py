"""Stories -> Atom 1.0 and JSON Feed 1.1 documents, so a feed reader can follow newsdesk itself.

Ids are stable: a story's entry id is its permalink, which never changes while the story grows
(merged stories redirect).  All text is escaped by the XML and JSON writers, never by hand.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from newsdesk import __version__
from newsdesk.models import Story

ATOM = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedStory:
    """A story as a feed entry: its permalink, when it last changed, and who it cites."""

    story: Story
    link: str
    updated: str
    outlets: tuple[str, ...] = ()


def _summary(item: FeedStory) -> str:
    """The brief as plain text, each sentence followed by how many sources state it."""
    lines = [f"{b.text} [{len(b.sources)} source{'s' if len(b.sources) != 1 else ''}]" for b in item.story.brief]
    if item.outlets:
        lines.append("Outlets: " + ", ".join(item.outlets))
    return "\n".join(lines) or item.story.title


def atom_feed(title: str, self_link: str, home_link: str, items: Sequence[FeedStory]) -> bytes:
    """An Atom 1.0 feed of ``items`` (newest first as given)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_link
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = max((i.updated for i in items), default="1970-01-01T00:00:00Z")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=self_link, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=home_link, type="text/html")
    ET.SubElement(feed, f"{{{ATOM}}}generator", version=__version__).text = "newsdesk"
    for item in items:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = item.link
        ET.SubElement(entry, f"{{{ATOM}}}title").text = item.story.title
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = item.updated
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.link, type="text/html")
        ET.SubElement(entry, f"{{{ATOM}}}author").append(_named("newsdesk"))
        ET.SubElement(entry, f"{{{ATOM}}}summary", type="text").text = _summary(item)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _named(name: str) -> ET.Element:
    node = ET.Element(f"{{{ATOM}}}name")
    node.text = name
    return node


def json_feed(title: str, self_link: str, home_link: str, items: Sequence[FeedStory]) -> bytes:
    """A JSON Feed 1.1 of ``items``."""
    data = {
        "version": JSON_FEED_VERSION,
        "title": title,
        "home_page_url": home_link,
        "feed_url": self_link,
        "items": [
            {
                "id": item.link,
                "url": item.link,
                "title": item.story.title,
                "content_text": _summary(item),
                "date_modified": item.updated,
                "tags": list(item.outlets),
            }
            for item in items
        ],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
