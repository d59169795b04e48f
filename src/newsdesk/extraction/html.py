"""HTML page (str or bytes) -> ``Article``: two extractors, a repair pass, and page metadata."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache

import lxml.html
from lxml import etree

from newsdesk.errors import BinaryInput, NewsdeskError, NoArticleFound
from newsdesk.extraction.html_blocks import Block, html_blocks, xml_blocks
from newsdesk.extraction.html_bounds import bound_markup, cap_nesting
from newsdesk.extraction.html_meta import PageMeta, page_meta
from newsdesk.extraction.html_repair import Repair, repair
from newsdesk.extraction.html_rules import HEAD_TAGS
from newsdesk.extraction.language import detect_language
from newsdesk.limits import check_nodes
from newsdesk.models import Article, RemovedLine, content_id
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.reading import ExtractTuning

log = logging.getLogger("newsdesk.extraction.html")

MAX_DEPTH = 200  # deeper nesting is flattened before extraction (libxml2 and recursion limits)
_PARSER = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True, collect_ids=False)
# lxml.html's own lookup calls back into Python for every element proxy (a large share of all
# extraction time); a C-level default lookup gives the same HtmlElement API without the callback
_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CHUNK = 1 << 20
_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
# what neither body extractor reads, removed once after the metadata is read; JSON-LD stays
# (trafilatura looks there for forum pages)
_CODE = etree.XPath("//script[not(@type='application/ld+json')]|//style|/html/head/*[not(self::script)]|//svg")
# elements at depth MAX_DEPTH below the root, found in C (a Python walk costs more than the parse)
_TOO_DEEP = etree.XPath("self::*" + "/*" * MAX_DEPTH)
PARSER_DEPTH = 2000  # libxml2 (huge_tree) stops parsing at 2,048 levels
_AT_PARSER_LIMIT = etree.XPath("self::*" + "/*" * PARSER_DEPTH)


@dataclass
class Extraction:
    """Body blocks (paragraphs and headings, in page order) with the page metadata."""

    blocks: list[Block]
    meta: PageMeta
    removed: list[tuple[str, str]]
    source: str


def decode_html(data: bytes, *, path: str | None = None) -> str:
    """Bytes of a page -> text, by the one decoder of the ingest stage (``newsdesk.ingest.decode_bytes``)."""
    from newsdesk.ingest import decode_bytes

    return decode_bytes(data, path=path)[0]


def _flatten_deep(root: etree._Element) -> None:
    """Flatten the subtree of every element nested MAX_DEPTH deep into its leaves, keeping all text."""
    for el in _TOO_DEEP(root):
        _flatten(el)


def _flatten(el: etree._Element) -> None:
    """``el``'s descendants -> its direct children: the leaf elements, and every text in page order.

    One walk and one rebuild (lifting one wrapper at a time moved the same children once per
    level: quadratic on a chain of thousands of unclosed ``<div>``s).
    """
    pieces: list[str | etree._Element] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if node is el:
            continue
        if event == "start":
            if not isinstance(node.tag, str) or len(node) == 0:
                pieces.append(node)  # a leaf: it keeps its own text
            elif node.text:
                pieces.append(node.text)
        elif node.tail:
            pieces.append(node.tail)
    for child in list(el):
        el.remove(child)
    last: etree._Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                el.text = (el.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
        else:
            piece.tail = None
            el.append(piece)
            last = piece


def _drop_code(root: lxml.html.HtmlElement) -> None:
    """Remove scripts, styles, SVG and the <head> (bar JSON-LD) once: both extractors ignore them
    but would copy and search them (comments are already left out by the parser)."""
    for el in _CODE(root):
        if el.getparent() is not None:
            el.drop_tree()


def _has_control(html: str) -> bool:
    """Whether ``_CONTROL`` would find anything: a byte-level test, several times faster than the regex."""
    for start in range(0, len(html), _CHUNK):  # in slices: a big page is not copied whole
        data = html[start : start + _CHUNK].encode("utf-8", "surrogatepass")  # control chars are single bytes
        if len(data.translate(None, _CONTROL_BYTES)) != len(data):
            return True
    return False


def parse_html(html: str, *, path: str | None = None) -> lxml.html.HtmlElement:
    """Text of a page -> lxml tree, bounded in size and depth; raises for non-HTML input."""
    if _CONTROL.sub("", html[:2048]).count("\ufffd") > 64 or html[:4096].count("\x00") > 16:
        raise BinaryInput("binary data, not an HTML page", path=path)
    if _has_control(html):
        html = _CONTROL.sub(" ", html)
    html = bound_markup(html)
    if not html.strip():
        raise NoArticleFound("the page is empty", path=path)
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
        if _AT_PARSER_LIMIT(root):  # libxml2 stopped at its depth limit and dropped the rest
            root = lxml.html.document_fromstring(cap_nesting(html), parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        raise NoArticleFound(f"the page could not be parsed as HTML ({err})", path=path) from err
    check_nodes(root, path=path)
    _flatten_deep(root)
    _body_out_of_head(root)
    return root


def _body_out_of_head(root: lxml.html.HtmlElement) -> None:
    """Move content the parser left in ``<head>`` to the start of ``<body>``.

    libxml2 predates HTML5: an ``<article>``, ``<main>`` or ``<header>`` met before any
    tag that opens the body (a page without ``<body>``, a fragment after ``<meta charset>``)
    stays in ``<head>``, where both extractors ignore it and ``_drop_code`` removes it.
    """
    head = root.find("head")
    if head is None:
        return
    stray = [el for el in head if isinstance(el.tag, str) and el.tag not in HEAD_TAGS]
    if not stray:
        return
    body = root.find("body")
    if body is None:
        body = etree.SubElement(root, "body")
    if body.text:  # text that opened the body came after the stray elements
        stray[-1].tail, body.text = (stray[-1].tail or "") + body.text, None
    for i, el in enumerate(stray):
        body.insert(i, el)


@cache
def _trafilatura_options():  # type: ignore[no-untyped-def]
    """Built once (construction reads trafilatura's config). A text format, not "python": then
    ``bare_extraction`` does not also render the body as text, and only the body tree is read."""
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", fast=True, recall=True, comments=False, with_metadata=False)


def _trafilatura(root: lxml.html.HtmlElement) -> list[Block]:
    """trafilatura's body (it copies the tree it is given: ``root`` stays intact)."""
    import trafilatura

    doc = trafilatura.bare_extraction(root, options=_trafilatura_options())
    return xml_blocks(getattr(doc, "body", None))  # a Document, or None when it found nothing


def _readability(root: lxml.html.HtmlElement) -> list[Block]:
    from newsdesk.extraction.html_readability import readability_tree

    return html_blocks(readability_tree(root))


def _safe(extractor, root: lxml.html.HtmlElement) -> list[Block]:  # type: ignore[no-untyped-def]
    """Run one extractor; a crash of the library (deep or broken markup) counts as no text."""
    try:
        return extractor(root)
    except Exception as exc:  # noqa: BLE001 - the seam to third-party extractors: any crash is "found nothing"
        name = getattr(extractor, "__name__", "extractor").lstrip("_")
        log.warning("%s found nothing: it failed on the page (%s: %s)", name, type(exc).__name__, exc)
        return []


def candidates(
    html: str, *, path: str | None = None, url: str | None = None
) -> tuple[list[Block], list[Block], PageMeta]:
    """Page -> (trafilatura's blocks, readability's blocks, page metadata), from one parse."""
    root = parse_html(html, path=path)
    meta = page_meta(root, url=url)
    _drop_code(root)
    primary = _safe(_trafilatura, root)
    alternative = _safe(_readability, root)  # last: readability consumes the tree
    return primary, alternative, meta


def extract_blocks(
    html: str, *, path: str | None = None, url: str | None = None, tuning: ExtractTuning = DEFAULT_TUNING.extract
) -> Extraction:
    """Page -> body blocks in page order, page metadata and what was dropped."""
    primary, alternative, meta = candidates(html, path=path, url=url)
    fixed: Repair = repair(primary, alternative, meta.title, tuning, meta.language)
    if sum(len(b.text) for b in fixed.blocks if b.kind != "head") < tuning.min_text:
        raise NoArticleFound("no article text found on the page", path=path)
    return Extraction(fixed.blocks, meta, fixed.removed, fixed.source)


def _common():  # type: ignore[no-untyped-def]
    try:
        from newsdesk.extraction import common
    except ImportError as exc:  # the shared helpers are written in parallel; metadata still works without
        log.warning("metadata without the shared helpers (extraction.common): %s", exc)
        return None
    return common


def _article(ex: Extraction, path: str | None, url: str | None) -> Article:
    paragraphs = [b.text for b in ex.blocks if b.kind != "head"]
    text = "\n\n".join(paragraphs)
    meta, common = ex.meta, _common()
    dateline = wire = None
    language = meta.language
    if common is not None:
        wire = common.find_wire(paragraphs + [t for t, k in ex.removed if k == "wire"])
        language = language or detect_language(text)
        dateline = common.find_dateline(paragraphs, language)
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


def extract_html(
    html: str, *, path: str | None = None, url: str | None = None, tuning: ExtractTuning = DEFAULT_TUNING.extract
) -> Article:
    """Clean one HTML page into an ``Article``; raises ``NoArticleFound`` or ``BinaryInput``."""
    if isinstance(html, bytes):
        html = decode_html(html, path=path)
    try:
        return _article(extract_blocks(html, path=path, url=url, tuning=tuning), path, url)
    except NewsdeskError:
        raise
    except (RecursionError, MemoryError, ValueError, etree.LxmlError) as err:
        raise NoArticleFound(f"the page could not be processed ({type(err).__name__})", path=path) from err
