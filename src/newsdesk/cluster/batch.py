"""A batch of articles -> story labels: one online pass with batch IDF, a reassignment pass, story merging."""

from __future__ import annotations

import heapq
from collections.abc import Sequence

import numpy as np

from newsdesk.cluster.features import DocumentFrequencies, SparseVec, dot, lead_passage, terms_of, weigh
from newsdesk.cluster.stories import ClusterSettings, StoryClusterer, StoryState
from newsdesk.models import Article, content_id
from newsdesk.nlp.embed import Embedder, default_embedder

REASSIGN_PASSES = 1
MERGE_ROUNDS = 3


def cluster(texts: Sequence[str], embedder: Embedder | None = None) -> list[int]:
    """Article texts -> one story label each (0, 1, ... in order of first appearance)."""
    return cluster_articles([Article(id=content_id(t), text=t) for t in texts], embedder=embedder)


def cluster_articles(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    *,
    settings: ClusterSettings | None = None,
) -> list[int]:
    """Articles -> story labels (first-appearance order); unrelated articles become singletons.

    Near-linear: candidates come from a term index over story centroids, never
    from comparing all pairs.  ``settings.embed_weight == 0`` skips the
    embedder (the fast TF-IDF path); otherwise ``embedder`` or the default one
    embeds each article's lead.
    """
    settings = settings or ClusterSettings()
    if not articles:
        return []
    vecs, embs, dfs = featurise(articles, settings, embedder)
    clusterer = StoryClusterer(settings, dfs=dfs)
    labels = [clusterer.add_vector(v, _row(embs, i)) for i, v in enumerate(vecs)]
    for _ in range(REASSIGN_PASSES):
        labels = reassign(clusterer, labels, vecs, embs)
    labels = merge_stories(clusterer, labels)
    return first_appearance(labels)


def featurise(
    articles: Sequence[Article], settings: ClusterSettings, embedder: Embedder | None
) -> tuple[list[SparseVec], np.ndarray | None, DocumentFrequencies]:
    """Truncated TF-IDF vectors with IDF fitted on the batch, and lead embeddings when weighted."""
    counts = [terms_of(a.text, a.title) for a in articles]
    dfs = DocumentFrequencies()
    for c in counts:
        dfs.add(c)
    vecs = [weigh(c, dfs) for c in counts]
    embs = None
    if settings.embed_weight > 0:
        embs = (embedder or default_embedder()).embed([lead_passage(a.text, a.title) for a in articles])
    return vecs, embs, dfs


def _row(embs: np.ndarray | None, i: int) -> np.ndarray | None:
    return None if embs is None else embs[i]


def reassign(
    clusterer: StoryClusterer, labels: list[int], vecs: Sequence[SparseVec], embs: np.ndarray | None
) -> list[int]:
    """Move each article to its best story now that all stories exist (undoes order effects)."""
    labels = list(labels)
    for i, vec in enumerate(vecs):
        emb = _row(embs, i)
        here = labels[i]
        clusterer.leave(here, vec, emb)
        stay = clusterer.scores(vec, emb, [here])[0] if clusterer.stories[here].size else -1.0
        best = clusterer.best_story(vec, emb, exclude=here)
        target = here
        if best is not None and clusterer.scores(vec, emb, [best])[0] > stay:
            target = best
        elif stay < clusterer.settings.threshold and clusterer.stories[here].size:
            target = len(clusterer.stories)
            clusterer.stories.append(StoryState())
        clusterer.join(target, vec, emb)
        labels[i] = target
    return labels


def story_similarity(clusterer: StoryClusterer, a: int, b: int) -> float:
    """Average-link similarity of two stories: mean over all member pairs, from the sums."""
    sa, sb = clusterer.stories[a], clusterer.stories[b]
    w = clusterer.settings.embed_weight if sa.emb is not None and sb.emb is not None else 0.0
    pairs = sa.size * sb.size
    sim = (1.0 - w) * dot(sa.terms, sb.terms) / pairs
    if w > 0 and sa.emb is not None and sb.emb is not None:
        sim += w * float(sa.emb @ sb.emb) / pairs
    return sim


def merge_stories(clusterer: StoryClusterer, labels: list[int]) -> list[int]:
    """Greedy average-link merging of candidate story pairs above the threshold."""
    parent = {s: s for s in set(labels)}
    for _ in range(MERGE_ROUNDS):
        merged = _merge_round(clusterer, parent)
        if not merged:
            break
    return [_root(parent, s) for s in labels]


def _merge_round(clusterer: StoryClusterer, parent: dict[int, int]) -> int:
    live = [s for s in parent if parent[s] == s and clusterer.stories[s].size > 0]
    for s in live:
        clusterer.reindex(s)
    heap: list[tuple[float, int, int]] = []
    for a in live:
        for b in clusterer.candidates(clusterer.stories[a].terms):
            if b > a and parent.get(b) == b:
                sim = story_similarity(clusterer, a, b)
                if sim >= clusterer.settings.threshold:
                    heap.append((-sim, a, b))
    heapq.heapify(heap)
    merged = 0
    while heap:
        _, a, b = heapq.heappop(heap)
        if parent[a] != a or parent[b] != b:
            continue
        if story_similarity(clusterer, a, b) < clusterer.settings.threshold:
            continue
        _absorb(clusterer, a, b)
        parent[b] = a
        merged += 1
    return merged


def _absorb(clusterer: StoryClusterer, a: int, b: int) -> None:
    sa, sb = clusterer.stories[a], clusterer.stories[b]
    sa.add(sb.terms, sb.emb)
    sa.size += sb.size - 1  # ``add`` counted the whole story as one member
    sb.terms, sb.emb, sb.size = {}, None, 0


def _root(parent: dict[int, int], s: int) -> int:
    while parent[s] != s:
        s = parent[s]
    return s


def first_appearance(labels: Sequence[int]) -> list[int]:
    """Relabel 0..k-1 in order of first appearance."""
    seen: dict[int, int] = {}
    return [seen.setdefault(x, len(seen)) for x in labels]
