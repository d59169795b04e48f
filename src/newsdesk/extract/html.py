"""HTML page (str or bytes) -> ``Article``: two extractors, a repair pass, and page metadata."""

from __future__ import annotations

import codecs
import re
from copy import deepcopy
from dataclasses import dataclass

import lxml.html
from lxml import etree

from newsdesk.errors import BinaryInput, NewsdeskError, NoArticleFound
from newsdesk.extract.html_blocks import Block, html_blocks, xml_blocks
from newsdesk.extract.html_meta import PageMeta, page_meta
from newsdesk.extract.html_repair import Repair, repair
from newsdesk.models import Article, RemovedLine, content_id

MAX_CHARS = 3_000_000  # markup kept after stripping scripts/styles; beyond it the page is cut
MAX_DEPTH = 200  # deeper nesting is flattened before extraction (libxml2 and recursion limits)
MIN_TEXT = 25  # an extraction shorter than this (characters) is no article
_STRIP = re.compile(
    r"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->|<svg\b[^>]*>.*?</svg\s*>",
    re.I | re.S,
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_NEST_OPEN = re.compile(r"((?:<(?:div|span|section|b|i|font|td|tr|table|ul|li)\b[^>]{0,200}>\s*))(?:<[a-z]+\b[^>]{0,200}>\s*){40,}", re.I)
_NEST_CLOSE = re.compile(r"(</[a-z]+\s*>)(?:\s*</[a-z]+\s*>){40,}", re.I)
_PARSER = lxml.html.HTMLParser(huge_tree=True, remove_comments=False)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Extraction:
    """Body blocks (paragraphs and headings, in page order) with the page metadata."""

    blocks: list[Block]
    meta: PageMeta
    removed: list[tuple[str, str]]
    source: str


def decode_html(data: bytes, *, path: str | None = None) -> str:
    """Bytes of a page -> text: BOM, then ``<meta charset>``, then charset-normalizer, then UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if data[:4096].count(b"\x00") > 16:
        raise BinaryInput("binary data, not an HTML page", path=path)
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="strict")
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return data.decode(best.encoding if best else "utf-8", errors="replace")


def _trim(html: str) -> str:
    """Drop scripts, styles and comments of big pages, collapse nesting bombs, cut what is still too long."""
    if len(html) > MAX_CHARS // 3:
        html = _STRIP.sub(" ", html)
    html = _NEST_OPEN.sub(r"\1", _NEST_CLOSE.sub(r"\1", html))  # libxml2 drops text nested too deep
    return html[:MAX_CHARS]


def _flatten_deep(root: etree._Element) -> None:
    """Lift the children of elements nested deeper than MAX_DEPTH, keeping their text."""
    stack = [(root, 0)]
    while stack:
        el, depth = stack.pop()
        if depth >= MAX_DEPTH:
            for sub in list(el.iterdescendants()):
                if isinstance(sub.tag, str) and len(sub):
                    sub.drop_tag()
            continue
        stack.extend((child, depth + 1) for child in el if isinstance(child.tag, str))


def parse_html(html: str, *, path: str | None = None) -> lxml.html.HtmlElement:
    """Text of a page -> lxml tree, bounded in size and depth; raises for non-HTML input."""
    if _CONTROL.sub("", html[:2048]).count("\ufffd") > 64 or html[:4096].count("\x00") > 16:
        raise BinaryInput("binary data, not an HTML page", path=path)
    html = _trim(_CONTROL.sub(" ", html))
    if not html.strip():
        raise NoArticleFound("the page is empty", path=path)
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        raise NoArticleFound(f"the page could not be parsed as HTML ({err})", path=path) from err
    _flatten_deep(root)
    return root


def _trafilatura(root: lxml.html.HtmlElement) -> list[Block]:
    import trafilatura

    doc = trafilatura.bare_extraction(
        root, favor_recall=True, fast=True, include_comments=False, with_metadata=False
    )
    return xml_blocks(doc.body if doc is not None else None)


def _readability(root: lxml.html.HtmlElement) -> list[Block]:
    from newsdesk.extract.html_readability import readability_tree

    return html_blocks(readability_tree(root))


def _safe(extractor, root: lxml.html.HtmlElement) -> list[Block]:  # type: ignore[no-untyped-def]
    """Run one extractor; a crash of the library (deep or broken markup) counts as no text."""
    try:
        return extractor(root)
    except Exception:  # noqa: BLE001 - the seam to third-party extractors: any crash is "found nothing"
        return []


def extract_blocks(html: str, *, path: str | None = None, url: str | None = None) -> Extraction:
    """Page -> body blocks in page order, page metadata and what was dropped."""
    root = parse_html(html, path=path)
    meta = page_meta(root, url=url)
    alternative = _safe(_readability, deepcopy(root))
    primary = _safe(_trafilatura, root)
    fixed: Repair = repair(primary, alternative, meta.title)
    if sum(len(b.text) for b in fixed.blocks if b.kind != "head") < MIN_TEXT:
        raise NoArticleFound("no article text found on the page", path=path)
    return Extraction(fixed.blocks, meta, fixed.removed, fixed.source)


def _common():  # type: ignore[no-untyped-def]
    try:
        from newsdesk.extract import common
    except ImportError:  # the shared helpers are written in parallel; metadata still works without
        return None
    return common


def _article(ex: Extraction, path: str | None, url: str | None) -> Article:
    paragraphs = [b.text for b in ex.blocks if b.kind != "head"]
    text = "\n\n".join(paragraphs)
    meta, common = ex.meta, _common()
    dateline = wire = None
    language = meta.language
    if common is not None:
        dateline = common.find_dateline(paragraphs)
        wire = common.find_wire(paragraphs + [t for t, k in ex.removed if k == "wire"])
        language = language or common.detect_language(text)
    return Article(
        id=content_id(text),
        text=text,
        title=meta.title,
        path=path,
        url=meta.url or url,
        outlet=meta.site_name,
        published=meta.published,
        published_precision=meta.precision,
        authors=tuple(meta.authors),
        dateline=dateline,
        wire=wire,
        language=language,
        headings=tuple(b.text for b in ex.blocks if b.kind == "head"),
        removed=tuple(RemovedLine(t, k) for t, k in ex.removed),
        source_format="html",
    )


def extract_html(html: str, *, path: str | None = None, url: str | None = None) -> Article:
    """Clean one HTML page into an ``Article``; raises ``NoArticleFound`` or ``BinaryInput``."""
    if isinstance(html, bytes):
        html = decode_html(html, path=path)
    try:
        return _article(extract_blocks(html, path=path, url=url), path, url)
    except NewsdeskError:
        raise
    except (RecursionError, MemoryError, ValueError, etree.LxmlError) as err:
        raise NoArticleFound(f"the page could not be processed ({type(err).__name__})", path=path) from err
