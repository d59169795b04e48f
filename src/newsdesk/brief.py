"""Story context -> neutral extractive brief: verbatim sentences within a word budget, each citing every outlet stating it.

Units are the fact groups of ``analyse.align``, each shown by its plainest
non-chrome sentence (a quotation that runs over several sentences is shown
whole, from its opening mark to the sentence that closes it).  Two fitted linear models rank them: a sentence model
(how many outlets state the fact, centrality, position and length in the
article...) and a word model that estimates how likely each word of the
story is to be used in a summary, and how often.  Units are picked greedily:
the sentence score plus the expected summary words a unit adds per word it
costs (words already covered by chosen units count less), under the word
budget and never two near-duplicates.  Only when the plain statements run
out before the budget do sentences that open on a pronoun fill it, and only a
brief that would otherwise be empty shows a question or a first-person line
(``is_briefable`` levels).  The brief is ordered as the articles tell the facts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsdesk.analyse.align import Alignment, align
from newsdesk.analyse.context import StoryContext
from newsdesk.brief_model import WEIGHTS, WORD_WEIGHTS, Unit, unit_features, unit_text, word_values
from newsdesk.briefable import FILL, LAST_RESORT, introduces
from newsdesk.models import BriefSentence, Citation
from newsdesk.settings import DEFAULT
from newsdesk.tuning.analysis import BriefTuning
from newsdesk.vocab import content_overlap, content_words, word_tokens

DEFAULT_WORDS = DEFAULT.words


@dataclass(frozen=True)
class BriefParams:
    """The fitted model weights (benchmarks/briefs.py --tune); the selection's tuned values are
    ``ctx.tuning.brief`` (``newsdesk.tuning``)."""

    weights: tuple[float, ...] = WEIGHTS  # one per ``FEATURES``
    word_weights: tuple[float, ...] = WORD_WEIGHTS  # one per ``WORD_FEATURES``


def make_brief(
    ctx: StoryContext,
    words: int = DEFAULT_WORDS,
    params: BriefParams | None = None,
    alignment: Alignment | None = None,
) -> tuple[BriefSentence, ...]:
    """At most ``words`` words of verbatim article sentences, each citing every article in its fact
    group (``alignment``: the story's, found here when not given)."""
    p, t = params or BriefParams(), ctx.tuning.brief
    alignment = alignment or align(ctx)
    units, features = unit_features(ctx, alignment)
    value = word_values(ctx, p.word_weights)
    chosen = _select(ctx, _scored(units, features, p), words, t, value)
    for level in (FILL, LAST_RESORT):
        # the plain statements ran out before the budget: fill it with sentences that open on a
        # pronoun (they lean on the one before them), and, rather than leave a brief empty, with
        # questions, exclamations and first-person lines
        left = words - sum(u.words for u in chosen)
        if left < t.min_words or level == LAST_RESORT and chosen:
            break
        taken = frozenset(m for u in chosen for m in u.group.members)
        more, more_features = unit_features(ctx, alignment, level=level, max_words=left, taken=taken)
        if more:
            pool = chosen + _scored(more, more_features, p)
            chosen = _select(ctx, pool, words, t, value, fixed=len(chosen))
    return tuple(_brief_sentence(ctx, u) for u in _story_order(ctx, chosen))


def _scored(units: Sequence[Unit], features: np.ndarray, p: BriefParams) -> list[Unit]:
    return [replace(u, score=float(f @ np.asarray(p.weights))) for u, f in zip(units, features)]


def _select(
    ctx: StoryContext,
    units: list[Unit],
    words: int,
    p: BriefTuning,
    value: dict[tuple[str, int], float],
    fixed: int = 0,
) -> list[Unit]:
    """Greedy under the word budget: score + expected new summary words per word - redundancy.
    The first ``fixed`` units are already chosen."""
    texts = [unit_text(ctx, u) for u in units]
    tokens = [word_tokens(t) for t in texts]
    content = [content_words(t) for t in texts]
    cost = [u.words**p.length_power for u in units]
    left = set(range(fixed, len(units)))
    picked: list[int] = list(range(fixed))
    used: Counter[str] = Counter(t for k in picked for t in tokens[k])
    budget = words - sum(units[k].words for k in picked)
    vectors = np.asarray(ctx.embeddings)[[u.shown for u in units]]
    while left:
        best, best_value = -1, -np.inf
        for k in left:
            u = units[k]
            if u.words > budget or not _speaker_known(ctx, units, picked, k):
                continue
            overlap = _redundancy(vectors, content, picked, k, p.word_overlap)
            if overlap >= p.max_overlap:
                continue
            gain, seen = 0.0, Counter[str]()
            for t in tokens[k]:
                seen[t] += 1
                gain += value.get((t, used[t] + seen[t]), 0.0)
            v = u.score + gain / cost[k] - p.redundancy * overlap
            if v > best_value:
                best, best_value = k, v
        if best < 0:
            break
        picked.append(best)
        used.update(tokens[best])
        budget -= units[best].words
        left.remove(best)
    return [units[k] for k in picked]


def _redundancy(
    vectors: np.ndarray, content: list[frozenset[str]], picked: list[int], k: int, words: float
) -> float:
    """How much of unit ``k`` the picked units already say: the cosine of their (first) sentences,
    or the share of content words their shown texts have in common, whichever is higher."""
    if not picked:
        return 0.0
    cos = float((vectors[picked] @ vectors[k]).max())
    if not words:
        return cos
    return max(cos, words * max(content_overlap(content[k], content[c]) for c in picked))


def _speaker_known(ctx: StoryContext, units: list[Unit], picked: list[int], k: int) -> bool:
    """Unit ``k`` may join the picked units: each surname it names alone as a speaker is given in
    full by a line that comes before it in the brief, or by itself."""
    u = units[k]
    if not u.names:
        return True
    order = _story_order(ctx, [units[j] for j in picked] + [u])
    before = [unit_text(ctx, v) for v in order[: order.index(u) + 1]]
    return all(any(introduces(t, name) for t in before) for name in u.names)


def _story_order(ctx: StoryContext, units: Sequence[Unit]) -> list[Unit]:
    """Story order (how early in its articles a fact comes, then article order), a bare quotation
    right after the line it follows in its article (``Unit.after``) when that line is there."""
    ending = {u.rows[-1]: u for u in units}
    keys: dict[int, tuple[float, ...]] = {}

    def key(u: Unit) -> tuple[float, ...]:
        if u.shown not in keys:
            lead = ending.get(u.after) if u.after is not None else None
            keys[u.shown] = (*key(lead), 1) if lead is not None else (*_order_key(ctx, u), 0)
        return keys[u.shown]

    return sorted(units, key=key)


def _order_key(ctx: StoryContext, u: Unit) -> tuple[float, int, int]:
    """Story order: how early in its articles a fact comes, then article order."""
    s = ctx.sentences[u.shown]
    first = min(ctx.sentences[m].index for m in u.group.members)
    return (first, ctx.order_of(s.article_id), s.index)


def _brief_sentence(ctx: StoryContext, u: Unit) -> BriefSentence:
    s, last = ctx.sentences[u.rows[0]], ctx.sentences[u.rows[-1]]
    text = unit_text(ctx, u)
    order = {a.id: n for n, a in enumerate(ctx.articles)}
    sources = sorted({ctx.sentences[m].article_id for m in u.group.members}, key=order.__getitem__)
    sources.remove(s.article_id)
    return BriefSentence(text, (s.article_id, *sources), Citation(s.article_id, s.start, last.end))
