"""Base and other candidate extraction -> per block of the base, its features and the voter's keep probability."""

from __future__ import annotations

import math
from collections.abc import Callable

from newsdesk.extraction import html_rules as R
from newsdesk.extraction import html_vote_model as M
from newsdesk.extraction.html_blocks import Block
from newsdesk.vocab import WORD_RUN

_END = frozenset(R.SENTENCE_ENDS)
KINDS = ("head", "list", "quote", "table")
SENTENCE_CHARS = 80
TRUST = 0.3  # agreement counts only when the other candidate found at least this share of the text


def shingles(text: str) -> set[tuple[str, ...]]:
    """Lower-cased word 3-shingles (a text of 1-2 words is one shingle)."""
    words = WORD_RUN.findall(text.lower())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:]))


def _title_like(text: str, title_words: set[str]) -> float:
    """Share of the block's distinct words that are in the title (0 without a title)."""
    if not title_words:
        return 0.0
    a = set(WORD_RUN.findall(text.lower()))
    return len(a & title_words) / len(a) if a else 0.0


def chrome(text: str) -> bool:
    """A whole short block that the chrome patterns of ``html_rules`` match."""
    t = text.strip()
    return len(t) <= 2 * R.SHORT and bool(R.BOILERPLATE.match(t) or R.STAMP.match(t) or R.CREDIT.match(t))


def _teaser_tail(blocks: list[Block]) -> int:
    """Index where a teaser marker opens a run of short headlines to the end (len(blocks) if none)."""
    for i, b in enumerate(blocks):
        if i and R.TEASER_MARKER.match(b.text.strip()):
            if all(len(r.text) < R.TAIL_SHORT or r.kind == "list" for r in blocks[i + 1 :]):
                return i
    return len(blocks)


def sentence(text: str) -> bool:
    """A paragraph of running text: some length, ending as a sentence does."""
    return len(text) >= SENTENCE_CHARS and text.rstrip()[-1:] in _END


def _prose(text: str) -> bool:
    return len(text) > R.SHORT or (len(text.split()) >= R.PROSE_WORDS and text.rstrip()[-1:] in ".!?\"”»")


FEATURES = (
    "log_chars", *(f"kind_{k}" for k in KINDS), "agree", "short_disagree", "prose",
    "title_head", "title_like", "chrome", "teaser_tail", "first", "last", "inside", "sentence_end", "capitals",
    "digits", "neighbour_agree", "base_readability", "trusted", "outside", "justext_good",
)
_FLAGS = ("chrome", "title_head", "teaser_tail")
_TRUSTED, _AGREE = FEATURES.index("trusted"), FEATURES.index("agree")
_FLAG_AT = tuple(FEATURES.index(f) for f in _FLAGS)


def features(
    base: list[Block], other: list[Block], title: str | None, *, from_readability: bool,
    chrome: Callable[[str], bool] = chrome, language: str | None = None,
) -> list[list[float]]:
    """One row of ``FEATURES`` per block of the base extraction, judged against the other one.
    ``language`` (ISO 639-1, the page's own; English when None) picks jusText's stop list."""
    n = len(base)
    b_size, o_size = sum(len(b.text) for b in base), sum(len(b.text) for b in other)
    trusted = o_size >= TRUST * b_size
    agree = _agreement(base, other) if trusted else [1.0] * n
    tail = _teaser_tail(base)
    held = [i for i, a in enumerate(agree) if a >= R.AGREE_OVERLAP]
    first, last = (held[0], held[-1]) if held else (0, n - 1)
    title_words = set(WORD_RUN.findall(title.lower())) if title else set()
    rows = []
    for i, b in enumerate(base):
        text = b.text
        words = text.split()
        prose = _prose(text)
        like = _title_like(text, title_words)
        near = [agree[j] for j in (i - 1, i + 1) if 0 <= j < n]
        rows.append([
            math.log1p(len(text)),
            *(float(b.kind == k) for k in KINDS),
            agree[i],
            float(trusted and not prose and agree[i] < R.AGREE_OVERLAP),
            float(prose),
            float(b.kind == "head" and i < 2 and like >= R.TITLE_SIMILAR),
            like,
            float(chrome(text)),
            float(i >= tail),
            float(i == 0),
            float(i == n - 1),
            float(0 < i < n - 1 and sentence(base[i - 1].text) and sentence(base[i + 1].text)),
            float(text.rstrip()[-1:] in _END),
            sum(map(str.isupper, [w[:1] for w in words])) / max(1, len(words)),
            sum(map(str.isdigit, text)) / max(1, len(text)),
            sum(near) / len(near) if near else 1.0,
            float(from_readability),
            float(trusted),
            float(i < first or i > last),  # outside the stretch both extractions hold
        ])
    _add_justext(base, rows, language)
    return rows


def _add_justext(base: list[Block], rows: list[list[float]], language: str | None) -> None:
    """Append jusText's verdict to each row, run only when some block goes to the vote (it is read
    nowhere else): on a page without a vote the column is 0."""
    if all(agreed(row) for row in rows):
        good = [0.0] * len(rows)
    else:
        from newsdesk.extraction.html_justext import justext_good

        good = justext_good(base, language)
    for row, g in zip(rows, good):
        row.append(g)


MAX_SUBSTRING_WORK = 50_000_000  # blocks x characters; ordinary articles stay far below


def _agreement(base: list[Block], other: list[Block]) -> list[float]:
    """Per base block, the share the other extraction holds: 1 when verbatim, else of its word
    3-shingles (the other's shingles are collected only when some block is not found verbatim)."""
    o_blocks = [" ".join(WORD_RUN.findall(b.text.lower())) for b in other]
    o_text = " ".join(o_blocks)
    exact = set(o_blocks)
    # A substring search per block costs blocks x text: past this bound (a page that is one huge
    # table) only whole blocks count as verbatim and the rest go by shingles, so work stays linear.
    searchable = len(base) * len(o_text) <= MAX_SUBSTRING_WORK
    o_all: set[tuple[str, ...]] | None = None
    out = []
    for b in base:
        words = " ".join(WORD_RUN.findall(b.text.lower()))
        if not words or words in exact or (searchable and words in o_text):
            out.append(1.0)
            continue
        if o_all is None:
            o_all = set().union(*(shingles(o.text) for o in other))
        own = shingles(b.text)
        out.append(len(own & o_all) / len(own) if own else 0.0)
    return out


def agreed(row: list[float]) -> bool:
    """Kept without a vote: no pattern flags the block, and the other extractor holds it or found
    too little to vote against it."""
    return (row[_TRUSTED] == 0.0 or row[_AGREE] >= 1.0) and not any(row[i] for i in _FLAG_AT)


def keep_probabilities(rows: list[list[float]]) -> list[float]:
    """Per row of ``FEATURES``: 1 for an agreed block, else the logistic model of ``html_vote_model``."""
    out = []
    for row in rows:
        if agreed(row):
            out.append(1.0)
            continue
        z = M.INTERCEPT + sum(w * x for w, x in zip(M.WEIGHTS, row))
        out.append(1.0 / (1.0 + math.exp(-max(-700.0, min(700.0, z)))))
    return out
