"""Articles -> their per-article NLP (sentences, sentence vectors, parse, shingles, terms), made once and stored."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.models import Article, Sentence
from newsdesk.nlp.embed import Embedder
from newsdesk.store.codec import (
    doc_from_blob,
    doc_to_blob,
    sentences_from_json,
    sentences_to_json,
    vectors_from_blob,
    vectors_to_blob,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from newsdesk.dedup import Fingerprint


@dataclass(frozen=True)
class Prepared:
    """What re-analysing a story needs of one article, so that no article is parsed twice."""

    article: Article
    sentences: tuple[Sentence, ...]
    vectors: np.ndarray
    doc: Doc
    fingerprint: Fingerprint
    terms: Counter[str]


def prepare(articles: Sequence[Article], embedder: Embedder) -> list[Prepared]:
    """Parse, split and embed every article (the same stage functions ``digest`` uses; a text
    parsed or embedded before, by a digest too, is read back from ``newsdesk.cache``)."""
    from newsdesk.clustering.features import terms_of
    from newsdesk.dedup import fingerprint
    from newsdesk.nlp.sentences import sentences_of
    from newsdesk.nlp.stage import parses

    docs = [doc for _, doc in parses([a.text for a in articles])]
    sentences = [sentences_of(a, d) for a, d in zip(articles, docs)]
    flat = [s.text for ss in sentences for s in ss]
    vectors = embedder.embed(flat) if flat else np.zeros((0, 0), np.float32)
    out, at = [], 0
    for a, doc, ss in zip(articles, docs, sentences):
        rows = vectors[at : at + len(ss)]
        at += len(ss)
        out.append(Prepared(a, tuple(ss), rows, doc, fingerprint(a.text), terms_of(a.text, a.title)))
    return out


def store_prepared(conn: sqlite3.Connection, p: Prepared) -> None:
    doc = doc_to_blob(p.doc)
    conn.execute(
        "INSERT INTO article_nlp (article_id, sentences, dim, vectors, doc, shingles) VALUES (?, ?, ?, ?, ?, ?)",
        (p.article.id, sentences_to_json(list(p.sentences)), int(p.vectors.shape[1]) if p.vectors.size else 0,
         vectors_to_blob(p.vectors), doc, p.fingerprint.shingles.astype(np.uint32).tobytes()),
    )


class StoredParses(Mapping[str, "Doc"]):
    """Parses by article id: those ``given``, and stored ones read from their blobs when first
    asked for (a story larger than its analysed sample never reads the others' parses)."""

    def __init__(self, blobs: dict[str, tuple[bytes, str]], given: Mapping[str, Doc] | None = None) -> None:
        self._blobs = blobs
        self._docs: dict[str, Doc] = dict(given or {})

    def __getitem__(self, article_id: str) -> Doc:
        if article_id not in self._docs:
            from newsdesk.nlp.spacy_model import nlp

            blob, text = self._blobs[article_id]
            self._docs[article_id] = doc_from_blob(blob, text, nlp().vocab)
        return self._docs[article_id]

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._docs), **dict.fromkeys(self._blobs)})

    def __len__(self) -> int:
        return len(set(self._docs) | set(self._blobs))


def load_nlp(
    conn: sqlite3.Connection, articles: Sequence[Article], dim: int
) -> tuple[dict[str, tuple[list[Sentence], np.ndarray]], dict[str, tuple[bytes, str]]]:
    """Stored sentences and vectors (``dim`` wide) of ``articles`` by article id, and their parses
    as stored (blob and text, for ``StoredParses``: read only those needed)."""
    by_id = {a.id: a for a in articles}
    out, parses = {}, {}
    ids = list(by_id)
    for at in range(0, len(ids), 200):
        part = ids[at : at + 200]
        marks = ",".join("?" * len(part))
        for aid, sents, width, blob, doc in conn.execute(
            f"SELECT article_id, sentences, dim, vectors, doc FROM article_nlp WHERE article_id IN ({marks})", part
        ):
            sentences = sentences_from_json(by_id[aid], sents)
            vectors = vectors_from_blob(blob, width) if width else np.zeros((len(sentences), dim), np.float32)
            out[aid] = (sentences, vectors)
            parses[aid] = (doc, by_id[aid].text)
    return out, parses


def load_fingerprints(conn: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Fingerprint]:
    """Stored shingles of ``ids`` as dedup fingerprints (MinHash recomputed from them)."""
    from datasketch import LeanMinHash

    from newsdesk.dedup import SEED, Fingerprint, signature

    out = {}
    for aid, blob in conn.execute(
        f"SELECT article_id, shingles FROM article_nlp WHERE article_id IN ({','.join('?' * len(ids))})", list(ids)
    ):
        sh = np.frombuffer(blob, dtype=np.uint32).copy()
        out[aid] = Fingerprint(sh, LeanMinHash(seed=SEED, hashvalues=signature(sh), scheme="legacy"))
    return out
