"""Quote marks of one text: text -> character spans of the quoted words."""

from __future__ import annotations

import re

from newsdesk.nlp.quote_speakers import _paragraph
from newsdesk.nlp.quote_rules import (
    CLOSE_MARKS,
    OPEN_MARKS,
)
from newsdesk.vocab import SINGLE_CLOSE, SINGLE_OPEN, STRAIGHT

# the characters ``quote_spans`` acts on (a line break, a single curly mark, the first character of
# any quote mark); it jumps over every other character at once instead of testing each one
_ACTIVE = "\n" + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT + "".join(m[0] for m in OPEN_MARKS + CLOSE_MARKS)
_NEXT_ACTIVE = re.compile("[" + re.escape("".join(sorted(set(_ACTIVE)))) + "]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the words inside quote marks; an unclosed quote ends at its paragraph end."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    single_at: int | None = None  # a quote in single marks, kept only when it closes
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch not in _ACTIVE:
            found = _NEXT_ACTIVE.search(text, i)
            if found is None:
                break
            i = found.start()
            ch = text[i]
        if ch == "\n":
            if open_at is not None:
                spans.append((open_at, i))
            open_at = single_at = None
        if open_at is None and ch in (SINGLE_OPEN, SINGLE_CLOSE):
            side = _single_side(text, i)
            if single_at is None and side == "open":
                single_at = i + 1
            elif single_at is not None and side == "close":
                if not _headline_words(text, single_at, i):
                    spans.append((single_at, i))
                single_at = None
            i += 1
            continue
        mark = _mark_at(text, i) if single_at is None else None
        if mark is None:
            i += 1
            continue
        kind, width = mark
        if open_at is None and kind in ("open", "straight"):
            open_at = i + width
        elif open_at is not None and kind in ("close", "straight"):
            spans.append((open_at, i))
            open_at = None
        elif open_at is not None and kind == "open":
            open_at = i + width  # a stray opener: restart at the newer one
        i += width
    if open_at is not None:
        spans.append((open_at, n))
    return [_strip(text, s, e) for s, e in spans if text[s:e].strip()]


def _headline_words(text: str, s: int, e: int) -> bool:
    """Quoted words in capitals or on a title-cased line: a headline's quoted phrase, not a quote."""
    words = text[s:e]
    if words.upper() == words:
        return True
    lo, hi = _paragraph(text, s, e)
    long_words = [w for w in text[lo:hi].split() if len(w) > 3 and w[:1].isalpha()]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def _single_side(text: str, i: int) -> str | None:
    """A single curly mark opening a quote (after a space, before a word) or closing one (after a
    word, before a space or punctuation); an apostrophe inside a word ("Brandt’s") is neither."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] == SINGLE_OPEN and (before.isspace() or before in "([\u2013\u2014") and after.isalpha():
        return "open"
    if not before.isspace() and (after.isspace() or after in ",.;:!?)"):
        return "close"
    return None


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    for m in OPEN_MARKS:
        if text.startswith(m, i):
            return _facing(text, i, len(m), "open"), len(m)
    for m in CLOSE_MARKS:
        if text.startswith(m, i):
            return _facing(text, i, len(m), "close"), len(m)
    if text[i] == STRAIGHT:
        return "straight", 1
    return None


def _facing(text: str, i: int, width: int, kind: str) -> str:
    """A curly mark typed the wrong way round (',“ Varga said') takes the side its neighbours show."""
    if width != 1:
        return kind
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if kind == "open" and (before.isalnum() or before in ",.!?;") and (after.isspace() or after in ",.;:!?)"):
        return "close"
    if kind == "close" and (before.isspace() or before in "([") and after.isalnum():
        return "open"
    return kind


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _inside_mask(n: int, spans: list[tuple[int, int]]) -> bytearray:
    mask = bytearray(n + 1)
    for s, e in spans:
        mask[max(0, s - 1) : min(n, e + 1)] = b"\x01" * (min(n, e + 1) - max(0, s - 1))
    return mask
