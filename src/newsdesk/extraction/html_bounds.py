"""Markup of any size and shape -> markup the parser and extractors handle in bounded time and memory.

Every step is linear in the page (no regex that rescans the page per match) and
leaves an ordinary page unchanged: a page over a megabyte loses scripts, styles,
SVG, comments and inline ``data:`` URIs, and what is still over ``MAX_CHARS`` is
cut to the window that holds the article's prose, not to the page's first
characters.  A page nested deeper than libxml2 parses (it stops at 2,048 levels
and drops the rest of the page) is re-parsed with its tags capped at
``MAX_NESTING`` levels by ``cap_nesting``, its text kept.
"""

from __future__ import annotations

import re

MAX_CHARS = 3_000_000  # markup kept after stripping; beyond it the page is cut to its prose window
STRIP_OVER = MAX_CHARS // 3  # pages longer than this lose code, comments and inline images first
MAX_NESTING = 1000  # deeper elements are flattened before parsing (libxml2 keeps about 2,000 levels)
HEAD_KEEP = 200_000  # characters searched for </head>, kept for the metadata when a page is windowed
_CODE_OPEN = re.compile(r"<(script|style|svg)\b|<!--", re.I)
_CODE_CLOSE = {
    "script": re.compile(r"</script\s*>", re.I),
    "style": re.compile(r"</style\s*>", re.I),
    "svg": re.compile(r"</svg\s*>", re.I),
    None: re.compile(r"-->"),
}
_DATA_URI = re.compile(r"""(["'])data:[^"'<>]{200,}+\1""")  # inline images: megabytes of base64
_PROSE = re.compile(r">\s*+([^<>]{80,}+)")  # a run of text long enough to be a sentence or more
_TAG = re.compile(r"<(/?)([a-zA-Z][\w:-]*+)[^>]*+>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# an open element of the same name is closed by the parser when one of these starts (<p>a<p>b)
_IMPLIED = frozenset("p li dt dd tr td th option".split())


def bound_markup(html: str) -> str:
    """The page, bounded: see the module docstring."""
    if len(html) > STRIP_OVER:
        html = _DATA_URI.sub('""', strip_code(html))
    return html if len(html) <= MAX_CHARS else prose_window(html, MAX_CHARS)


def strip_code(html: str) -> str:
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


def cap_nesting(html: str, limit: int = MAX_NESTING) -> str:
    """Drop the tags of elements opened more than ``limit`` deep (and their end tags), keeping the text.

    Depth is tracked roughly as a parser closes tags: an end tag closes the nearest open
    element of its name and all opened after it, a ``<p>`` or ``<li>`` closes an open one on
    top, void elements (``<br>``, ``<img>``) open nothing; an end tag with no open element is
    left alone.  Run only on pages the parser could not nest (one pass over the tags).
    """
    out: list[str] = []
    stack: list[tuple[str, bool]] = []  # open elements: (tag, kept)
    where: dict[str, list[int]] = {}  # tag -> its positions in the stack (finding one is O(1))

    def pop_to(depth: int) -> None:
        while len(stack) > depth:
            where[stack.pop()[0]].pop()

    pos = 0
    for m in _TAG.finditer(html):
        closing, name = m.group(1), m.group(2).lower()
        if name in _VOID:
            continue
        if closing:
            keep = True
            if where.get(name):
                i = where[name][-1]
                keep = stack[i][1]
                pop_to(i)
        else:
            if name in _IMPLIED and stack and stack[-1][0] == name:
                pop_to(len(stack) - 1)
            keep = len(stack) < limit
            if not m.group(0).endswith("/>"):
                where.setdefault(name, []).append(len(stack))
                stack.append((name, keep))
        if not keep:
            out.append(html[pos : m.start()])
            out.append(" ")
            pos = m.end()
    out.append(html[pos:])
    return "".join(out)


def prose_window(html: str, size: int) -> str:
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
    half = max(scores) / 2
    first = next(i for i, sc in enumerate(scores) if sc >= half)
    begin = max(0, runs[first][0] - size // 10)
    if begin == 0:
        return html[:size]
    head_end = html.find("</head>", 0, HEAD_KEEP)
    head = html[: head_end + len("</head>")] if head_end >= 0 else ""
    return head + "<body>" + html[begin : begin + size - len(head)]
