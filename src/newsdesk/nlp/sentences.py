"""Sentences of an article: spaCy sentence boundaries inside each paragraph, spans into the text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsdesk.models import Article, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc

_PARA = re.compile(r"\n\s*\n")
_MIN_WORDS = 3


def sentences_of(article: Article, doc: Doc) -> list[Sentence]:
    """Split ``article.text`` (parsed as ``doc``) into sentences; never across a paragraph break.

    Spans index into ``article.text``; leading/trailing whitespace is trimmed.
    """
    text = article.text
    breaks = [m.start() for m in _PARA.finditer(text)]
    out: list[Sentence] = []
    for sent in doc.sents:
        pieces = _split_at(sent.start_char, sent.end_char, breaks)
        for start, end in pieces:
            chunk = text[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            s, e = start + lead, start + trail
            if e <= s:
                continue
            sentence_text = text[s:e]
            if len(sentence_text.split()) < _MIN_WORDS and out and not _PARA.search(text[out[-1].end : s]):
                prev = out[-1]
                out[-1] = Sentence(article.id, prev.start, e, text[prev.start : e], prev.index)
                continue
            out.append(Sentence(article.id, s, e, sentence_text, len(out)))
    return out


def _split_at(start: int, end: int, breaks: list[int]) -> list[tuple[int, int]]:
    pieces = []
    cur = start
    for b in breaks:
        if cur < b < end:
            pieces.append((cur, b))
            cur = b
    pieces.append((cur, end))
    return pieces
