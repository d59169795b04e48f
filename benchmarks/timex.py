"""TempEval-3 (TBAQ) dev set -> TIMEX3 span/type/value scores of newsdesk, its last release and spaCy+dateparser, per half.

Usage: python benchmarks/timex.py [--limit N] [--release REV] [--errors K --half A|B]

The documents are split into two fixed halves by a hash of their id (``half_of``):
rules are written while looking at the errors of one half only (``--errors K --half A``)
and kept when they also help on the other.  Every run scores, on both halves and on
all documents, three systems side by side:

    spaCy+dateparser   spaCy DATE/TIME entities, values by dateparser (DCT as base)
    release REV        newsdesk's code at git revision REV (``git archive`` into a
                       temporary folder, run in a subprocess on the same parses)
    newsdesk           the code of this checkout

spaCy parses are cached (see ``common.cached_parses``); times are CPU seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import date
from io import BytesIO
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from common import SHARED, cached_parses, load_jsonl

DATA = SHARED / "data" / "timex" / "dev.jsonl"
FALLBACK = os.environ.get("NEWSDESK_TIMEX_FALLBACK", "1") == "1"
# the code before issue 14 (time values on unseen documents): the release every rule is measured against
RELEASE = "0cffb44"
sys.path.insert(0, str(SHARED / "tools"))
from score_timex import score

from newsdesk.nlp.time_fallback import dateparser_value
from newsdesk.nlp.times import find_times, parse_reference

HALVES = ("A", "B")


def half_of(doc_id: str) -> str:
    """The fixed half of a document: A when the SHA-1 of its id is even, else B."""
    return HALVES[int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 2]


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


def predict(docs: list[dict], parsed: list) -> dict[str, dict]:
    return {d["id"]: {"timexes": ours(d, doc)} for d, doc in zip(docs, parsed)}


def release_predictions(rev: str, limit: int | None) -> tuple[dict[str, dict], float]:
    """Predictions of the code at git revision ``rev`` (and its CPU seconds), run in a subprocess."""
    repo = HERE.parent
    blob = subprocess.run(
        ["git", "-C", str(repo), "archive", rev, "src"], check=True, capture_output=True
    ).stdout
    with tempfile.TemporaryDirectory(prefix="timex-release-") as tmp:
        with tarfile.open(fileobj=BytesIO(blob)) as tar:
            tar.extractall(tmp, filter="data")
        out = Path(tmp) / "pred.jsonl"
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src")}
        cmd = [sys.executable, str(Path(__file__).resolve()), "--predict", str(out)]
        cmd += ["--limit", str(limit)] if limit else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        subprocess.run(cmd, check=True, env=env)
        cpu = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before
        preds = [json.loads(line) for line in out.read_text().splitlines()]
    return {p["id"]: p for p in preds}, cpu


def _row(name: str, r: dict) -> str:
    return (
        f"{name:24} {r['docs']:4d} {r['gold']:5d} {r['strict_f1']:9.3f} {r['relaxed_p']:6.3f} "
        f"{r['relaxed_r']:6.3f} {r['relaxed_f1']:10.3f} {r['type_acc']:8.3f} {r['value_acc']:9.3f} "
        f"{r['value_f1']:8.3f}"
    )


def run(limit: int | None, rev: str, errors: int, half: str) -> dict:
    docs = load(limit)
    parsed = parses(docs)
    t0 = time.process_time()
    pred = predict(docs, parsed)
    cpu_ours = time.process_time() - t0
    base = {d["id"]: {"timexes": baseline(doc, d["dct"])} for d, doc in zip(docs, parsed)}
    systems = {"spaCy+dateparser": base}
    cpu_rel = 0.0
    if rev:
        systems[f"release {rev}"], cpu_rel = release_predictions(rev, limit)
    systems["newsdesk"] = pred
    print(
        f"docs={len(docs)} CPU seconds: newsdesk tagging {cpu_ours:.1f}, release subprocess with its"
        f" start-up {cpu_rel:.1f} (shared machine)"
    )
    print(
        f"{'half / system':24} {'docs':>4} {'gold':>5} {'strict F1':>9} {'rel P':>6} {'rel R':>6} "
        f"{'relaxed F1':>10} {'type acc':>8} {'value acc':>9} {'value F1':>8}"
    )
    results = {}
    for h in (*HALVES, "all"):
        gold = {d["id"]: d for d in docs if h in ("all", half_of(d["id"]))}
        for name, p in systems.items():
            results[(h, name)] = r = score(gold, p)
            print(_row(f"{h}: {name}", r))
    if errors:
        _show_errors([d for d in docs if half_of(d["id"]) == half], pred, errors)
    return results


def _show_errors(docs: list[dict], pred: dict, k: int) -> None:
    shown = 0
    for d in docs:
        ps = pred[d["id"]]["timexes"]
        for g in d["timexes"]:
            hit = [p for p in ps if min(g["end"], p["end"]) > max(g["start"], p["start"])]
            got = (hit[0]["text"], hit[0]["type"], hit[0]["value"]) if hit else None
            if got and got[2] == g["value"] and got[0] == g["text"] and got[1] == g["type"]:
                continue
            ctx = d["text"][max(0, g["start"] - 60) : g["end"] + 40].replace("\n", " ")
            print(f"{d['id']} dct={d['dct']} gold={g['text']!r} {g['type']} {g['value']} | pred={got}\n    {ctx}")
            shown += 1
        for p in ps:
            if not any(min(g["end"], p["end"]) > max(g["start"], p["start"]) for g in d["timexes"]):
                ctx = d["text"][max(0, p["start"] - 60) : p["end"] + 40].replace("\n", " ")
                print(f"{d['id']} dct={d['dct']} FALSE POS {p['text']!r} {p['type']} {p['value']}\n    {ctx}")
                shown += 1
        if shown >= k:
            return


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--release", default=RELEASE, help="git revision of the release baseline ('' to skip)")
    ap.add_argument("--errors", type=int, default=0, help="show K errors of --half")
    ap.add_argument("--half", choices=HALVES, default="A")
    ap.add_argument("--predict", type=Path, help="only write this checkout's predictions (JSONL) here")
    a = ap.parse_args()
    if a.predict:
        docs = load(a.limit)
        pred = predict(docs, parses(docs))
        a.predict.write_text("".join(json.dumps({"id": i, **p}) + "\n" for i, p in pred.items()))
        return
    run(a.limit, a.release, a.errors, a.half)


if __name__ == "__main__":
    main()
