"""ECB+ dev topics -> cross-document event coreference (MUC, B³, CEAF-e, CoNLL F1): ours vs lemma baselines.

Our matching first groups the documents of a topic by similarity (mean
embedding of their annotated sentences, average linkage), then clusters the
event mentions inside each group by average linkage over a pairwise score:
trigger (same lemma, else the cosine of the trigger words' embeddings),
sentence embedding cosine and argument overlap (entities, times and numbers
of the sentence).  Weights and thresholds are fitted on one half
of the topics (every other one by number) and scored on the rest ("held-out"); the fit half and all
of dev are printed for reference.  Baselines from the same run: same lemma
within a topic, and same lemma within our document groups.  Gold mentions;
unlinked mentions (cluster null) are gold singletons.

    nice .venv/bin/python benchmarks/events.py [--topics N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))
DATA = SHARED / "data" / "ecbplus" / "dev.jsonl"
ARG_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "DATE", "TIME", "CARDINAL"}

Clusters = list[set[str]]


@dataclass
class Mention:
    id: str
    topic: str
    doc: str
    lemma: str
    gold: str
    sentence: int = -1  # row of the sentence embedding
    args: set[str] = field(default_factory=set)


# --- metrics ---------------------------------------------------------------------------------


def muc(key: Clusters, response: Clusters) -> tuple[float, float]:
    def recall(k: Clusters, r: Clusters) -> float:
        where = {m: i for i, c in enumerate(r) for m in c}
        num = sum(len(c) - len({where.get(m, ("single", m)) for m in c}) for c in k)
        den = sum(len(c) - 1 for c in k)
        return num / den if den else 0.0

    return recall(response, key), recall(key, response)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float]:
    def recall(k: Clusters, r: Clusters) -> float:
        where = {m: c for c in r for m in c}
        total = sum(len(c & where.get(m, {m})) / len(c) for c in k for m in c)
        return total / sum(len(c) for c in k)

    return recall(response, key), recall(key, response)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float]:
    """Entity CEAF (phi4); the optimal alignment is found per group of overlapping clusters."""
    owner = {m: j for j, r in enumerate(response) for m in r}
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, k in enumerate(key):
        for m in k:
            if m in owner:
                parent[find(i)] = find(len(key) + owner[m])
    parts: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for x in range(len(parent)):
        side = 0 if x < len(key) else 1
        parts[find(x)][side].append(x if side == 0 else x - len(key))
    best = 0.0
    for ks, rs in parts.values():
        if not ks or not rs:
            continue
        sim = np.array(
            [
                [2 * len(key[i] & response[j]) / (len(key[i]) + len(response[j])) for j in rs]
                for i in ks
            ]
        )
        rows, cols = linear_sum_assignment(-sim)
        best += float(sim[rows, cols].sum())
    return best / len(response), best / len(key)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(key: Clusters, response: Clusters) -> dict[str, float]:
    out = {
        name: f1(*metric(key, response))
        for name, metric in (("MUC", muc), ("B3", b_cubed), ("CEAF-e", ceaf_e))
    }
    p, r = b_cubed(key, response)
    out.update({"B3-P": p, "B3-R": r, "CoNLL": (out["MUC"] + out["B3"] + out["CEAF-e"]) / 3})
    return out


# --- data and features -----------------------------------------------------------------------


def load(limit: int | None) -> tuple[list[Mention], list[str], dict[str, list[int]]]:
    """Mentions with lemma and arguments; the texts of their sentences; sentence rows per document."""
    from newsdesk.nlp.spacy_model import parse_many

    topics = [json.loads(line) for line in DATA.read_text(encoding="utf8").splitlines()][:limit]
    mentions: list[tuple[Mention, int, int]] = []
    sentences: list[str] = []
    keyed: dict[tuple[str, int], int] = {}
    for t in topics:
        for d in t["docs"]:
            starts = np.cumsum([0] + [len(line) + 1 for line in d["text"].split("\n")])
            for e in d["events"]:
                line = int(np.searchsorted(starts, e["start"], side="right")) - 1
                gold = e["cluster"] or f"single:{d['doc_id']}:{e['start']}"
                m = Mention(f"{d['doc_id']}:{e['start']}", t["id"], d["doc_id"], "", gold)
                key = (d["doc_id"], line)
                if key not in keyed:
                    keyed[key] = len(sentences)
                    sentences.append(d["text"][starts[line] : starts[line + 1]].strip())
                m.sentence = keyed[key]
                offset = e["start"] - int(starts[line])
                mentions.append((m, offset, len(e["text"])))
    docs = parse_many(sentences, batch_size=64)
    rows: dict[str, list[int]] = defaultdict(list)
    for (doc_id, _), row in keyed.items():
        rows[doc_id].append(row)
    out = []
    for m, offset, length in mentions:
        doc = docs[m.sentence]
        span = doc.char_span(offset, offset + length, alignment_mode="expand")
        m.lemma = (
            span.root.lemma_ if span is not None else doc.text[offset : offset + length]
        ).lower()
        m.args = {e.text.lower() for e in doc.ents if e.label_ in ARG_LABELS}
        out.append(m)
    return out, sentences, rows


def features(
    mentions: list[Mention],
    sent_vecs: np.ndarray,
    doc_vecs: dict[str, np.ndarray],
    word_vecs: dict[str, np.ndarray],
) -> np.ndarray:
    """Pairwise features (n, n, 4): trigger similarity, sentence cosine, document cosine, argument Jaccard."""
    n = len(mentions)
    lemmas = np.stack([word_vecs[m.lemma] for m in mentions])
    same = np.array([[a.lemma == b.lemma for b in mentions] for a in mentions], dtype=np.float32)
    trig = np.maximum(same, lemmas @ lemmas.T)
    sents = sent_vecs[[m.sentence for m in mentions]]
    docs = np.stack([doc_vecs[m.doc] for m in mentions])
    args = np.zeros((n, n), dtype=np.float32)
    for i, a in enumerate(mentions):
        for j in range(i + 1, n):
            b = mentions[j]
            if a.args and b.args:
                args[i, j] = args[j, i] = len(a.args & b.args) / len(a.args | b.args)
    return np.stack([trig, sents @ sents.T, docs @ docs.T, args], axis=-1)


def cluster(sim: np.ndarray, threshold: float) -> list[int]:
    """Average-linkage agglomerative clustering on a similarity matrix."""
    from sklearn.cluster import AgglomerativeClustering

    if len(sim) == 1:
        return [0]
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="average", distance_threshold=1 - threshold
    )
    return list(model.fit_predict(np.clip(1 - sim, 0, 2)))


def lemma_baseline(mentions: list[Mention]) -> Clusters:
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        groups[(m.topic, m.lemma)].add(m.id)
    return list(groups.values())


def lemma_in_groups(
    by_topic: dict[str, tuple[list[Mention], np.ndarray]], doc_threshold: float
) -> Clusters:
    """The stronger baseline: same lemma, inside the same group of similar documents."""
    groups: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    for t, (ms, feats) in by_topic.items():
        group = _doc_groups(ms, feats, doc_threshold)
        for m in ms:
            groups[(t, group[m.doc], m.lemma)].add(m.id)
    return list(groups.values())


def gold(mentions: list[Mention]) -> Clusters:
    groups: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        groups[m.gold].add(m.id)
    return list(groups.values())


def ours(
    by_topic: dict[str, tuple[list[Mention], np.ndarray]],
    weights: np.ndarray,
    threshold: float,
    doc_threshold: float,
) -> Clusters:
    """Documents of a topic are first grouped by similarity; mentions match only inside a group."""
    out: Clusters = []
    for ms, feats in by_topic.values():
        group = _doc_groups(ms, feats, doc_threshold)
        same = np.array([[group[a.doc] == group[b.doc] for b in ms] for a in ms], dtype=np.float32)
        sim = (feats @ weights) * same
        labels = cluster(sim, threshold)
        groups: dict[int, set[str]] = defaultdict(set)
        for m, label in zip(ms, labels):
            groups[label].add(m.id)
        out += list(groups.values())
    return out


def _doc_groups(ms: list[Mention], feats: np.ndarray, threshold: float) -> dict[str, int]:
    docs = sorted({m.doc for m in ms})
    first = {d: next(i for i, m in enumerate(ms) if m.doc == d) for d in docs}
    doc_sim = np.array([[feats[first[a], first[b], 2] for b in docs] for a in docs])
    return dict(zip(docs, cluster(doc_sim, threshold)))


def fit(by_topic: dict[str, tuple[list[Mention], np.ndarray]]) -> tuple[np.ndarray, float, float]:
    """Grid search of weights and threshold for CoNLL F1 on the given topics."""
    key = gold([m for ms, _ in by_topic.values() for m in ms])
    best = (-1.0, np.zeros(4), 0.0, 0.0)
    for wt in (0.5, 0.6, 0.7):
        for ws in (0.1, 0.2, 0.3):
            w = np.array([wt, ws, 0.0, 1 - wt - ws])
            if w[3] < 0:
                continue
            for th in (0.6, 0.65, 0.7, 0.75, 0.8):
                for dth in (0.5, 0.6, 0.7):
                    s = score(key, ours(by_topic, w, th, dth))["CoNLL"]
                    if s > best[0]:
                        best = (s, w, th, dth)
    return best[1], best[2], best[3]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topics", type=int, default=None, help="first N topics only")
    args = ap.parse_args()
    from newsdesk.nlp.embed import default_embedder

    clock = time.perf_counter()
    mentions, sentences, rows = load(args.topics)
    emb = default_embedder()
    sent_vecs = emb.embed(sentences)
    doc_vecs = {d: _unit(sent_vecs[r].mean(axis=0)) for d, r in rows.items()}
    lemmas = sorted({m.lemma for m in mentions})
    word_vecs = dict(zip(lemmas, emb.embed(lemmas)))
    prep = time.perf_counter() - clock

    topics: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        topics[m.topic].append(m)
    by_topic = {t: (ms, features(ms, sent_vecs, doc_vecs, word_vecs)) for t, ms in topics.items()}
    order = sorted(by_topic, key=int)
    train = {t: by_topic[t] for t in order[0::2]}
    test = {t: by_topic[t] for t in order[1::2]}
    weights, threshold, doc_threshold = fit(train)

    print(
        f"ECB+ dev: {len(topics)} topics, {len(rows)} docs with mentions, {len(mentions)} event mentions"
    )
    print(
        f"fitted on {len(train)} topics: weights trigger/sentence/doc/args = "
        f"{', '.join(f'{w:.2f}' for w in weights)}, threshold {threshold}, document groups {doc_threshold}"
    )
    print(
        f"{'part':<12}{'system':<12}{'MUC':>7}{'B3-P':>7}{'B3-R':>7}{'B3':>7}{'CEAF-e':>8}{'CoNLL':>7}"
    )
    for part, sub in (("held-out", test), ("fit", train), ("all dev", by_topic)):
        ms = [m for m_list, _ in sub.values() for m in m_list]
        key = gold(ms)
        for name, response in (
            ("same-lemma", lemma_baseline(ms)),
            ("lemma+docs", lemma_in_groups(sub, doc_threshold)),
            ("newsdesk", ours(sub, weights, threshold, doc_threshold)),
        ):
            s = score(key, response)
            print(
                f"{part:<12}{name:<12}"
                + "".join(
                    f"{100 * s[k]:>{w}.1f}"
                    for k, w in (
                        ("MUC", 7),
                        ("B3-P", 7),
                        ("B3-R", 7),
                        ("B3", 7),
                        ("CEAF-e", 8),
                        ("CoNLL", 7),
                    )
                )
            )
    print(f"time: {prep:.0f} s parse+embed, {time.perf_counter() - clock:.0f} s total")
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs (one used), python {platform.python_version()}"
    )


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)


if __name__ == "__main__":
    main()
