"""Coverage: what each outlet alone reports and which widely corroborated claims it leaves out."""

from __future__ import annotations

from pathlib import Path

from test_entities import example_context, seed_context

from newsdesk.analyse.claims import find_claims
from newsdesk.analyse.coverage import outlet_coverage
from newsdesk.models import Claim


def test_exclusive_and_omitted_claims() -> None:
    claims = (
        Claim("all say it", ("a", "b", "c", "d"), 3, (("b", "c"),)),
        Claim("a and d say it", ("a", "d"), 2),
        Claim("the wire copy alone", ("b", "c"), 1, (("b", "c"),)),
        Claim("only d", ("d",), 1),
    )
    coverage = {"a": [0, 1], "b": [0, 2], "c": [0, 2], "d": [0, 1, 3]}
    out = outlet_coverage(["a", "b", "c", "d"], claims, coverage, [("b", "c")])
    assert out["d"].exclusive == (3,)
    assert out["b"].exclusive == (2,) and out["c"].exclusive == (2,)  # two copies, one voice
    assert out["a"].exclusive == ()
    assert out["b"].omitted == (1,)  # a and d: two independent others
    assert out["a"].omitted == ()  # only d besides a: not widely corroborated without a
    assert out["a"].covered == 1.0 and out["b"].covered == 0.5


def test_example_outlet_with_the_dissenting_count_is_flagged() -> None:
    ctx, ids = example_context("kiel-ferry")
    found = find_claims(ctx)
    claims, coverage = found.claims, found.coverage
    out = outlet_coverage([a.id for a in ctx.articles], claims, coverage, ctx.syndication)
    eastmark = out[ids["eastmark-observer-ferry.txt"]]
    assert any("Nine" in claims[n].text for n in eastmark.exclusive)
    assert any("14" in claims[n].text for n in eastmark.omitted)
    copies = [out[ids["harbour-ledger-ferry.txt"]], out[ids["pinecrest-times-ferry.html"]]]
    # the copies speak with one voice; the Ledger printed a paragraph the Times cut
    assert copies[1].exclusive and set(copies[1].exclusive) < set(copies[0].exclusive)


def test_seed_coverage_is_complete(seeds: Path) -> None:
    ctx = seed_context(str(seeds))
    found = find_claims(ctx)
    claims, coverage = found.claims, found.coverage
    out = outlet_coverage([a.id for a in ctx.articles], claims, coverage, ctx.syndication)
    assert set(out) == {a.id for a in ctx.articles}
    for aid, row in out.items():
        assert set(row.exclusive) <= set(row.stated) == set(coverage[aid])
        assert not set(row.omitted) & set(row.stated)
        assert all(claims[n].independent_sources >= 2 for n in row.omitted)
    assert sum(bool(row.exclusive) for row in out.values()) >= 4
