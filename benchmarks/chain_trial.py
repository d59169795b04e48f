"""Backing through a shared restatement, as a trial -> storycheck's figures with it (not in the product).

Run: python benchmarks/chain_trial.py [--floor F] [--link match|floor|triangle] [--closure] [--seeds] [--facts]
It wraps ``analyse.claims.claim_support`` and runs ``storycheck.py`` with the other arguments.
Measured on examples/ and held out on the seeds in benchmarks/README.md ("Backing through a shared
restatement"): no fact found on either set, so the product does not use it.

A claim c (outlet A) backed by unit b (outlet B) gains outlet C through C's unit u when
  - u states b: ``claims.match`` (``--link match``) or at least ``--floor`` (``--link floor``),
    with every check of ``claims.blocker`` passed and no word swapped;
  - u passes every cheap check against c itself (``claims.blocker`` gives nothing, no word swapped)
    and cosine + w_cover x coverage (+ the count or date bonus ``_score`` gives) reaches ``--floor``
    (``claims.min_cover`` is not asked: the two links stand in for it).
One hop: only direct backers (``claims.match``) link, so chained outlets never chain further.  The
units u tried for b are b's candidate pairs (``claims._candidate_pairs``), so the work is bounded
by the pairs the claims stage already compares, times the outlets of a claim.

``--closure`` prints instead, for each story, the components of the direct backing graph (edges
b -> c at ``claims.match``, either way) whose outlets are more than those of their best-backed
unit: the most any transitive backing at the current bar could add.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SETTINGS: dict[str, Any] = {"floor": 0.9, "link": "match"}
compared: list[int] = []  # pairs scored by the trial in each story (its extra work)
candidates: list[int] = []  # pairs of units the claims stage compares in each story
added: list[tuple[str, str, str, float]] = []  # (claim text, link text, new backer text, score)


def _args(args: list[str]) -> None:
    if "--floor" in args:
        SETTINGS["floor"] = float(args[args.index("--floor") + 1])
    if "--link" in args:
        SETTINGS["link"] = args[args.index("--link") + 1]


def install() -> None:
    """Puts the chained ``claim_support`` into ``analyse.claims`` (``find_claims`` calls it)."""
    import newsdesk.analyse.claims as cl

    direct = cl.claim_support

    def chained(ev: Any, cu: Any, alignment: Any) -> tuple[Any, Any]:
        support, best = direct(ev, cu, alignment)
        near: dict[int, set[int]] = defaultdict(set)
        pairs = cl._candidate_pairs(ev, alignment, cu.units)
        candidates.append(len(pairs))
        for i, j in sorted(pairs):
            near[i].add(j)
            near[j].add(i)
        memo: dict[tuple[int, int], float] = {}
        gains = {c: _gains(ev, cu, support, near, memo, c) for c in sorted(support)}
        compared.append(len(memo))
        for c, new in gains.items():
            for aid, (u, score) in sorted(new.items()):
                support[c][aid] = u
                best[(c, aid)] = score
        return support, best

    cl.claim_support = chained  # type: ignore[assignment]


def _gains(ev: Any, cu: Any, support: Any, near: Any, memo: Any, c: int) -> dict[str, tuple[int, float]]:
    """The outlets claim ``c`` gains through one of its backers: {article id: (unit, score)}.  With
    ``--link triangle`` a unit b that states c only at the floor is a backer too, and joins c with u
    (three outlets stating one another at the floor)."""
    units, t = cu.units, ev.ctx.tuning.claims
    link = t.match if SETTINGS["link"] == "match" else SETTINGS["floor"]
    out: dict[str, tuple[int, float]] = {}
    links: dict[str, int] = {}
    backers = [b for aid, b in sorted(support[c].items()) if b != c]
    if SETTINGS["link"] == "triangle":
        backers += [b for b in sorted(near[c]) if units[b].article_id not in support[c]
                    and _raw(ev, cu, memo, c, b) >= SETTINGS["floor"]]
    for b in backers:
        aid_b = units[b].article_id
        for u in sorted(near[b]):
            aid = units[u].article_id
            if aid in support[c] or aid == aid_b:
                continue
            if _raw(ev, cu, memo, b, u) < link:
                continue
            score = _raw(ev, cu, memo, c, u)
            if score >= SETTINGS["floor"] and score > out.get(aid, (-1, -1.0))[1]:
                out[aid] = (u, score)
                links[aid] = b
    for aid, b in sorted(links.items()):  # a backer at the floor joins with the unit it links
        if units[b].article_id not in support[c] and units[b].article_id not in out:
            out[units[b].article_id] = (b, _raw(ev, cu, memo, c, b))
    for aid, (u, score) in sorted(out.items()):
        added.append((units[c].text, units[links.get(aid, u)].text, units[u].text, score))
    return out


def _raw(ev: Any, cu: Any, memo: Any, c: int, u: int) -> float:
    """cosine + w_cover x coverage of unit ``u`` stating unit ``c`` (with ``_score``'s count or date
    bonus), without the ``min_cover`` bar; -1 when a check of ``blocker`` or the word swap stops it."""
    import newsdesk.analyse.claims as cl

    if (c, u) not in memo:
        units, t = cu.units, ev.ctx.tuning.claims
        cover = cl._cover(ev, units[c], units[u])
        if cover is None:
            memo[c, u] = -1.0
        else:
            claim = ev.of(units[c])
            score = float(cu.vectors[c] @ cu.vectors[u]) + t.w_cover * cover
            if claim.needs:
                distinct = cl._distinct_count(claim, t.distinct) or cl._dated(claim)
                score += t.count_bonus if distinct else t.value_bonus
            memo[c, u] = score
    return memo[c, u]  # type: ignore[no-any-return]


def closure(folder: Path) -> None:
    """Components of the direct backing graph with more outlets than their best-backed unit."""
    import newsdesk.analyse.story as story
    from newsdesk import digest
    from newsdesk.analyse.claims import claim_support, find_claims

    def spy(ctx: Any, alignment: Any = None, units: Any = None, evidence: Any = None) -> Any:
        support, _ = claim_support(evidence, units, alignment)
        _components(units.units, support)
        return find_claims(ctx, alignment, units, evidence)

    story.find_claims = spy  # type: ignore[assignment]
    digest([folder])


def _components(units: Any, support: Any) -> None:
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for c in sorted(support):
        for b in support[c].values():
            parent[root(b)] = root(c)
    groups: dict[int, list[int]] = defaultdict(list)
    for x in sorted(parent):
        groups[root(x)].append(x)
    wider = 0
    for members in groups.values():
        outlets = {units[k].article_id for k in members}
        most = max(len(support[k]) for k in members if k in support)
        if len(outlets) > most:
            wider += 1
            print(f"  component of {len(outlets)} outlets, best unit backed by {most}: "
                  + " | ".join(units[k].text[:60] for k in members))
    print(f"story: {len(groups)} components of 2+ units, {wider} with more outlets than their best unit")


def main() -> None:
    args = sys.argv[1:]
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    if "--closure" in args:
        closure(ROOT.parent / "shared" / "seeds" if "--seeds" in args else ROOT / "examples")
        return
    _args(args)
    install()
    from common import run_storycheck

    run_storycheck(args)
    print(f"chained backings ({SETTINGS}): {len(added)}; pairs scored by the trial: "
          f"{sum(compared)}, beside the {sum(candidates)} pairs of units the claims stage compares")
    for claim, link, new, score in added:
        print(f"  {score:.2f} claim: {claim[:100]}\n       via: {link[:100]}\n       new: {new[:100]}")


if __name__ == "__main__":
    main()
