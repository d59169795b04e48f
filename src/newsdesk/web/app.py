"""A ``Library`` -> the reading room's ASGI app: HTML pages, the JSON API under /api, static files.

Safe by default: every response carries a Content-Security-Policy that allows scripts, styles
and images from the app itself only (no inline script, nothing from elsewhere); only GET and
HEAD are answered unless the app is made with ``allow_writes`` (HEAD as the GET of the same URL,
without its body, for every route at one seam: ``HeadAsGet``); ids in paths must look like ids,
and static files come from the package's own folder.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from importlib.resources import files

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdesk.web.library import Library

log = logging.getLogger("newsdesk.web")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
READ_METHODS = frozenset({"GET", "HEAD"})
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Resource-Policy": "same-origin",
}


def create_app(library: Library, *, allow_writes: bool = False) -> FastAPI:
    """The app reading ``library``; ``allow_writes`` lets methods other than GET/HEAD through
    (no route of this app writes yet: the flag is the one door for those that will)."""
    from newsdesk.web import routes_api, routes_feeds, routes_html

    app = FastAPI(
        title="newsdesk reading room",
        version="2",
        summary="Stories, articles, outlets and search of a newsdesk library (schema newsdesk/2).",
        docs_url=None,
        redoc_url=None,
    )
    app.state.library = library
    app.state.allow_writes = allow_writes
    static = files("newsdesk.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(routes_api.router)
    app.include_router(routes_html.router)
    app.include_router(routes_feeds.router)
    app.include_router(routes_feeds.api)

    @app.middleware("http")
    async def guard(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        if request.method not in READ_METHODS and not request.app.state.allow_writes:
            response: Response = _error(request, 405, "this reading room only reads (start it with --allow-writes to change that)")
            response.headers["Allow"] = "GET, HEAD"
        else:
            response = await call_next(request)
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response

    app.add_middleware(HeadAsGet)  # added last: outermost, so every route and the guard see a GET

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if any(e.get("loc", ("",))[0] == "path" for e in errors):
            return _error(request, 404, "not found")  # not an id: nothing could be there
        where = ", ".join(str(e.get("loc", ("?",))[-1]) for e in errors)
        return _error(request, 400, f"bad request: check {where}")

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path)
        return _error(request, 500, "something went wrong on the server; see its log")

    return app


class HeadAsGet:
    """ASGI middleware: a HEAD request is served as the GET of the same URL, and only its status and
    headers (Content-Length included) go out.  FastAPI's routes declared with ``get`` answer GET
    only; this answers HEAD for all of them, present and future, in one place."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return  # a chunk of a streamed body: dropped, the last message ends the reply
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)


def _error(request: Request, status: int, message: str) -> Response:
    """One error shape: JSON {"error": {"status", "message"}} under /api, a page elsewhere."""
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    from newsdesk.web.render import render

    html = render("error.html", status=status, message=message)
    return HTMLResponse(html, status_code=status)
