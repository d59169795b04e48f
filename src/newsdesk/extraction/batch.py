"""Batch extraction: decoded documents -> one ``Article`` or ``FileError`` per document, in order, on N processes."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from newsdesk.errors import NewsdeskError
from newsdesk.extraction import DumpContext, extract, looks_like_html
from newsdesk.ingest import Document
from newsdesk.models import Article, FileError
from newsdesk.tuning import DEFAULT_TUNING, Tuning
from newsdesk.tuning.reading import ExtractTuning

log = logging.getLogger("newsdesk.extraction")


def extract_batch(
    docs: Sequence[Document],
    *,
    workers: int = 1,
    backend: str = "processes",
    tuning: Tuning = DEFAULT_TUNING,
) -> list[Article | FileError]:
    """Extract every document with the batch's cross-file context (lines repeated across dumps).

    The result has one item per document, in the order given, whatever ``workers`` is: the
    context is built once here, before the work is split, so each process sees the whole batch; it
    carries ``tuning.dump`` to the workers, and each document goes with ``tuning.extract``.
    A document that fails gives a ``FileError`` naming it; the others go on.
    """
    from newsdesk.parallel import pmap

    texts = (d.content for d in docs)  # one document's text at a time: the batch waits compressed
    context = DumpContext.from_texts((t for t in texts if not looks_like_html(t)), tuning.dump)
    items = [(d, context, tuning.extract) for d in docs]
    return pmap(extract_document, items, workers=workers, backend=backend)


def extract_document(item: tuple[Document, DumpContext, ExtractTuning]) -> Article | FileError:
    """One document -> its ``Article``, or a ``FileError`` with a one-line reason (never an exception)."""
    doc, context, tuning = item
    try:
        return extract(doc.content, path=doc.path, context=context, tuning=tuning)
    except NewsdeskError as exc:
        return FileError(doc.path or "<text>", exc.message)
    except (ValueError, RecursionError, MemoryError) as exc:  # a page that broke a parser
        log.info("%s: skipped, a parser failed on it", doc.path or "<text>", exc_info=True)  # the FileError says so
        return FileError(doc.path or "<text>", f"could not extract: {type(exc).__name__}: {exc}")
