"""The batch stages' tuned values -> frozen groups for non-article detection, dedup and clustering.

Declared once with default, bounds and one line saying what each was tuned on; ``dedup``,
``nonarticle`` and ``clustering`` receive their group as an argument.  "stories" is
``benchmarks/stories.py`` (B-cubed F1 on Multi-News dev clusters, tuned on the even half).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from newsdesk.tuning.declare import Group, tunable


@dataclass(frozen=True)
class ExtractTuning(Group):
    """How an HTML page's body is chosen and kept (``extraction.html``); the voter's features and
    coefficients are fitted (``extraction.html_vote_model``), not here."""

    name: ClassVar[str] = "extract"
    pick_ratio: float = tunable(1.6, "extraction on AEB dev (halves A/B, held out both ways): readability wins when it found this many times more text", low=0)
    pick_min: int = tunable(500, "extraction on AEB dev (halves A/B): ... and more than this many characters", low=0)
    table_share: float = tunable(0.6, "extraction on AEB dev: trafilatura's output is a table dump when one table holds this share of it", low=0, high=1)
    table_ratio: float = tunable(0.5, "extraction on AEB dev: ... and then readability wins from this share of its size", low=0)
    keep: float = tunable(0.5, "html_vote on AEB dev (5-fold, tuned on 4/5 of the pages): a block is kept from this probability of being body", low=0, high=1)
    min_text: int = tunable(25, "set by hand: an extraction shorter than this (characters) is no article", low=0)


@dataclass(frozen=True)
class DedupTuning(Group):
    """When two articles are copies of one text (``dedup``); the fingerprint's own shape is fixed there."""

    name: ClassVar[str] = "dedup"
    lsh_threshold: float = tunable(0.3, "stories (Multi-News dev pile): LSH candidate recall; each pair is then verified exactly", low=0.01, high=1)
    copy_containment: float = tunable(0.6, "stories (Multi-News dev pile, 4 copy pairs checked by hand): shingle containment of a copy", low=0, high=1)
    wire_containment: float = tunable(0.35, "set by hand on examples/ (a syndicated copy): ... when both credit one wire", low=0, high=1)
    max_shingles: int = tunable(4000, "bounded work: the first shingles of a long text are enough to tell a copy", low=1)


@dataclass(frozen=True)
class NonArticleTuning(Group):
    """What is not a news article: stubs, web chrome, repeated notices (``nonarticle``)."""

    name: ClassVar[str] = "nonarticle"
    order = (("stub_words", "short_words"),)
    near_identical: float = tunable(0.8, "stories (non-articles of the Multi-News dev pile): the same notice repeated", low=0, high=1)
    lsh_threshold: float = tunable(0.5, "stories (non-articles of the Multi-News dev pile): LSH candidate recall for near_identical", low=0.01, high=1)
    notice_sentences: int = tunable(8, "stories (non-articles of the Multi-News dev pile): a repeated notice has at most this many sentences", low=1)
    repeated_in: int = tunable(3, "stories (non-articles of the Multi-News dev pile): a short text repeated this often is chrome", low=2)
    boilerplate_share: float = tunable(0.10, "stories (non-articles of the Multi-News dev pile): web-boilerplate share that marks chrome", low=0, high=1)
    reader_share: float = tunable(0.04, "stories (non-articles of the Multi-News dev pile): second-person words and commands per word", low=0, high=1)
    short_words: int = tunable(120, "stories (non-articles of the Multi-News dev pile): a short text, judged on the shares above", low=1)
    stub_words: int = tunable(25, "stories (non-articles of the Multi-News dev pile): fewer words is a stub", low=0)


@dataclass(frozen=True)
class ClusterTuning(Group):
    """Merge threshold on average similarity, the weight of the lead embedding in it, two ratios, and
    the bounds on the candidates each article is compared with (``clustering``).

    ``threshold``: in a batch, two stories merge when the mean similarity over all their member
    pairs reaches it.  ``attach_ratio``: an article left alone joins the story of its nearest
    neighbour when their similarity reaches ``attach_ratio * threshold``.  ``online_ratio``: one
    article at a time, an article joins a story when its mean similarity to the members reaches
    ``online_ratio * threshold`` (it meets each story before its later members and is never moved).
    A batch smaller than ``reference_size`` articles is judged on a lower threshold
    (``threshold_for``): in a small batch the IDF cannot tell a story's common words from its rare
    ones.  The figures are in benchmarks/README.md (stories).
    """

    name: ClassVar[str] = "cluster"
    threshold: float = tunable(0.16, "stories, even half of Multi-News dev (flat from 0.13 to 0.16)", low=0, high=1)
    embed_weight: float = tunable(0.0, "stories: the lead embedding did not raise B-cubed F1 and cost 10x the time", low=0, high=1)
    attach_ratio: float = tunable(0.55, "stories, even half: a lone article joins its nearest neighbour's story from this x threshold", low=0, high=1)
    online_ratio: float = tunable(0.65, "stories, even half: the online mode is best at 0.65 x 0.16", low=0, high=1)
    reference_size: int = tunable(300, "stories, even clusters in piles of 3 to 320 articles: from this size the threshold is whole", low=1)
    size_exponent: float = tunable(0.2, "stories, even clusters in piles of 1 to 125 clusters: scaling (n / reference_size) ** this", low=0)
    min_threshold: float = tunable(0.06, "stories, small piles: the threshold never falls below this", low=0, high=1)
    query_terms: int = tunable(40, "stories (speed and F1): an article looks others up by its strongest terms", low=1)
    index_terms: int = tunable(40, "stories, online: a story is findable by its strongest centroid terms", low=1)
    max_candidates: int = tunable(30, "stories (speed and F1): articles or stories scored exactly per article", low=1)
    max_posting: int = tunable(2000, "scale.py (bounded work): a term shared by more than this is too common to block on", low=1)
    neighbours: int = tunable(10, "stories: edges kept per article (the graph is symmetrised)", low=1)
    top_terms: int = tunable(300, "stories (bounded cost, F1 flat): a document keeps its strongest terms", low=1)
    lead_words: int = tunable(60, "stories, even half (60 and 120 tried): the lead, counted once more and embedded", low=0)
    lead_boost: int = tunable(1, "stories, even half: extra counts of each lead word", low=0)
    idf_power: float = tunable(2.0, "stories, even half (1.5-2.5 tried): a rare shared term says more than common topic words", low=0)
    max_df: float = tunable(0.5, "stories: terms in more than this share of the documents carry no story signal", low=0, high=1)
    common_after: int = tunable(20, "stories: max_df applies once this many documents are counted", low=1)
    background_docs: int = tunable(50, "stories, small piles: every batch is read as if this many unrelated articles were there too", low=0)

    def threshold_for(self, n: int) -> float:
        """The merge threshold of a batch of ``n`` articles: lower for small batches, never above ``threshold``."""
        scale = min(1.0, max(n, 1) / self.reference_size) ** self.size_exponent
        return max(min(self.min_threshold, self.threshold), self.threshold * scale)

    @property
    def online_threshold(self) -> float:
        return self.online_ratio * self.threshold

    @classmethod
    def tfidf_only(cls) -> ClusterTuning:
        return cls()

    @classmethod
    def with_embedding(cls) -> ClusterTuning:
        # the size scaling is fitted to TF-IDF alone; a lead embedding's cosine does not shrink in small batches
        return cls(threshold=0.2, embed_weight=0.25, size_exponent=0.0)
