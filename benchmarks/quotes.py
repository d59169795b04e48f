"""PolNeAR-derived quotes dev set -> quote span, speaker and end-to-end F1 of newsdesk vs a regex baseline.

Usage: python benchmarks/quotes.py [--limit N] [--resolved] [--errors K]
Every figure is printed for all documents and for two halves split by outlet (`outlet_halves`).
The speaker scored by default is the mention as written (``speaker_start:speaker_end``),
which is what the gold annotates (a pronoun source stays "he"); ``--resolved`` scores
``Quote.speaker`` instead (pronouns replaced by the last person named).  spaCy parses are
cached under $NEWSDESK_BENCH_PARSES (default /tmp/newsdesk_cache) so reruns are fast.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import SHARED, cached_parses, load_jsonl

DATA = SHARED / "data" / "quotes" / "dev.jsonl"
sys.path.insert(0, str(SHARED / "tools"))
from score_quotes import score

from newsdesk.nlp.quotes import find_quotes

_QUOTE = re.compile(r"[\"\u201c]([^\"\u201c\u201d]{2,}?)[\"\u201d]")
_NAME = r"((?:[A-Z][\w.'\-]+\s){0,3}[A-Z][\w.'\-]+|[Hh]e|[Ss]he)"
_ATTR = [
    re.compile(_NAME + r"\s+(?:said|says|told)\b"),
    re.compile(r"\b(?:said|says|told)\s+" + _NAME),
    re.compile(r"\baccording to\s+" + _NAME),
]


def load(limit: int | None = None) -> list[dict]:
    return load_jsonl(DATA, limit)


def outlet_halves(docs: list[dict]) -> dict[str, str]:
    """Document id -> "A" or "B" by outlet (the id's part before "_"): outlets ordered by a SHA-1 of
    their names, each dealt to the half with fewer documents so far, so no outlet is in both."""
    ids: dict[str, list[str]] = {}
    for d in docs:
        ids.setdefault(d["id"].split("_")[0], []).append(d["id"])
    half: dict[str, str] = {}
    size = {"A": 0, "B": 0}
    for outlet in sorted(ids, key=lambda o: hashlib.sha1(o.encode()).hexdigest()):
        side = "A" if size["A"] <= size["B"] else "B"
        size[side] += len(ids[outlet])
        half.update(dict.fromkeys(ids[outlet], side))
    return half


def parses(docs: list[dict]) -> list:
    """spaCy docs of the texts, from the on-disk cache when the same texts were parsed before."""
    return cached_parses([d["text"] for d in docs], "quotes")


def baseline(text: str) -> list[dict]:
    """Quote marks + the nearest "Name said/says/told" or "according to Name" within 150 characters."""
    out = []
    for m in _QUOTE.finditer(text):
        s, e = m.span(1)
        if len(m.group(1).split()) < 3:
            continue
        best: tuple[int, str] | None = None
        lo, hi = max(0, s - 150), min(len(text), e + 150)
        for pat in _ATTR:
            for a in pat.finditer(text, lo, hi):
                d = a.start() - e if a.start() >= e else s - a.end()
                if best is None or abs(d) < best[0]:
                    best = (abs(d), a.group(1))
        out.append({"start": s, "end": e, "speaker": best[1] if best else None})
    return out


def ours(text: str, doc, resolved: bool) -> list[dict]:
    out = []
    for q in find_quotes(text, doc=doc, indirect=False):
        if resolved or q.speaker_start is None or q.speaker_end is None:
            speaker = q.speaker
        else:
            speaker = text[q.speaker_start : q.speaker_end]
        out.append({"start": q.start, "end": q.end, "speaker": speaker})
    return out


def run(limit: int | None, resolved: bool, errors: int) -> dict[str, dict]:
    docs = load(limit)
    gold = {d["id"]: d for d in docs}
    t0 = time.perf_counter()
    parsed = parses(docs)
    t_parse = time.perf_counter() - t0
    t0 = time.perf_counter()
    pred = {d["id"]: {"quotes": ours(d["text"], doc, resolved)} for d, doc in zip(docs, parsed)}
    t_ours = time.perf_counter() - t0
    base = {d["id"]: {"quotes": baseline(d["text"])} for d in docs}
    results = {"regex baseline": score(gold, base), "newsdesk": score(gold, pred)}
    print(f"docs={len(docs)} parse={t_parse:.1f}s (cached when fast) attribution={t_ours:.1f}s")
    print(f"{'system':16} {'half':>11} {'quote F1':>8} {'strict F1':>9} {'spk acc':>8} {'spk named':>9} {'e2e P':>6} {'e2e R':>6} {'e2e F1':>6}")
    half = outlet_halves(docs)
    for side in ("all", "A", "B"):
        keep = {k for k in gold if side in ("all", half[k])}
        n = sum(len(gold[k]["quotes"]) for k in keep)
        for name, p in (("regex baseline", base), ("newsdesk", pred)):
            r = score({k: gold[k] for k in keep}, {k: p[k] for k in keep})
            label = f"{side} {len(keep)}/{n}"
            print(
                f"{name:16} {label:>11} {r['relaxed_f1']:8.3f} {r['strict_f1']:9.3f} {r['speaker_acc']:8.3f} "
                f"{r['speaker_acc_named']:9.3f} {r['e2e_p']:6.3f} {r['e2e_r']:6.3f} {r['e2e_f1']:6.3f}"
            )
    if errors:
        _show_errors(docs, pred, errors)
    return results


def _show_errors(docs: list[dict], pred: dict, k: int) -> None:
    from score_quotes import same_speaker

    shown = 0
    for d in docs:
        for g in d["quotes"]:
            match = [p for p in pred[d["id"]]["quotes"] if min(g["end"], p["end"]) - max(g["start"], p["start"]) > 0]
            got = match[0]["speaker"] if match else "<no quote>"
            if match and same_speaker(g["speaker"], got):
                continue
            t = d["text"]
            print(f"--- gold={g['speaker']!r} pred={got!r}\n   {t[max(0, g['start'] - 150):g['end'] + 80]!r}")
            shown += 1
            if shown >= k:
                return


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--resolved", action="store_true")
    ap.add_argument("--errors", type=int, default=0)
    a = ap.parse_args()
    run(a.limit, a.resolved, a.errors)


if __name__ == "__main__":
    main()
