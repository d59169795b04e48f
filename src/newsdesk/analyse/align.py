"""Story sentences -> groups of sentences from different articles that state the same fact.

Two sentences of different articles match when their embeddings are close
and their content words and names overlap enough; never when one is negated
and the other is not, or when they give different values for the same thing
("14 injured" / "nine injured").  Such aligned-but-different pairs stay
visible through ``Alignment.similar_pairs`` so the conflicts stage can report them.
An article may state a fact twice (lead and body): a group can hold several
sentences of one article, but sentences of one article never match each
other directly.  Every sentence is in exactly one group.
The result, ``Alignment``, also holds the cosine of every pair of sentences,
which the brief and the claims read instead of computing it again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.vocab import (
    CALENDAR_WORDS,
    FACT_TOKEN,
    STOP_WORDS,
    content_overlap,
    content_words,
    count_value,
)

if TYPE_CHECKING:
    from newsdesk.analyse.context import StoryContext

NEGATION = re.compile(
    r"\b(not|no|never|none|neither|nor|nobody|nothing|denied|denies|deny|denying|refused|refuses|"
    r"rejected|rejects|without|cannot)\b|n['\u2019]t\b",  # "didn't", curly or straight
    re.I,
)
SENSATIONAL = frozenset(
    """
    shocking shock stunning stunned horrific horrifying terrifying chilling bombshell outrage outrageous
    incredible unbelievable amazing astonishing slams slammed blasts blasted epic insane jaw dropping
    brutal bizarre explosive dramatic massive huge devastating heartbreaking tragic furious wild
    """.split()
)


@dataclass(frozen=True)
class SentenceGroup:
    """Sentences (indexes into ``ctx.sentences``) stating one fact, from one or more articles."""

    members: tuple[int, ...]
    representative: int


@dataclass(frozen=True, eq=False)
class Alignment:
    """The cosine of every pair of the story's sentences, and its sentences in fact groups.

    The groups are formed on first use (a story none of whose sentences can enter a brief never
    needs them) and are then part of the value."""

    ctx: StoryContext
    cosines: np.ndarray  # sentences x sentences
    owner: np.ndarray  # each sentence's article (its place in ``ctx.articles``)

    @cached_property
    def groups(self) -> tuple[SentenceGroup, ...]:
        """Every sentence of the story in exactly one group."""
        return tuple(_build_groups(self.ctx, self))

    def similar_pairs(self, threshold: float) -> list[tuple[int, int, float]]:
        """Pairs (i < j, cosine) of sentences of different articles with cosine ≥ ``threshold``.

        No fact checks here: pairs that disagree on a number or on negation are
        included, which is what a conflicts finder needs.
        """
        if len(self.owner) < 2:
            return []
        sims, owner = self.cosines, self.owner
        ii, jj = np.nonzero(np.triu(sims >= threshold, k=1) & (owner[:, None] != owner[None, :]))
        return [(int(i), int(j), float(sims[i, j])) for i, j in zip(ii, jj)]


def align(ctx: StoryContext) -> Alignment:
    """The story's sentence cosines; its fact groups follow from them (``Alignment.groups``)."""
    e = np.asarray(ctx.embeddings, dtype=np.float32)
    cosines = e @ e.T if len(e) else np.zeros((0, 0), np.float32)
    owner = np.array([ctx.order_of(s.article_id) for s in ctx.sentences], dtype=np.int64)
    return Alignment(ctx, cosines, owner)


def align_sentences(ctx: StoryContext) -> list[SentenceGroup]:
    """The fact groups of ``align`` alone."""
    return list(align(ctx).groups)


def same_fact(ctx: StoryContext, sims: np.ndarray, i: int, j: int, cos: float | None = None) -> bool:
    """Sentences i and j (of different articles) state the same fact."""
    if ctx.sentences[i].article_id == ctx.sentences[j].article_id:
        return False
    t = ctx.tuning.align
    cos = float(sims[i, j]) if cos is None else cos
    if cos < t.maybe or not agree(ctx.sentences[i].text, ctx.sentences[j].text):
        return False
    if cos >= t.same_fact_cosine:
        return True
    a, b = ctx.sentences[i].text, ctx.sentences[j].text
    overlap = content_overlap(content_words(a), content_words(b))
    return overlap >= t.min_overlap and cos + t.w_overlap * overlap >= t.match


def agree(a: str, b: str) -> bool:
    """Same polarity and no value given differently for the same thing."""
    (neg_a, va), (neg_b, vb) = _facts(a), _facts(b)
    return neg_a == neg_b and all(va[k] == vb[k] for k in va.keys() & vb.keys())


@lru_cache(maxsize=1 << 14)
def _facts(text: str) -> tuple[bool, Mapping[str, str]]:
    """Polarity and values of a sentence, read once: ``agree`` meets each sentence in many pairs."""
    return bool(NEGATION.search(text)), MappingProxyType(values_of(text))


def values_of(text: str) -> dict[str, str]:
    """Counted things and calendar slots -> value: {"injured": "14", "march": "3", "year": "2024"}."""
    words = FACT_TOKEN.findall(text.lower())
    out: dict[str, str] = {}
    for k, w in enumerate(words):
        value = count_value(w)
        if value is None:
            continue
        if len(w) == 4 and w.isdigit() and 1900 <= int(w) <= 2100:
            out.setdefault("year", w)
            continue
        after = next((x for x in words[k + 1 : k + 4] if x not in STOP_WORDS and count_value(x) is None), None)
        before = words[k - 1] if k else ""
        if before in CALENDAR_WORDS:
            out.setdefault(before[:3], value)
        elif after in CALENDAR_WORDS:
            out.setdefault(after[:3], value)
        elif after:
            out.setdefault(after.rstrip("s"), value)
    return out


def plainness(text: str) -> float:
    """Higher is plainer: no exclamation, rhetorical question, superlative or loaded adjective."""
    low = text.lower()
    penalty = 1.0 * text.count("!") + 0.7 * text.rstrip("\"'\u201d ").endswith("?")
    penalty += 0.3 * sum(w in SENSATIONAL for w in re.findall(r"[a-z]+", low))
    penalty += 0.2 * len(re.findall(r"\b[a-z]+est\b|\bmost\b", low)) if "est " in low or "most " in low else 0.0
    return -penalty


def _build_groups(ctx: StoryContext, alignment: Alignment) -> list[SentenceGroup]:
    n = len(ctx.sentences)
    sims = alignment.cosines
    cluster = {i: [i] for i in range(n)}
    where = list(range(n))
    t = ctx.tuning.align
    pairs = sorted(alignment.similar_pairs(t.maybe), key=lambda p: -p[2])
    for i, j, cos in pairs:
        a, b = where[i], where[j]
        if a == b or not same_fact(ctx, sims, i, j, cos):
            continue
        ca, cb = cluster[a], cluster[b]
        if float(sims[np.ix_(ca, cb)].mean()) < t.link:
            continue  # average linkage: no chains of loosely related sentences
        if not all(agree(ctx.sentences[x].text, ctx.sentences[y].text) for x in ca for y in cb):
            continue
        ca.extend(cb)
        for x in cb:
            where[x] = a
        del cluster[b]
    groups = [tuple(sorted(m)) for m in cluster.values()]
    groups.sort(key=lambda m: m[0])
    return [SentenceGroup(m, _representative(ctx, sims, m)) for m in groups]


def _representative(ctx: StoryContext, cosines: np.ndarray, members: tuple[int, ...]) -> int:
    """The plainest member; among equally plain ones the most central."""
    if len(members) == 1:
        return members[0]
    sims = cosines[np.ix_(members, members)]
    central = sims.mean(axis=1)
    weight = ctx.tuning.align.centrality
    score = [plainness(ctx.sentences[m].text) + weight * float(c) for m, c in zip(members, central)]
    return members[int(np.argmax(score))]
