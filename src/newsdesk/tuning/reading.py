"""The batch stages' tuned values -> frozen groups for extraction, non-article detection, dedup and clustering.

Declared once with default, bounds and one line saying what each was tuned on; ``dedup``,
``nonarticle`` and ``clustering`` receive their group as an argument, the text-dump extraction
its group in the batch's ``DumpContext``.  "stories" is
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
    neighbour when their similarity reaches ``attach_ratio * threshold`` (``attach_for``).
    ``online_ratio``: one article at a time, an article joins a story when its mean similarity to the members reaches
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
    min_threshold: float = tunable(0.06, "stories, small piles: the threshold, and the attach of a lone article, never fall below this", low=0, high=1)
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
    background_words: int = tunable(3000, "stories, tiny batches of the even half (200-10,000 tried): ... each holding a word as often as this many words of English do (wordfreq; 0: none)", low=0)
    near_stories: int = tunable(2, "library, even Multi-News dev clusters split across ingests: an ingest batch is clustered with this many nearest stories per new article", low=0)
    near_floor: float = tunable(0.8, "library, even clusters split across ingests: ... those whose members it resembles by at least this x the online threshold", low=0)
    neighbour_members: int = tunable(10, "library, even clusters split across ingests: ... each with this many of its latest members", low=1)

    def threshold_for(self, n: int) -> float:
        """The merge threshold of a batch of ``n`` articles: lower for small batches, never above ``threshold``."""
        scale = min(1.0, max(n, 1) / self.reference_size) ** self.size_exponent
        return max(self._floor, self.threshold * scale)

    def attach_for(self, n: int) -> float:
        """The similarity from which a lone article joins its nearest neighbour in a batch of ``n``:
        ``attach_ratio`` x the batch's threshold, but never below the floor of ``threshold_for``
        (in a pair of lone articles the attach is their merge threshold)."""
        return max(self._floor, self.attach_ratio * self.threshold_for(n))

    @property
    def _floor(self) -> float:
        return min(self.min_threshold, self.threshold)

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


BODY = "textdumps (AEB dev text dumps; both by-site halves reported)"
META_A = "dumpmeta (AEB dumps): written on half A, scored on B"
META_B = "dumpmeta (AEB dumps): written on half B, neutral on A"


@dataclass(frozen=True)
class DumpTuning(Group):
    """How a text dump's body run, headline, byline and date are found (``extraction.textdump``,
    ``lines``, ``dump_meta``, ``dump_byline``); its word lists and patterns are data in
    ``extraction.chrome_rules``, not here.

    The batch's ``DumpContext`` carries this group to the extraction workers.  "textdumps" is
    ``benchmarks/textdumps.py`` (word 4-shingle F1 of the body), "dumpmeta" is
    ``benchmarks/dumpmeta.py`` (title, authors, date against each page's HTML).
    """

    name: ClassVar[str] = "dump"
    order = (("title_lookback", "title_echo_lookback"), ("name_min_words", "name_max_words"))
    long_words: int = tunable(12, f"{BODY}, 5-fold CV grid 8-15: a sentence-like line this long is body evidence", low=1)
    short_penalty: float = tunable(6.0, f"{BODY}, 5-fold CV grid 1-6: cost of a short, non-sentence line inside the body run", low=0)
    cue_penalty: float = tunable(15.0, f"{BODY}: cost of a chrome line (share, tags, cookie...) inside the body run", low=0)
    nav_penalty: float = tunable(60.0, f"{BODY}: cost of a 'Related stories'-style header (it usually ends the article)", low=0)
    teaser_overlap: float = tunable(0.12, f"{BODY}, 5-fold CV grid 0.06-0.2: a teaser shares fewer content words with the article core", low=0, high=1)
    standfirst_look: int = tunable(5, f"{BODY}: lines above the body run searched for a standfirst", low=0)
    standfirst_overlap: float = tunable(0.3, f"{BODY}: share of a standfirst's content words the body must use", low=0, high=1)
    bridge_gap: int = tunable(2, f"{BODY}, set by hand on invented dumps, neutral on both halves: short lines a body run is carried across to a sentence that is no teaser (short sentences sharing words with the run not counted)", low=0)
    headline_overlap: float = tunable(0.1, f"{BODY}: a shorter line right above a standfirst is its headline from this shared share", low=0, high=1)
    repeat_files: int = tunable(2, f"{BODY}: a line printed by this many files of a batch (this one included, copies not) is site chrome", low=2)
    copy_shared: int = tunable(2, f"{BODY}: files sharing this many long lines are copies of one story, not one site's chrome", low=1)
    title_lookback: int = tunable(40, f"{META_A}: lines above the body searched for a headline that only shares the lead's words", low=0)
    title_lead_lines: int = tunable(10, f"{META_A}: body lines whose words a headline should share", low=1)
    title_full_words: int = tunable(4, f"{META_A}: a headline with fewer content words scores less (section labels are short)", low=1)
    stem: int = tunable(5, f"{META_A}: letters of a word compared between a headline and the lead", low=1)
    title_max_words: int = tunable(30, f"{META_A}: the most words of a headline", low=2)
    title_min_overlap: float = tunable(0.25, f"{META_A} (0.3 dropped on B): share of a headline's content words the lead must use", low=0, high=1)
    title_sentence_words: int = tunable(20, f"{META_A}: a longer line ending in a full stop is a sentence, never a headline", low=0)
    title_period: float = tunable(0.3, f"{META_A} (A +2 titles, B neutral): cost of a full stop ending a headline", low=0)
    title_echo: float = tunable(0.6, f"{META_A}: bonus of a line repeating the page's title line (its first line)", low=0)
    title_echo_least: float = tunable(0.6, f"{META_A}: a line repeats the title line from this Jaccard of stems", low=0, high=1)
    title_echo_lookback: int = tunable(100, f"{META_A}: lines above the body searched for a repeat of the title line", low=0)
    title_below_words: int = tunable(3, f"{META_B}: a repeat of the title line below the body run's start counts from this many words", low=1)
    title_below_gap: int = tunable(3, f"{META_B}: ... when body text starts within this many lines under it", low=1)
    title_distance: float = tunable(0.005, f"{META_A}: cost per line between a headline and the body", low=0)
    title_exact: float = tunable(1.0, f"{META_B}: bonus of a word-for-word repeat of the title line's headline part", low=0)
    date_lookback: int = tunable(14, f"{META_A}: lines above the body searched for a date line when none is under the headline", low=0)
    date_after_title: int = tunable(6, f"{META_A}: lines under the headline searched for the date", low=0)
    date_above_title: int = tunable(2, "dumpmeta (AEB dumps): written on half B, A +2 dates: then lines above the headline", low=0)
    date_line_words: int = tunable(25, f"{META_A}: a longer line near the headline is prose, whatever date it mentions", low=1)
    author_look: int = tunable(14, f"{META_A}: lines around the body run searched for a 'By' line when none is under the headline", low=0)
    byline_after_title: int = tunable(6, f"{META_A}: lines under the headline searched for its byline", low=0)
    bare_after_title: int = tunable(3, f"{META_A}: a line of names alone is a byline only this close under the headline", low=0)
    byline_max_words: int = tunable(20, f"{META_A}: a longer line is prose, not a byline", low=1)
    inner_by_words: int = tunable(3, "dumpmeta (AEB dumps), half A's false authors: words before a ' by ' that needs no date or bar before it", low=0)
    bare_max_words: int = tunable(8, f"{META_A}: the most words of a line of names without 'By'", low=1)
    name_min_words: int = tunable(2, f"{META_A}: the fewest words of a person's name", low=1)
    name_max_words: int = tunable(4, f"{META_A}: the most words of a person's name", low=1)
