"""Story sentences and their fact groups -> the brief's two fitted models: feature rows of each briefable fact group, and each word's chance of being used in a summary.

Features are built and read by name (``FEATURES``, ``WORD_FEATURES``); the weights are fitted by
``benchmarks/briefs.py --tune``.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from newsdesk.analyse.align import Alignment, SentenceGroup, plainness
from newsdesk.analyse.context import StoryContext
from newsdesk.briefable import PLAIN, QUOTES, briefable_spans, span_text, speaker_needs
from newsdesk.vocab import content_words, word_tokens

log = logging.getLogger("newsdesk.brief")

ATTRIBUTION = re.compile(r"\b(said|says|told)\b")
POSITIONS = (0, 1, 2, 4, 7, 11)  # upper bounds of the sentence-index buckets (last bucket: later)
LENGTHS = (10, 15, 20, 27, 35, 45)  # upper bounds of the word-count buckets
MAX_USES = 25  # a word's uses past this many add nothing to a brief


def _bucket_names(name: str, bounds: Sequence[int]) -> tuple[str, ...]:
    """"index<=0", ..., "index<=11", "index>11": the names of a bucketed feature."""
    return (*(f"{name}<={b}" for b in bounds), f"{name}>{bounds[-1]}")


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
    *_bucket_names("index", POSITIONS),  # the shown sentence's place in its article
    *_bucket_names("first", POSITIONS),  # the earliest place any outlet states the fact
    *_bucket_names("words", LENGTHS),
    "log_article",  # log of the article's sentence count (short articles are mostly news)
    "article_share",  # the article's share of the story's sentences
    "first_article",  # in the story's first article
    "own_centrality",  # cosine to its own article's centroid
    "own_lead",  # cosine to its own article's first sentence
    "article_centrality",  # cosine of its article's centroid to the story's
    "frequency",  # mean story frequency (%) of its content words (SumBasic)
    "content",  # share of its words that are content words
    "attributed",  # says who said it (said, says, told)
    "log_units",  # log of the story's unit count (a constant per story: scales the word model)
    "group_size",  # sentences in the fact group
)
WORD_FEATURES = (
    "stop",  # a stop word
    "log_tf",  # log(1 + uses in the story)
    "stop_log_tf",
    "outlets",  # share of the independent outlets using it
    "shared",  # used by two outlets or more
    "first",  # 1 / (1 + index of the first sentence using it)
    "log_lead",  # log(1 + uses in the articles' first three sentences)
    "capitalised",  # share of its uses capitalised inside a sentence
    "digits",
    "length",  # characters / 12, capped at 1
    "sentences",  # share of the story's sentences using it
    "content_log_tf_outlets",
    "log_rate",  # log share of the story's words
    "log_lead_rate",  # log share of the lead sentences' words (smoothed)
    # the same word's n-th use in a brief: the features below depend on n
    "use1", "use2", "use3+", "log_tf_repeat", "log_n", "stop_log_n", "log_tf_log_n", "outlets_log_n",
    "log_n_minus_log_rate", "log_n_minus_log_lead_rate",
    "bias",
)
# Both models are fitted by `benchmarks/briefs.py --tune` on the even ids of Multi-News dev only
# (reference: newser.com summaries) and scored on the odd ids.  Sentence weights: logistic
# regression of greedy-oracle membership, scaled against the word model.  Word weights: logistic
# regression of "the reference uses this word at least n times".
WEIGHTS: tuple[float, ...] = (
    0.0189, 0.0347, 0.0427, 0.0788, 0.0584, 0.0586, 0.0276, 0.0385, 0.0073, 0.0354, -0.0798, 0.0287,
    0.1091, 0.0137, -0.0457, 0.0112, 0.0265, 0.0023, -0.0094, 0.0409, -0.0235, 0.0614, 0.0047,
    0.006, 0.0236, 0.0028, -0.0356, 0.04, 0.0242, -0.0019, 0.0055, -0.0098, 0.0019, -0.0203,
    -0.0168, -0.0038, 0.0029, -0.0413, -0.0095, -0.0603, -0.0131, -0.0744, 0.0069, -0.0625, 0.0252
)
WORD_WEIGHTS: tuple[float, ...] = (
    0.3343, -0.1193, -0.0136, 0.1003, 0.4053, 0.2158, 0.593, -0.1458, -0.174, -0.5824, 5.005,
    0.2005, -0.5099, -1.0257, 0.5455, 0.6649, 1.1999, 0.5019, -1.8646, 0.4479, 0.1208, -0.5733,
    -1.3547, -0.839, 2.4103
)


@dataclass(frozen=True)
class Unit:
    """A fact group that can enter the brief, with the sentence it would show."""

    group: SentenceGroup
    rows: tuple[int, ...]  # the sentences shown: more than one when a quotation runs on
    words: int
    score: float = 0.0
    after: int | None = None  # a bare quotation or "he said": the row it follows in its article (-1: none)
    names: tuple[str, ...] = ()  # surnames it names alone: their full name must come earlier in the brief

    @property
    def shown(self) -> int:
        """The first sentence shown: the one that stands for the fact group."""
        return self.rows[0]


def unit_features(
    ctx: StoryContext,
    alignment: Alignment,
    level: int = PLAIN,
    max_words: int | None = None,
    taken: frozenset[int] = frozenset(),
) -> tuple[list[Unit], np.ndarray]:
    """The briefable fact groups of the story and their feature rows (columns as ``FEATURES``);
    ``level``: how plain a sentence must be (``is_briefable``); ``max_words``: each group is shown
    by a sentence (or quotation) of at most this many words; ``taken``: sentences whose groups are
    already in the brief.  The story-wide features are computed only when some group qualifies."""
    empty: tuple[list[Unit], np.ndarray] = ([], np.zeros((0, len(FEATURES))))
    spans = briefable_spans(ctx, level=level)
    usable = sorted(spans)
    if not usable:
        return empty  # and the story's sentences are never aligned
    needs = speaker_needs(ctx, spans, level)
    picks = []
    for g in alignment.groups:
        if taken.intersection(g.members):
            continue
        candidates = [m for m in g.members if m in spans]
        if max_words is not None:
            candidates = [m for m in candidates if len(span_text(ctx, spans[m]).split()) <= max_words]
        if candidates:
            # a member that says in full who speaks rather than one that leaves it to other lines
            shown = max(candidates, key=lambda m: (
                m not in needs, m == g.representative, plainness(ctx.sentences[m].text)))
            picks.append((g, shown))
    if not picks:
        return empty
    centroid = _centroid(ctx, usable)
    lexical = _lexical_centrality(ctx, usable)
    soft = _soft_support(ctx, alignment.cosines)
    gist = _gist(ctx)
    spread = _spread(ctx)
    article = _article_features(ctx)
    lengths = Counter(s.article_id for s in ctx.sentences)
    n_outlets = max(1, ctx.independent(a.id for a in ctx.articles))
    units, rows = [], []
    for g, shown in picks:
        s = ctx.sentences[shown]
        text = span_text(ctx, spans[shown])
        outlets = ctx.independent({ctx.sentences[m].article_id for m in g.members})
        first = min(ctx.sentences[m].index for m in g.members)
        words = text.split()
        row = {
            "support": (outlets - 1) / max(1, n_outlets - 1),
            "soft_support": soft[shown],
            "centrality": float(ctx.embeddings[shown] @ centroid),
            "lexical": lexical.get(shown, 0.0),
            "lead": 1 / (1 + first),
            "early": 1 - s.index / lengths[s.article_id],
            "length": min(len(words), 40) / 40,
            "plain": plainness(text),
            "number": float(bool(re.search(r"\d", text))),
            "quote": float(any(q in text for q in QUOTES)),
            "names": sum(w[0].isupper() for w in words[1:]) / max(1, len(words) - 1),
            "gist": float(ctx.embeddings[shown] @ gist),
            "spread": spread(text),
            **_bucket("index", s.index, POSITIONS),
            **_bucket("first", first, POSITIONS),
            **_bucket("words", len(words), LENGTHS),
            **article(shown, text),
            "attributed": float(bool(ATTRIBUTION.search(text))),
            "group_size": float(len(g.members)),
        }
        rows.append(row)
        after, names = needs.get(shown, (None, ()))
        units.append(Unit(g, spans[shown], len(words), after=after, names=names))
    log_units = math.log(max(1, len(units)))  # a constant per story: scales the word model
    features = [[{**row, "log_units": log_units}[name] for name in FEATURES] for row in rows]
    return units, np.asarray(features, dtype=np.float64).reshape(-1, len(FEATURES))


def unit_text(ctx: StoryContext, u: Unit) -> str:
    return span_text(ctx, u.rows)


def _bucket(name: str, value: int, bounds: Sequence[int]) -> dict[str, float]:
    """One-hot features: the first bucket whose upper bound holds ``value``, else the last."""
    hit = next((k for k, b in enumerate(bounds) if value <= b), len(bounds))
    return {n: float(k == hit) for k, n in enumerate(_bucket_names(name, bounds))}


def _article_features(ctx: StoryContext) -> Callable[[int, str], dict[str, float]]:
    """A scorer: a sentence's article-level features (``FEATURES`` from log_article to content)."""
    vectors = np.asarray(ctx.embeddings)
    rows: dict[str, list[int]] = {}
    for r, s in enumerate(ctx.sentences):
        rows.setdefault(s.article_id, []).append(r)
    centres = {a: _unit(vectors[rs].mean(axis=0)) for a, rs in rows.items()}
    story = _unit(np.mean(list(centres.values()), axis=0))
    tf = Counter(w for s in ctx.sentences for w in content_words(s.text))
    total = max(1, sum(tf.values()))
    first_article = ctx.articles[0].id

    def score(r: int, text: str) -> dict[str, float]:
        a = ctx.sentences[r].article_id
        words = content_words(text)
        n = len(text.split())
        return {
            "log_article": math.log(len(rows[a])),
            "article_share": len(rows[a]) / len(ctx.sentences),
            "first_article": float(a == first_article),
            "own_centrality": float(vectors[r] @ centres[a]),
            "own_lead": float(vectors[r] @ vectors[rows[a][0]]),
            "article_centrality": float(centres[a] @ story),
            "frequency": 100 * sum(tf[w] for w in words) / (total * len(words)) if words else 0.0,
            "content": len(words) / max(1, n),
        }

    return score


def _unit(v: np.ndarray) -> np.ndarray:
    """``v`` scaled to length 1 (a zero vector stays zero)."""
    return v / max(float(np.linalg.norm(v)), 1e-9)


def word_table(ctx: StoryContext) -> dict[str, dict[str, float]]:
    """Each word of the story (as ``word_tokens``) -> its use-independent ``WORD_FEATURES``."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    tf: Counter[str] = Counter()
    lead: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    sentences: Counter[str] = Counter()
    outlets: dict[str, set[int]] = {}
    first: dict[str, int] = {}
    for s in ctx.sentences:
        raw = re.findall(r"[A-Za-z0-9]+", s.text)
        tokens = word_tokens(s.text)
        group = ctx.group_of(s.article_id)
        for k, (r, t) in enumerate(zip(raw, tokens)):
            tf[t] += 1
            outlets.setdefault(t, set()).add(group)
            first[t] = min(first.get(t, s.index), s.index)
            lead[t] += s.index < 3
            caps[t] += k > 0 and r[0].isupper()
        sentences.update(set(tokens))
    n_groups = max(1, len(ctx.syndication))
    n_tokens, n_lead = max(1, sum(tf.values())), max(1, sum(lead.values()))
    table = {}
    for t, n in tf.items():
        stop = float(t in ENGLISH_STOP_WORDS)
        log_tf, share = math.log1p(n), len(outlets[t]) / n_groups
        table[t] = {
            "stop": stop,
            "log_tf": log_tf,
            "stop_log_tf": log_tf * stop,
            "outlets": share,
            "shared": float(len(outlets[t]) >= 2),
            "first": 1 / (1 + first[t]),
            "log_lead": math.log1p(lead[t]),
            "capitalised": caps[t] / n,
            "digits": float(t.isdigit()),
            "length": min(len(t), 12) / 12,
            "sentences": sentences[t] / len(ctx.sentences),
            "content_log_tf_outlets": log_tf * (1 - stop) * share,
            "log_rate": math.log(n / n_tokens),
            "log_lead_rate": math.log((lead[t] + 0.5) / n_lead),
        }
    return table


def use_rows(table: dict[str, dict[str, float]], n: int) -> np.ndarray:
    """``WORD_FEATURES`` rows of the n-th use of each word of ``table`` (in its order)."""
    log_n = math.log(n)
    rows = []
    for f in table.values():
        use = {
            **f,
            "use1": float(n == 1),
            "use2": float(n == 2),
            "use3+": float(n >= 3),
            "log_tf_repeat": f["log_tf"] * (n > 1),
            "log_n": log_n,
            "stop_log_n": log_n * f["stop"],
            "log_tf_log_n": log_n * f["log_tf"],
            "outlets_log_n": log_n * f["outlets"],
            "log_n_minus_log_rate": log_n - f["log_rate"],
            "log_n_minus_log_lead_rate": log_n - f["log_lead_rate"],
            "bias": 1.0,
        }
        rows.append([use[name] for name in WORD_FEATURES])
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(WORD_FEATURES))


def word_values(ctx: StoryContext, weights: Sequence[float]) -> dict[tuple[str, int], float]:
    """(word, n) -> estimated chance that a summary of the story uses the word n times or more."""
    table = word_table(ctx)
    tf = Counter(t for s in ctx.sentences for t in word_tokens(s.text))
    out: dict[tuple[str, int], float] = {}
    w = np.asarray(weights)
    for n in range(1, MAX_USES + 1):
        words = [t for t in table if tf[t] >= n]
        if not words:
            break
        p = 1 / (1 + np.exp(-(use_rows({t: table[t] for t in words}, n) @ w)))
        out.update(zip(((t, n) for t in words), (float(x) for x in p)))
    return out


def _gist(ctx: StoryContext, lead: int = 3) -> np.ndarray:
    rows = [r for r, s in enumerate(ctx.sentences) if s.index < lead]
    c = np.asarray(ctx.embeddings)[rows].mean(axis=0)
    return _unit(c)


def _spread(ctx: StoryContext) -> Callable[[str], float]:
    """A scorer: mean over a text's content words of the share of the story's articles using the word."""
    vocab = [content_words(a.text) for a in ctx.articles]
    df = Counter(w for v in vocab for w in v)
    n = len(vocab)

    def score(text: str) -> float:
        words = content_words(text)
        return sum(df[w] for w in words) / (n * len(words)) if words else 0.0

    return score


def _soft_support(ctx: StoryContext, sims: np.ndarray) -> list[float]:
    """For each sentence, the mean over the other independent outlets of its best cosine there."""
    outlet = np.array([ctx.group_of(s.article_id) for s in ctx.sentences])
    groups = sorted(set(outlet.tolist()))
    if len(groups) < 2:
        return [0.0] * len(ctx.sentences)
    best = np.stack([np.where(outlet == g, -1.0, sims[:, outlet == g].max(axis=1)) for g in groups], axis=1)
    own = outlet[:, None] == np.array(groups)[None, :]
    return list((np.where(own, 0.0, best).sum(axis=1) / (len(groups) - 1)).astype(float))


def _centroid(ctx: StoryContext, rows: list[int]) -> np.ndarray:
    """Mean direction of the story, each article weighing the same whatever its length."""
    by_article: dict[str, list[int]] = {}
    for r in rows:
        by_article.setdefault(ctx.sentences[r].article_id, []).append(r)
    means = [np.asarray(ctx.embeddings)[rs].mean(axis=0) for rs in by_article.values()]
    c = np.mean(means, axis=0)
    return _unit(c)


def _lexical_centrality(ctx: StoryContext, rows: list[int]) -> dict[int, float]:
    """tf-idf cosine of each sentence to the story's mean tf-idf vector."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        m = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
            [ctx.sentences[r].text for r in rows]
        )
    except ValueError:  # nothing but stop words: no sentence is lexically central
        log.debug("lexical centrality left out: the story's sentences hold only stop words")
        return {}
    centre = np.asarray(m.mean(axis=0)).ravel()
    scores = m @ _unit(centre)
    return dict(zip(rows, (float(x) for x in scores)))

