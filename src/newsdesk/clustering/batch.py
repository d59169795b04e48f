"""A batch of articles -> story labels: batch IDF, a nearest-neighbour graph, average linkage, lone articles attached."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsdesk.clustering.features import DocumentFrequencies, SparseVec, lead_passage, terms_of, weigh
from newsdesk.clustering.graph import attach_singletons, average_linkage, neighbour_graph
from newsdesk.clustering.stories import ClusterSettings
from newsdesk.models import Article, content_id
from newsdesk.nlp.embed import Embedder, default_embedder


def cluster(texts: Sequence[str], embedder: Embedder | None = None) -> list[int]:
    """Article texts -> one story label each (0, 1, ... in order of first appearance)."""
    return cluster_articles([Article(id=content_id(t), text=t) for t in texts], embedder=embedder)


def cluster_articles(
    articles: Sequence[Article],
    embedder: Embedder | None = None,
    *,
    settings: ClusterSettings | None = None,
    copies: Sequence[Sequence[str]] = (),
) -> list[int]:
    """Articles -> story labels (first-appearance order); unrelated articles become singletons.

    ``copies`` are groups of article ids that reprint one text (``dedup.syndication_groups``):
    one article per group is clustered and the others take its story, so that a wire story
    reprinted a hundred times does not fill every neighbour list with itself.

    Near-linear: each article is compared with at most a fixed number of
    candidates from a term index, never with all others (``graph``).  The
    stories do not depend on the order of ``articles`` (only their labels'
    numbering does).
    ``settings.embed_weight == 0`` skips the embedder (the fast TF-IDF path);
    otherwise ``embedder`` or the default one embeds each article's lead.
    """
    settings = settings or ClusterSettings()
    if not articles:
        return []
    rep_of = _representatives(articles, copies)
    if len(set(rep_of)) < len(articles):
        reps = sorted(set(rep_of))
        slot = {r: n for n, r in enumerate(reps)}
        labels = cluster_articles([articles[r] for r in reps], embedder, settings=settings)
        return first_appearance([labels[slot[r]] for r in rep_of])
    vecs, embs, _ = featurise(articles, settings, embedder)
    graph = neighbour_graph(vecs, embs, settings)
    labels = average_linkage(graph, settings.threshold_for(len(articles)), settings.neighbours)
    labels = attach_singletons(graph, labels, settings.attach_for(len(articles)))
    return first_appearance(labels)


def _representatives(articles: Sequence[Article], copies: Sequence[Sequence[str]]) -> list[int]:
    """For each article, the index of its copy group's representative (itself when alone).

    The representative is the member with the smallest id, not the first in the batch, so that the
    stories do not depend on the order of the articles."""
    index = {a.id: i for i, a in enumerate(articles)}
    rep = list(range(len(articles)))
    for group in copies:
        members = sorted({i for i in group if i in index})
        for m in members[1:]:
            rep[index[m]] = index[members[0]]
    return rep


def featurise(
    articles: Sequence[Article], settings: ClusterSettings, embedder: Embedder | None
) -> tuple[list[SparseVec], np.ndarray | None, DocumentFrequencies]:
    """Truncated TF-IDF vectors with IDF fitted on the batch, and lead embeddings when weighted."""
    counts = [terms_of(a.text, a.title, settings) for a in articles]
    dfs = DocumentFrequencies(settings)
    for c in counts:
        dfs.add(c)
    vecs = [weigh(c, dfs) for c in counts]
    embs = None
    if settings.embed_weight > 0:
        leads = [lead_passage(a.text, a.title, settings.lead_words) for a in articles]
        embs = (embedder or default_embedder()).embed(leads)
    return vecs, embs, dfs


def first_appearance(labels: Sequence[int]) -> list[int]:
    """Relabel 0..k-1 in order of first appearance."""
    seen: dict[int, int] = {}
    return [seen.setdefault(x, len(seen)) for x in labels]
