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

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from newsdesk.analyse.align import Alignment, SentenceGroup, align, plainness
from newsdesk.analyse.context import StoryContext
from newsdesk.chrome import SENTENCE_CHROME
from newsdesk.models import BriefSentence, Citation
from newsdesk.settings import DEFAULT
from newsdesk.vocab import (
    ENGLISH_QUOTES,
    content_overlap,
    content_words,
    leaves_quotation_open,
    outside_quotes,
    quotes_balanced,
    word_tokens,
)

DEFAULT_WORDS = DEFAULT.words
# a sentence opening on a pronoun or demonstrative needs the sentence before it to be understood
LEANS_BACK = re.compile(r"(This|That|These|Those|It|He|She|They|His|Her|Its|Their)\b")
FIRST_PERSON = re.compile(r"(^|[\s(])(I|I'm|I've|I'd|I'll|my|me|myself)\b")
ATTRIBUTION = re.compile(r"\b(said|says|told)\b")
QUOTES = ENGLISH_QUOTES
MIN_WORDS = 6
PLAIN, FILL, LAST_RESORT = 0, 1, 2  # how plain a brief sentence must be (is_briefable)
MAX_WORDS = 60
MAX_QUOTED = 80  # a quotation of several sentences, shown whole
QUOTED_SENTENCES = 3  # the most sentences one quotation may take in a brief
POSITIONS = (0, 1, 2, 4, 7, 11)  # upper bounds of the sentence-index buckets (last bucket: later)
LENGTHS = (10, 15, 20, 27, 35, 45)  # upper bounds of the word-count buckets
MAX_USES = 25  # a word's uses past this many add nothing to a brief


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
    *(f"index<={b}" for b in POSITIONS), "index>11",  # the shown sentence's place in its article
    *(f"first<={b}" for b in POSITIONS), "first>11",  # the earliest place any outlet states the fact
    *(f"words<={b}" for b in LENGTHS), "words>45",
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
class BriefParams:
    """Model weights and selection settings; see benchmarks/briefs.py --tune."""

    weights: tuple[float, ...] = WEIGHTS  # one per ``FEATURES``
    word_weights: tuple[float, ...] = WORD_WEIGHTS  # one per ``WORD_FEATURES``
    length_power: float = 1.0  # a unit's expected new summary words are divided by words ** this
    redundancy: float = 0.0  # MMR weight of the closest chosen sentence
    max_overlap: float = 0.75  # never two sentences this similar
    word_overlap: float = 1.0  # weight of shared content words as redundancy (0: cosine only)


def make_brief(
    ctx: StoryContext,
    words: int = DEFAULT_WORDS,
    params: BriefParams | None = None,
    alignment: Alignment | None = None,
) -> tuple[BriefSentence, ...]:
    """At most ``words`` words of verbatim article sentences, each citing every article in its fact
    group (``alignment``: the story's, found here when not given)."""
    p = params or BriefParams()
    alignment = alignment or align(ctx)
    units, features = unit_features(ctx, alignment)
    value = word_values(ctx, p.word_weights)
    chosen = _select(ctx, _scored(units, features, p), words, p, value)
    for level in (FILL, LAST_RESORT):
        # the plain statements ran out before the budget: fill it with sentences that open on a
        # pronoun (they lean on the one before them), and, rather than leave a brief empty, with
        # questions, exclamations and first-person lines
        left = words - sum(u.words for u in chosen)
        if left < MIN_WORDS or level == LAST_RESORT and chosen:
            break
        taken = frozenset(m for u in chosen for m in u.group.members)
        more, more_features = unit_features(ctx, alignment, level=level, max_words=left, taken=taken)
        if more:
            pool = chosen + _scored(more, more_features, p)
            chosen = _select(ctx, pool, words, p, value, fixed=len(chosen))
    chosen.sort(key=lambda u: _order_key(ctx, u))
    return tuple(_brief_sentence(ctx, u) for u in chosen)


def _scored(units: Sequence[Unit], features: np.ndarray, p: BriefParams) -> list[Unit]:
    return [replace(u, score=float(f @ np.asarray(p.weights))) for u, f in zip(units, features)]


@dataclass(frozen=True)
class Unit:
    """A fact group that can enter the brief, with the sentence it would show."""

    group: SentenceGroup
    rows: tuple[int, ...]  # the sentences shown: more than one when a quotation runs on
    words: int
    score: float = 0.0

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
    picks = []
    for g in alignment.groups:
        if taken.intersection(g.members):
            continue
        candidates = [m for m in g.members if m in spans]
        if max_words is not None:
            candidates = [m for m in candidates if len(span_text(ctx, spans[m]).split()) <= max_words]
        if candidates:
            shown = max(candidates, key=lambda m: (m == g.representative, plainness(ctx.sentences[m].text)))
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
        rows.append([
            (outlets - 1) / max(1, n_outlets - 1),
            soft[shown],
            float(ctx.embeddings[shown] @ centroid),
            lexical.get(shown, 0.0),
            1 / (1 + first),
            1 - s.index / lengths[s.article_id],
            min(len(words), 40) / 40,
            plainness(text),
            float(bool(re.search(r"\d", text))),
            float(any(q in text for q in QUOTES)),
            sum(w[0].isupper() for w in words[1:]) / max(1, len(words) - 1),
            float(ctx.embeddings[shown] @ gist),
            spread(text),
            *_bucket(s.index, POSITIONS),
            *_bucket(first, POSITIONS),
            *_bucket(len(words), LENGTHS),
            *article(shown, text),
            float(bool(ATTRIBUTION.search(text))),
            0.0,  # log_units, set below
            float(len(g.members)),
        ])
        units.append(Unit(g, spans[shown], len(words)))
    features = np.asarray(rows, dtype=np.float64).reshape(-1, len(FEATURES))
    features[:, FEATURES.index("log_units")] = math.log(max(1, len(units)))
    return units, features


def briefable_spans(ctx: StoryContext, level: int = PLAIN) -> dict[int, tuple[int, ...]]:
    """Sentence row -> the rows a brief would show for it: the sentence alone when it is briefable,
    or with the next ones of its paragraph when it opens a quotation that they close (a quotation
    of several sentences is shown whole, never cut).  A sentence that starts inside a quotation
    opened before it is never a key: it would show a quotation without its start."""
    out: dict[int, tuple[int, ...]] = {}
    opened_at: int | None = None  # the row whose quotation is still open
    for i, s in enumerate(ctx.sentences):
        if i and not _same_paragraph(ctx, i - 1, i):
            opened_at = None
        if opened_at is not None:
            opened_at = opened_at if leaves_quotation_open(span_text(ctx, (opened_at, i))) else None
            continue
        if quotes_balanced(s.text):
            rows: tuple[int, ...] = (i,)
        elif leaves_quotation_open(s.text):
            opened_at = i
            rows = _quotation_rows(ctx, i)
        else:
            continue  # a stray closing mark
        if rows and not _title_like(ctx, i):
            limit = MAX_WORDS if len(rows) == 1 else MAX_QUOTED
            if is_briefable(span_text(ctx, rows), max_words=limit, level=level):
                out[i] = rows
    return out


def _quotation_rows(ctx: StoryContext, i: int) -> tuple[int, ...]:
    """Rows ``i, i+1, ...`` of one paragraph up to the sentence that closes the quotation ``i``
    opens (at most ``QUOTED_SENTENCES``); empty when it is not closed by then."""
    for j in range(i + 1, min(i + QUOTED_SENTENCES, len(ctx.sentences))):
        if not _same_paragraph(ctx, j - 1, j):
            return ()
        if not leaves_quotation_open(span_text(ctx, (i, j))):
            return tuple(range(i, j + 1)) if quotes_balanced(span_text(ctx, (i, j))) else ()
    return ()


def _same_paragraph(ctx: StoryContext, a: int, b: int) -> bool:
    """Rows ``a`` and ``b`` are consecutive sentences of one paragraph of one article."""
    s, t = ctx.sentences[a], ctx.sentences[b]
    if s.article_id != t.article_id or t.index != s.index + 1:
        return False
    return "\n" not in ctx.article(s.article_id).text[s.end : t.start]


def span_text(ctx: StoryContext, rows: Sequence[int]) -> str:
    """The article text from the first to the last of ``rows`` (sentences of one article)."""
    first, last = ctx.sentences[rows[0]], ctx.sentences[rows[-1]]
    return ctx.article(first.article_id).text[first.start : last.end]


def unit_text(ctx: StoryContext, u: Unit) -> str:
    return span_text(ctx, u.rows)


def _bucket(value: int, bounds: Sequence[int]) -> list[float]:
    """One-hot row: the first bucket whose upper bound holds ``value``, else the last."""
    row = [0.0] * (len(bounds) + 1)
    row[next((k for k, b in enumerate(bounds) if value <= b), len(bounds))] = 1.0
    return row


def _article_features(ctx: StoryContext) -> Callable[[int], list[float]]:
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

    def score(r: int, text: str) -> list[float]:
        a = ctx.sentences[r].article_id
        words = content_words(text)
        n = len(text.split())
        return [
            math.log(len(rows[a])),
            len(rows[a]) / len(ctx.sentences),
            float(a == first_article),
            float(vectors[r] @ centres[a]),
            float(vectors[r] @ vectors[rows[a][0]]),
            float(centres[a] @ story),
            100 * sum(tf[w] for w in words) / (total * len(words)) if words else 0.0,
            len(words) / max(1, n),
        ]

    return score


def _unit(v: np.ndarray) -> np.ndarray:
    return v / max(float(np.linalg.norm(v)), 1e-9)


def word_table(ctx: StoryContext) -> dict[str, list[float]]:
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
        table[t] = [
            stop, log_tf, log_tf * stop, share, float(len(outlets[t]) >= 2), 1 / (1 + first[t]),
            math.log1p(lead[t]), caps[t] / n, float(t.isdigit()), min(len(t), 12) / 12,
            sentences[t] / len(ctx.sentences), log_tf * (1 - stop) * share,
            math.log(n / n_tokens), math.log((lead[t] + 0.5) / n_lead),
        ]
    return table


def use_rows(table: dict[str, list[float]], n: int) -> np.ndarray:
    """``WORD_FEATURES`` rows of the n-th use of each word of ``table`` (in its order)."""
    log_n = math.log(n)
    rows = [
        [*f, float(n == 1), float(n == 2), float(n >= 3), f[1] * (n > 1), log_n, log_n * f[0],
         log_n * f[1], log_n * f[3], log_n - f[12], log_n - f[13], 1.0]
        for f in table.values()
    ]
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


def _soft_support(ctx: StoryContext, sims: np.ndarray) -> list[float]:
    """For each sentence, the mean over the other independent outlets of its best cosine there."""
    outlet = np.array([ctx.group_of(s.article_id) for s in ctx.sentences])
    groups = sorted(set(outlet.tolist()))
    if len(groups) < 2:
        return [0.0] * len(ctx.sentences)
    best = np.stack([np.where(outlet == g, -1.0, sims[:, outlet == g].max(axis=1)) for g in groups], axis=1)
    own = outlet[:, None] == np.array(groups)[None, :]
    return list((np.where(own, 0.0, best).sum(axis=1) / (len(groups) - 1)).astype(float))


def _select(
    ctx: StoryContext,
    units: list[Unit],
    words: int,
    p: BriefParams,
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
            if u.words > budget:
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


def is_briefable(text: str, title_like: bool = False, max_words: int = MAX_WORDS, level: int = PLAIN) -> bool:
    """A plain statement fit for a brief: not chrome, a question, a fragment or a columnist's aside.

    ``level``: ``PLAIN`` as above; ``FILL``, what a brief fills its budget with once the plain
    statements are used up: it may open on a pronoun or a demonstrative ("She said ...");
    ``LAST_RESORT``, what a brief that would be empty may show: questions, exclamations and
    first-person lines too.  Chrome, titles and fragments never pass.
    """
    words = text.split()
    if not MIN_WORDS <= len(words) <= max_words or title_like:
        return False
    stripped = text.rstrip(QUOTES + "' )")
    ends = ".\"'\u201d)?!" if level >= LAST_RESORT else ".\"'\u201d)"
    if stripped.endswith(":") or not stripped[-1:] in ends and not text.endswith(QUOTES):
        return False
    if stripped.endswith(("?", "!")) and level < LAST_RESORT:
        return False
    if SENTENCE_CHROME.search(text) or _shouting(words) or not (text[0].isupper() or text[0] in QUOTES or _counts_first(words)):
        return False
    if not quotes_balanced(text) or LEANS_BACK.match(text) and level < FILL:
        return False
    return level >= LAST_RESORT or not FIRST_PERSON.search(outside_quotes(text))


def _counts_first(words: list[str]) -> bool:
    """The sentence opens on a count ("12 ferries were cancelled ..."), not on a list number ("2. Stir", "1)")."""
    return bool(re.fullmatch(r"\d[\d,.]*%?", words[0])) and not words[0].endswith(".")


def _shouting(words: list[str]) -> bool:
    letters = [w for w in words if any(c.isalpha() for c in w)]
    caps = [w for w in letters if w.isupper() and len(w) > 1]
    return len(caps) >= max(3, 0.5 * len(letters))


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
    s, last = ctx.sentences[u.rows[0]], ctx.sentences[u.rows[-1]]
    text = unit_text(ctx, u)
    order = {a.id: n for n, a in enumerate(ctx.articles)}
    sources = sorted({ctx.sentences[m].article_id for m in u.group.members}, key=order.__getitem__)
    sources.remove(s.article_id)
    return BriefSentence(text, (s.article_id, *sources), Citation(s.article_id, s.start, last.end))
