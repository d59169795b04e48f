"""Piles of 1k-100k varied Multi-News articles -> time and peak memory of dedup, clustering and sentence splitting.

Larger piles are built from the real dev articles (non-articles dropped) by
varying each copy so that duplicates are not trivial: paragraphs after the
first are dropped (p=0.3 each) and shuffled, sentences inside a paragraph are
shuffled (p=0.3), numbers are replaced by random ones (p=0.5 each), capitalised
words are swapped for names drawn from another article (p=0.15 each), and a
paragraph of another article of the same cluster is appended (p=0.3).  A copy
keeps its source's cluster as gold, so B-cubed F1 is printed too.
Stages: dedup = ``deduplicate`` (non-articles, then syndication groups); clustering =
``cluster_articles`` on the fast TF-IDF path (no embedder: MiniLM at ~170
leads/s would dominate at 100k); sentences = a regex splitter (spaCy at ~250
sentences/s would too); briefs = ``make_brief`` for every story with the
hashing embedder, big stories sampled as the pipeline does (MAX_ANALYSED).
Each size runs in a fresh process; peak memory is its max RSS.  Times are CPU seconds of that
process (every stage runs on one core), so other jobs on a shared machine do not bend the curve.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from stories import bcubed, load_pile  # noqa: E402

from newsdesk.clustering import ClusterSettings, cluster_articles  # noqa: E402
from newsdesk.dedup import deduplicate, non_articles  # noqa: E402
from newsdesk.models import Article, Sentence  # noqa: E402

SIZES = (1_000, 3_000, 10_000)  # ~10 min on a shared 2-core machine
FULL = SIZES + (30_000, 100_000)
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
_NUM = re.compile(r"\b\d+\b")
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")


def vary(text: str, donor: str, sibling: str, rng: random.Random) -> str:
    """One non-trivial variant of ``text`` (see module docstring)."""
    paras = [p for p in text.split("\n\n") if p.strip()] or [text]
    rest = [p for p in paras[1:] if rng.random() > 0.3]
    rng.shuffle(rest)
    paras = [paras[0]] + rest
    if rng.random() < 0.3:
        paras.append(rng.choice([p for p in sibling.split("\n\n") if p.strip()] or [sibling]))
    paras = [_shuffle_sentences(p, rng) if rng.random() < 0.3 else p for p in paras]
    names = _CAP.findall(donor) or ["Smith"]
    out = "\n\n".join(paras)
    out = _NUM.sub(lambda m: str(rng.randint(1, 2000)) if rng.random() < 0.5 else m.group(), out)
    return _CAP.sub(lambda m: rng.choice(names) if rng.random() < 0.15 else m.group(), out)


def _shuffle_sentences(p: str, rng: random.Random) -> str:
    sents = _SENT.split(p)
    rng.shuffle(sents)
    return " ".join(sents)


def make_pile(n: int, seed: int = 0) -> tuple[list[Article], list[str]]:
    """``n`` articles: the real ones first, then variants, with gold cluster ids."""
    base, gold = load_pile()
    rejected = non_articles(base)
    pairs = [(a, g) for a, g in zip(base, gold) if a.id not in rejected]
    by_gold: dict[str, list[Article]] = {}
    for a, g in pairs:
        by_gold.setdefault(g, []).append(a)
    rng = random.Random(seed)
    arts, labels = [a for a, _ in pairs][:n], [g for _, g in pairs][:n]
    while len(arts) < n:
        a, g = rng.choice(pairs)
        text = vary(a.text, rng.choice(pairs)[0].text, rng.choice(by_gold[g]).text, rng)
        arts.append(Article(id=f"v{len(arts)}", text=text))
        labels.append(g)
    return arts, labels


def sentences(articles: list[Article]) -> int:
    return sum(len(_SENT.split(p)) for a in articles for p in a.paragraphs)


def split(article: Article) -> list[Sentence]:
    """Regex sentences of an article with their offsets (spaCy would dominate at 100k)."""
    out, start = [], 0
    for m in re.finditer(r"[^\n]+", article.text):
        for part in _SENT.split(m.group()):
            at = article.text.find(part, start)
            if part.strip() and at >= 0:
                out.append(Sentence(article.id, at, at + len(part), part, len(out)))
                start = at + len(part)
    return out


def briefs(arts: list[Article], labels: list[int], groups: list[tuple[str, ...]]) -> int:
    """A 200-word brief of every story, as the pipeline makes them (same sampling of big stories),
    with the hashing embedder (MiniLM at ~170 sentences/s would dominate at 100k)."""
    from newsdesk.analyse.context import StoryContext
    from newsdesk.brief import make_brief
    from newsdesk.nlp.embed import HashingEmbedder
    from newsdesk.pipeline import MAX_ANALYSED, representatives

    embedder = HashingEmbedder()
    members: dict[int, list[Article]] = {}
    for a, label in zip(arts, labels):
        members.setdefault(label, []).append(a)
    group_of = {i: g for g in groups for i in g}
    made = 0
    for everyone in members.values():
        sents = {a.id: split(a) for a in everyone}
        leads = [a for a in everyone if sents[a.id]]
        if not leads:
            continue
        vectors = embedder.embed([sents[a.id][0].text for a in leads])
        rows_of = {a.id: [r] for r, a in enumerate(leads)}
        chosen = representatives(leads, list({group_of.get(a.id, (a.id,)) for a in leads}), vectors, rows_of,
                                 MAX_ANALYSED)
        flat = [x for a in chosen for x in sents[a.id]]
        ids = {a.id for a in chosen}
        ctx = StoryContext(chosen, flat, embedder.embed([x.text for x in flat]),
                           syndication=[g for g in groups if set(g) & ids])
        made += bool(make_brief(ctx, words=200))
    return made


def run_size(n: int) -> dict[str, float]:
    arts, gold = make_pile(n)
    out: dict[str, float] = {"n": n, "rss_pile_mb": _rss_mb()}
    clock = time.process_time()
    found = deduplicate(arts)
    rejected, groups = found.non_articles, found.groups
    out["dedup_s"] = time.process_time() - clock
    out["non_articles"], out["copy_groups"] = len(rejected), sum(len(g) > 1 for g in groups)
    clock = time.process_time()
    labels = cluster_articles(arts, settings=ClusterSettings.tfidf_only(), copies=[g for g in groups if len(g) > 1])
    out["cluster_s"] = time.process_time() - clock
    out["stories"], out["b3_f1"] = len(set(labels)), bcubed(labels, gold)[2]
    clock = time.process_time()
    out["sentences"] = sentences(arts)
    out["sentences_s"] = time.process_time() - clock
    clock = time.process_time()
    out["briefs"] = briefs([a for a in arts if a.id not in rejected], [lab for a, lab in zip(arts, labels)
                                                                      if a.id not in rejected], groups)
    out["briefs_s"] = time.process_time() - clock
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def plot(rows: list[dict[str, float]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [r["n"] for r in rows]
    fig, ax = plt.subplots(figsize=(6, 4))
    for key in ("dedup_s", "cluster_s", "sentences_s", "briefs_s"):
        ax.loglog(ns, [max(r[key], 1e-3) for r in rows], marker="o", label=key[:-2])
    total = [r["dedup_s"] + r["cluster_s"] + r["sentences_s"] + r["briefs_s"] for r in rows]
    ax.loglog(ns, total, marker="s", color="black", label="total")
    ax.loglog(ns, [total[0] * n / ns[0] for n in ns], ls="--", color="grey", label="linear from first")
    ax.set_xlabel("articles")
    ax.set_ylabel("CPU seconds")
    ax.set_title("newsdesk dedup + clustering + briefs (2-core shared machine)")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=None, help=f"default {SIZES}")
    ap.add_argument("--full", action="store_true", help=f"sizes {FULL}")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one)))
        return
    rows = []
    print(f"{'n':>7s} {'dedup s':>8s} {'cluster s':>9s} {'sent s':>7s} {'brief s':>7s} {'total s':>8s} {'us/art':>7s} "
          f"{'peak MB':>8s} {'pile MB':>8s} {'stories':>7s} {'B3 F1':>6s} {'non-art':>7s} {'copies':>6s}")
    for n in args.sizes or (FULL if args.full else SIZES):
        child = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        r = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append(r)
        total = r["dedup_s"] + r["cluster_s"] + r["sentences_s"] + r["briefs_s"]
        print(f"{n:7d} {r['dedup_s']:8.1f} {r['cluster_s']:9.1f} {r['sentences_s']:7.1f} {r['briefs_s']:7.1f} {total:8.1f} "
              f"{1e6 * total / n:7.0f} {r['peak_mb']:8.0f} {r['rss_pile_mb']:8.0f} {r['stories']:7d} "
              f"{r['b3_f1']:6.3f} {r['non_articles']:7d} {r['copy_groups']:6d}", flush=True)
        plot(rows, HERE / "scale.png")  # after every size: a stopped run still leaves its plot
    print(f"plot: {HERE / 'scale.png'}")


if __name__ == "__main__":
    main()
