"""Extracted HTML trees (trafilatura XML or readability HTML) -> ordered text blocks."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

# trafilatura's output vocabulary and the HTML block elements readability keeps
_XML_KINDS = {"p": "p", "head": "head", "list": "list", "quote": "quote", "table": "table", "code": "p"}
_HTML_BLOCKS = frozenset(
    "p div section article h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr td th dd dt dl "
    "figure figcaption header footer aside br hr main form".split()
)
_HTML_HEADS = frozenset("h1 h2 h3 h4 h5 h6".split())


@dataclass
class Block:
    """One paragraph-like unit of an extraction: kind p/head/list/quote/table, its text, link share."""

    kind: str
    text: str
    links: float = 0.0


def _clean(text: str) -> str:
    return " ".join(text.split())


def _links(el: etree._Element, tag: str, size: int) -> float:
    linked = sum(len(_clean("".join(a.itertext()))) for a in el.iter(tag))
    return min(1.0, linked / max(1, size))


def xml_blocks(body: etree._Element | None) -> list[Block]:
    """Blocks of a trafilatura ``<body>`` (children p, head, list, quote, table ...)."""
    out: list[Block] = []
    if body is None:
        return out
    for el in body:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "list":
            items = [_clean("".join(i.itertext())) for i in el.iter("item")]
            text = "\n".join(i for i in items if i)
        else:
            text = _clean(" ".join(el.itertext()))
        if text:
            out.append(Block(_XML_KINDS.get(el.tag, "p"), text, _links(el, "ref", len(text))))
    return out


def _walk(el: etree._Element, kind: str) -> Iterator[tuple[str, str | None]]:
    """Yield (text, None) pieces and (kind, "break") markers in document order."""
    tag = el.tag if isinstance(el.tag, str) else ""
    block = tag in _HTML_BLOCKS
    if block:
        yield ("head" if tag in _HTML_HEADS else "p"), "break"
    if el.text and isinstance(el.tag, str):
        yield el.text, None
    for child in el:
        yield from _walk(child, kind)
        if child.tail:
            yield child.tail, None
    if block:
        yield "p", "break"


def html_blocks(root: etree._Element | None) -> list[Block]:
    """Blocks of an HTML fragment: text split at block-level element boundaries."""
    out: list[Block] = []
    if root is None:
        return out
    kind, parts = "p", []  # type: tuple[str, list[str]]

    def flush() -> None:
        text = _clean("".join(parts))
        if text:
            out.append(Block(kind, text))
        parts.clear()

    for piece, marker in _walk(root, "p"):
        if marker:
            flush()
            kind = piece
        else:
            parts.append(piece)
    flush()
    return out
