"""Digest of examples/ vs its hand labels (examples/LABELS.json) -> precision/recall per answer kind.

Run: python benchmarks/storycheck.py [--seeds] [--facts]   (also imported by tests/test_examples_e2e.py)
``--seeds`` scores the seeds' five answers against tests/seed_labels.py instead; ``--facts`` also
lists every labelled fact, found or missed, with the claims that hold one of its cues.
Only English files count (the German article is kept out of stories by design).
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NUMBER_WORDS = {w: str(i) for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"])}


def norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower().replace("-", " ")).split())


def _value(v: str) -> str:
    v = norm(v)
    return NUMBER_WORDS.get(v, v)


def _pr(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    p = tp_p / n_pred if n_pred else 1.0
    r = tp_r / n_gold if n_gold else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "n_pred": n_pred, "n_gold": n_gold}


def score(result: dict, labels: dict) -> dict[str, dict[str, float]]:
    """Precision/recall of stories' entities, quotes+speakers, timeline dates, corroboration, conflicts."""
    file_of = {a["id"]: a["path"].split("examples/")[-1] for a in result["articles"] if a.get("path")}
    english = {p for p, a in labels["articles"].items() if a["language"] == "en"}
    kinds = ("entities", "quotes", "reported", "timeline", "corroboration", "paraphrases", "conflicts")
    totals = {k: [0, 0, 0, 0] for k in kinds}
    for gold in labels["stories"].values():
        files = set(gold["files"]) & english
        story = max(result["stories"], key=lambda s: len(files & {file_of.get(i) for i in s["articles"]}))
        _entities(story, gold, totals["entities"])
        _quotes(story, gold, totals["quotes"])
        _reported(story, gold, totals["reported"])
        _timeline(story, gold, totals["timeline"])
        _corroboration(story, gold, english, file_of, totals["corroboration"])
        _corroboration(story, gold, english, file_of, totals["paraphrases"], cued=True)
        _conflicts(story, gold, totals["conflicts"])
    return {k: _pr(*v) for k, v in totals.items()}


def _entities(story: dict, gold: dict, t: list[int]) -> None:
    names = [{norm(n) for n in [e["name"], *e["aliases"]]} for e in gold["entities"]]
    pred = [{norm(n) for n in [e["name"], *e["aliases"]]} for e in story["entities"] if len(e["sources"]) >= 1]
    t[0] += sum(1 for p in pred if any(p & g for g in names))
    t[1] += len(pred)
    t[2] += sum(1 for g in names if any(p & g for p in pred))
    t[3] += len(names)


def _same_quote(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a in b or b in a)


def _speaker_ok(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    p, g = set(norm(pred).split()), set(norm(gold).split())
    return bool(p & g)


def _quotes(story: dict, gold: dict, t: list[int]) -> None:
    """Direct quotes with speakers: every direct quote of the corpus is labelled (a split quote's
    second half as its ``continuation``)."""
    golds = [g for g in gold["quotes"] if g.get("kind") == "direct"]
    golds += [{**g, "text": g["continuation"]} for g in golds if g.get("continuation")]
    preds = [q for q in story["quotes"] if q.get("direct", True)]
    _match(preds, golds, t)


def _reported(story: dict, gold: dict, t: list[int]) -> None:
    """Reported speech: only the statements the labels name (recall; precision is not measured)."""
    golds = [g for g in gold["quotes"] if g.get("kind") == "indirect"]
    preds = [q for q in story["quotes"] if not q.get("direct", True)]
    ok = [q for q in preds if any(_same_quote(q["text"], g["text"]) for g in golds)]
    _match(ok, golds, t)


def _match(preds: list[dict], golds: list[dict], t: list[int]) -> None:
    def right(q: dict, g: dict) -> bool:
        return _same_quote(q["text"], g["text"]) and _speaker_ok(q["speaker"], g["speaker"])

    t[0] += sum(1 for q in preds if any(right(q, g) for g in golds))
    t[1] += sum(1 for q in preds if any(_same_quote(q["text"], g["text"]) for g in golds) or q["speaker"])
    t[2] += sum(1 for g in golds if any(right(q, g) for q in preds))
    t[3] += len(golds)


def _timeline(story: dict, gold: dict, t: list[int]) -> None:
    gold_dates = {g["date"] for g in gold["timeline"]}
    pred_dates = {e["date"] for e in story["timeline"]}
    t[0] += len(pred_dates & gold_dates)
    t[1] += len(pred_dates)
    t[2] += len(gold_dates & pred_dates)
    t[3] += len(gold_dates)


def _corroboration(story: dict, gold: dict, english: set, file_of: dict, t: list[int], cued: bool = False) -> None:
    """A labelled fact is found when a claim has exactly its English files and independent count,
    and, for a fact labelled with ``cues`` (a word or two of each outlet's wording), holds one of
    them; a claim of two or more independent sources is right when its files are among a fact's
    (and it holds one of that fact's cues, if it has any).  ``cued``: score only the stories and facts with cues."""
    claims = [({file_of[i] for i in c["sources"]}, c["independent_sources"], c["text"].lower()) for c in story["claims"]]
    wanted = []
    for fact in gold["corroborated"]:
        files = set(fact["files"]) & english
        copies = sum(len(set(g) & files) - 1 for g in gold.get("syndicated", []) if len(set(g) & files) > 1)
        if len(files) >= 2 and (fact.get("cues") or not cued):
            wanted.append((files, len(files) - copies, [c.lower() for c in fact.get("cues", [])]))

    def states(text: str, cues: list[str]) -> bool:
        return not cues or any(c in text for c in cues)

    hits = sum(1 for w in wanted if any(c[:2] == w[:2] and states(c[2], w[2]) for c in claims))
    multi = [c for c in claims if c[1] >= 2]
    if cued and not wanted:
        multi = []  # a story without cued facts is not scored here
    t[0] += sum(1 for c in multi if any(c[0] <= w[0] and states(c[2], w[2]) for w in wanted))
    t[1] += len(multi)
    t[2] += hits
    t[3] += len(wanted)


def _conflicts(story: dict, gold: dict, t: list[int]) -> None:
    want = [({_value(v["value"]) for v in c["variants"]}, c["slot"]) for c in gold["conflicts"]]
    got = [({_value(v["value"]) for v in c["variants"]}, c["slot"]) for c in story["conflicts"]]
    t[0] += sum(1 for g in got if g in want)
    t[1] += len(got)
    t[2] += sum(1 for w in want if w in got)
    t[3] += len(want)


def seeds_check(folder: Path) -> None:
    """The seeds' five answers against the hand labels kept in tests/seed_labels.py."""
    from newsdesk import digest

    sys.path.insert(0, str(ROOT / "tests"))
    import seed_labels as lab

    clock = time.perf_counter()
    result = digest([folder])
    took = time.perf_counter() - clock
    print(f"{folder}: {len(result.articles)} articles, {len(result.stories)} stories, {took:.1f} s")
    story = max(result.stories, key=lambda s: len(s.articles))
    files = lab.seed_files(result)
    scores = {
        "entities": lab.score_entities(story),
        "quotes": lab.score_quotes(story),
        "timeline": lab.score_timeline(story),
        "corroboration": lab.score_corroboration(story, files),
        "conflicts": lab.score_conflicts(story, files),
    }
    print(f"{'answer':<15}{'precision':>10}{'recall':>8}{'pred':>6}{'gold':>6}")
    for kind, s in scores.items():
        print(f"{kind:<15}{s['precision']:>10.3f}{s['recall']:>8.3f}{s['predicted']:>6}{s['gold']:>6}")
    if "--facts" in sys.argv[1:]:
        claims = [({files[i] for i in c.sources}, c.independent_sources, c.text) for c in story.claims]
        print_facts([(list(cues), set(fs), n) for cues, n, fs in lab.FACTS], claims)


Claim = tuple[set[str], int, str]  # (files, independent sources, text)


def print_facts(facts: list[tuple[list[str], set[str], int]], claims: list[Claim]) -> None:
    """Each labelled fact (cues, files, independent count): found when one claim holds a cue with
    exactly its files and count; a missed one with the claims that hold one of its cues."""
    for cues, files, count in facts:

        def states(text: str) -> bool:
            return not cues or any(c.lower() in text.lower().replace("\u2019", "'") for c in cues)

        found = any(states(t) and fs == files and n == count for fs, n, t in claims)
        print(f"{'found' if found else 'MISSED':<7}{count} {' '.join(sorted(files))}  cues: {cues}")
        for fs, n, t in [] if found else [c for c in claims if cues and states(c[2])]:
            print(f"         {n} {' '.join(sorted(fs))}: {t[:110]}")


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from newsdesk import digest

    if "--seeds" in sys.argv[1:]:
        seeds_check(ROOT.parent / "shared" / "seeds")
        return

    labels = json.loads((EXAMPLES / "LABELS.json").read_text(encoding="utf-8"))
    clock = time.perf_counter()
    result = digest([EXAMPLES]).to_dict()
    took = time.perf_counter() - clock
    print(f"examples/: {len(result['articles'])} articles, {len(result['stories'])} stories, {took:.1f} s")
    print(f"{'answer':<15}{'precision':>10}{'recall':>8}{'pred':>6}{'gold':>6}")
    for kind, s in score(result, labels).items():
        precision = "n/a" if kind == "reported" else f"{s['precision']:.3f}"  # labels name only some
        print(f"{kind:<15}{precision:>10}{s['recall']:>8.3f}{s['n_pred']:>6}{s['n_gold']:>6}")
    if "--facts" in sys.argv[1:]:
        example_facts(result, labels)


def example_facts(result: dict, labels: dict) -> None:
    """``print_facts`` for each story of examples/ (English files; copies counted once)."""
    file_of = {a["id"]: a["path"].split("examples/")[-1] for a in result["articles"] if a.get("path")}
    english = {p for p, a in labels["articles"].items() if a["language"] == "en"}
    for name, gold in sorted(labels["stories"].items()):
        files = set(gold["files"]) & english
        story = max(result["stories"], key=lambda s: len(files & {file_of.get(i) for i in s["articles"]}))
        print(name)
        claims = [({file_of[i] for i in c["sources"]}, c["independent_sources"], c["text"]) for c in story["claims"]]
        facts = []
        for fact in gold["corroborated"]:
            fs = set(fact["files"]) & english
            copies = sum(len(set(g) & fs) - 1 for g in gold.get("syndicated", []) if len(set(g) & fs) > 1)
            if len(fs) >= 2:
                facts.append((fact.get("cues", []), fs, len(fs) - copies))
        print_facts(facts, claims)


if __name__ == "__main__":
    main()
