"""TempEval-3 (TBAQ) dev set -> TIMEX3 span/type/value scores of newsdesk vs spaCy+dateparser.

Usage: python benchmarks/timex.py [--limit N] [--split] [--errors K]
``--split`` also prints the two folds (even / odd documents) separately: the rules were
tuned on the whole dev set, so a fold figure is no held-out estimate, but a large gap
between folds would show rules that fit a few documents.  spaCy parses are cached.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import SHARED, cached_parses, load_jsonl

DATA = SHARED / "data" / "timex" / "dev.jsonl"
FALLBACK = os.environ.get("NEWSDESK_TIMEX_FALLBACK", "1") == "1"
sys.path.insert(0, str(SHARED / "tools"))
from score_timex import score

from newsdesk.nlp.time_fallback import dateparser_value
from newsdesk.nlp.times import find_times, parse_reference


def load(limit: int | None = None) -> list[dict]:
    return load_jsonl(DATA, limit)


def parses(docs: list[dict]) -> list:
    """spaCy docs of the texts, from the on-disk cache when the same texts were parsed before."""
    return cached_parses([d["text"] for d in docs], "timex")


def baseline(doc, dct: str) -> list[dict]:
    """spaCy DATE/TIME entities, values by dateparser with the DCT as relative base."""
    anchor = parse_reference(dct) or date.today()
    out = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            v = dateparser_value(ent.text, anchor) or ""
            out.append({"start": ent.start_char, "end": ent.end_char, "type": ent.label_, "value": v})
    return out


def ours(d: dict, doc) -> list[dict]:
    return [
        {"start": x.start, "end": x.end, "type": x.type, "value": x.value, "text": x.text}
        for x in find_times(d["text"], d["dct"], doc=doc, fallback=FALLBACK)
    ]


def _row(name: str, r: dict) -> str:
    return (
        f"{name:22} {r['strict_f1']:9.3f} {r['relaxed_p']:6.3f} {r['relaxed_r']:6.3f} {r['relaxed_f1']:10.3f} "
        f"{r['type_acc']:8.3f} {r['value_acc']:9.3f} {r['value_f1']:8.3f}"
    )


def run(limit: int | None, split: bool, errors: int) -> dict:
    docs = load(limit)
    t0 = time.perf_counter()
    parsed = parses(docs)
    t_parse = time.perf_counter() - t0
    gold = {d["id"]: d for d in docs}
    t0 = time.perf_counter()
    pred = {d["id"]: {"timexes": ours(d, doc)} for d, doc in zip(docs, parsed)}
    t_ours = time.perf_counter() - t0
    base = {d["id"]: {"timexes": baseline(doc, d["dct"])} for d, doc in zip(docs, parsed)}
    print(f"docs={len(docs)} parse={t_parse:.1f}s tagging={t_ours:.1f}s")
    print(f"{'system':22} {'strict F1':>9} {'rel P':>6} {'rel R':>6} {'relaxed F1':>10} {'type acc':>8} {'value acc':>9} {'value F1':>8}")
    results = {"spaCy+dateparser": score(gold, base), "newsdesk": score(gold, pred)}
    if split:
        for fold in (0, 1):
            ids = [d["id"] for i, d in enumerate(docs) if i % 2 == fold]
            results[f"newsdesk fold {fold}"] = score({i: gold[i] for i in ids}, pred)
            results[f"baseline fold {fold}"] = score({i: gold[i] for i in ids}, base)
    for name, r in results.items():
        print(_row(name, r))
    if errors:
        _show_errors(docs, pred, errors)
    return results


def _show_errors(docs: list[dict], pred: dict, k: int) -> None:
    shown = 0
    for d in docs:
        ps = pred[d["id"]]["timexes"]
        for g in d["timexes"]:
            hit = [p for p in ps if min(g["end"], p["end"]) > max(g["start"], p["start"])]
            got = (hit[0]["text"], hit[0]["value"]) if hit else None
            if got and got[1] == g["value"]:
                continue
            print(f"dct={d['dct']} gold={g['text']!r} {g['type']} {g['value']} | pred={got}")
            shown += 1
        for p in ps:
            if not any(min(g["end"], p["end"]) > max(g["start"], p["start"]) for g in d["timexes"]):
                print(f"dct={d['dct']} FALSE POS {p['text']!r} {p['value']}")
                shown += 1
        if shown >= k:
            return


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--split", action="store_true")
    ap.add_argument("--errors", type=int, default=0)
    a = ap.parse_args()
    run(a.limit, a.split, a.errors)


if __name__ == "__main__":
    main()
