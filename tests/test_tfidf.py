"""tfidf.lexical_centrality: the very floats of scikit-learn's TfidfVectorizer, without importing it."""

from __future__ import annotations

import random
import re
from pathlib import Path

import numpy as np
import pytest

from newsdesk.tfidf import lexical_centrality

ROOT = Path(__file__).resolve().parent.parent


def sklearn_centrality(texts: list[str]) -> list[float] | None:
    """What the brief computed with scikit-learn before (the reference)."""
    text = pytest.importorskip("sklearn.feature_extraction.text")
    try:
        m = text.TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:
        return None
    centre = np.asarray(m.mean(axis=0)).ravel()
    return [float(x) for x in m @ (centre / max(float(np.linalg.norm(centre)), 1e-9))]


def example_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*.txt"))]
    return [s for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if s.strip()]


def test_equal_to_scikit_learn_bit_for_bit() -> None:
    sentences = example_sentences()
    assert len(sentences) > 100
    rng = random.Random(7)
    pieces = [sentences[:1], sentences[:2], sentences]
    for _ in range(150):
        k = rng.choice([2, 3, 8, 20, 60, 150])
        at = rng.randrange(len(sentences) - k)
        pieces.append(rng.sample(sentences[at : at + k], k))
    for texts in pieces:
        assert lexical_centrality(texts) == sklearn_centrality(texts)


@pytest.mark.parametrize(
    "texts", [["the and of", "is it"], [""], ["Rain, rain and RAIN fell.", "Rain again?", "Ferries wait."]]
)
def test_stop_words_only_and_repeated_words(texts: list[str]) -> None:
    assert lexical_centrality(texts) == sklearn_centrality(texts)


def test_the_central_sentence_scores_highest() -> None:
    scores = lexical_centrality(["Ferry strike halts harbour crossings.", "Ferry strike at the harbour.",
                                 "Orchards bloom early."])
    assert scores is not None and min(scores[0], scores[1]) > scores[2] > 0.0
