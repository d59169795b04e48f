"""Articles, one at a time -> story labels: an online clusterer over story centroids with a term index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from newsdesk.clustering.features import DocumentFrequencies, SparseVec, dot, lead_passage, terms_of, weigh
from newsdesk.models import Article
from newsdesk.nlp.embed import Embedder
from newsdesk.tuning.reading import ClusterTuning

# the thresholds and candidate bounds are tunables (``newsdesk.tuning``, group ``cluster``)
ClusterSettings = ClusterTuning


@dataclass
class StoryState:
    """Sums of member vectors, so that average similarity to the members is one dot product."""

    terms: SparseVec = field(default_factory=dict)
    emb: np.ndarray | None = None
    size: int = 0
    indexed_at: int = 0
    indexed: tuple[str, ...] = ()

    def add(self, vec: SparseVec, emb: np.ndarray | None, sign: int = 1) -> None:
        for t, v in vec.items():
            self.terms[t] = self.terms.get(t, 0.0) + sign * v
        if emb is not None:
            self.emb = sign * emb if self.emb is None else self.emb + sign * emb
        self.size += sign

    def top_terms(self, k: int) -> tuple[str, ...]:
        return tuple(sorted(self.terms, key=lambda t: (-self.terms[t], t))[:k])


class StoryClusterer:
    """Online story clustering: ``add(article)`` joins the closest story or opens a new one.

    Candidate stories come from an inverted index of each story's strongest
    centroid terms (no all-pairs comparison); the article joins the candidate
    with the highest average similarity to its members (weighted TF-IDF cosine
    plus embedding cosine) when that reaches ``settings.online_threshold``.
    Without fitted document frequencies the IDF is kept running.
    """

    def __init__(
        self,
        settings: ClusterSettings | None = None,
        embedder: Embedder | None = None,
        dfs: DocumentFrequencies | None = None,
    ) -> None:
        self.settings = settings or ClusterSettings()
        self.embedder = embedder if self.settings.embed_weight > 0 else None
        self._running = dfs is None
        self.dfs = dfs or DocumentFrequencies(self.settings)
        self.stories: list[StoryState] = []
        self.index: dict[str, set[int]] = defaultdict(set)

    def add(self, article: Article) -> int:
        """Place one article; returns its story label (0, 1, ... in order of opening)."""
        counts = terms_of(article.text, article.title, self.settings)
        if self._running:
            self.dfs.add(counts)
        emb = None
        if self.embedder is not None:
            emb = self.embedder.embed([lead_passage(article.text, article.title, self.settings.lead_words)])[0]
        return self.add_vector(weigh(counts, self.dfs), emb)

    def add_vector(self, vec: SparseVec, emb: np.ndarray | None = None) -> int:
        """Place one article given its term vector (and lead embedding)."""
        label = self.best_story(vec, emb)
        if label is None:
            label = len(self.stories)
            self.stories.append(StoryState())
        self.join(label, vec, emb)
        return label

    def best_story(self, vec: SparseVec, emb: np.ndarray | None, exclude: int = -1) -> int | None:
        """The candidate story with the highest average similarity, if it reaches the threshold."""
        cands = [c for c in self.candidates(vec) if c != exclude and self.stories[c].size > 0]
        if not cands:
            return None
        scores = self.scores(vec, emb, cands)
        i = int(np.argmax(scores))
        return cands[i] if scores[i] >= self.settings.online_threshold else None

    def candidates(self, vec: SparseVec) -> list[int]:
        """Stories sharing strong terms with ``vec``, most shared weight first."""
        hits: dict[int, float] = defaultdict(float)
        st = self.settings
        for t, w in sorted(vec.items(), key=lambda kv: -kv[1])[: st.query_terms]:
            posting = self.index.get(t)
            if posting and len(posting) <= st.max_posting:
                for s in posting:
                    hits[s] += w
        return sorted(hits, key=lambda s: (-hits[s], s))[: st.max_candidates]

    def scores(self, vec: SparseVec, emb: np.ndarray | None, cands: Sequence[int]) -> np.ndarray:
        """Average similarity of one article to the members of each candidate story."""
        w = self.settings.embed_weight if emb is not None else 0.0
        sizes = np.array([self.stories[c].size for c in cands], dtype=np.float64)
        text = np.array([dot(vec, self.stories[c].terms) for c in cands])
        out = (1.0 - w) * text / sizes
        if w > 0 and emb is not None:
            sums = np.stack([_emb_or_zero(self.stories[c].emb, emb) for c in cands])
            out += w * (sums @ emb) / sizes
        return out

    def join(self, label: int, vec: SparseVec, emb: np.ndarray | None) -> None:
        story = self.stories[label]
        story.add(vec, emb)
        if story.size >= 2 * story.indexed_at or story.size - story.indexed_at >= 16:
            self.reindex(label)

    def reindex(self, label: int) -> None:
        story = self.stories[label]
        for t in story.indexed:
            self.index[t].discard(label)
        story.indexed = story.top_terms(self.settings.index_terms) if story.size > 0 else ()
        story.indexed_at = story.size
        for t in story.indexed:
            self.index[t].add(label)


def _emb_or_zero(total: np.ndarray | None, like: np.ndarray) -> np.ndarray:
    return total if total is not None else np.zeros_like(like)
