"""Multi-News dev clusters -> ROUGE-1/2/L of newsdesk briefs next to Lead, LexRank, TextRank and centroid/MMR baselines.

    .venv/bin/python benchmarks/briefs.py [--words 260] [--limit N] [--cache /tmp/nd_brief] [--tune] [--digest]

Every system gets the same sentences (newsdesk's splitter on the same
documents, crawler/widget "documents" left out by ``nonarticle.non_articles``)
and the same word budget.  ``--tune`` fits the brief's word and sentence
models on the clusters with even ids and scores them on the odd ones (held
out); paste its weights into ``newsdesk.brief_model`` to make them the defaults.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import pickle
import platform
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.analyse.align import align  # noqa: E402
from newsdesk.analyse.context import StoryContext  # noqa: E402
from newsdesk.brief import BriefParams, make_brief  # noqa: E402
from newsdesk.brief_model import (  # noqa: E402
    FEATURES,
    MAX_USES,
    unit_features,
    unit_text,
    use_rows,
    word_table,
)
from newsdesk.models import Article, Sentence, content_id  # noqa: E402
from newsdesk.nlp.embed import Embedder, default_embedder  # noqa: E402
from newsdesk.vocab import word_tokens  # noqa: E402

DATA = Path(os.environ.get("NEWSDESK_SHARED", ROOT.parent / "shared")) / "data" / "multinews" / "dev.jsonl"
TOKEN = re.compile(r"[A-Za-z0-9]+(?:'[a-z]+)?")
Summariser = Callable[[StoryContext, int], list[str]]
SENTENCE_SCALES = (0.03, 0.05, 0.08, 0.12)  # weight of the sentence model against the word model


def load_clusters(path: Path = DATA, limit: int | None = None) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    return rows[:limit] if limit else rows


def cluster_articles(documents: Sequence[str]) -> list[Article]:
    """One article per distinct document, crawler and widget texts left out."""
    articles: dict[str, Article] = {}
    for text in documents:
        a = Article(id=content_id(text), text=text)
        articles.setdefault(a.id, a)
    try:
        from newsdesk.nonarticle import non_articles
    except ImportError:
        return list(articles.values())
    rejected = non_articles(list(articles.values()))
    kept = [a for a in articles.values() if a.id not in rejected]
    return kept or list(articles.values())


def story_context(articles: Sequence[Article], embedder: Embedder) -> StoryContext:
    """Parse, split and embed the articles of one story as the pipeline does."""
    from newsdesk.dedup import syndication_groups
    from newsdesk.nlp.sentences import sentences_of
    from newsdesk.nlp.spacy_model import MAX_CHARS, nlp

    # the brief needs sentence boundaries only: the parser, without tagger and NER (3x faster)
    texts = (a.text[:MAX_CHARS] for a in articles)
    parsed = nlp().pipe(texts, disable=["tagger", "attribute_ruler", "lemmatizer", "ner"])
    docs = dict(zip((a.id for a in articles), parsed))
    sentences = [s for a in articles for s in sentences_of(a, docs[a.id])]
    vectors = embedder.embed([s.text for s in sentences])
    return StoryContext(list(articles), sentences, vectors, syndication=syndication_groups(articles))


def cached_context(cid: str, articles: Sequence[Article], embedder: Embedder, cache: Path | None) -> StoryContext:
    """``story_context`` kept on disk (sentences and vectors, not parses) while iterating."""
    file = cache / f"{cid}.pkl" if cache else None
    if file and file.exists():
        arts, sents, vecs, synd = pickle.loads(file.read_bytes())
        return StoryContext(arts, sents, vecs, syndication=synd)
    ctx = story_context(articles, embedder)
    if file:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(pickle.dumps((ctx.articles, ctx.sentences, ctx.embeddings, list(ctx.syndication))))
    return ctx


# --- systems: each returns the chosen sentence texts, at most ``words`` words ---------------------


def fill(ranked: Iterable[Sentence], words: int) -> list[Sentence]:
    """Sentences in rank order while they fit the budget (a long one is skipped, not cut)."""
    out, left = [], words
    for s in ranked:
        n = len(s.text.split())
        if n <= left:
            out.append(s)
            left -= n
    return out


def newsdesk_brief(params: BriefParams | None = None) -> Summariser:
    def run(ctx: StoryContext, words: int) -> list[str]:
        brief = make_brief(ctx, words=words, params=params)
        for b in brief:
            c = b.citation
            assert c is not None and ctx.article(c.article_id).text[c.start : c.end] == b.text, b.text
            assert c.article_id in b.sources
        assert sum(len(b.text.split()) for b in brief) <= words
        return [b.text for b in brief]

    return run


def lead(ctx: StoryContext, words: int) -> list[str]:
    """First sentences of each article in turn (round robin)."""
    per_article: dict[str, list[Sentence]] = {}
    for s in ctx.sentences:
        per_article.setdefault(s.article_id, []).append(s)
    rounds = itertools.zip_longest(*per_article.values())
    return [s.text for s in fill((s for r in rounds for s in r if s is not None), words)]


def lead_first(ctx: StoryContext, words: int) -> list[str]:
    """The articles' sentences in order, first article first."""
    return [s.text for s in fill(ctx.sentences, words)]


def _sumy(kind: str) -> Summariser:
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    class Tokenizer:
        language = "english"

        def to_words(self, text: str) -> list[str]:
            return TOKEN.findall(text)

    cls = LexRankSummarizer if kind == "lexrank" else TextRankSummarizer

    def run(ctx: StoryContext, words: int) -> list[str]:
        tok = Tokenizer()
        wrapped = [SumySentence(s.text, tok) for s in ctx.sentences]
        summariser = cls(Stemmer("english"))
        summariser.stop_words = get_stop_words("english")
        ratings: dict[object, float] = {}

        def capture(sentences, count, rating, *args, **kwargs):  # type: ignore[no-untyped-def]
            ratings.update(rating if isinstance(rating, dict) else {s: rating(s) for s in sentences})
            return ()

        summariser._get_best_sentences = capture  # type: ignore[method-assign]
        summariser(ObjectDocumentModel([Paragraph(wrapped)]), 1)
        order = sorted(range(len(wrapped)), key=lambda k: -ratings.get(wrapped[k], 0.0))
        picked = fill((ctx.sentences[k] for k in order), words)
        return [s.text for s in sorted(picked, key=ctx.sentences.index)]

    return run


def centroid_mmr(ctx: StoryContext, words: int, lam: float = 0.7) -> list[str]:
    """tf-idf centroid relevance with maximal marginal relevance (Carbonell & Goldstein 1998)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [s.text for s in ctx.sentences]
    if not texts:
        return []
    m = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    centroid = np.asarray(m.mean(axis=0)).ravel()
    relevance = m @ centroid / max(float(np.linalg.norm(centroid)), 1e-9)
    sims = (m @ m.T).toarray()
    chosen: list[int] = []
    left, budget = set(range(len(texts))), words
    while left:
        fits = [k for k in left if len(texts[k].split()) <= budget]
        if not fits:
            break
        best = max(fits, key=lambda k: lam * relevance[k] - (1 - lam) * max((sims[k, c] for c in chosen), default=0))
        chosen.append(best)
        left.discard(best)
        budget -= len(texts[best].split())
    return [texts[k] for k in sorted(chosen)]


# --- scoring --------------------------------------------------------------------------------------


def rouge(summary: list[str], reference: str) -> tuple[float, float, float]:
    from rouge_score import rouge_scorer

    scorer = _scorer(rouge_scorer)
    s = scorer.score(reference, "\n".join(summary))
    return 100 * s["rouge1"].fmeasure, 100 * s["rouge2"].fmeasure, 100 * s["rougeL"].fmeasure


_SCORER: list[object] = []


def _scorer(module):  # type: ignore[no-untyped-def]
    if not _SCORER:
        _SCORER.append(module.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True))
    return _SCORER[0]


def mean_scores(run: Summariser, items: list[tuple[StoryContext, str]], words: int) -> tuple[np.ndarray, float]:
    clock = time.perf_counter()
    scores = np.array([rouge(run(ctx, words), ref) for ctx, ref in items])
    return scores.mean(axis=0), time.perf_counter() - clock


def tune(items: list[tuple[StoryContext, str]], words: int) -> tuple[BriefParams, float]:
    """Both models fitted on ``items``.  Word model: logistic regression of "the reference uses the
    word at least n times" per word and n; sentence model: logistic regression of greedy-oracle
    membership.  The sentence model's weight against the word model is chosen by two-fold
    cross-validation inside ``items`` (in-sample it would always favour the sentence model)."""
    word_weights = fit_word_model(items)
    labelled = [sentence_rows(ctx, ref, words) for ctx, ref in items]
    folds = [list(range(0, len(items), 2)), list(range(1, len(items), 2))]
    scores = dict.fromkeys(SENTENCE_SCALES, 0.0)
    for fit_on, score_on in (folds, folds[::-1]):
        coef = fit_sentence_model([labelled[k] for k in fit_on])
        for scale in SENTENCE_SCALES:
            params = BriefParams(weights=tuple(coef * scale), word_weights=word_weights)
            scores[scale] += float(mean_scores(newsdesk_brief(params), [items[k] for k in score_on], words)[0][0])
    scale = max(scores, key=scores.__getitem__)
    coef = fit_sentence_model(labelled)
    best = BriefParams(weights=tuple(round(float(w) * scale, 4) for w in coef), word_weights=word_weights)
    return best, float(mean_scores(newsdesk_brief(best), items, words)[0][0])


def fit_word_model(items: list[tuple[StoryContext, str]]) -> tuple[float, ...]:
    from sklearn.linear_model import LogisticRegression

    xs, ys = [], []
    for ctx, ref in items:
        table = word_table(ctx)
        tf = Counter(t for s in ctx.sentences for t in word_tokens(s.text))
        uses = Counter(word_tokens(ref))
        for n in range(1, MAX_USES + 1):
            present = {t: f for t, f in table.items() if tf[t] >= n}
            if present:
                xs.append(use_rows(present, n))
                ys.extend(uses[t] >= n for t in present)
    model = LogisticRegression(C=1.0, max_iter=5000, fit_intercept=False).fit(np.vstack(xs), np.array(ys))
    return tuple(round(float(w), 4) for w in model.coef_[0])


def sentence_rows(ctx: StoryContext, ref: str, words: int) -> tuple[np.ndarray, list[bool]]:
    """The story's unit features and whether the greedy oracle picks each unit."""
    units, features = unit_features(ctx, align(ctx))
    picked = oracle(ctx, [unit_text(ctx, u) for u in units], [u.words for u in units], ref, words)
    return features, [k in picked for k in range(len(units))]


def fit_sentence_model(labelled: list[tuple[np.ndarray, list[bool]]]) -> np.ndarray:
    """Coefficients scaled to unit standard deviation of the score; "plain" is set by hand (0.5 before
    scaling, fitted about 0): ROUGE does not see sensational wording, readers do."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([f for f, _ in labelled])
    y = np.array([v for _, ys in labelled for v in ys])
    coef = LogisticRegression(C=1.0, max_iter=5000).fit(x, y).coef_[0]
    coef[FEATURES.index("plain")] = 0.5
    return coef / max(float(np.std(x @ coef)), 1e-9)


def oracle(ctx: StoryContext, texts: list[str], lengths: list[int], reference: str, words: int) -> set[int]:
    """Greedy oracle: positions in ``texts`` that most raise ROUGE-1 + ROUGE-2 F within the budget."""
    from rouge_score import rouge_scorer

    tokenize = _scorer(rouge_scorer)._tokenizer.tokenize
    ref = _grams(tokenize(reference))
    grams = [_grams(tokenize(t)) for t in texts]
    chosen: set[int] = set()
    have: tuple[Counter[object], Counter[object]] = (Counter(), Counter())
    left, current = words, 0.0
    while True:
        best, best_value = -1, current
        for k, (g1, g2) in enumerate(grams):
            if k in chosen or lengths[k] > left:
                continue
            value = _f(have[0] + g1, ref[0]) + _f(have[1] + g2, ref[1])
            if value > best_value:
                best, best_value = k, value
        if best < 0:
            return chosen
        chosen.add(best)
        have = (have[0] + grams[best][0], have[1] + grams[best][1])
        left, current = left - lengths[best], best_value


def _grams(tokens: list[str]) -> tuple[Counter[object], Counter[object]]:
    return Counter(tokens), Counter(zip(tokens, tokens[1:]))


def _f(got: Counter[object], ref: Counter[object]) -> float:
    overlap = sum((got & ref).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(got.values()), overlap / sum(ref.values())
    return 2 * p * r / (p + r)


def digest_brief(documents: Sequence[str], words: int) -> list[str]:
    """The public API end to end: the cluster's story's brief.  When ``digest`` splits a cluster
    into several stories (largest first), the largest one's brief comes first and the others fill
    what budget is left (taking the stories in turn scored 0.2 lower, their share of the articles
    0.1 lower, the largest alone 0.5 lower)."""
    from newsdesk import digest

    d = digest(list(documents), words=words)
    texts = [b.text for story in d.stories for b in story.brief]
    picked, left = [], words
    for t in texts:
        if len(t.split()) <= left:
            picked.append(t)
            left -= len(t.split())
    return picked


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", type=int, default=260)
    ap.add_argument("--limit", type=int)
    ap.add_argument("--cache", type=Path, help="keep sentences and vectors here between runs")
    ap.add_argument("--tune", action="store_true", help="tune on even ids, score on odd ids")
    ap.add_argument("--digest", action="store_true", help="also score newsdesk.digest end to end (slow)")
    args = ap.parse_args(argv)

    rows = load_clusters(limit=args.limit)
    embedder = default_embedder()
    clock = time.perf_counter()
    items = []
    for r in rows:
        arts = cluster_articles(r["documents"])  # type: ignore[arg-type]
        items.append((cached_context(str(r["id"]), arts, embedder, args.cache), str(r["summary"])))
    prep = time.perf_counter() - clock
    n_sent = sum(len(c.sentences) for c, _ in items)
    print(f"{len(items)} clusters, {n_sent} sentences; parse+split+embed {prep:.1f} s"
          f"{' (from cache)' if args.cache else ''}")
    systems: dict[str, Summariser] = {
        "Lead (round robin)": lead,
        "Lead (first article first)": lead_first,
        "LexRank (sumy)": _sumy("lexrank"),
        "TextRank (sumy)": _sumy("textrank"),
        "Centroid tf-idf + MMR": centroid_mmr,
        "newsdesk brief": newsdesk_brief(),
    }
    best = report(systems, items, args.words)
    digest_scores = digest_run(rows, args.words, best) if args.digest else None
    if args.tune:
        held_out(items, rows, args.words, digest_scores)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}")


def report(systems: dict[str, Summariser], items: list[tuple[StoryContext, str]], words: int) -> float:
    """Print the table; returns the best baseline's ROUGE-1."""
    results = {name: mean_scores(run, items, words) for name, run in systems.items()}
    best_base = max(v[0][0] for k, v in results.items() if not k.startswith("newsdesk"))
    print(f"\n{'system':30} {'R1':>6} {'R2':>6} {'RL':>6} {'R1/best':>8} {'R1-best':>8} {'time s':>7}")
    for name, (s, secs) in results.items():
        print(f"{name:30} {s[0]:6.2f} {s[1]:6.2f} {s[2]:6.2f} {s[0] / best_base:8.3f} "
              f"{s[0] - best_base:+8.2f} {secs:7.1f}")
    return best_base


def digest_run(rows: list[dict[str, object]], words: int, best_base: float) -> np.ndarray:
    """``digest`` end to end on every cluster; prints its row and returns the per-cluster scores."""
    clock = time.perf_counter()
    scores = np.array([rouge(digest_brief(r["documents"], words), str(r["summary"])) for r in rows])  # type: ignore[arg-type]
    _digest_row(scores, best_base, time.perf_counter() - clock)
    return scores


def _digest_row(scores: np.ndarray, best_base: float, secs: float) -> None:
    s = scores.mean(axis=0)
    print(f"{'newsdesk.digest end to end':30} {s[0]:6.2f} {s[1]:6.2f} {s[2]:6.2f} {s[0] / best_base:8.3f} "
          f"{s[0] - best_base:+8.2f} {secs:7.1f}")


def held_out(
    items: list[tuple[StoryContext, str]],
    rows: list[dict[str, object]],
    words: int,
    digest_scores: np.ndarray | None = None,
) -> None:
    is_odd = np.array([int(str(r["id"]).rsplit("-", 1)[-1]) % 2 == 1 for r in rows])
    even = [it for it, o in zip(items, is_odd) if not o]
    odd = [it for it, o in zip(items, is_odd) if o]
    params, r1 = tune(even, words)
    print(f"\ntuned on {len(even)} even-id clusters (R1 {r1:.2f}): {params}")
    print(f"scored on the {len(odd)} odd-id clusters:")
    best = report({"Lead (round robin)": lead, "Centroid tf-idf + MMR": centroid_mmr,
                   "LexRank (sumy)": _sumy("lexrank"), "newsdesk brief (defaults)": newsdesk_brief(),
                   "newsdesk brief (tuned)": newsdesk_brief(params)}, odd, words)
    if digest_scores is not None:
        _digest_row(digest_scores[is_odd], best, 0.0)


if __name__ == "__main__":
    main()
