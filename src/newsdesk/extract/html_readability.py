"""lxml page tree -> readability-lxml's main-content element, with a faster cleaning step."""

from __future__ import annotations

import lxml.html
from lxml import etree
from readability import Document
from readability.readability import REGEXES

# readability's own cleaner also rewrites every link (javascript: URLs), the slowest part of a run;
# text extraction needs only scripts, styles, hidden elements and comments gone
_DROP = etree.XPath("//script|//style|//link|//noscript|//*[@hidden]|//comment()|//processing-instruction()")
_STYLED = etree.XPath("//*[@style]")


class _FastDocument(Document):  # type: ignore[misc]
    def _parse(self, doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
        for el in _DROP(doc):
            if el.getparent() is not None:
                el.drop_tree()
        for el in _STYLED(doc):
            if el.getparent() is not None and REGEXES["displayNoneRe"].search(el.get("style", "")):
                el.drop_tree()
        return doc


def readability_tree(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element readability judges to be the article (the tree is consumed)."""
    html = _FastDocument(root).summary(html_partial=True)
    return lxml.html.fragment_fromstring(html, create_parent="div") if html.strip() else None
