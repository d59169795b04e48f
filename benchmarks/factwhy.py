"""Labelled facts a digest missed -> the check that stops each one (for reading, not for tuning).

Run: python benchmarks/factwhy.py [--seeds] [--wordnet]   (``--wordnet``: with the synonym trial of
``wordnet_trial.py`` installed)
For every labelled fact (examples/LABELS.json, or the seeds' tests/seed_labels.py) that
``storycheck.py --facts`` reports MISSED, every pair of units holding one of the fact's cues, from
two of its outlets, is put through the backing checks of ``analyse.claims`` in their order, and
the pair that gets furthest (of the compatible pairs, the closest: cosine + w_cover x coverage) is
printed with the check that stops it:
  no claim      the claim unit is no claim of its own (``may_claim``: a fragment, no subject)
  not compared  the two units share no rare name, value or word, and their sentences are not alike
  <check>       a check of ``claims.blocker`` (negation, hedge, tense, no subject, values, no shared
                word, counts differ, person, agent, conjunct)
  swapped       all the claim says but one word, with another word in its place
  score         compatible, but cosine + w_cover x coverage stays under ``claims.match``
  backs         the pair backs the claim: the miss is in how claims are chosen or grouped; then
                ``reached`` lists the files whose units the direct backings connect to that claim
                unit (either way, any number of steps: what backing through a shared restatement
                could gather at most) and the best-backed unit there (``chain_trial.py --closure``)
Then each fact's count of pairs by check.  Nothing here changes a result.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("no claim", "not compared", "check", "swapped", "score", "backs")
captured: list[tuple[Any, Any, Any, Any]] = []  # (ctx, alignment, units, evidence) of each story


def _capture() -> None:
    import newsdesk.analyse.story as story
    from newsdesk.analyse.claims import find_claims

    def spy(ctx: Any, alignment: Any = None, units: Any = None, evidence: Any = None) -> Any:
        captured.append((ctx, alignment, units, evidence))
        return find_claims(ctx, alignment, units, evidence)

    story.find_claims = spy  # type: ignore[assignment]


def verdict(ctx: Any, cu: Any, ev: Any, c: int, b: int, pairs: set) -> tuple[int, float, str]:
    """How far unit ``b`` gets as a backer of unit ``c``: (stage index, how close a compatible pair
    comes: cosine + w_cover x coverage, before ``min_cover`` and the bonuses; what stops it)."""
    from newsdesk.analyse import claims as cl

    units, t = cu.units, ctx.tuning.claims
    if not cl.may_claim(ev, units[c]):
        return 0, 0.0, "no claim"
    if (min(c, b), max(c, b)) not in pairs:
        return 1, 0.0, "not compared"
    reason = cl.blocker(ev, ev.of(units[c]), ev.of(units[b]))
    if reason:
        return 2, 0.0, reason
    cover = cl._cover(ev, units[c], units[b])
    if cover is None:  # compatible, so the word swap stopped it
        return 3, 0.0, "swapped"
    cos = float(cu.vectors[c] @ cu.vectors[b])
    score = cl.match_score(ev, units[c], units[b], lambda: cos)
    close = cos + t.w_cover * cover
    if score < t.match:
        return 4, close, f"score {score:.2f} < {t.match} (cover {cover:.2f}, cosine {cos:.2f})"
    return 5, close, f"backs: score {score:.2f} (cover {cover:.2f}, cosine {cos:.2f})"


def reached(ev: Any, cu: Any, alignment: Any, c: int, file_of: dict[str, str]) -> str:
    """The files of the units that direct backings connect to unit ``c``, and how many files back
    the best-backed of those units."""
    from newsdesk.analyse.claims import claim_support

    support, _ = claim_support(ev, cu, alignment)
    near: dict[int, set[int]] = {}
    for k, backers in support.items():
        for b in backers.values():
            near.setdefault(k, set()).add(b)
            near.setdefault(b, set()).add(k)
    seen, todo = {c}, [c]
    while todo:
        for m in sorted(near.get(todo.pop(), ())):
            if m not in seen:
                seen.add(m)
                todo.append(m)
    files = sorted({file_of.get(cu.units[k].article_id, "?") for k in seen})
    most = max(len(support.get(k, {})) for k in seen)
    return f"reached: {' '.join(files)} (best unit backed by {most})"


def explain(facts: list[tuple[list[str], set[str]]], file_of: dict[str, str]) -> None:
    """For each fact, the furthest pair of cue units of two of its files, and the pairs by check."""
    from newsdesk.analyse.claims import _candidate_pairs

    for cues, files in facts:
        print(f"MISSED {' '.join(sorted(files))}  cues: {cues}")
        for ctx, alignment, cu, ev in captured:
            units = cu.units
            held = [k for k, u in enumerate(units) if file_of.get(u.article_id) in files
                    and any(q.lower() in u.text.lower().replace("\u2019", "'") for q in cues)]
            if len({file_of[units[k].article_id] for k in held}) < 2:
                continue
            pairs = _candidate_pairs(ev, alignment, units)
            seen = [(verdict(ctx, cu, ev, c, b, pairs), c, b) for c in held for b in held
                    if units[c].article_id != units[b].article_id]
            (stage, _, why), c, b = max(seen, key=lambda s: (s[0][0], s[0][1], -s[1], -s[2]))
            print(f"    furthest: {why}")
            print(f"      claim  {file_of[units[c].article_id]}: {units[c].text[:150]}")
            print(f"      backer {file_of[units[b].article_id]}: {units[b].text[:150]}")
            if stage == 5:
                print("      " + reached(ev, cu, alignment, c, file_of))
            counts = Counter(v[2].split(" ")[0] if v[0] >= 4 else v[2] for v, _, _ in seen)
            print("    pairs: " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items())))


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    _capture()
    if "--wordnet" in sys.argv[1:]:
        import wordnet_trial

        wordnet_trial.install()
    from newsdesk import digest

    if "--seeds" in sys.argv[1:]:
        sys.path.insert(0, str(ROOT / "tests"))
        import seed_labels as lab

        result = digest([ROOT.parent / "shared" / "seeds"])
        file_of = lab.seed_files(result)
        story = max(result.stories, key=lambda s: len(s.articles))
        claims = [({file_of[i] for i in c.sources}, c.independent_sources, c.text.lower()) for c in story.claims]
        facts = [(list(cues), set(fs), n) for cues, n, fs in lab.FACTS]
    else:
        labels = json.loads((ROOT / "examples" / "LABELS.json").read_text(encoding="utf-8"))
        result = digest([ROOT / "examples"])
        file_of = {a.id: a.path.split("examples/")[-1] for a in result.articles if a.path}
        english = {p for p, a in labels["articles"].items() if a["language"] == "en"}
        claims = [({file_of[i] for i in c.sources}, c.independent_sources, c.text.lower())
                  for s in result.stories for c in s.claims]
        facts = [(f.get("cues", []), set(f["files"]) & english, len(set(f["files"]) & english))
                 for g in labels["stories"].values() for f in g["corroborated"] if f.get("cues")]
    missed = [(cues, fs) for cues, fs, n in facts if not any(
        fs == cf and n == cn and any(q.lower() in text.replace("\u2019", "'") for q in cues) for cf, cn, text in claims)]
    explain(missed, file_of)


if __name__ == "__main__":
    main()
