"""Hand-labelled citations (benchmarks/citation_labels.json) -> how often the evidence stage is right.

    .venv/bin/python benchmarks/citations.py

For every labelled (brief sentence, cited article) of examples/ (tuning half)
and ../shared/seeds (held out) it prints: how many labelled pairs the current
brief still has, how often the ``full``/``partial`` label is right, and how
often the evidence holds the labelled sentence.  Baseline: ``newsdesk/1``,
which had no evidence, in effect said every cited article states the whole
sentence (all ``full``); the majority label is printed beside it.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.models import Digest  # noqa: E402

LABELS = ROOT / "benchmarks" / "citation_labels.json"
CORPORA = {"examples": ROOT / "examples", "seeds": ROOT.parent / "shared" / "seeds"}


def load_labels() -> dict[str, list[dict[str, Any]]]:
    return dict(json.loads(LABELS.read_text(encoding="utf-8"))["corpora"])


def score(d: Digest, labels: list[dict[str, Any]]) -> dict[str, float]:
    """Found: share of labelled pairs the digest cites; label / sentence: share right of those
    found; all_full: share right if every label were ``full`` (newsdesk/1)."""
    found = {}
    for story in d.stories:
        for b in story.brief:
            for e in b.evidence:
                if b.citation is not None:
                    found[(b.citation.article_id, b.citation.start, e.article_id)] = e
    hits = [(x, found[(x["cited"], x["start"], x["source"])]) for x in labels
            if (x["cited"], x["start"], x["source"]) in found]
    n = max(1, len(hits))
    return {
        "labelled": len(labels),
        "found": len(hits) / max(1, len(labels)),
        "label": sum(e.support == x["support"] for x, e in hits) / n,
        "sentence": sum(bool(set(x["sentences"]) & {s.start for s in e.sentences}) for x, e in hits) / n,
        "all_full": sum(x["support"] == "full" for x, _ in hits) / n,
        "majority": max(Counter(x["support"] for x, _ in hits).values(), default=0) / n,
    }


def main() -> None:
    from newsdesk import digest

    labels = load_labels()
    print("machine shared by several engineers; CPU seconds per corpus (process time)")
    print(f"{'corpus':<10} {'pairs':>5} {'found':>6} {'label':>6} {'sentence':>8} "
          f"{'all-full':>8} {'majority':>8} {'cpu s':>6}")
    for name, path in CORPORA.items():
        if not path.is_dir():
            print(f"{name:<10} (missing: {path})")
            continue
        clock = time.process_time()
        s = score(digest([str(path)]), labels[name])
        print(f"{name:<10} {s['labelled']:>5.0f} {s['found']:>6.2f} {s['label']:>6.2f} "
              f"{s['sentence']:>8.2f} {s['all_full']:>8.2f} {s['majority']:>8.2f} "
              f"{time.process_time() - clock:>6.1f}")


if __name__ == "__main__":
    main()
