"""Requests for followed sources and for feeds -> the /sources page, /api/sources, and Atom /
JSON Feed documents of the latest stories and of each story (stable permalink ids)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from newsdesk.fetch.harvest import Source
from newsdesk.report.feeds import FeedStory, atom_feed, json_feed
from newsdesk.web.library import Filters, Library, StoryEntry
from newsdesk.web.params import StoryId, find_story, library
from newsdesk.web.render import render

router = APIRouter(include_in_schema=False)  # feeds and pages
api = APIRouter(tags=["api"])  # /api/sources, in the OpenAPI schema
LATEST = 50  # stories in the latest-stories feeds
ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"


def followed(lib: Library) -> list[Source]:
    """The library's followed sources (a library that follows nothing, such as a digest, has none)."""
    store = getattr(lib, "store", None)
    if store is None:
        return []
    from newsdesk.fetch.follow import SourceBook

    return SourceBook(store.conn).sources()


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request) -> str:
    return render("sources.html", sources=followed(library(request)))


@api.get("/api/sources", summary="Followed sources and their health")
def sources_api(request: Request) -> list[dict[str, object]]:
    return [asdict(s) for s in followed(library(request))]


def _stamp(value: str | None) -> str:
    """An ISO date or date-time -> an RFC 3339 time stamp (UTC when no zone is given)."""
    if not value:
        return "1970-01-01T00:00:00Z"
    if len(value) == 10:
        return f"{value}T00:00:00Z"
    return value if value.endswith("Z") or "+" in value[10:] else f"{value}Z"


def _items(request: Request, entries: list[StoryEntry]) -> list[FeedStory]:
    lib = library(request)
    base = str(request.base_url).rstrip("/")
    out = []
    for entry in entries:
        story = lib.story(entry.id)
        if story is not None:
            out.append(FeedStory(story, f"{base}/stories/{entry.id}", _stamp(entry.latest), tuple(entry.outlets)))
    return out


FORMATS = {"atom": (atom_feed, ATOM_TYPE), "json": (json_feed, JSON_FEED_TYPE)}
Kind = Annotated[str, Path(pattern=r"^(atom|json)$", description="atom or json")]


def _latest(request: Request) -> list[FeedStory]:
    page = library(request).stories(Filters(), 0, LATEST)
    return _items(request, list(page.items))  # type: ignore[arg-type]


@router.get("/feeds/latest.{kind}", summary="Latest stories as an Atom feed or a JSON Feed")
def latest_feed(request: Request, kind: Kind) -> Response:
    write, media = FORMATS[kind]
    base = str(request.base_url).rstrip("/")
    body = write("newsdesk: latest stories", f"{base}/feeds/latest.{kind}", f"{base}/", _latest(request))
    return Response(body, media_type=media)


@router.get("/stories/{story_id}/feed.{kind}", summary="One story as an Atom feed or a JSON Feed")
def story_feed(request: Request, story_id: StoryId, kind: Kind) -> Response:
    found = find_story(request, story_id, "/stories")
    if isinstance(found, Response):  # a merged story: its feed lives at the survivor's address
        survivor = found.headers["location"].rsplit("/", 1)[1]
        return Response(status_code=301, headers={"Location": f"/stories/{survivor}/feed.{kind}"})
    write, media = FORMATS[kind]
    base = str(request.base_url).rstrip("/")
    link = f"{base}/stories/{found.id}"
    items = [FeedStory(found, link, _stamp(library(request).changes(found.id).when))]
    return Response(write(found.title, f"{link}/feed.{kind}", link, items), media_type=media)
