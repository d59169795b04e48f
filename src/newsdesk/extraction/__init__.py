"""Extract stage: raw page or text dump -> cleaned ``Article`` with metadata."""

from __future__ import annotations

import re

from newsdesk.extraction.textdump import DumpContext, extract_text
from newsdesk.limits import clean_text, wrap_long_lines
from newsdesk.models import Article
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.reading import ExtractTuning

_HTML_SNIFF = re.compile(r"<\s*(!doctype\s+html|html|head|body|article|div|p)\b", re.I)


def looks_like_html(content: str) -> bool:
    return bool(_HTML_SNIFF.search(content[:4096]))


def extract(
    content: str | bytes,
    url: str | None = None,
    *,
    path: str | None = None,
    context: DumpContext | None = None,
    tuning: ExtractTuning = DEFAULT_TUNING.extract,
) -> Article:
    """Clean one page or text dump into an ``Article`` (HTML is detected by its markup).

    ``content`` may be bytes (a file's raw content): they are decoded as the
    ingest stage does (BOM, UTF-8, declared charset, detection).
    ``context`` carries what the other files of the batch say (lines repeated
    across a site are chrome) and the text dump's tuned values (``tuning.dump``;
    ``DumpContext(tuning=...)`` for a file alone); ``tuning`` the HTML page
    extraction's tuned values.  Raises an ``InputError`` for bytes that are no
    text (``BinaryInput``, ``EmptyInput``, ``DecodeError``) and ``NoArticleFound``
    when nothing is left.
    """
    if isinstance(content, bytes):
        from newsdesk.ingest import decode_bytes

        content = decode_bytes(content, path=path)[0]
    content = clean_text(content)
    if looks_like_html(content):
        from newsdesk.extraction.html import extract_html

        return extract_html(content, path=path, url=url, tuning=tuning)
    return extract_text(wrap_long_lines(content, path=path), path=path, context=context)


__all__ = ["DumpContext", "extract", "extract_text", "looks_like_html"]
