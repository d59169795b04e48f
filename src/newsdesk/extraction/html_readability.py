"""lxml page tree -> readability-lxml's main-content element, with faster steps that give the same result."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import lxml.html
import readability.readability as _lib
from lxml import etree
from readability import Document
from readability.readability import REGEXES

# readability's own cleaner also rewrites every link (javascript: URLs), the slowest part of a run;
# text extraction needs only these elements, hidden ones, comments and processing instructions gone
_CODE_TAGS = frozenset(("script", "style", "link", "noscript"))
# readability's class/id patterns are ASCII and case-insensitive: on an ASCII string, lower-casing
# and matching case-sensitively gives the same answer several times faster
_LOWER = {
    name: re.compile(REGEXES[name].pattern)
    for name in ("unlikelyCandidatesRe", "okMaybeItsACandidateRe", "positiveRe", "negativeRe")
}
# elements whose start tag matches readability's divToPElementsRe ("<p", "<div", ...)
_BLOCK_TAGS = ("blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul")
_INLINE = frozenset(("a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u"))
_WS_RUN = re.compile(r"\s{255,}")
_TABS = re.compile(r"\t|[ \t]{2,}")


def _clean(text: str) -> str:
    """readability's ``clean`` (whitespace normalisation) without its three regex passes."""
    if len(text) >= 255:
        text = _WS_RUN.sub(" " * 255, text)
    if "\n" in text:
        # a whitespace run holding a newline becomes one newline, as ``\s*\n\s*`` -> ``\n``
        parts = text.split("\n")
        last = len(parts) - 1
        kept = [parts[0].rstrip()]
        for part in parts[1:last]:
            part = part.strip()
            if part:
                kept.append(part)
        kept.append(parts[last].lstrip())
        text = "\n".join(kept)
    if "\t" in text or "  " in text:
        text = _TABS.sub(" ", text)
    return text.strip()


def _finds(name: str, text: str) -> bool:
    """``REGEXES[name].search(text)``, faster."""
    if text.isascii():
        return _LOWER[name].search(text.lower()) is not None
    return REGEXES[name].search(text) is not None


def _block_inside(el: lxml.html.HtmlElement) -> bool:
    """A descendant that readability's divToPElementsRe would find in the serialised markup."""
    return next(el.iterdescendants(*_BLOCK_TAGS), None) is not None


@contextmanager
def _fast_helpers() -> Iterator[None]:
    """Swap in the exact faster ``clean`` and skip building debug-log strings (node descriptions)."""
    saved = _lib.clean, _lib.describe, _lib.text_content
    _lib.clean, _lib.describe, _lib.text_content = _clean, lambda *a, **k: "", lambda *a, **k: ""
    try:
        yield
    finally:
        _lib.clean, _lib.describe, _lib.text_content = saved


class _FastDocument(Document):  # type: ignore[misc]
    """readability's Document on a parsed tree; every override returns what the library's method would."""

    article: lxml.html.HtmlElement | None = None

    def get_clean_html(self) -> str:
        """Keep the article element; serialise it only as far as ``summary`` needs its length."""
        self.article = self.html
        html: str = etree.tounicode(self.html, method="html")
        # attribute cleaning only shortens tags, never text: it matters only near the retry threshold
        if len(html) < self.retry_length or len(self.html.text_content()) >= self.retry_length:
            return html
        return super().get_clean_html()  # type: ignore[no-any-return]

    def _parse(self, doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
        """Drop code, hidden elements and comments in one walk (whatever is dropped inside an element
        dropped later goes with it, so the order does not matter)."""
        for el in list(doc.iter()):
            tag = el.tag
            if isinstance(tag, str):
                style = el.get("style")
                drop = tag in _CODE_TAGS or el.get("hidden") is not None or (
                    style is not None and REGEXES["displayNoneRe"].search(style) is not None
                )
            else:
                drop = tag is etree.Comment or tag is etree.ProcessingInstruction
            if drop and el.getparent() is not None:
                el.drop_tree()
        return doc

    def remove_unlikely_candidates(self) -> None:
        """As the library's, visiting only elements with a class or id and judging each string once."""
        unlikely: dict[str, bool] = {}
        for elem in list(self.html.iterdescendants("*")):
            cls, ident = elem.get("class"), elem.get("id")
            if cls is None and ident is None:
                continue
            s = "{} {}".format(cls or "", ident or "")
            if len(s) < 2:
                continue
            drop = unlikely.get(s)
            if drop is None:
                drop = unlikely[s] = _finds("unlikelyCandidatesRe", s) and not _finds("okMaybeItsACandidateRe", s)
            if (
                drop
                and elem.tag not in ("html", "body", "pre", "code")
                and next(elem.iterancestors("pre", "code"), None) is None
                and next(elem.iter("main", "article", "math"), None) is None
            ):
                elem.drop_tree()

    def score_paragraphs(self) -> dict[lxml.html.HtmlElement, dict[str, object]]:
        """As the library's, measuring each element's text once (candidates nest and share links)."""
        candidates: dict[lxml.html.HtmlElement, dict[str, object]] = {}
        ordered = []
        for elem in self.tags(self._html(), "p", "pre", "td", "blockquote"):
            parent_node = elem.getparent()
            if parent_node is None:
                continue
            grand_parent_node = parent_node.getparent()
            inner_text = _clean(elem.text_content() or "")
            inner_text_len = len(inner_text)
            if inner_text_len < self.min_text_length:
                continue
            if parent_node not in candidates:
                candidates[parent_node] = self.score_node(parent_node)
                ordered.append(parent_node)
            if grand_parent_node is not None and grand_parent_node not in candidates:
                candidates[grand_parent_node] = self.score_node(grand_parent_node)
                ordered.append(grand_parent_node)
            content_score = 1 + len(inner_text.split(",")) + min((inner_text_len / 100), 3)
            candidates[parent_node]["content_score"] += content_score  # type: ignore[operator]
            if grand_parent_node is not None:
                candidates[grand_parent_node]["content_score"] += content_score / 2.0  # type: ignore[operator]
        lengths: dict[lxml.html.HtmlElement, int] = {}

        def length(el: lxml.html.HtmlElement) -> int:
            found = lengths.get(el)
            if found is None:
                found = lengths[el] = len(_clean(el.text_content() or ""))
            return found

        for elem in ordered:
            link_length = sum(length(a) for a in elem.findall(".//a"))
            candidates[elem]["content_score"] *= 1 - float(link_length) / max(length(elem), 1)  # type: ignore[operator]
        return candidates

    def class_weight(self, e: lxml.html.HtmlElement) -> int:
        """As the library's (no extra keywords are configured here)."""
        if self.positive_keywords or self.negative_keywords:
            return super().class_weight(e)  # type: ignore[no-any-return]
        weight = 0
        for feature in (e.get("class", None), e.get("id", None)):
            if feature:
                if _finds("negativeRe", feature):
                    weight -= 25
                if _finds("positiveRe", feature):
                    weight += 25
        return weight

    def transform_misused_divs_into_paragraphs(self) -> None:
        """As the library's; block children found in the tree before serialising anything."""
        for elem in self.html.findall(".//div"):
            if not _block_inside(elem) and not REGEXES["divToPElementsRe"].search(
                str(b"".join(etree.tostring(s, encoding="utf-8") for s in elem))
            ):
                elem.tag = "p"
        for elem in self.html.findall(".//div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = elem.makeelement("p", {})
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p
            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE or _block_inside(child) or REGEXES["divToPElementsRe"].search(
                    etree.tounicode(child, method="html")
                ):
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = elem.makeelement("p", {})
                    child.addprevious(paragraph)
                paragraph.append(child)
            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = elem.makeelement("p", {})
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()


def readability_tree(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element readability judges to be the article (the tree is consumed)."""
    doc = _FastDocument(root)
    with _fast_helpers():
        html = doc.summary(html_partial=True)
    return doc.article if html.strip() else None
