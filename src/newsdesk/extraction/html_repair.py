"""Candidate extractions (trafilatura, readability) -> one repaired list of body blocks."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsdesk.extraction import html_rules as R
from newsdesk.extraction.html_blocks import Block
from newsdesk.vocab import WORD_RUN



@dataclass
class Repair:
    """The chosen body blocks and what was dropped (text, reason)."""

    blocks: list[Block]
    removed: list[tuple[str, str]] = field(default_factory=list)
    source: str = "trafilatura"


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = WORD_RUN.findall(text.lower())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:]))


def _size(blocks: list[Block]) -> int:
    return sum(len(b.text) for b in blocks)


def _norm(text: str) -> str:
    return " ".join(WORD_RUN.findall(text.lower()))


class _Shingles:
    """The word 3-shingles of an extraction, collected only once a block is not found in it verbatim."""

    def __init__(self, blocks: list[Block]) -> None:
        self._blocks = blocks
        self._set: set[tuple[str, ...]] | None = None

    def get(self) -> set[tuple[str, ...]]:
        if self._set is None:
            self._set = set().union(*(_shingles(b.text) for b in self._blocks))
        return self._set


class _Words:
    """The other extraction's words, indexed by word: "does it hold this run of words?" costs the
    occurrences of the run's rarest word, not a scan of the whole text (a table has 60,000 blocks)."""

    MAX_CANDIDATES = 200  # a run made only of words this common is judged by its shingles alone

    def __init__(self, text: str) -> None:
        self.words = text.split()
        self.at: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.at.setdefault(w, []).append(i)

    def holds(self, run: list[str]) -> bool:
        offset, rarest = min(enumerate(run), key=lambda x: len(self.at.get(x[1], ())))
        places = self.at.get(rarest, [])
        n = len(run)
        return any(self.words[p - offset : p - offset + n] == run
                   for p in places[: self.MAX_CANDIDATES] if p >= offset)


def _agrees(block: Block, other_words: _Words, other_sh: _Shingles) -> bool:
    """Whether the other extraction holds this block (verbatim, or most of its shingles)."""
    words = _norm(block.text).split()
    if not words or other_words.holds(words):
        return True
    s = _shingles(block.text)
    return len(s & other_sh.get()) >= R.AGREE_OVERLAP * len(s)


def _prose(text: str) -> bool:
    """Long blocks, or sentence-like ones, are never dropped for disagreement alone."""
    return len(text) > R.SHORT or (len(text.split()) >= R.PROSE_WORDS and text.rstrip()[-1:] in ".!?\"”»")


def _is_title(text: str, title: str | None) -> bool:
    if not title:
        return False
    a, b = set(WORD_RUN.findall(text.lower())), set(WORD_RUN.findall(title.lower()))
    return bool(a) and len(a & b) >= R.TITLE_SIMILAR * len(a)


def choose(primary: list[Block], alternative: list[Block]) -> tuple[list[Block], list[Block], str]:
    """Pick the base extraction: readability when it found much more text (or trafilatura a table dump)."""
    p, a = _size(primary), _size(alternative)
    table_dump = bool(primary) and max((len(b.text) for b in primary if b.kind == "table"), default=0) > 0.6 * p
    if a > R.PICK_MIN and (a > R.PICK_RATIO * p or (table_dump and a > 0.5 * p)):
        return alternative, primary, "readability"
    return primary, alternative, "trafilatura"


def _kind_of(block: Block) -> str | None:
    text = block.text.strip()
    if len(text) > R.SHORT * 2:
        return None
    if R.CREDIT.match(text):
        return "wire"
    if len(text) <= R.SHORT and R.STAMP.match(text):
        return "date"
    if len(text) <= R.SHORT * 2 and R.BOILERPLATE.match(text):
        return "boilerplate"
    return None


def _cut_teasers(blocks: list[Block], removed: list[tuple[str, str]]) -> list[Block]:
    """Drop a teaser marker ("You may also like") and the short headlines after it."""
    for i, b in enumerate(blocks):
        if i and R.TEASER_MARKER.match(b.text.strip()):
            rest = blocks[i + 1 :]
            if all(len(r.text) < R.TAIL_SHORT or r.kind == "list" for r in rest):
                removed.extend((r.text, "teaser") for r in blocks[i:])
                return blocks[:i]
    return blocks


def repair(
    primary: list[Block], alternative: list[Block], title: str | None = None
) -> Repair:
    """Choose a base extraction, then drop chrome blocks by pattern and by disagreement."""
    base, other, source = choose(primary, alternative)
    removed: list[tuple[str, str]] = []
    trusted = _size(other) > R.AGREE_MIN_SHARE * _size(base)
    other_words = _Words(" ".join(_norm(b.text) for b in other) if trusted else "")
    other_sh = _Shingles(other)
    kept: list[Block] = []
    for i, b in enumerate(_cut_teasers(base, removed)):
        kind = _kind_of(b)
        if kind is None and b.kind == "head" and i < 2 and _is_title(b.text, title):
            kind = "title"
        if kind is None and trusted and not _prose(b.text) and not _agrees(b, other_words, other_sh):
            kind = "disagree"
        if kind:
            removed.append((b.text, kind))
        else:
            kept.append(b)
    return Repair(kept, removed, source)
