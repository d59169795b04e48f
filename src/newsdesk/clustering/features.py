"""Article text -> sparse TF-IDF term weights (with names and lead boosted) and a lead passage to embed."""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.reading import ClusterTuning
from newsdesk.vocab import CALENDAR_WORDS, MONTH_NAMES, TERM, WEEKDAYS

# The weights are tunables (``ClusterTuning``): IDF squared (``idf_power``), because a rare term
# two articles share (a name, a place, a number) says more about the event than several common
# topic words do; every batch read as if ``background_docs`` unrelated articles were there too,
# because in a small batch of one story the story's own words are in every article and a bare
# batch IDF would call them common (on a large batch it changes little).  The background articles
# hold each word as often as ``background_words`` words of English do (``usual_share``): in a batch
# of two the batch cannot tell "officials" or "million" from a place name, the language can.
NAME_PREFIX = "n:"
_DEFAULT = DEFAULT_TUNING.cluster

# Capitalised word runs not right after a sentence end: proper names, places, organisations.
_NAME = re.compile(r"(?<![.!?\"“]\s)(?<!^)\b([A-Z][a-z'\-]+(?:\s+(?:[A-Z][a-z'\-]+|[A-Z]\.))*)", re.M)
# Words every news report uses whatever its event, the names of days and months among them: in a
# batch of two or three articles the IDF cannot tell them from the story's own words (a date says
# when, not what).
_STOP = frozenset(ENGLISH_STOP_WORDS) | frozenset(WEEKDAYS) | frozenset(MONTH_NAMES) | {
    "said", "says", "just", "like", "new", "year", "years", "told", "time",
}  # fmt: skip

SparseVec = dict[str, float]


def terms_of(text: str, title: str | None = None, tuning: ClusterTuning = _DEFAULT) -> Counter[str]:
    """Term counts: content words, proper-name runs (prefixed ``n:``; a month or a weekday is no
    name), lead and title counted again.

    Terms are interned: the articles of a batch share one copy of each term string (a third less
    memory for the clusterer's vectors of a large pile)."""
    words = [sys.intern(w) for w in TERM.findall(text.lower()) if w not in _STOP]
    counts: Counter[str] = Counter(words)
    counts.update(words[: tuning.lead_words] * tuning.lead_boost)
    names = (n.lower() for n in _NAME.findall(text))
    counts.update(
        sys.intern(NAME_PREFIX + n.replace(" ", "_")) for n in names if n not in CALENDAR_WORDS
    )
    if title:
        counts.update(sys.intern(w) for w in TERM.findall(title.lower()) if w not in _STOP)
    return counts


def lead_passage(text: str, title: str | None = None, words: int = _DEFAULT.lead_words) -> str:
    """Title and the first ``words`` words of the body: what the embedder sees of an article."""
    body = " ".join(text.split()[:words])
    return f"{title}. {body}" if title else body


class DocumentFrequencies:
    """Document frequencies for IDF: fitted once on a batch, or kept running (online)."""

    def __init__(self, tuning: ClusterTuning = _DEFAULT) -> None:
        self.df: Counter[str] = Counter()
        self.n = 0
        self.tuning = tuning

    def add(self, terms: Iterable[str]) -> None:
        self.df.update(set(terms))
        self.n += 1

    def idf(self, term: str) -> float:
        t = self.tuning
        usual = t.background_docs * usual_share(term, t.background_words) if t.background_words else 0.0
        return math.log((self.n + t.background_docs + 1) / (self.df.get(term, 0) + usual + 1)) + 1.0

    def too_common(self, term: str) -> bool:
        t = self.tuning
        return self.n >= t.common_after and self.df.get(term, 0) > t.max_df * self.n


@lru_cache(maxsize=1 << 18)
def usual_share(term: str, words: int) -> float:
    """The share of English texts of ``words`` words that hold ``term`` (a name: its words together),
    from its frequency in wordfreq's lists: the background articles' document frequency."""
    from wordfreq import word_frequency  # loaded when a batch is first weighed, not at start-up

    text = term[len(NAME_PREFIX):].replace("_", " ") if term.startswith(NAME_PREFIX) else term
    return -math.expm1(-word_frequency(text, "en") * words)


def weigh(counts: Counter[str], dfs: DocumentFrequencies) -> SparseVec:
    """Sublinear TF times IDF ** ``idf_power``, L2-normalised over all terms, truncated to the
    ``top_terms`` strongest (``dfs.tuning``)."""
    power, top = dfs.tuning.idf_power, dfs.tuning.top_terms
    raw = {
        t: (1.0 + math.log(c)) * dfs.idf(t) ** power
        for t, c in counts.items()
        if not dfs.too_common(t)
    }
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    best = sorted(raw.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    return {t: v / norm for t, v in best}


def dot(a: SparseVec, b: SparseVec) -> float:
    """Dot product of two sparse vectors (over their shared terms only)."""
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())  # exact: the same under any set order
