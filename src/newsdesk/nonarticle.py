"""Articles -> non-articles (crawler notices, social-media widgets, stubs), each with the reason.

Texts that are not news at all are recognised by generic signals: few words and sentences, a
high share of web-boilerplate vocabulary (``chrome.WEB_BOILERPLATE``), being repeated verbatim
among otherwise unrelated texts of the batch (``dedup`` fingerprints), and speaking to the
reader (second person and sentences opening on a command: forms, offers, horoscopes) without
reporting anything.  No phrase of any particular notice is named.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsdesk.chrome import COMMANDS, READER_WORDS, WEB_BOILERPLATE
from newsdesk.dedup import Fingerprint, fingerprint, linked_components, words_of
from newsdesk.models import Article

NEAR_IDENTICAL = 0.8  # the same notice repeated (non-articles)
REPORTING = re.compile(r"\b(said|says|told|according|reported|announced|wrote)\b", re.I)
BOILERPLATE_SHARE = 0.10  # share of words from the list that marks a text as chrome
READER_SHARE = 0.04  # second-person words and sentence-opening commands per word
SHORT_WORDS = 120
STUB_WORDS = 25
# (fewer words than, at least this share of web-boilerplate vocabulary): web chrome whatever it says
CHROME_RUNGS = ((SHORT_WORDS, BOILERPLATE_SHARE), (2 * SHORT_WORDS, 2 * BOILERPLATE_SHARE))
REPEATED_IN = 3  # a short text repeated this often among unrelated texts is chrome
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def boilerplate_share(words: Sequence[str]) -> float:
    """Share of ``words`` drawn from the web-boilerplate vocabulary."""
    return sum(w in WEB_BOILERPLATE for w in words) / len(words) if words else 1.0


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE_END.findall(text)))


def non_articles(articles: Sequence[Article], prints: Sequence[Fingerprint] | None = None) -> dict[str, str]:
    """Article id -> why it is not a news article (crawler notice, widget text, stub)."""
    prints = prints if prints is not None else [fingerprint(a.text) for a in articles]
    copies = _copy_counts(prints)
    out: dict[str, str] = {}
    for a, n_copies in zip(articles, copies):
        reason = non_article_reason(a.text, n_copies)
        if reason:
            out[a.id] = reason
    return out


def non_article_reason(text: str, copies: int = 1) -> str | None:
    """Why ``text`` is not news (None when it looks like an article); ``copies`` = near-identical texts in the batch."""
    words = words_of(text)
    n, share, sents = len(words), boilerplate_share(words), sentence_count(text)
    if n < STUB_WORDS:
        return f"stub: {n} words"
    if any(n < most and share >= least for most, least in CHROME_RUNGS):
        return f"web chrome: {n} words, {share:.0%} web-boilerplate vocabulary"
    if copies >= REPEATED_IN and n < 2 * SHORT_WORDS and sents <= 8 and share >= BOILERPLATE_SHARE / 2:
        return f"repeated notice: {n} words, found {copies} times in the batch"
    if REPORTING.search(text):
        return None
    if n < 4 * SHORT_WORDS and share >= BOILERPLATE_SHARE:
        return f"web notice: {n} words, {share:.0%} web-boilerplate vocabulary, nothing reported"
    address = reader_address(text, words)
    if n < SHORT_WORDS and address >= READER_SHARE:
        return f"notice to the reader: {n} words, {address:.0%} second person and commands"
    return None


def reader_address(text: str, words: Sequence[str]) -> float:
    """Second-person words plus sentences opening on a command, per word of ``text``."""
    openers = re.findall(r"(?:^|[.!?]\s+)(?:just\s+)?([A-Za-z]+)", text, re.I)
    commands = sum(w.lower() in COMMANDS for w in openers)
    return (sum(w in READER_WORDS for w in words) + commands) / len(words) if words else 0.0


def _copy_counts(prints: Sequence[Fingerprint]) -> list[int]:
    """How many texts of the batch (itself included) are near-identical to each text."""
    roots = linked_components(prints, lambda i, j, c: c >= NEAR_IDENTICAL, threshold=0.5)
    size = Counter(roots)
    return [size[r] for r in roots]
