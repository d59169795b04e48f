"""Sentences and embeddings: spans into the text, paragraph bounds, paraphrase similarity."""

from __future__ import annotations

import numpy as np

from newsdesk.models import Article, content_id
from newsdesk.nlp.embed import HashingEmbedder, OnnxMiniLM
from newsdesk.nlp.sentences import sentences_of
from newsdesk.nlp.spacy_model import parse

TEXT = (
    "The harbour board met on Monday. It approved a new dredging plan for the east channel.\n\n"
    "Work starts in April\n\n"
    "Dr. Ines Moreau, the board's engineer, said the channel would be 12.5 metres deep."
)


def test_sentences_are_spans_and_never_cross_paragraphs() -> None:
    article = Article(id=content_id(TEXT), text=TEXT)
    sents = sentences_of(article, parse(TEXT))
    assert [s.text for s in sents] == [
        "The harbour board met on Monday.",
        "It approved a new dredging plan for the east channel.",
        "Work starts in April",
        "Dr. Ines Moreau, the board's engineer, said the channel would be 12.5 metres deep.",
    ]
    for s in sents:
        assert TEXT[s.start : s.end] == s.text and s.article_id == article.id
    assert [s.index for s in sents] == [0, 1, 2, 3]


def test_minilm_ranks_paraphrase_above_unrelated() -> None:
    vecs = OnnxMiniLM().embed([
        "The mayor opened the new bridge on Friday.",
        "On Friday the new bridge was opened by the mayor.",
        "Wheat prices fell sharply in overseas markets.",
    ])
    assert vecs.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-3)
    assert vecs[0] @ vecs[1] > 0.8 > 0.3 > vecs[0] @ vecs[2]


def test_hashing_embedder_is_deterministic() -> None:
    e = HashingEmbedder(64)
    a, b = e.embed(["Same words here"]), e.embed(["same words here"])
    assert np.allclose(a, b) and e.embed([]).shape == (0, 64)
