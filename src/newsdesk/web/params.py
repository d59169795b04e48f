"""Query and path parameters shared by the pages and the API, each validated once."""

from __future__ import annotations

from typing import Annotated

from fastapi import HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse

from newsdesk.models import Story

from newsdesk.web.library import Filters, Library

ID = r"^[A-Za-z0-9_-]{1,64}$"  # no dot, no slash: an id never names a file
DATE = r"^(\d{4}-\d{2}-\d{2})?$"
MAX_LIMIT = 100

StoryId = Annotated[str, Path(pattern=ID, description="Story id (a merged story's id redirects)")]
ArticleId = Annotated[str, Path(pattern=ID, description="Article id (content hash)")]
OutletName = Annotated[str, Path(min_length=1, max_length=200, description="Outlet name")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page")]
Outlet = Annotated[str | None, Query(max_length=200, description="Only stories this outlet covered")]
Since = Annotated[str | None, Query(pattern=DATE, description="Latest activity on or after (YYYY-MM-DD)")]
Until = Annotated[str | None, Query(pattern=DATE, description="Latest activity on or before (YYYY-MM-DD)")]
Marked = Annotated[str, Query(pattern=r"^(\d{1,9}(,\d{1,9}){0,7})?$", description="Sentence starts to mark")]
GroupBy = Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$",
                                       description="Group coverage by this outlets-file field: country, owner or a label")]
Item = Annotated[str, Query(pattern=r"^([bc]\d{1,6})?$",
                            description="Show every source of this brief sentence (b3) or claim (c12)")]
SearchQuery = Annotated[str, Query(max_length=200, description="Words to find")]


def library(request: Request) -> Library:
    return request.app.state.library  # type: ignore[no-any-return]


def find_story(request: Request, story_id: str, route: str) -> Story | RedirectResponse:
    """The story, a permanent redirect to ``route``/survivor for a merged one, else 404."""
    lib = library(request)
    found = lib.story(story_id)
    if found is not None:
        return found
    survivor = lib.survivor(story_id)
    if survivor:
        return RedirectResponse(f"{route}/{survivor}", status_code=301)
    raise HTTPException(404, f"There is no story {story_id} in this library.")


def filters(outlet: str | None, since: str | None, until: str | None) -> Filters:
    """Empty form fields mean no filter."""
    return Filters(outlet or None, since or None, until or None)
