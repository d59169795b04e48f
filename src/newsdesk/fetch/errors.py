"""The fetch errors: one per URL or source, each a one-line message naming what failed."""

from __future__ import annotations

from newsdesk.errors import InputError


class FetchError(InputError):
    """A URL, feed, sitemap or archive could not be fetched or read; names the URL."""

    hint = "the source is skipped this time; the rest of the run goes on"

    def __init__(self, message: str, *, url: str | None = None, status: int | None = None) -> None:
        super().__init__(message, path=url)
        self.url = url
        self.status = status
