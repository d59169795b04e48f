"""Classified dump lines -> title, authors, published date and outlet (marking the lines they use)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdesk.extraction import chrome_rules as R
from newsdesk.extraction.common import CREDIT_LINE, canonical_wire, parse_published
from newsdesk.extraction.lines import Line, content_words, normalize, overlap, sentence_like

TITLE_LOOKBACK = 12  # lines before the body run searched for the title
TITLE_MIN_OVERLAP = 0.25  # share of a title's content words the body must use
AUTHOR_LOOK = 14  # lines around the run searched for a byline
DATE_LOOKBACK = 14

_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w'’.\-]*|[A-Z]\.)$")
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b|\be\b)\s*")
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<name>[A-Z][\w&.'’ -]{1,60}?)"
    r"(?:,?\s+(?:LLC|Ltd|Inc|GmbH|SA|S\.A|AG|plc)\.?)?\s*(?:[.,|]|all rights reserved|$)",
    re.I,
)


def _core_words(lines: Sequence[Line], start: int, end: int) -> list[set[str]]:
    return [content_words(ln.text) for ln in lines[start : end + 1] if ln.kind is None and sentence_like(ln)][:8]


def _title_like(ln: Line) -> bool:
    if ln.kind not in (None, "navigation", "boilerplate", "duplicate") or ln.cue is not None:
        return False
    return 2 <= ln.words <= 30 and not ln.text.endswith((".", ",", ";"))


def find_title(lines: Sequence[Line], start: int, end: int) -> str | None:
    """The headline: the nearest title-like line before the body that the lead echoes."""
    core = _core_words(lines, start, end)
    pool = [ln for ln in lines[max(0, start - TITLE_LOOKBACK) : start + 1] if _title_like(ln)]
    best: Line | None = None
    best_score = 0.0
    for ln in pool:
        if ln.index == start and not _followed_by_body(lines, ln, end):
            continue
        share = overlap(content_words(ln.text), core)
        if share < TITLE_MIN_OVERLAP:
            continue
        score = share + 0.02 * (ln.index - start)
        if score > best_score:
            best, best_score = ln, score
    if best is None:
        return None
    best = _headline_above(lines, best, core)
    _mark_copies(lines, best)
    return best.text


def _headline_above(lines: Sequence[Line], best: Line, core: list[set[str]]) -> Line:
    """Of a headline and the standfirst under it, the shorter line above is the headline."""
    if best.index == 0:
        return best
    prev = lines[best.index - 1]
    if _title_like(prev) and prev.words < best.words and overlap(content_words(prev.text), core) >= R.HEADLINE_OVERLAP:
        return prev
    return best


def _followed_by_body(lines: Sequence[Line], ln: Line, end: int) -> bool:
    nxt = lines[ln.index + 1] if ln.index + 1 <= end else None
    return nxt is not None and sentence_like(nxt)


def _mark_copies(lines: Sequence[Line], title: Line) -> None:
    key = normalize(title.text)
    for ln in lines:
        if normalize(ln.text) == key or (ln.index < title.index and key and normalize(ln.text).startswith(key)):
            ln.kind = "title"


def names(text: str) -> tuple[str, ...]:
    """Person names in a byline remainder ("Jane Doe and John Roe" -> both); () when not name-like."""
    text = re.split(r"\s+[|•·–—-]\s+|\s{2,}|\b(?:on|in|at|for|updated|published)\b", text.strip(), maxsplit=1)[0]
    text = text.strip(" :,.")
    if "," in text and not re.search(r"\b(?:and|und|et|y|e)\b|&", text.split(",", 1)[1]):
        text = text.split(",", 1)[0]  # "Jane Doe, Business Editor": a role, not a second name
    out = []
    for part in _SPLIT_NAMES.split(text):
        if part and _is_name(part):
            out.append(part.strip())
    return tuple(out)


def _is_name(text: str) -> bool:
    tokens = text.split()
    if not 1 < len(tokens) <= 5:
        return False
    if any(t.lower() in R.NOT_NAMES for t in tokens):
        return False
    return all(_NAME_TOKEN.match(t) or t.lower() in R.NAME_PARTICLES for t in tokens) and not any(
        ch.isdigit() for ch in text
    )


def find_authors(lines: Sequence[Line], start: int, end: int) -> tuple[str, ...]:
    """Names from byline lines near the body run, else a bare name line right after it."""
    found: list[str] = []
    window = lines[max(0, start - AUTHOR_LOOK) : end + AUTHOR_LOOK]
    for ln in window:
        m = R.BYLINE.match(ln.text)
        if m and ln.words <= 12 and (ln.kind is not None or ln.index <= start + 2):
            got = names(m.group("names"))
            if got or ln.kind == "byline":
                ln.kind = "byline"
                found.extend(n for n in got if n not in found)
    if not found:
        found.extend(_bare_name_after(lines, end))
    return tuple(found)


def _bare_name_after(lines: Sequence[Line], end: int) -> list[str]:
    """An author box: a lone name line just after the article, before the next chrome."""
    for ln in lines[end + 1 : end + 4]:
        if ln.kind == "teaser" and R.TEASER_OPEN.match(ln.text):
            continue
        if _is_name(ln.text) and ln.words <= 4:
            ln.kind = "author_box"
            return [ln.text]
        return []
    return []


def find_published(lines: Sequence[Line], start: int, end: int) -> tuple[str, str] | None:
    """The article's date: a date line near the top of the body, not a page header beside the weather."""
    header_blocks = {ln.block for ln in lines if R.WEATHER.match(ln.text)}
    best: tuple[int, tuple[str, str]] | None = None
    for ln in lines[max(0, start - DATE_LOOKBACK) : min(end + 1, start + 6)]:
        if ln.cue not in ("date", "byline", None) or ln.block in header_blocks or ln.words > 25:
            continue
        if ln.cue != "date" and (sentence_like(ln) or ln.words > 12):
            continue
        found = parse_published(ln.text)
        if found is None:
            continue
        distance = abs(ln.index - start) - (5 if R.DATE_LABEL.match(ln.text) else 0)
        if best is None or distance < best[0]:
            best = (distance, found)
        if ln.kind is None:
            ln.kind = "date"
    return best[1] if best else None


def find_outlet(lines: Sequence[Line]) -> str | None:
    """The outlet named by a copyright line ("© 2025 Example News. All rights reserved")."""
    for ln in reversed(lines):
        if ln.words > 20:
            continue
        m = _COPYRIGHT.match(ln.text)
        if m:
            name = m.group("name").strip(" .,-")
            if name and not name.lower().startswith("all rights"):
                return name
    return None


def find_credit(lines: Sequence[Line]) -> str | None:
    """A wire named by a credit line of its own ("© AFP", "Source: Reuters")."""
    for ln in lines:
        m = CREDIT_LINE.match(ln.text) if ln.words <= 6 else None
        if m:
            ln.kind = "wire"
            return canonical_wire(m.group("wire") or m.group("dash"))
    return None
