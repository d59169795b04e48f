"""Claims: matching across outlets, independent corroboration, coverage; invented texts, seeds, examples/.

Facts are named by values only (numbers, names); no sentence of the seeds is copied here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_entities import example_context, example_labels, seed_context, story_context

from newsdesk.analyse.claims import claim_members, find_claims, is_claim_sentence
from newsdesk.analyse.context import StoryContext
from newsdesk.models import Claim

INVENTED = [
    (
        "The city council approved a new tram line on Tuesday. The line will cost 240 million euros. "
        "Will the trams run on time?"
    ),
    (
        "On Tuesday the council voted to build a tram line. It is budgeted at 240 million euros. "
        "Local shops welcomed the plan."
    ),
    (
        "On Tuesday the council voted to build a tram line. It is budgeted at 240 million euros. "
        "Local shops welcomed the plan."
    ),  # a wire copy printed by a second site
    "The council approved plans for a new tram line on Tuesday, officials said. Opposition members walked out.",
]
WIRE = [("a1", "a2")]


@pytest.fixture(scope="module")
def invented() -> StoryContext:
    return story_context(INVENTED, WIRE)


def test_paraphrases_corroborate_and_copies_count_once(invented: StoryContext) -> None:
    claims, _ = find_claims(invented)
    top = claims[0]
    assert "tram" in top.text
    assert set(top.sources) == {"a0", "a1", "a2", "a3"}
    assert top.independent_sources == 3
    assert top.syndicated == (("a1", "a2"),)


def test_numbers_match_across_wording(invented: StoryContext) -> None:
    claims, _ = find_claims(invented)
    cost = next(c for c in claims if "240" in c.text)
    assert set(cost.sources) == {"a0", "a1", "a2"} and cost.independent_sources == 2


def test_questions_are_no_claims(invented: StoryContext) -> None:
    claims, _ = find_claims(invented)
    assert not any(c.text.endswith("?") for c in claims)
    assert not is_claim_sentence("“We will rebuild,” she said.")
    assert is_claim_sentence("The mayor said the trams would run from 2027.")


def test_claims_are_ranked_and_the_coverage_matrix_is_consistent(invented: StoryContext) -> None:
    claims, coverage = find_claims(invented)
    keys = [(-c.independent_sources, -len(c.sources)) for c in claims]
    assert keys == sorted(keys)
    assert set(coverage) == {"a0", "a1", "a2", "a3"}
    for aid, indexes in coverage.items():
        assert indexes == sorted(indexes)
        assert all(aid in claims[n].sources for n in indexes)
    assert sum(len(v) for v in coverage.values()) == sum(len(c.sources) for c in claims)
    walked_out = next(n for n, c in enumerate(claims) if "walked out" in c.text)
    assert coverage["a3"].count(walked_out) == 1 and claims[walked_out].independent_sources == 1


def test_every_claim_is_text_of_its_sources(invented: StoryContext) -> None:
    claims, _ = find_claims(invented)
    texts = {a.id: a.text for a in invented.articles}
    for c in claims:
        assert any(c.text in texts[s] for s in c.sources)


@pytest.mark.parametrize(
    ("scores", "backed_by"),
    [
        ({("a0", "a1"): 1.0, ("a1", "a2"): 1.0, ("a0", "a2"): 0.9}, {"a0", "a1", "a2"}),
        ({("a0", "a1"): 1.0, ("a0", "a2"): 0.9}, {"a0", "a1"}),  # the near match has no second path
        ({("a0", "a1"): 1.0, ("a1", "a2"): 1.0, ("a0", "a2"): 0.5}, {"a0", "a1"}),  # too far
    ],
)
def test_a_near_match_backed_by_a_third_outlet_corroborates(
    monkeypatch: pytest.MonkeyPatch, scores: dict[tuple[str, str], float], backed_by: set[str]
) -> None:
    import newsdesk.analyse.claims as claims_module

    ctx = story_context(
        [
            "The new bridge in Tarnby opens next week.",
            "The new bridge in Tarnby will open next week, the mayor said.",
            "The mayor said the new crossing in Tarnby is due to open within days.",
        ]
    )

    def score(c: StoryContext, i: int, j: int, cos: float) -> float:
        return scores.get((c.sentences[i].article_id, c.sentences[j].article_id), 0.0)

    monkeypatch.setattr(claims_module, "match_score", score)
    support = claims_module.claim_support(ctx, claims_module.claim_units(ctx))
    first = next(i for i, s in enumerate(ctx.sentences) if s.article_id == "a0")
    assert set(support[first]) == backed_by


# --- the seeds ------------------------------------------------------------------------------

# fact: (pattern every supporting sentence states, independent outlets a careful reader counts)
SEED_FACTS = {
    "attends the parade": (r"parade", 5),
    "80th anniversary of the war's end": (r"\b80|eighty", 4),
    "26 foreign leaders": (r"\b26\b", 3),
    "first visit in six years": (r"six years", 3),
}


def fact_scores(
    ctx: StoryContext, claims: tuple[Claim, ...], facts: dict[str, tuple[str, int]]
) -> dict[str, float]:
    """Recall: facts found with the expected corroboration; precision: supporting sentences that state the fact."""
    members = claim_members(ctx)
    found, right, total = 0, 0, 0
    for pattern, need in facts.values():
        stating = [n for n, c in enumerate(claims) if re.search(pattern, c.text, re.IGNORECASE)]
        if not stating:
            continue
        best = max(stating, key=lambda n: claims[n].independent_sources)  # the claim a reader sees
        found += claims[best].independent_sources >= need
        total += len(members[best])
        right += sum(
            bool(re.search(pattern, ctx.sentences[i].text, re.IGNORECASE)) for i in members[best]
        )
    return {"recall": found / len(facts), "precision": right / total if total else 0.0}


def test_seed_corroboration(seeds: Path) -> None:
    ctx = seed_context(str(seeds))
    claims, coverage = find_claims(ctx)
    scores = fact_scores(ctx, claims, SEED_FACTS)
    print("seed corroboration:", scores, [(c.independent_sources, c.text[:60]) for c in claims[:6]])
    assert scores["recall"] >= 0.75
    assert scores["precision"] >= 0.9
    assert claims[0].independent_sources == 5
    assert all(c.independent_sources <= 5 for c in claims)
    assert all(coverage[a.id] for a in ctx.articles)


# --- examples/ ------------------------------------------------------------------------------

EXAMPLE_FACTS = {
    # English files only (the German one is kept out of stories); the MPS copies count once
    "kiel-ferry": {"212 passengers": (r"\b212\b", 3), "at least 14 injured": (r"\b14\b", 2)},
    "brannock-steel": {
        "1,150 jobs": (r"1,150", 3),
        "£640m furnace": (r"640", 3),
        "2,900 staff": (r"2,900", 3),
    },
    "lunar-lander": {"nine instruments": (r"\bnine\b", 3), "landing at 14:52": (r"14:52", 3)},
}


@pytest.mark.parametrize("story", sorted(EXAMPLE_FACTS))
def test_example_corroboration(story: str) -> None:
    ctx, ids = example_context(story)
    claims, _ = find_claims(ctx)
    scores = fact_scores(ctx, claims, EXAMPLE_FACTS[story])
    assert scores["recall"] >= 0.66 and scores["precision"] >= 0.9, scores
    labelled = example_labels()["stories"][story]["syndicated"]
    for group in labelled:
        copies = tuple(sorted(ids[Path(f).name] for f in group))
        assert any(tuple(sorted(g)) == copies for c in claims for g in c.syndicated)
