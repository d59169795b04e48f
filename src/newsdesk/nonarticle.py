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
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.reading import NonArticleTuning

REPORTING = re.compile(r"\b(said|says|told|according|reported|announced|wrote)\b", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def boilerplate_share(words: Sequence[str]) -> float:
    """Share of ``words`` drawn from the web-boilerplate vocabulary."""
    return sum(w in WEB_BOILERPLATE for w in words) / len(words) if words else 1.0


def sentence_count(text: str) -> int:
    return max(1, len(_SENTENCE_END.findall(text)))


def non_articles(
    articles: Sequence[Article],
    prints: Sequence[Fingerprint] | None = None,
    tuning: NonArticleTuning = DEFAULT_TUNING.nonarticle,
) -> dict[str, str]:
    """Article id -> why it is not a news article (crawler notice, widget text, stub)."""
    prints = prints if prints is not None else [fingerprint(a.text) for a in articles]
    copies = _copy_counts(prints, tuning)
    out: dict[str, str] = {}
    for a, n_copies in zip(articles, copies):
        reason = non_article_reason(a.text, n_copies, tuning)
        if reason:
            out[a.id] = reason
    return out


def non_article_reason(text: str, copies: int = 1, t: NonArticleTuning = DEFAULT_TUNING.nonarticle) -> str | None:
    """Why ``text`` is not news (None when it looks like an article); ``copies`` = near-identical texts in the batch."""
    words = words_of(text)
    n, share, sents = len(words), boilerplate_share(words), sentence_count(text)
    short, chrome = t.short_words, t.boilerplate_share
    if n < t.stub_words:
        return f"stub: {n} words"
    # fewer words than short (or twice short) and this share of web-boilerplate vocabulary: chrome whatever it says
    if any(n < most and share >= least for most, least in ((short, chrome), (2 * short, 2 * chrome))):
        return f"web chrome: {n} words, {share:.0%} web-boilerplate vocabulary"
    if copies >= t.repeated_in and n < 2 * short and sents <= t.notice_sentences and share >= chrome / 2:
        return f"repeated notice: {n} words, found {copies} times in the batch"
    if REPORTING.search(text):
        return None
    if n < 4 * short and share >= chrome:
        return f"web notice: {n} words, {share:.0%} web-boilerplate vocabulary, nothing reported"
    address = reader_address(text, words)
    if n < short and address >= t.reader_share:
        return f"notice to the reader: {n} words, {address:.0%} second person and commands"
    return None


def reader_address(text: str, words: Sequence[str]) -> float:
    """Second-person words plus sentences opening on a command, per word of ``text``."""
    openers = re.findall(r"(?:^|[.!?]\s+)(?:just\s+)?([A-Za-z]+)", text, re.I)
    commands = sum(w.lower() in COMMANDS for w in openers)
    return (sum(w in READER_WORDS for w in words) + commands) / len(words) if words else 0.0


def _copy_counts(prints: Sequence[Fingerprint], t: NonArticleTuning) -> list[int]:
    """How many texts of the batch (itself included) are near-identical to each text."""
    roots = linked_components(prints, lambda i, j, c: c >= t.near_identical, t.lsh_threshold)
    size = Counter(roots)
    return [size[r] for r in roots]
