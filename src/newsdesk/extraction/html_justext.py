"""Blocks of the base extraction and the page's language -> jusText's verdict on each block (a voter feature).

jusText (Pomikálek's boilerplate classifier) judges a paragraph by its length, its share of stop
words in the page's language and, in a second pass, by its neighbours: a short block between two
good ones is good.  Here its own classifier runs on the blocks the base extraction found, in their
order, as a third opinion beside trafilatura and readability; its HTML segmentation is not run
(that costs about as much as a whole extraction).
"""

from __future__ import annotations

import re
from functools import lru_cache

from justext.core import classify_paragraphs, revise_paragraph_classification
from justext.paragraph import Paragraph

from newsdesk.extraction.html_blocks import Block

# ISO 639-1 code -> the name of jusText's stop list; any other language is judged with English's
STOP_LISTS = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "ru": "Russian", "uk": "Ukrainian", "pl": "Polish", "cs": "Czech", "sk": "Slovak",
    "sv": "Swedish", "da": "Danish", "fi": "Finnish", "hu": "Hungarian", "ro": "Romanian", "tr": "Turkish",
    "el": "Greek", "id": "Indonesian", "ms": "Malay", "ca": "Catalan", "hr": "Croatian", "sl": "Slovenian",
    "bg": "Bulgarian", "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian", "vi": "Vietnamese",
}


class _Path:
    """The element path jusText reads from its segmenter: only whether the block is a heading."""

    def __init__(self, heading: bool) -> None:
        self.dom = "body.div.h2" if heading else "body.div.p"
        self.xpath = "/" + self.dom


# whitespace that jusText's normalisation would change (blocks are normally joined by single spaces
# and, in lists, single newlines: then its per-run regex callback is skipped)
_ODD_SPACE = re.compile(r"\s\s|[^\S \n]|^\s|\s$")


class _Paragraph(Paragraph):  # type: ignore[misc]
    """jusText's paragraph over one block; its text normalised once (the library rebuilds it per use)."""

    def __init__(self, block: Block) -> None:
        super().__init__(_Path(block.kind == "head"))
        if _ODD_SPACE.search(block.text):
            self.append_text(block.text)
            self._text = Paragraph.text.fget(self)
        else:  # already as jusText would normalise it
            self.text_nodes.append(block.text)
            self._text = block.text

    @property
    def text(self) -> str:
        return self._text


@lru_cache(maxsize=8)
def _stop_list(language: str | None) -> frozenset[str]:
    from justext import get_stoplist

    return frozenset(get_stoplist(STOP_LISTS.get(language or "en", "English")))


# jusText's second pass looks, for each short block, for the nearest long one on either side: a run
# of n short blocks costs n^2 steps (a 1 MB table, 20,000 one-row blocks, took minutes).  Articles
# have far fewer blocks (at most 300 on the 121 dev pages); a page with more gets the first pass only.
MAX_REVISED_BLOCKS = 600


def justext_good(blocks: list[Block], language: str | None) -> list[float]:
    """Per block, 1.0 when jusText's classifier (both passes, blocks in page order; on a page of
    over ``MAX_REVISED_BLOCKS`` blocks the first pass only) calls it good."""
    paragraphs = [_Paragraph(b) for b in blocks]
    classify_paragraphs(paragraphs, _stop_list(language))
    if len(paragraphs) <= MAX_REVISED_BLOCKS:
        revise_paragraph_classification(paragraphs)
        return [float(p.class_type == "good") for p in paragraphs]
    return [float(p.cf_class == "good") for p in paragraphs]
