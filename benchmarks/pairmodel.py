"""Labelled unit pairs of examples/ -> a logistic model of "this unit states that claim", held out on the seeds.

Run: python benchmarks/pairmodel.py [--thresholds 0.9,0.8]   (an experiment of issue 14 part 5; nothing
of it is used by the product)

Every pair of units of two outlets that ``analyse.claims`` compares and finds compatible (no
value, name, negation, hedge, tense or swapped word against it) is described by a few parts:
the sentence cosine, the weighted share of the claim's content the other unit states, of its
words alone and of its names, whether the claim gives a count or date and a distinct one.  A
pair of the cue-labelled stories of examples/ is right when both units hold a cue of one labelled
fact of both outlets.  The model is scored leaving one story out (pairs the hand rule does not
accept: right and wrong ones added), then fitted on all three stories and used beside the hand
rule (a pair it gives at least the threshold backs the claim) for the storycheck corroboration of
examples/ (in sample) and of the seeds (held out: never used to fit or choose anything).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
FEATURES = ("cos", "cover", "words", "names", "needs", "distinct")
Pair = tuple[str, str, str, str, float, dict[str, float]]  # claim/backer article and text, score, parts


def pair_features(ev: Any, claim: Any, other: Any, cosine: Callable[[], float]) -> dict[str, float] | None:
    """The parts of a compatible pair (None for a pair the cheap checks reject)."""
    from newsdesk.analyse import claims as C

    ec, eo = ev.of(claim), ev.of(other)
    if not C._compatible(ev, ec, eo) or C._swapped(ev, claim, other, eo.content):
        return None
    total = ev.weight(ec.content)
    names = frozenset(f for f in ec.content if f.startswith("ent:"))
    return {
        "cos": cosine(),
        "cover": ev.weight(ec.content & eo.content) / total if total else 0.0,
        "words": ev.weight(ec.words & eo.words) / max(1e-9, ev.weight(ec.words)),
        "names": len(names & eo.content) / max(1, len(names)),
        "needs": float(bool(ec.needs)),
        "distinct": float(C._distinct_count(ec, ev.ctx.tuning.claims.distinct) or C._dated(ec)),
    }


def compatible_pairs(ev: Any, cu: Any, alignment: Any) -> list[tuple[int, int, dict[str, float]]]:
    """(claim unit, other unit, parts) of every pair ``claim_support`` compares that passes the
    cheap checks, in its order."""
    from newsdesk.analyse import claims as C

    units, out = cu.units, []
    for i, j in sorted(C._candidate_pairs(ev, alignment, units)):
        for c, b in ((i, j), (j, i)):
            if not C.may_claim(ev, units[c]):
                continue
            f = pair_features(ev, units[c], units[b], lambda c=c, b=b: float(cu.vectors[c] @ cu.vectors[b]))
            if f is not None:
                out.append((c, b, f))
    return out


def collect(folder: Path) -> tuple[list[Pair], dict[str, str]]:
    """Every compatible pair the claims stage compares in a digest of ``folder`` (with the hand
    rule's score: ``claims.match`` when it backs), and {article id: path}."""
    from newsdesk import digest
    from newsdesk.analyse import claims as C

    pairs: list[Pair] = []
    plain = C.claim_support

    def spy(ev: Any, cu: Any, alignment: Any) -> Any:
        support, scores = plain(ev, cu, alignment)
        t = ev.ctx.tuning.claims
        for c, b, f in compatible_pairs(ev, cu, alignment):
            claim, other = cu.units[c], cu.units[b]
            score = C._score(ev.of(claim), f["cover"], f["cos"], t)  # the hand rule's
            pairs.append((claim.article_id, claim.text, other.article_id, other.text, score, f))
        return support, scores

    C.claim_support = spy
    try:
        d = digest([folder], workers=1)
    finally:
        C.claim_support = plain
    return pairs, {a.id: a.path or "" for a in d.articles}


def labelled(pairs: list[Pair], paths: dict[str, str], labels: dict) -> list[tuple[str, bool, Pair]]:
    """(story, right, pair) for pairs of the stories whose facts carry cues; unique texts only."""
    rel = {k: v.split("examples/")[-1] for k, v in paths.items()}
    story_of = {f: name for name, s in labels["stories"].items() for f in s["files"]}
    out, seen = [], set()
    for pair in pairs:
        ca, ct, ba, bt = pair[:4]
        fa, fb = rel[ca], rel[ba]
        st = story_of.get(fa)
        facts = [x for x in labels["stories"][st]["corroborated"] if x.get("cues")] if st else []
        if not facts or story_of.get(fb) != st or (ca, ct, ba, bt) in seen:
            continue
        seen.add((ca, ct, ba, bt))

        def holds(text: str, fact: dict) -> bool:
            return any(c.lower() in text.lower() for c in fact["cues"])

        right = any(fa in x["files"] and fb in x["files"] and holds(ct, x) and holds(bt, x) for x in facts)
        out.append((st, right, pair))
    return out


def leave_one_story_out(rows: list[tuple[str, bool, Pair]], thresholds: list[float], match: float) -> None:
    from sklearn.linear_model import LogisticRegression

    X = np.array([[r[2][5][n] for n in FEATURES] for r in rows])
    y = np.array([r[1] for r in rows])
    old = np.array([r[2][4] >= match for r in rows])
    stories = np.array([r[0] for r in rows])
    print(f"{len(rows)} compatible pairs, {int(y.sum())} right; the hand rule accepts "
          f"{int((old & y).sum())} right, {int((old & ~y).sum())} wrong")
    for th in thresholds:
        right = wrong = 0
        for st in sorted(set(stories)):
            tr, te = stories != st, stories == st
            p = LogisticRegression(max_iter=1000).fit(X[tr], y[tr]).predict_proba(X[te])[:, 1]
            new = (p >= th) & ~old[te]
            right += int((new & y[te]).sum())
            wrong += int((new & ~y[te]).sum())
        print(f"leave one story out, p >= {th}: pairs added {right} right, {wrong} wrong")


def with_model(model: Any, th: float) -> Callable[[], None]:
    """Make the claims stage also take, for a claim and an outlet the hand rule found no backer in,
    the first compatible unit of that outlet the model gives ``th`` or more; returns the undo."""
    from newsdesk.analyse import claims as C

    plain = C.claim_support

    def supported(ev: Any, cu: Any, alignment: Any) -> Any:
        support, scores = plain(ev, cu, alignment)
        match = ev.ctx.tuning.claims.match
        for c, b, f in compatible_pairs(ev, cu, alignment):
            aid = cu.units[b].article_id
            if c not in support or aid in support[c]:
                continue
            if model.predict_proba(np.array([[f[n] for n in FEATURES]]))[0, 1] >= th:
                support[c][aid] = b
                scores[(c, aid)] = match
        return support, scores

    C.claim_support = supported

    def undo() -> None:
        C.claim_support = plain

    return undo


def corroboration(labels: dict) -> tuple[str, str]:
    """storycheck's corroboration of examples/ and of the seeds, as 'P / R (found of facts)'."""
    import storycheck

    from newsdesk import digest

    ex = storycheck.score(digest([ROOT / "examples"], workers=1).to_dict(), labels)["corroboration"]
    sys.path.insert(0, str(ROOT / "tests"))
    import seed_labels as lab

    result = digest([ROOT.parent / "shared" / "seeds"], workers=1)
    story = max(result.stories, key=lambda s: len(s.articles))
    sd = lab.score_corroboration(story, lab.seed_files(result))
    return (f"{ex['precision']:.3f} / {ex['recall']:.3f}",
            f"{sd['precision']:.3f} / {sd['recall']:.3f} ({round(sd['recall'] * sd['gold'])} of {sd['gold']})")


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    from newsdesk.tuning import DEFAULT_TUNING

    args = sys.argv[1:]
    given = args[args.index("--thresholds") + 1] if "--thresholds" in args else "0.9,0.8"
    thresholds = [float(x) for x in given.split(",")]
    clock = time.process_time()
    labels = json.loads((ROOT / "examples" / "LABELS.json").read_text(encoding="utf-8"))
    pairs, paths = collect(ROOT / "examples")
    rows = labelled(pairs, paths, labels)
    leave_one_story_out(rows, thresholds, DEFAULT_TUNING.claims.match)
    X = np.array([[r[2][5][n] for n in FEATURES] for r in rows])
    model = LogisticRegression(max_iter=1000).fit(X, np.array([r[1] for r in rows]))
    print("weights:", {n: round(float(w), 2) for n, w in zip(FEATURES, model.coef_[0])},
          "intercept", round(float(model.intercept_[0]), 2))
    print(f"{'rule':<22}{'examples/ (in sample)':>24}{'seeds (held out)':>26}")
    ex, sd = corroboration(labels)
    print(f"{'hand rule alone':<22}{ex:>24}{sd:>26}")
    for th in thresholds:
        undo = with_model(model, th)
        try:
            ex, sd = corroboration(labels)
        finally:
            undo()
        print(f"{'+ model p >= %.2f' % th:<22}{ex:>24}{sd:>26}")
    print(f"CPU {time.process_time() - clock:.1f} s (shared machine)")


if __name__ == "__main__":
    main()
