"""Classified dump lines and the found headline -> the outlet's name (title line, masthead, copyright line)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsdesk.extraction.dump_meta import SITE_PARTS
from newsdesk.extraction.lines import Line, content_words, normalize
from newsdesk.vocab import WORD

_NAME_PARTS = re.compile(r"\s+[|–—\-·:»]\s+|\s*\|\s*")
_DIGIT = re.compile(r"\d")
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\))\s*(?:copyright\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?(?:by\s+)?"
    r"(?P<name>[A-Z][\w&.'’ -]{1,60}?)"
    r"(?:,?\s+(?:LLC|Ltd|Inc|GmbH|SA|S\.A|AG|plc|Pty(?:\s+Ltd)?|Limited)\.?)?(?:\s+\d{4})?\s*(?:[.,|]|all rights reserved|$)",
    re.I,
)
NAME_WORDS = 5  # a masthead or a title line's site part names the outlet in this many words or fewer
SAME_HEADLINE = 0.5  # share of their words a title line's headline part and the found headline must share
MASTHEAD_LINE_WORDS = 12  # a masthead line (name and tagline) is no longer
FOOTER_LINES = 5  # the page's last lines, below the article, where a publisher line may name the outlet
ARTICLE_LETTERS = 3  # a masthead's first word this short may be an article the holder's name leaves out ("The")


def find_outlet(lines: Sequence[Line], title: tuple[str, int] | None, end: int) -> str | None:
    """The outlet: the site part of the page's title line ("Headline - Example News"), else a masthead
    above the headline whose name opens the copyright holder's or a publisher line's at the page's foot,
    else the holder a copyright line names ("© 2025 Example News Ltd")."""
    owner = copyright_holder(lines)
    if title is None:
        return owner
    return _title_site(lines, title[0]) or _masthead(lines, title[1], end, owner) or owner


def copyright_holder(lines: Sequence[Line]) -> str | None:
    """The name a copyright line gives ("© 2025 Example News. All rights reserved"), the last one first."""
    for ln in reversed(lines):
        if ln.words > 20:
            continue
        m = _COPYRIGHT.match(ln.text)
        if m:
            name = m.group("name").strip(" .,-")
            if name and not name.lower().startswith("all rights"):
                return name
    return None


def _title_site(lines: Sequence[Line], title: str) -> str | None:
    """The part of the first line (the page's title) beyond the headline: "Headline | Site" -> "Site";
    when the page prints its headline otherwise, the first line's last part if the rest and the headline
    mostly share their words and the last part mostly does not ("Headline, shortened - Site")."""
    first = lines[0].text if lines else ""
    at = first.find(title)
    if first == title:
        return None
    if at < 0:
        parts = SITE_PARTS.split(first)
        head, tail, said = content_words(" ".join(parts[:-1])), content_words(parts[-1]), content_words(title)
        if len(parts) < 2 or not head or len(head & said) < SAME_HEADLINE * max(len(head), len(said)):
            return None
        if len(tail & said) > SAME_HEADLINE * len(tail):
            return None  # the last part is the headline's too
        at, title = 0, first[: first.rindex(parts[-1])]
    after = [p for p in SITE_PARTS.split(first[at + len(title) :]) if p.strip()]
    before = [p for p in SITE_PARTS.split(first[:at]) if p.strip()]
    site = (after[-1] if after else before[0] if before else "").strip()
    return site if 0 < len(site.split()) <= NAME_WORDS else None


def _masthead(lines: Sequence[Line], title: int, end: int, owner: str | None) -> str | None:
    """A short name heading a line above the headline ("THE EXAMPLE POST — News since 1900") that opens
    the copyright holder's name ("Example Post Media Ltd") or one of the page's last lines ("The Example
    Post is published by ..."), a leading article ("The") aside."""
    named = [normalize(owner)] if owner else []
    footer = lines[max(end + 1, len(lines) - FOOTER_LINES) :]
    named += [normalize(ln.text).split(" is ")[0] for ln in footer if " is " in normalize(ln.text)]
    for ln in lines[:title]:
        if ln.words > MASTHEAD_LINE_WORDS:
            continue
        name = _NAME_PARTS.split(ln.text)[0].strip()
        words = normalize(name).split()
        if not 0 < len(words) <= NAME_WORDS or _DIGIT.search(name) or not name[0].isalpha():
            continue
        keys = [" ".join(words)]
        if len(words) > 1 and len(words[0]) <= ARTICLE_LETTERS:
            keys.append(" ".join(words[1:]))
        if any(f"{text} ".startswith(f"{key} ") for key in keys for text in named):
            return _recase(name, lines) if name.isupper() else name
    return None


def _recase(name: str, lines: Sequence[Line]) -> str:
    """An upper-case masthead in the capitalised spelling the page prints its words in elsewhere ("THE POST"
    -> "The Post"); a word the page never prints so stays upper case (an acronym)."""
    spelled: Counter[str] = Counter(
        w for ln in lines for w in WORD.findall(ln.text) if w[0].isupper() and not w.isupper()
    )
    best: dict[str, str] = {}
    for word, _ in spelled.most_common():
        best.setdefault(word.lower(), word)
    return WORD.sub(lambda m: best.get(m.group().lower(), m.group()), name)
