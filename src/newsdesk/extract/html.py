"""HTML page (str or bytes) -> ``Article``: two extractors, a repair pass, and page metadata."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import lxml.html
from lxml import etree

from newsdesk.errors import BinaryInput, NewsdeskError, NoArticleFound
from newsdesk.extract.html_blocks import Block, html_blocks, xml_blocks
from newsdesk.extract.html_meta import PageMeta, page_meta
from newsdesk.extract.html_repair import Repair, repair
from newsdesk.extract.html_rules import HEAD_TAGS
from newsdesk.models import Article, RemovedLine, content_id

MAX_CHARS = 3_000_000  # markup kept after stripping scripts/styles; beyond it the page is cut
MAX_DEPTH = 200  # deeper nesting is flattened before extraction (libxml2 and recursion limits)
MIN_TEXT = 25  # an extraction shorter than this (characters) is no article
_CODE_OPEN = re.compile(r"<(script|style|svg)\b|<!--", re.I)
_CODE_CLOSE = {
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
    "svg": re.compile(r"</svg\s*>", re.I),
    None: re.compile(r"-->"),
}
_DATA_URI = re.compile(r"""(["'])data:[^"'<>]{200,}+\1""")  # inline images: megabytes of base64
_PROSE = re.compile(r">\s*+([^<>]{80,}+)")  # a run of text long enough to be a sentence or more
HEAD_KEEP = 200_000  # characters of <head> kept for the metadata when a big page is windowed
# possessive quantifiers: the same matches as plain ones (no backtracking could help), found faster
_NEST_OPEN = re.compile(
    r"((?:<(?:div|span|section|b|i|font|td|tr|table|ul|li)\b[^>]{0,200}+>\s*+))(?:<[a-z]++\b[^>]{0,200}+>\s*+){40,}", re.I
)
_NEST_CLOSE = re.compile(r"(</[a-z]++\s*+>)(?:\s*+</[a-z]++\s*+>){40,}", re.I)
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


def _trim(html: str) -> str:
    """Bound a page: big pages lose code, comments and inline images, nesting bombs collapse, and
    what is still over ``MAX_CHARS`` is cut to the window that holds the most prose."""
    if len(html) > MAX_CHARS // 3:
        html = _DATA_URI.sub('""', _strip_code(html))
    html = _NEST_OPEN.sub(r"\1", _NEST_CLOSE.sub(r"\1", html))  # libxml2 drops text nested too deep
    return html if len(html) <= MAX_CHARS else _prose_window(html, MAX_CHARS)


def _strip_code(html: str) -> str:
    """Remove ``<script>``, ``<style>``, ``<svg>`` elements and comments in one linear pass.

    A regex with a lazy ``.*?`` rescans to the end of the page for every opener that is never
    closed (quadratic: minutes for a megabyte of unclosed comments); here each search starts
    where the last one ended, and an unclosed opener leaves the rest of the page to the parser.
    """
    out: list[str] = []
    pos = 0
    while (m := _CODE_OPEN.search(html, pos)) is not None:
        tag = m.group(1).lower() if m.group(1) else None
        end = _CODE_CLOSE[tag].search(html, m.end())
        if end is None:
            break
        out.append(html[pos : m.start()])
        out.append(" ")
        pos = end.end()
    out.append(html[pos:])
    return "".join(out)


def _prose_window(html: str, size: int) -> str:
    """The ``size`` characters of a page that hold its article, with the ``<head>`` for the metadata.

    Cutting the page's end would lose an article that follows megabytes of menus or widgets.
    The window starts a little before the first run of prose from which the next ``size``
    characters hold at least half the prose of the best such window (an article is followed
    by comments, rarely preceded by them).
    """
    runs = [(m.start(1), len(m.group(1))) for m in _PROSE.finditer(html)]
    if not runs:
        return html[:size]
    scores, total, j = [], 0, 0
    for i, (start, _) in enumerate(runs):  # prose in [start, start + size), two pointers
        while j < len(runs) and runs[j][0] < start + size:
            total += runs[j][1]
            j += 1
        scores.append(total)
        total -= runs[i][1]
    first = next(i for i, sc in enumerate(scores) if sc * 2 >= max(scores))
    begin = max(0, runs[first][0] - size // 10)
    if begin == 0:
        return html[:size]
    head_end = html.find("</head>", 0, HEAD_KEEP)
    head = html[: head_end + len("</head>")] if head_end >= 0 else ""
    return head + "<body>" + html[begin : begin + size - len(head)]


def _flatten_deep(root: etree._Element) -> None:
    """Lift the children of elements nested deeper than MAX_DEPTH, keeping their text."""
    for el in _TOO_DEEP(root):
        for sub in list(el.iterdescendants()):
            if isinstance(sub.tag, str) and len(sub):
                sub.drop_tag()


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
    html = _trim(html)
    if not html.strip():
        raise NoArticleFound("the page is empty", path=path)
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as err:
        raise NoArticleFound(f"the page could not be parsed as HTML ({err})", path=path) from err
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
    from newsdesk.extract.html_readability import readability_tree

    return html_blocks(readability_tree(root))


def _safe(extractor, root: lxml.html.HtmlElement) -> list[Block]:  # type: ignore[no-untyped-def]
    """Run one extractor; a crash of the library (deep or broken markup) counts as no text."""
    try:
        return extractor(root)
    except Exception:  # noqa: BLE001 - the seam to third-party extractors: any crash is "found nothing"
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


def extract_blocks(html: str, *, path: str | None = None, url: str | None = None) -> Extraction:
    """Page -> body blocks in page order, page metadata and what was dropped."""
    primary, alternative, meta = candidates(html, path=path, url=url)
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
