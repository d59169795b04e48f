"""Story context -> neutral extractive brief: verbatim sentences within a word budget, each citing every outlet stating it.

Units are the fact groups of ``analyse.align``.  A group scores higher when
more independent outlets state it, when it sits near the story's centre and
early in its articles; groups are picked greedily (MMR) so that no fact is
told twice, shown by their plainest non-chrome sentence, and ordered as the
articles tell them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections import Counter
from dataclasses import dataclass, replace

import numpy as np

from newsdesk.analyse.align import SentenceGroup, align_sentences, content_overlap, content_words, plainness
from newsdesk.analyse.context import StoryContext
from newsdesk.models import BriefSentence, Citation

DEFAULT_WORDS = 200
CHROME = re.compile(
    r"read more|click here|sign up|subscribe|newsletter|all rights reserved|copyright|\(c\)|©|"
    r"follow (us|him|her|me)|on twitter|on facebook|share this|advertisement|getty images|"
    r"photo:|image:|video:|caption|http|www\.|\.com\b|@\w|continue reading|related:|"
    r"this (story|article) (has been|was) (updated|corrected)|contributed to this report|"
    r"enable javascript|cookies|log ?in|sign in|comments?\b.*\b(policy|below)|scroll down",
    re.I,
)
FIRST_PERSON = re.compile(r"(^|[\s(])(I|I'm|I've|I'd|I'll|my|me|myself)\b")
QUOTES = "\"\u201c\u201d"
MIN_WORDS = 7
MAX_WORDS = 60


FEATURES = (
    "support",  # share of the other independent outlets stating the fact (aligned groups)
    "soft_support",  # mean over other outlets of the closest sentence's cosine
    "centrality",  # cosine to the story centroid (sentence embeddings)
    "lexical",  # tf-idf cosine to the story's word centroid
    "lead",  # 1 / (1 + index) of the earliest statement of the fact
    "early",  # 1 - relative position of the shown sentence in its article
    "length",  # words / 40, capped at 1
    "plain",  # plainness (0 for plain wording, negative for sensational)
    "number",  # states a number
    "quote",  # carries a quotation
    "names",  # share of capitalised words after the first
    "gist",  # cosine to the mean of the articles' opening sentences (titles and leads)
    "spread",  # mean share of the articles using each of the sentence's content words
)
# logistic regression of greedy-oracle membership (ROUGE vs newser.com summaries), even ids of
# Multi-News dev only: `benchmarks/briefs.py --tune` refits them and scores the odd ids.
# "plain" is set by hand (fitted: -0.02): ROUGE does not see sensational wording, readers do
WEIGHTS = (0.76, -0.35, 0.787, 1.628, 1.149, 0.53, -0.524, 0.5, 0.112, 0.47, -0.539, 0.281, 0.977)


@dataclass(frozen=True)
class BriefParams:
    """Unit score weights (one per ``FEATURES``) and selection settings; see benchmarks/briefs.py --tune."""

    weights: tuple[float, ...] = WEIGHTS
    redundancy: float = 1.0  # MMR weight of the closest chosen sentence
    max_overlap: float = 0.75  # never two sentences this similar
    word_overlap: float = 1.0  # weight of shared content words as redundancy (0: cosine only)


def make_brief(
    ctx: StoryContext, words: int = DEFAULT_WORDS, params: BriefParams | None = None
) -> tuple[BriefSentence, ...]:
    """At most ``words`` words of verbatim article sentences, each citing every article in its fact group."""
    p = params or BriefParams()
    units, features = unit_features(ctx)
    if not units:
        return ()
    scored = [replace(u, score=float(f @ np.asarray(p.weights))) for u, f in zip(units, features)]
    chosen = _select(ctx, scored, words, p)
    chosen.sort(key=lambda u: _order_key(ctx, u))
    return tuple(_brief_sentence(ctx, u) for u in chosen)


@dataclass(frozen=True)
class Unit:
    """A fact group that can enter the brief, with the sentence it would show."""

    group: SentenceGroup
    shown: int
    words: int
    score: float = 0.0


def unit_features(ctx: StoryContext) -> tuple[list[Unit], np.ndarray]:
    """The briefable fact groups of the story and their feature rows (columns as ``FEATURES``)."""
    usable = [i for i, s in enumerate(ctx.sentences) if is_briefable(s.text, _title_like(ctx, i))]
    if not usable:
        return [], np.zeros((0, len(FEATURES)))
    centroid = _centroid(ctx, usable)
    lexical = _lexical_centrality(ctx, usable)
    soft = _soft_support(ctx)
    gist = _gist(ctx)
    spread = _spread(ctx)
    lengths = Counter(s.article_id for s in ctx.sentences)
    n_outlets = max(1, ctx.independent(a.id for a in ctx.articles))
    ok = set(usable)
    units, rows = [], []
    for g in align_sentences(ctx):
        candidates = [m for m in g.members if m in ok]
        if not candidates:
            continue
        shown = max(candidates, key=lambda m: (m == g.representative, plainness(ctx.sentences[m].text)))
        s = ctx.sentences[shown]
        outlets = ctx.independent({ctx.sentences[m].article_id for m in g.members})
        first = min(ctx.sentences[m].index for m in g.members)
        words = s.text.split()
        rows.append((
            (outlets - 1) / max(1, n_outlets - 1),
            soft[shown],
            float(ctx.embeddings[shown] @ centroid),
            lexical.get(shown, 0.0),
            1 / (1 + first),
            1 - s.index / lengths[s.article_id],
            min(len(words), 40) / 40,
            plainness(s.text),
            float(bool(re.search(r"\d", s.text))),
            float(any(q in s.text for q in QUOTES)),
            sum(w[0].isupper() for w in words[1:]) / max(1, len(words) - 1),
            float(ctx.embeddings[shown] @ gist),
            spread(s.text),
        ))
        units.append(Unit(g, shown, len(words)))
    return units, np.asarray(rows, dtype=np.float64)


def _gist(ctx: StoryContext, lead: int = 3) -> np.ndarray:
    rows = [r for r, s in enumerate(ctx.sentences) if s.index < lead]
    c = np.asarray(ctx.embeddings)[rows].mean(axis=0)
    return c / max(float(np.linalg.norm(c)), 1e-9)


def _spread(ctx: StoryContext) -> Callable[[str], float]:
    """A scorer: mean over a text's content words of the share of the story's articles using the word."""
    vocab = [content_words(a.text) for a in ctx.articles]
    df = Counter(w for v in vocab for w in v)
    n = len(vocab)

    def score(text: str) -> float:
        words = content_words(text)
        return sum(df[w] for w in words) / (n * len(words)) if words else 0.0

    return score


def _soft_support(ctx: StoryContext) -> list[float]:
    """For each sentence, the mean over the other independent outlets of its best cosine there."""
    vectors = np.asarray(ctx.embeddings)
    outlet = np.array([ctx.group_of(s.article_id) for s in ctx.sentences])
    groups = sorted(set(outlet.tolist()))
    if len(groups) < 2:
        return [0.0] * len(ctx.sentences)
    sims = vectors @ vectors.T
    best = np.stack([np.where(outlet == g, -1.0, sims[:, outlet == g].max(axis=1)) for g in groups], axis=1)
    own = outlet[:, None] == np.array(groups)[None, :]
    return list((np.where(own, 0.0, best).sum(axis=1) / (len(groups) - 1)).astype(float))


def _select(ctx: StoryContext, units: list[Unit], words: int, p: BriefParams) -> list[Unit]:
    """Greedy MMR under the word budget: best score minus redundancy with what is chosen."""
    left = sorted(units, key=lambda u: -u.score)
    chosen: list[Unit] = []
    budget = words
    vectors = np.asarray(ctx.embeddings)
    while left:
        best, best_value = None, -np.inf
        chosen_rows = [u.shown for u in chosen]
        for u in left:
            if u.words > budget:
                continue
            overlap = _redundancy(ctx, vectors, chosen_rows, u.shown, p.word_overlap)
            if overlap >= p.max_overlap:
                continue
            value = u.score - p.redundancy * overlap
            if value > best_value:
                best, best_value = u, value
        if best is None:
            break
        chosen.append(best)
        budget -= best.words
        left.remove(best)
    return chosen


def _redundancy(ctx: StoryContext, vectors: np.ndarray, chosen: list[int], row: int, words: float) -> float:
    """How much of sentence ``row`` the chosen sentences already say: cosine, or shared content words."""
    if not chosen:
        return 0.0
    cos = float((vectors[chosen] @ vectors[row]).max())
    if not words:
        return cos
    mine = content_words(ctx.sentences[row].text)
    shared = max(content_overlap(mine, content_words(ctx.sentences[c].text)) for c in chosen)
    return max(cos, words * shared)


def is_briefable(text: str, title_like: bool = False) -> bool:
    """A plain statement fit for a brief: not chrome, a question, a fragment or a columnist's aside."""
    words = text.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS or title_like:
        return False
    stripped = text.rstrip(QUOTES + "' )")
    if stripped.endswith(("?", ":", "!")) or not stripped[-1:] in ".\"'\u201d)" and not text.endswith(QUOTES):
        return False
    if CHROME.search(text) or _shouting(words) or not text[0].isupper() and text[0] not in QUOTES:
        return False
    if not _quotes_closed(text):
        return False
    return not FIRST_PERSON.search(_outside_quotes(text))


def _shouting(words: list[str]) -> bool:
    letters = [w for w in words if any(c.isalpha() for c in w)]
    caps = [w for w in letters if w.isupper() and len(w) > 1]
    return len(caps) >= max(3, 0.5 * len(letters))


def _quotes_closed(text: str) -> bool:
    if text.count('"') % 2:
        return False
    return text.count("\u201c") == text.count("\u201d")


def _outside_quotes(text: str) -> str:
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)


def _title_like(ctx: StoryContext, i: int) -> bool:
    s = ctx.sentences[i]
    a = ctx.article(s.article_id)
    return s.text.strip() in {a.title, *a.headings}


def _centroid(ctx: StoryContext, rows: list[int]) -> np.ndarray:
    """Mean direction of the story, each article weighing the same whatever its length."""
    by_article: dict[str, list[int]] = {}
    for r in rows:
        by_article.setdefault(ctx.sentences[r].article_id, []).append(r)
    means = [np.asarray(ctx.embeddings)[rs].mean(axis=0) for rs in by_article.values()]
    c = np.mean(means, axis=0)
    return c / max(float(np.linalg.norm(c)), 1e-9)


def _lexical_centrality(ctx: StoryContext, rows: list[int]) -> dict[int, float]:
    """tf-idf cosine of each sentence to the story's mean tf-idf vector."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        m = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
            [ctx.sentences[r].text for r in rows]
        )
    except ValueError:  # nothing but stop words
        return {}
    centre = np.asarray(m.mean(axis=0)).ravel()
    scores = m @ (centre / max(float(np.linalg.norm(centre)), 1e-9))
    return dict(zip(rows, (float(x) for x in scores)))


def _order_key(ctx: StoryContext, u: Unit) -> tuple[float, int, int]:
    """Story order: how early in its articles a fact comes, then article order."""
    s = ctx.sentences[u.shown]
    first = min(ctx.sentences[m].index for m in u.group.members)
    return (first, ctx.order_of(s.article_id), s.index)


def _brief_sentence(ctx: StoryContext, u: Unit) -> BriefSentence:
    s = ctx.sentences[u.shown]
    text = ctx.article(s.article_id).text[s.start : s.end]
    order = {a.id: n for n, a in enumerate(ctx.articles)}
    sources = sorted({ctx.sentences[m].article_id for m in u.group.members}, key=order.__getitem__)
    sources.remove(s.article_id)
    return BriefSentence(text, (s.article_id, *sources), Citation(s.article_id, s.start, s.end))
