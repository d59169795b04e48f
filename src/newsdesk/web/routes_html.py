"""Requests for pages -> HTML: the story list, a story, an article, an outlet, search results."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from newsdesk.web.pages import Links, article_page, coverage_groups, outlet_page, story_page
from newsdesk.web.params import (
    ArticleId, GroupBy, Item, Limit, Marked, Offset, Outlet, OutletName, SearchQuery, Since, StoryId, Until,
    filters, find_story, library,
)
from newsdesk.web.render import render
from newsdesk.web.windows import StoryView

router = APIRouter(include_in_schema=False)


def _pager(request: Request) -> Callable[[int], str]:
    """The URL of the same page at another offset."""

    def to(offset: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "offset" and v}
        params["offset"] = str(max(0, offset))
        return f"{request.url.path}?{urlencode(params)}"

    return to


@router.get("/", response_class=HTMLResponse)
def index(request: Request, outlet: Outlet = None, since: Since = None, until: Until = None,
          offset: Offset = 0, limit: Limit = 20) -> str:
    lib = library(request)
    chosen = filters(outlet, since, until)
    return render("index.html", page=lib.stories(chosen, offset, limit), filters=chosen,
                  outlets=lib.outlets(), pager=_pager(request))


@router.get("/stories/{story_id}", response_class=HTMLResponse, response_model=None)
def story(request: Request, story_id: StoryId, group: GroupBy = None, sources: Offset = 0, claims: Offset = 0,
          quotes: Offset = 0, events: Offset = 0, grid: Offset = 0, changes: Offset = 0,
          item: Item = "") -> str | Response:
    """The story; each long section shows a slice, the query says which (links lead to the rest)."""
    lib = library(request)
    found = find_story(request, story_id, "/stories")
    if isinstance(found, Response):
        return found
    articles = lib.articles_of(found)
    at = {"sources": sources, "claims": claims, "quotes": quotes, "events": events, "grid": grid,
          "changes": changes}
    view = StoryView(request.url.path, {k: v for k, v in at.items() if v}, item)
    history = lib.changes(story_id)
    page = story_page(found, articles, Links(), view, history.lines)
    groups = coverage_groups(found, articles, group) if group else ()
    return render("story.html", page=page, changes=history, group=group, groups=groups)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: ArticleId, hl: Marked = "") -> str:
    lib = library(request)
    found = lib.article(article_id)
    if found is None:
        raise HTTPException(404, f"There is no article {article_id} in this library.")
    marked = [int(x) for x in hl.split(",") if x]
    return render("article.html", page=article_page(found, lib.citing(article_id), marked))


@router.get("/outlets/{name}", response_class=HTMLResponse)
def outlet(request: Request, name: OutletName) -> str:
    lib = library(request)
    if name not in lib.outlets():
        raise HTTPException(404, "This library has no article from that outlet.")
    return render("outlet.html", page=outlet_page(name, lib.outlet_stories(name)))


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: SearchQuery = "", offset: Offset = 0, limit: Limit = 20) -> str:
    page = library(request).search(q, offset, limit)
    return render("search.html", page=page, q=q, pager=_pager(request))
