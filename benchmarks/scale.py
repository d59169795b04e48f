"""Piles of 1k-100k mostly distinct articles -> CPU seconds per `digest` stage, peak memory, stories, B-cubed.

The real ``digest`` (every stage, default settings, MiniLM and spaCy) runs on
each pile, written as ``.txt`` files to a temporary folder, each size in a
fresh process (``--workers`` as given).  Piles are built from the Multi-News
dev clusters: an *event* takes one real cluster (non-articles left out) and a
size drawn so that most stories hold 2-20 articles (a few lone articles, a
few big ones); each of its articles is a new recombination: a lead sentence
of one of the cluster's articles, then 4-14 paragraphs of 2-3 sentences
drawn from all of them (no two articles share a whole paragraph, which the
text-dump extractor would take for site chrome).  Every event renames its people and places
(a consistent swap of capitalised words for those of another cluster, so the
articles of one event agree with each other and differ from other events
built on the same cluster) and shifts its numbers.  15 % of the articles are
reprints of another article of their event (the same text under a credit
line), as syndicated copies are in real feeds.  Gold = the event, so B-cubed
F1 is printed too.

Times are CPU seconds of the process and its reaped children (``speed.py``'s
stage clock), peak memory is ``VmHWM``; the machine is shared, so wall time is
printed only for the record.  Plot: ``scale.png``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from speed import DEV, ORDER, StageClock, cpu, peak_mb  # noqa: E402
from stories import bcubed  # noqa: E402

SIZES = (1_000,)
FULL = (1_000, 3_000, 10_000)
REPRINTS = 0.15
TARGET_MB = 1_500  # issue 15: digest's peak memory for 10,000 distinct articles
_CAP = re.compile(r"\b[A-Z][a-z]{2,}\b")
_NUM = re.compile(r"\b\d+\b")
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"\u201c])")


def _clusters() -> list[list[list[str]]]:
    """The dev clusters as lists of articles, each a list of sentences (non-articles left out)."""
    from newsdesk.nonarticle import non_articles
    from newsdesk.models import Article

    rows = [json.loads(line) for line in DEV.read_text(encoding="utf8").splitlines()]
    arts = [Article(id=f"{r['id']}/{k}", text=d) for r in rows for k, d in enumerate(r["documents"])]
    rejected = non_articles(arts)
    out = []
    for r in rows:
        docs = [d for k, d in enumerate(r["documents"]) if f"{r['id']}/{k}" not in rejected]
        sents = [[x for p in d.split("\n\n") for x in _SENT.split(p) if len(x.split()) >= 5] for d in docs]
        sents = [s for s in sents if len(s) >= 3]
        if sents:
            out.append(sents)
    return out


def _story_size(rng: random.Random) -> int:
    """Mostly 2-20 articles: 10 % lone, a long tail up to 60."""
    if rng.random() < 0.10:
        return 1
    return min(60, 2 + int(rng.lognormvariate(1.2, 0.8)))


def _renamer(source: list[list[str]], donor: list[list[str]], rng: random.Random) -> dict[str, str]:
    words = sorted({w for art in source for p in art for w in _CAP.findall(p)})
    names = sorted({w for art in donor for p in art for w in _CAP.findall(p)}) or ["Smith"]
    return {w: rng.choice(names) for w in words if rng.random() < 0.5}


def _article(cluster: list[list[str]], names: dict[str, str], shift: int, rng: random.Random) -> str:
    lead = rng.choice(cluster)[0]
    pool = [x for art in cluster for x in art[1:]]
    paras = [" ".join(rng.sample(pool, min(len(pool), rng.randint(2, 3)))) for _ in range(rng.randint(4, 14))]
    text = "\n\n".join([lead, *paras])
    text = _CAP.sub(lambda m: names.get(m.group(), m.group()), text)
    return _NUM.sub(lambda m: str(int(m.group()) + shift) if len(m.group()) < 9 else m.group(), text)


def make_pile(n: int, seed: int = 0) -> tuple[list[str], list[int]]:
    """``n`` article texts and their event ids."""
    rng = random.Random(seed)
    clusters = _clusters()
    texts: list[str] = []
    gold: list[int] = []
    event = 0
    while len(texts) < n:
        source, donor = rng.choice(clusters), rng.choice(clusters)
        names, shift = _renamer(source, donor, rng), rng.randint(1, 40)
        made: list[str] = []
        for _ in range(min(_story_size(rng), n - len(texts))):
            if made and rng.random() < REPRINTS:
                made.append(f"{rng.choice(made)}\n\n(Distributed by a news agency.)")
            else:
                made.append(_article(source, names, shift, rng))
        texts += made
        gold += [event] * len(made)
        event += 1
    return texts, gold


def run_size(n: int, workers: int) -> dict[str, Any]:
    import time

    from newsdesk.pipeline import digest

    texts, gold = make_pile(n)
    digest(["A short warm-up note.\n\nThe council met on Monday and said the bridge would reopen."])
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp:
        for i, t in enumerate(texts):
            (Path(tmp) / f"{i:06d}.txt").write_text(t, encoding="utf8")
        stages = StageClock()
        stages.install()
        clock, wall = cpu(), time.perf_counter()
        result = digest([tmp], workers=workers)
        total, wall = cpu() - clock, time.perf_counter() - wall
    spent = dict(stages.spent)
    spent["nlp"] += total - sum(spent.values())
    label = {a: s.id for s in result.stories for a in s.articles}
    path_of = {a.id: Path(a.path or "").stem for a in result.articles}
    pairs = [(label[a], gold[int(path_of[a])]) for a in label if path_of.get(a, "").isdigit()]
    f1 = bcubed([p for p, _ in pairs], [g for _, g in pairs])[2] if pairs else 0.0
    return {"n": n, "stages": spent, "total": total, "wall": wall, "peak_mb": peak_mb(),
            "stories": len(result.stories), "events": len(set(gold)), "b3_f1": f1,
            "errors": len(result.errors)}


def plot(rows: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ns = [r["n"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    for stage in ORDER:
        left.loglog(ns, [max(r["stages"][stage], 1e-2) for r in rows], marker="o", label=stage)
    left.loglog(ns, [r["total"] for r in rows], marker="s", color="black", label="total")
    left.loglog(ns, [rows[0]["total"] * n / ns[0] for n in ns], ls="--", color="grey", label="linear")
    left.set_xlabel("articles")
    left.set_ylabel("CPU seconds")
    left.set_title("digest, per stage")
    left.legend(fontsize=8)
    right.plot(ns, [r["peak_mb"] for r in rows], marker="o")
    right.axhline(TARGET_MB, ls=":", color="red", label=f"target at 10k ({TARGET_MB:,} MB)")
    right.set_ylim(bottom=0, top=max(TARGET_MB, *(r["peak_mb"] for r in rows)) * 1.1)
    right.legend(fontsize=8)
    right.set_xscale("log")
    right.set_xlabel("articles")
    right.set_ylabel("peak MB (VmHWM)")
    right.set_title("peak memory")
    fig.suptitle("newsdesk digest on recombined Multi-News piles (shared 2-core machine)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=None, help=f"default {SIZES}")
    ap.add_argument("--full", action="store_true", help=f"sizes {FULL}")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process: one size, JSON out
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.workers)))
        return
    rows = []
    print(f"{'n':>7s}" + "".join(f"{s:>9s}" for s in ORDER)
          + f"{'total':>9s}{'ms/art':>8s}{'peak MB':>8s}{'stories':>8s}{'events':>7s}{'B3 F1':>7s}")
    for n in args.sizes or (FULL if args.full else SIZES):
        cmd = [sys.executable, __file__, "--one", str(n), "--workers", str(args.workers)]
        child = subprocess.run(cmd, capture_output=True, text=True)
        if child.returncode:
            sys.exit(f"size {n} failed:\n{child.stderr[-3000:]}")
        r = json.loads(child.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"{n:7d}" + "".join(f"{r['stages'][s]:9.1f}" for s in ORDER)
              + f"{r['total']:9.1f}{1000 * r['total'] / n:8.0f}{r['peak_mb']:8.0f}{r['stories']:8d}"
              + f"{r['events']:7d}{r['b3_f1']:7.3f}", flush=True)
        plot(rows, HERE / "scale.png")  # after every size: a stopped run still leaves its plot
    print(f"plot: {HERE / 'scale.png'}")


if __name__ == "__main__":
    main()
