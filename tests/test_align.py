"""Sentence alignment across articles: same fact despite paraphrase; negation and numbers split."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from newsdesk.analyse.align import agree, align, align_sentences, values_of
from newsdesk.analyse.context import StoryContext
from newsdesk.models import Article, content_id
from newsdesk.nlp.embed import Embedder, HashingEmbedder, default_embedder
from newsdesk.nlp.sentences import sentences_of
from newsdesk.nlp.spacy_model import parse_many


def make_context(texts: Sequence[str], embedder: Embedder | None = None) -> StoryContext:
    """A story of invented articles, parsed and embedded like the pipeline does."""
    articles = [Article(id=content_id(t), text=t) for t in texts]
    docs = dict(zip((a.id for a in articles), parse_many([a.text for a in articles])))
    sentences = [s for a in articles for s in sentences_of(a, docs[a.id])]
    vectors = (embedder or HashingEmbedder()).embed([s.text for s in sentences])
    return StoryContext(articles=articles, sentences=sentences, embeddings=vectors, docs=docs)


def _group_of(ctx: StoryContext, needle: str) -> set[str]:
    for g in align_sentences(ctx):
        texts = [ctx.sentences[m].text for m in g.members]
        if any(needle in t for t in texts):
            return set(texts)
    raise AssertionError(needle)


A = (
    "The Harbour Bridge in Velmora was closed on Tuesday after a barge struck one of its pillars. "
    "Fourteen people were injured when the barge hit the bridge. "
    "The mayor said repairs would take at least three weeks."
)
B = (
    "A barge struck a pillar of the Harbour Bridge in Velmora on Tuesday, and the bridge was closed. "
    "Nine people were injured when the barge hit the bridge. "
    "Local fishermen have long complained about the currents near the port."
)
C = (
    "The Harbour Bridge in Velmora was not closed on Tuesday after a barge struck one of its pillars. "
    "City engineers inspected the damage overnight."
)


def test_every_sentence_in_exactly_one_group() -> None:
    ctx = make_context([A, B, C])
    groups = align_sentences(ctx)
    members = sorted(m for g in groups for m in g.members)
    assert members == list(range(len(ctx.sentences)))
    assert all(g.representative in g.members for g in groups)
    assert align_sentences(ctx) == groups  # the same value each time: no state between calls


def test_a_fact_told_twice_in_one_article_joins_one_group() -> None:
    lead = "The council approved the new budget for the harbour district on Monday evening."
    body = "On Monday evening the council approved a new budget for the harbour district."
    other = "The harbour district's new budget was approved by the council on Monday evening."
    ctx = make_context([f"{lead} Other business followed later. {body}", other], embedder=default_embedder())
    assert _group_of(ctx, "Other business") == {"Other business followed later."}
    assert _group_of(ctx, "approved by the council") == {lead, body, other}


def test_numbers_that_differ_are_not_one_fact_but_stay_similar() -> None:
    ctx = make_context([A, B])
    injured = _group_of(ctx, "Fourteen people")
    assert not any("Nine people" in t for t in injured)
    pairs = {(ctx.sentences[i].text[:8], ctx.sentences[j].text[:8]) for i, j, _ in align(ctx).similar_pairs(0.5)}
    assert ("Fourteen", "Nine peo") in pairs


def test_negation_splits() -> None:
    ctx = make_context([A, C])
    closed = _group_of(ctx, "was closed on Tuesday")
    assert not any("not closed" in t for t in closed)


def test_same_article_never_pairs() -> None:
    ctx = make_context([A + " " + A.replace("Tuesday", "Tuesday morning")])
    assert align(ctx).similar_pairs(0.0) == []


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("14 people were injured.", "Fourteen people were injured.", True),
        ("14 people were injured.", "Nine people were injured.", False),
        ("It happened on March 3.", "It happened on March 5.", False),
        ("The ministry confirmed the deal.", "The ministry denied the deal.", False),
        ("Police arrested two men.", "Two men were arrested by police.", True),
        ("The ferry sailed on time.", "The ferry didn't sail on time.", False),
        ("The ferry sailed on time.", "The ferry didn\u2019t sail on time.", False),  # a curly apostrophe
    ],
)
def test_agree(a: str, b: str, same: bool) -> None:
    assert agree(a, b) is same


def test_values_of_counts_and_dates() -> None:
    assert values_of("At least 14 people were injured on March 3, 2024.") == {
        "people": "14",
        "mar": "3",
        "year": "2024",
    }


def test_paraphrase_with_real_embedder() -> None:
    x = "Storms cut power to 20,000 homes across the northern province on Sunday."
    y = "On Sunday, some 20,000 households in the northern province lost electricity because of storms."
    z = "The province's football team won its third match in a row."
    ctx = make_context([x + " " + z, y], embedder=default_embedder())
    assert _group_of(ctx, "Storms cut power") == {x, y}
    assert _group_of(ctx, "football") == {z}


# --- units: sentences and their clauses -------------------------------------------------------


def _units(text: str) -> list[str]:
    from newsdesk.analyse.units import sentence_units

    return [u.text for u in sentence_units(make_context([text])) if not u.whole]


@pytest.mark.parametrize(
    ("sentence", "clauses", "never"),
    [
        # two clauses joined by "and"; what the mayor said stays with the mayor, and stands alone too
        ("The council approved the tram plan on Tuesday, and the mayor said the first trams would run by 2027.",
         ["The council approved the tram plan on Tuesday", "the mayor said the first trams would run by 2027",
          "the first trams would run by 2027"], ["the mayor said"]),
        # a description set off by a comma goes with its noun; the rest of the sentence stands without it
        ("The ferry, which was built in 2009, hit the quay in Velmora on Tuesday evening.",
         ["The ferry, which was built in 2009"], []),
        # a clause tied by its subordinator stays ("six years since ..."); an attribution goes
        ("It has been six years since the mayor visited Sarno, according to the city archive.",
         ["It has been six years since the mayor visited Sarno", "the mayor visited Sarno"], ["It has been six years"]),
        # a dateline is no part of a claim
        ("SARNO, March 3 (MPS) – The harbour reopened on Monday after the storm.",
         ["The harbour reopened on Monday after the storm."], []),
    ],
)  # fmt: skip
def test_sentence_units_are_the_clauses_of_a_sentence(sentence: str, clauses: list[str], never: list[str]) -> None:
    units = _units(sentence)
    assert all(c in units for c in clauses), units
    assert not any(u in never for u in units), units
    assert all(u in sentence for u in units)  # verbatim text of the article


def test_every_unit_points_into_its_article() -> None:
    from newsdesk.analyse.units import sentence_units

    ctx = make_context([A, B])
    units = sentence_units(ctx)
    assert {u.row for u in units if u.whole} == set(range(len(ctx.sentences)))
    for u in units:
        s = ctx.sentences[u.row]
        assert s.start <= u.start < u.end <= s.end
        assert ctx.article(u.article_id).text[u.start : u.end] == u.text
