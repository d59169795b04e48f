"""newsdesk: turn a pile of news articles from many outlets into sourced answers.

    >>> from newsdesk import digest
    >>> d = digest(["examples/"])
    >>> d.stories[0].brief[0].text, d.stories[0].brief[0].sources
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.errors import InputError, NewsdeskError, NoArticleFound, UsageError
from newsdesk.models import (
    Article,
    BriefSentence,
    Claim,
    Conflict,
    Digest,
    Entity,
    FileError,
    Quote,
    Story,
    StoryQuote,
    TimeExpression,
    TimelineEvent,
)

if TYPE_CHECKING:
    from newsdesk.extraction.textdump import DumpContext

__version__ = "0.1.0"

# the library logs under "newsdesk" (and "newsdesk.<module>"); it prints nothing unless the
# application configures logging (the CLI does with -v)
logging.getLogger("newsdesk").addHandler(logging.NullHandler())


def digest(inputs, words: int | None = None, **options) -> Digest:  # type: ignore[no-untyped-def]
    """Paths, folders or raw strings -> ``Digest`` of articles, stories and errors.

    Options: ``words``, ``workers``, ``backend``, or ``settings=Settings(...)`` with all of them
    (``newsdesk.settings``).  Raises ``TypeError`` when ``inputs`` is not a path, a text or a
    list of them, and ``ValueError`` (``SettingError``) for an option out of range (``words``
    under 20, ``workers`` under 1).
    """
    from newsdesk.pipeline import digest as _digest

    if inputs is None or not isinstance(inputs, (str, Path, list, tuple)):
        raise TypeError(f"digest() takes a path, a text or a list of them, not {type(inputs).__name__}")
    return _digest(inputs, words, **options)


def extract(
    content: str, url: str | None = None, *, path: str | None = None, context: DumpContext | None = None
) -> Article:
    """Raw HTML or a text dump -> cleaned ``Article`` with metadata."""
    from newsdesk.extraction import extract as _extract

    if not isinstance(content, (str, bytes)):
        raise TypeError(f"extract() takes the page as str or bytes, not {type(content).__name__}")
    return _extract(content, url, path=path, context=context)


def cluster(texts: Sequence[str]) -> list[int]:
    """Article texts -> one story label each (0, 1, ... in order of first appearance)."""
    from newsdesk.clustering import cluster as _cluster

    return _cluster(texts)


def find_quotes(text: str) -> list[Quote]:
    """Direct and reported quotes in ``text`` with their speakers; offsets into ``text``."""
    from newsdesk.nlp.quotes import find_quotes as _find_quotes

    _check_text(text, "find_quotes")
    return _find_quotes(text)


def find_times(text: str, reference: str | None = None) -> list[TimeExpression]:
    """Time expressions in ``text`` with TIMEX3 values resolved against ``reference`` (ISO date).

    Raises ``ValueError`` for a ``reference`` that is not a real ISO date ("2025-02-30").
    """
    from newsdesk.nlp.times import find_times as _find_times

    _check_text(text, "find_times")
    if reference is not None:
        if not isinstance(reference, str):
            raise TypeError(f"reference must be an ISO date string or None, not {type(reference).__name__}")
        try:
            date.fromisoformat(reference[:10])
        except ValueError:
            raise ValueError(f"reference must be a real ISO date like '2025-08-28', not {reference!r}") from None
        if len(reference) > 10 and not _iso_datetime(reference):
            raise ValueError(f"reference must be an ISO date or date-time, not {reference!r}")
    return _find_times(text, reference)


def _check_text(text: object, name: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{name}() takes the text as a str, not {type(text).__name__}")


def _iso_datetime(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


__all__ = [
    "Article",
    "BriefSentence",
    "Claim",
    "Conflict",
    "Digest",
    "Entity",
    "FileError",
    "InputError",
    "NewsdeskError",
    "NoArticleFound",
    "Quote",
    "Story",
    "StoryQuote",
    "TimeExpression",
    "TimelineEvent",
    "UsageError",
    "cluster",
    "digest",
    "extract",
    "find_quotes",
    "find_times",
]
