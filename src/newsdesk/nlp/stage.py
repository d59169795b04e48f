"""Articles -> each one's spaCy parse, sentences and sentence vectors, on 1 process, N processes or Dask.

Every result depends on its own article alone (a parse does not depend on its
batch, nor a sentence vector on the other texts embedded with it), so the
articles can be cut into chunks and spread over processes: the output equals
a one-process run.  A worker parses its chunk with ``nlp.pipe``, splits the
sentences, embeds them with the default embedder and sends each parse back
serialised (``DocBin``, ~11 KB an article); ``load_doc`` reads one again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.cache import content_key, default_cache
from newsdesk.limits import DEFAULT as DEFAULT_LIMITS
from newsdesk.limits import Limits, analysed_sentences
from newsdesk.models import Article, Sentence
from newsdesk.nlp.embed import Embedder, default_embedder
from newsdesk.nlp.sentences import sentences_of
from newsdesk.nlp.spacy_model import MAX_CHARS, parse_many, pipeline_id, vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc

log = logging.getLogger("newsdesk.nlp.stage")
CHUNK = 24  # articles per worker task at most (a few tasks per worker, of like total length)
# texts per ``nlp.pipe`` batch: spaCy's working memory is ~10 MB a text of ~540 tokens (peak over the
# loaded model 259 MB at 24, 101 MB at 8, 51 MB at 4), its CPU the same within noise from 4 to 24
PIPE_BATCH = 8


@dataclass(frozen=True)
class ArticleNlp:
    """One article's parse (serialised, ``load_doc`` reads it), its sentences and one
    L2-normalised vector per sentence: ~11 KB per parse instead of ~0.5 MB of live ``Doc``
    (tokens and the tagger's tensor).  ``digest`` writes them to its scratch file a batch at a
    time (``store.scratch``), so memory grows with the largest story, not the pile."""

    parse: bytes
    sentences: list[Sentence]
    vectors: np.ndarray


def load_doc(parse: bytes) -> Doc:
    """The ``Doc`` of ``ArticleNlp.parse`` (every attribute the analysis reads; no tensor)."""
    from spacy.tokens import DocBin

    return next(iter(DocBin().from_bytes(parse).get_docs(vocab())))


class Parses(Mapping[str, "Doc"]):
    """Article id -> its ``Doc``, read from the serialised parse when asked for (not kept)."""

    def __init__(self, parses: dict[str, bytes]) -> None:
        self._parses = parses

    def __getitem__(self, article_id: str) -> Doc:
        return load_doc(self._parses[article_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self._parses)

    def __len__(self) -> int:
        return len(self._parses)

    def raw(self, article_id: str) -> bytes:
        """The serialised parse (what a worker is sent), not read back."""
        return self._parses[article_id]


def article_nlp(
    articles: Sequence[Article],
    *,
    embedder: Embedder | None = None,
    workers: int = 1,
    backend: str = "processes",
    limits: Limits = DEFAULT_LIMITS,
) -> list[ArticleNlp]:
    """Parse, split and embed every article, in the order given, on ``workers`` processes, within
    the run's ``limits`` (characters parsed, sentences kept).

    A given ``embedder`` runs in this process (it need not be picklable); the default one runs in
    the workers."""
    from newsdesk.parallel import TASKS_PER_WORKER, balanced, pmap, scatter

    parallel = workers > 1 or backend == "dask"
    if not parallel or len(articles) < 2:
        return _chunk(list(articles), embedder or default_embedder(), limits)
    groups = balanced([len(a.text) for a in articles], workers * TASKS_PER_WORKER, largest=CHUNK)
    job = _worker_chunk if embedder is None else _worker_chunk_unembedded
    parts = [([articles[i] for i in g], limits) for g in groups]
    done = pmap(job, parts, workers=workers, backend=backend)
    out = scatter(groups, done)
    if embedder is not None:
        out = _embed(out, embedder)
    return out


def _chunk(articles: list[Article], embedder: Embedder | None, limits: Limits) -> list[ArticleNlp]:
    out = []
    empty = np.zeros((0, 0), np.float32)
    texts = [a.text[: limits.max_analysed_chars] for a in articles]  # bounded work per article
    for a, (data, doc) in zip(articles, parses(texts)):
        out.append(ArticleNlp(data, analysed_sentences(a, sentences_of(a, doc), limits), empty))
    return _embed(out, embedder) if embedder is not None else out


def parses(texts: Sequence[str]) -> Iterator[tuple[bytes, Doc]]:
    """Each text's serialised parse and its ``Doc``, ``CHUNK`` texts at a time (only that many
    live ``Doc``s at once, ~0.5 MB each): kept between runs by content (``newsdesk.cache``), so a
    text parsed before is read back, not parsed again."""
    for at in range(0, len(texts), CHUNK):
        yield from _parse_batch(texts[at : at + CHUNK])


def _parse_batch(texts: Sequence[str]) -> list[tuple[bytes, Doc]]:
    from spacy.tokens import DocBin

    cache = default_cache()
    keys = [content_key("parse", pipeline_id(), t[:MAX_CHARS]) for t in texts] if cache is not None else []
    known = cache.get_many(keys) if cache is not None else {}
    todo = [i for i in range(len(texts)) if not keys or keys[i] not in known]
    done = dict(zip(todo, parse_many([texts[i] for i in todo], batch_size=PIPE_BATCH))) if todo else {}
    fresh = {i: DocBin(store_user_data=False, docs=[doc]).to_bytes() for i, doc in done.items()}
    if cache is not None:
        log.info("%d of %d parses read from the cache", len(texts) - len(todo), len(texts))
        if fresh:
            cache.put_many([(keys[i], data) for i, data in fresh.items()])
    return [(fresh[i], done[i]) if i in done else (known[keys[i]], load_doc(known[keys[i]]))
            for i in range(len(texts))]


def _embed(done: list[ArticleNlp], embedder: Embedder) -> list[ArticleNlp]:
    """The sentences of all the articles embedded in one call (each distinct text once)."""
    flat = [s.text for r in done for s in r.sentences]
    vectors = embedder.embed(flat) if flat else np.zeros((0, embedder.dim), np.float32)
    out, at = [], 0
    for r in done:
        out.append(ArticleNlp(r.parse, r.sentences, vectors[at : at + len(r.sentences)].copy()))
        at += len(r.sentences)
    return out


def _worker_chunk(part: tuple[list[Article], Limits]) -> list[ArticleNlp]:
    return _chunk(part[0], default_embedder(), part[1])


def _worker_chunk_unembedded(part: tuple[list[Article], Limits]) -> list[ArticleNlp]:
    return _chunk(part[0], None, part[1])
