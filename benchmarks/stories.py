"""Multi-News dev clusters mixed into one pile -> B-cubed P/R/F1 of newsdesk clustering (batch, online) vs a baseline.

All documents of all 250 clusters are shuffled into one pile (seed 0).
Non-articles (``newsdesk.nonarticle.non_articles``: crawler notices, widget text)
are dropped before clustering and scored two ways: "dropped" leaves them out
of the score (primary figure), "as singletons" keeps them in the score, each
predicted as its own story against its original cluster label.
The threshold of every method is tuned on the clusters of one half (even
cluster index) and reported on the other half (held-out), on the tuning half
and on the full pile (newsdesk: only ``threshold``; the attach and online
ratios of ``ClusterSettings`` keep their defaults).  Baseline: TF-IDF (sublinear, English stop words) +
scikit-learn agglomerative clustering, average linkage on cosine distance
(quadratic; fine at this size).
Last, small batches: every cluster alone and neighbouring clusters in pairs, as a user's folder of
a few reports would be, with the size-aware threshold of ``ClusterSettings.threshold_for`` (the
default) next to the fixed one.  Then tiny batches per half of the clusters: a cluster's first two
articles (must join) and batches of k articles each from another cluster (must all stay apart).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from newsdesk.clustering import ClusterSettings, StoryClusterer, cluster_articles, first_appearance
from newsdesk.clustering.features import lead_passage
from newsdesk.nonarticle import non_articles
from newsdesk.models import Article

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))
DEV = SHARED / "data" / "multinews" / "dev.jsonl"

Clusterer = Callable[[Sequence[Article], float], list[int]]


def load_pile(path: Path = DEV, limit: int | None = None, seed: int = 0) -> tuple[list[Article], list[str]]:
    """All documents of the first ``limit`` clusters, shuffled: articles and their gold cluster ids."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf8").splitlines()][:limit]
    pile = [(Article(id=f"{r['id']}/{k}", text=d), r["id"]) for r in rows for k, d in enumerate(r["documents"])]
    random.Random(seed).shuffle(pile)
    return [a for a, _ in pile], [g for _, g in pile]


def bcubed(pred: Sequence[object], gold: Sequence[object]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a flat clustering."""
    pc, gc, both = Counter(pred), Counter(gold), Counter(zip(pred, gold))
    p = float(np.mean([both[(x, g)] / pc[x] for x, g in zip(pred, gold)]))
    r = float(np.mean([both[(x, g)] / gc[g] for x, g in zip(pred, gold)]))
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def baseline(articles: Sequence[Article], threshold: float) -> list[int]:
    """TF-IDF + agglomerative clustering (average linkage, cosine), all pairs."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    x = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=0.5).fit_transform(
        [a.text for a in articles]
    )
    if len(articles) < 2:
        return [0] * len(articles)
    dist = 1.0 - (x @ x.T).toarray()
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1.0 - threshold
    )
    return first_appearance(model.fit(np.clip(dist, 0, 2)).labels_.tolist())


class LeadCache:
    """Embeds all leads once in a batch, then answers per-article calls from memory (online runs)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        from newsdesk.nlp.embed import default_embedder

        inner = default_embedder()
        self.dim = inner.dim
        leads = [lead_passage(a.text, a.title) for a in articles]
        self._rows = dict(zip(leads, inner.embed(leads)))

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self._rows[t] for t in texts])


def methods(cache: LeadCache | None) -> dict[str, Clusterer]:
    def batch(weight: float) -> Clusterer:
        # the size scaling is fitted to TF-IDF alone (``ClusterSettings.with_embedding``)
        exponent = ClusterSettings().size_exponent if weight == 0 else 0.0
        return lambda arts, th: cluster_articles(
            arts, cache, settings=ClusterSettings(th, weight, size_exponent=exponent)
        )

    def online(weight: float) -> Clusterer:
        def run(arts: Sequence[Article], th: float) -> list[int]:
            c = StoryClusterer(ClusterSettings(th, weight), embedder=cache)
            return first_appearance([c.add(a) for a in arts])

        return run

    out: dict[str, Clusterer] = {
        "baseline tfidf+agglomerative": baseline,
        "newsdesk batch, tfidf": batch(0.0),
        "newsdesk online, tfidf": online(0.0),
    }
    if cache is not None:
        out["newsdesk batch, tfidf+embedding"] = batch(0.25)
        out["newsdesk online, tfidf+embedding"] = online(0.25)
    return out


def subset(articles: list[Article], gold: list[str], keep: set[str]) -> tuple[list[Article], list[str]]:
    idx = [i for i, g in enumerate(gold) if g in keep]
    return [articles[i] for i in idx], [gold[i] for i in idx]


def tune(fn: Clusterer, articles: list[Article], gold: list[str], grid: Sequence[float]) -> float:
    scores = [(bcubed(fn(articles, th), gold)[2], th) for th in grid]
    return max(scores)[1]


def with_singletons(pred: list[int], gold: list[str], dropped_gold: list[str]) -> tuple[float, ...]:
    extra = [f"non-article-{i}" for i in range(len(dropped_gold))]
    return bcubed([str(p) for p in pred] + extra, gold + dropped_gold)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N clusters only")
    ap.add_argument("--no-embed", action="store_true", help="skip the embedding variants")
    args = ap.parse_args()
    articles, gold = load_pile(limit=args.limit)
    rejected = non_articles(articles)
    dropped_gold = [g for a, g in zip(articles, gold) if a.id in rejected]
    kept = [i for i, a in enumerate(articles) if a.id not in rejected]
    articles, gold = [articles[i] for i in kept], [gold[i] for i in kept]
    print(f"pile: {len(articles) + len(dropped_gold)} documents of {len(set(gold + dropped_gold))} clusters; "
          f"non-articles dropped: {len(dropped_gold)}")
    ids = sorted(set(gold + dropped_gold))
    tune_half, held_half = set(ids[0::2]), set(ids[1::2])
    cache = None if args.no_embed else LeadCache(articles)
    grid = [round(x, 3) for x in np.arange(0.04, 0.40, 0.01)]
    print(f"{'method':36s} {'thr':>5s} | {'held-out P/R/F1':^20s} | {'tuning P/R/F1':^20s} | "
          f"{'full P/R/F1':^20s} | full F1 w/ non-articles | s (full)")
    tuned: dict[str, float] = {}
    for name, fn in methods(cache).items():
        th = tuned[name] = tune(fn, *subset(articles, gold, tune_half), grid)
        cells = [bcubed(fn(*subset(articles, gold, h)[:1], th), subset(articles, gold, h)[1])
                 for h in (held_half, tune_half)]
        clock = time.perf_counter()
        pred = fn(articles, th)
        secs = time.perf_counter() - clock
        full = bcubed(pred, gold)
        strict = with_singletons(pred, gold, dropped_gold)
        fmt = lambda s: "/".join(f"{v:.3f}" for v in s)  # noqa: E731
        print(f"{name:36s} {th:5.2f} | {fmt(cells[0])} | {fmt(cells[1])} | {fmt(full)} | "
              f"{strict[2]:.3f}                   | {secs:.2f}", flush=True)
    small_batches(articles, gold)
    unrelated_batches(articles, gold, tuned["baseline tfidf+agglomerative"])


def small_batches(articles: list[Article], gold: list[str]) -> None:
    """Batches of one and of two clusters, as a user's folder would be: splits and B-cubed, size-aware
    threshold (the default) against the fixed one.  Pairs are neighbouring cluster ids."""
    ids = sorted(set(gold))
    members = {g: [a for a, x in zip(articles, gold) if x == g] for g in ids}
    print(f"\nsmall batches ({len(ids)} one-cluster batches, {len(ids) // 2} two-cluster batches)")
    print(f"{'threshold':28s} | one cluster: split, B3 recall | two clusters: B3 P/R/F1")
    fixed = ClusterSettings(size_exponent=0.0)
    for name, st in ((f"fixed {fixed.threshold:.2f}", fixed), ("size-aware (default)", ClusterSettings())):
        ones = [cluster_articles(members[g], settings=st) for g in ids]
        split = sum(len(set(x)) > 1 for x in ones)
        recall = float(np.mean([bcubed(x, [0] * len(x))[1] for x in ones]))
        pairs = [(members[a] + members[b], [a] * len(members[a]) + [b] * len(members[b]))
                 for a, b in zip(ids[0::2], ids[1::2])]
        two = np.mean([bcubed(cluster_articles(arts, settings=st), g) for arts, g in pairs], axis=0)
        print(f"{name:28s} | {split:3d} of {len(ids)}, {recall:.3f}          | "
              f"{two[0]:.3f}/{two[1]:.3f}/{two[2]:.3f}")


def unrelated_batches(articles: list[Article], gold: list[str], baseline_th: float) -> None:
    """Tiny batches per half of the clusters (even: tuning, odd: held out): two articles of one
    cluster must form one story; articles each from another cluster must all stay apart."""
    ids = sorted(set(gold))
    members = {g: [a for a, x in zip(articles, gold) if x == g] for g in ids}
    print("\ntiny batches, even (tuning) / odd (held-out) clusters: same-cluster pairs joined; "
          "batches of k articles from k clusters kept all apart")
    sizes = (2, 3, 5, 10)
    print(f"{'method':28s} | {'pairs joined':^13s} | " + " | ".join(f"{f'k={k} apart':^13s}" for k in sizes))
    rows: list[tuple[str, Callable[[Sequence[Article]], list[int]]]] = [
        (f"baseline, fixed {baseline_th:.2f}", lambda arts: baseline(arts, baseline_th)),
        ("newsdesk batch (default)", lambda arts: cluster_articles(arts, settings=ClusterSettings())),
    ]
    for name, fn in rows:
        cells = []
        for batches in (_tiny_batches(members, ids[h::2], sizes) for h in (0, 1)):
            same = float(np.mean([len(set(fn(pair))) == 1 for pair in batches[0]]))
            apart = [float(np.mean([len(set(fn(b))) == len(b) for b in batches[k]])) for k in sizes]
            cells.append([same, *apart])
        print(f"{name:28s} | " + " | ".join(f"{e:.3f} / {o:.3f}" for e, o in zip(*cells)), flush=True)


def _tiny_batches(
    members: dict[str, list[Article]], ids: Sequence[str], sizes: Sequence[int], per_size: int = 150
) -> dict[int, list[list[Article]]]:
    """Key 0: the first two articles of each cluster with two or more; key k: ``per_size`` random
    batches of one random article from each of k different clusters (seeded)."""
    rng = random.Random(0)
    out: dict[int, list[list[Article]]] = {0: [members[g][:2] for g in ids if len(members[g]) > 1]}
    for k in sizes:
        out[k] = [[rng.choice(members[g]) for g in rng.sample(list(ids), k)] for _ in range(per_size)]
    return out


if __name__ == "__main__":
    main()
