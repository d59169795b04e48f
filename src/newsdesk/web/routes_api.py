"""Requests under /api -> JSON: the same story and article objects as the JSON report, paginated lists."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from newsdesk.models import SCHEMA
from newsdesk.web.library import Page
from newsdesk.web.pages import outlet_page
from newsdesk.web.params import (
    ArticleId, Limit, Offset, Outlet, OutletName, SearchQuery, Since, StoryId, Until,
    filters, find_story, library,
)

router = APIRouter(prefix="/api", tags=["api"])


def _page(page: Page, items: list[dict[str, Any]]) -> dict[str, Any]:
    following = page.offset + page.limit
    return {"schema": SCHEMA, "items": items, "total": page.total, "offset": page.offset,
            "limit": page.limit, "next_offset": following if following < page.total else None}


@router.get("/stories", summary="Stories, newest activity first")
def stories(request: Request, outlet: Outlet = None, since: Since = None, until: Until = None,
            offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    page = library(request).stories(filters(outlet, since, until), offset, limit)
    return _page(page, [asdict(e) for e in page.items])  # type: ignore[call-overload]


@router.get("/stories/{story_id}", summary="One story: the story object of the JSON report",
            response_model=None)
def story(request: Request, story_id: StoryId) -> Response:
    lib = library(request)
    text = lib.story_json(story_id)  # the stored object's text as is: not parsed, not re-encoded
    if text is None:
        found = find_story(request, story_id, "/api/stories")  # a redirect, else 404
        if isinstance(found, Response):
            return found
        text = json.dumps(found.to_dict(), ensure_ascii=False, separators=(",", ":"))
    head = json.dumps({"schema": SCHEMA})[:-1]
    tail = json.dumps({"changes": asdict(lib.changes(story_id))})[1:]
    return Response(f"{head},{text[1:-1]},{tail}" if text != "{}" else f"{head},{tail}",
                    media_type="application/json")


@router.get("/articles/{article_id}", summary="One article: the article object of the JSON report")
def article(request: Request, article_id: ArticleId) -> dict[str, Any]:
    lib = library(request)
    found = lib.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id}")
    return {"schema": SCHEMA, **found.to_dict(), "stories": lib.stories_of(article_id)}


@router.get("/outlets/{name}", summary="What an outlet covered, corroborated and left out")
def outlet(request: Request, name: OutletName) -> dict[str, Any]:
    lib = library(request)
    if name not in lib.outlets():
        raise HTTPException(404, f"no outlet {name!r}")
    p = outlet_page(name, lib.outlet_stories(name))
    return {
        "schema": SCHEMA, "name": name, "claims": p.claims, "corroborated": p.corroborated,
        "corroborated_share": p.rate,
        "stories": [{"id": o.story.id, "title": o.story.title, "articles": [a.id for a in o.articles],
                     "claims": o.claims, "corroborated": o.corroborated,
                     "left_out": [c.text for c in o.left_out]} for o in p.stories],
    }


@router.get("/search", summary="Articles, claims and quotes containing every word of q")
def search(request: Request, q: SearchQuery = "", offset: Offset = 0, limit: Limit = 20) -> dict[str, Any]:
    page = library(request).search(q, offset, limit)
    return _page(page, [asdict(h) for h in page.items])  # type: ignore[call-overload]
