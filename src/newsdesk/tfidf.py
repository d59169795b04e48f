"""Sentences -> each one's tf-idf cosine to their mean tf-idf vector (the brief's lexical centrality).

The arithmetic is scikit-learn's ``TfidfVectorizer(stop_words="english", sublinear_tf=True)``
followed by ``m @ unit(m.mean(axis=0))``, reproduced bit for bit (tested against it) without
importing scikit-learn and SciPy, which cost about a second of start-up: words
``(?u)\\b\\w\\w+\\b`` of the lower-cased text less the stop words; tf ``1 + ln(count)``; idf
``ln((n + 1) / (df + 1)) + 1``; rows L2-normalised.  Every sum runs in the order SciPy's sparse
kernels use (a row's terms in the order the corpus first used them, rows in input order), so
the floats are the same to the last bit.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from newsdesk.vocab import ENGLISH_STOP_WORDS

WORD = re.compile(r"(?u)\b\w\w+\b")

Row = tuple[list[int], list[float]]  # column indexes, values


def lexical_centrality(texts: Sequence[str]) -> list[float] | None:
    """Each text's tf-idf cosine to the texts' mean direction; ``None`` when no text has a word
    that is not a stop word (scikit-learn's "empty vocabulary")."""
    docs = [Counter(w for w in WORD.findall(t.lower()) if w not in ENGLISH_STOP_WORDS) for t in texts]
    first: dict[str, int] = {}
    for d in docs:
        for w in d:
            first.setdefault(w, len(first))
    if not first:
        return None
    column = {w: c for c, w in enumerate(sorted(first))}
    rows = [_weighted_row(d, first, column) for d in docs]
    df = np.bincount([c for cols, _ in rows for c in cols], minlength=len(column)).astype(np.float64)
    df += 1.0
    idf = (np.log((len(docs) + 1) / df) + 1).tolist()
    rows = [_normalised(cols, [v * idf[c] for c, v in zip(cols, vals)]) for cols, vals in rows]
    share = 1.0 / len(docs)
    total = [0.0] * len(column)
    for cols, vals in rows:
        for c, v in zip(cols, vals):
            total[c] += v * share
    centre = np.array(total)
    unit = (centre / max(float(np.linalg.norm(centre)), 1e-9)).tolist()
    return [_dot(cols, vals, unit) for cols, vals in rows]


def _weighted_row(counts: Counter[str], first: dict[str, int], column: dict[str, int]) -> Row:
    """A text's columns (in corpus first-use order) and sublinear term frequencies."""
    words = sorted(counts, key=first.__getitem__)
    tf = np.array([counts[w] for w in words], dtype=np.float64)
    np.log(tf, out=tf)
    tf += 1.0
    return [column[w] for w in words], tf.tolist()


def _normalised(cols: list[int], vals: list[float]) -> Row:
    norm = 0.0
    for v in vals:
        norm += v * v
    norm = math.sqrt(norm)
    return cols, ([v / norm for v in vals] if norm else vals)


def _dot(cols: list[int], vals: list[float], vector: list[float]) -> float:
    total = 0.0
    for c, v in zip(cols, vals):
        total += v * vector[c]
    return total
