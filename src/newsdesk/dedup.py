"""Articles -> syndication groups (near-duplicate / reprinted copies), after the non-articles are set aside.

Syndication: every article gets a MinHash of its 5-word shingles; a datasketch
``MinHashLSH`` proposes candidate pairs, and a pair is a copy when the exact
shingle *containment* (overlap / smaller set) is high, so a reprint trimmed or
padded with site chrome still matches.  Two articles crediting the same wire
need less overlap (a wire story lightly rewritten by two subscribers).  Groups
are the connected components of those pairs; singletons are groups too.

Non-articles are found first (``nonarticle``) and join no group.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from newsdesk.models import Article
from newsdesk.tuning import DEFAULT_TUNING, Tuning
from newsdesk.tuning.reading import DedupTuning
from newsdesk.unionfind import find, union
from newsdesk.vocab import LOWER_TOKEN

# the fingerprint's shape (stored with each article in a library); thresholds: ``tuning.dedup``
SHINGLE = 5
NUM_PERM = 64
SEED = 1
_PRIME = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(SEED)
_A = _rng.randint(1, 1 << 31, NUM_PERM).astype(np.uint64)  # h < 2**32, a < 2**31: no overflow
_B = _rng.randint(0, 1 << 31, NUM_PERM).astype(np.uint64)


@dataclass(frozen=True)
class Fingerprint:
    """The shingles of one text (sorted unique 32-bit hashes: 4 bytes each) and its MinHash."""

    shingles: np.ndarray
    minhash: LeanMinHash


@dataclass(frozen=True)
class Dedup:
    """What ``deduplicate`` finds: non-articles (id -> why) and the copy groups of the others."""

    non_articles: dict[str, str]
    groups: list[tuple[str, ...]]


def deduplicate(articles: Sequence[Article], tuning: Tuning = DEFAULT_TUNING) -> Dedup:
    """The stage's entry: non-articles first, then syndication groups of the rest (one fingerprint each)."""
    from newsdesk.nonarticle import non_articles

    prints = [fingerprint(a.text, tuning.dedup.max_shingles) for a in articles]
    rejected = non_articles(articles, prints, tuning.nonarticle)
    kept = [k for k, a in enumerate(articles) if a.id not in rejected]
    groups = syndication_groups([articles[k] for k in kept], [prints[k] for k in kept], tuning.dedup)
    return Dedup(rejected, groups)


def words_of(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return LOWER_TOKEN.findall(text.lower())


def fingerprint(text: str, max_shingles: int = DEFAULT_TUNING.dedup.max_shingles) -> Fingerprint:
    """5-word shingles of ``text`` (the first ``max_shingles``) hashed to 32 bits, and their MinHash."""
    words = words_of(text)
    n = min(max_shingles, max(1, len(words) - SHINGLE + 1)) if words else 0
    grams = (" ".join(words[i : i + SHINGLE]).encode() for i in range(n))
    hashes = np.unique(np.fromiter((zlib.crc32(g) for g in grams), dtype=np.uint32, count=n))
    return Fingerprint(hashes, LeanMinHash(seed=SEED, hashvalues=signature(hashes), scheme="legacy"))


def signature(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature: the minimum of ``NUM_PERM`` universal hashes over the shingle hashes."""
    if not len(hashes):
        return np.full(NUM_PERM, _MAX, dtype=np.uint64)
    h = hashes.astype(np.uint64)[:, None]
    return (((h * _A + _B) % _PRIME) & _MAX).min(axis=0)


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Shared shingles over the smaller set: 1.0 when one text is inside the other."""
    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def linked_components(
    prints: Sequence[Fingerprint], link: Callable[[int, int, float], bool], threshold: float
) -> list[int]:
    """For each text, the first text of its component: texts joined by ``link(i, j, containment)``
    (i < j) over the candidate pairs MinHash LSH proposes.  A candidate already joined through
    other texts is not compared again, so a text reprinted a hundred times costs about a hundred
    exact comparisons, not five thousand."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent = list(range(len(prints)))
    for i, fp in enumerate(prints):
        if not len(fp.shingles):
            continue
        for j in map(int, lsh.query(fp.minhash)):
            if find(parent, i) != find(parent, j) and link(j, i, containment(prints[j].shingles, fp.shingles)):
                union(parent, i, j)
        lsh.insert(i, fp.minhash, check_duplication=False)
    return [find(parent, i) for i in range(len(prints))]


def syndication_groups(
    articles: Sequence[Article],
    prints: Sequence[Fingerprint] | None = None,
    tuning: DedupTuning = DEFAULT_TUNING.dedup,
) -> list[tuple[str, ...]]:
    """Group near-duplicate and reprinted articles; every article id is in exactly one group.

    Groups keep input order (first member first, groups ordered by first member).
    ``prints``: the articles' fingerprints when already made.
    """
    t = tuning
    prints = prints if prints is not None else [fingerprint(a.text, t.max_shingles) for a in articles]

    def copies(i: int, j: int, c: float) -> bool:
        return c >= t.copy_containment or (c >= t.wire_containment and _same_wire(articles[i], articles[j]))

    roots = linked_components(prints, copies, t.lsh_threshold)
    groups: dict[int, list[str]] = {}
    seen: set[str] = set()
    for i, a in enumerate(articles):
        if a.id not in seen:
            seen.add(a.id)
            groups.setdefault(roots[i], []).append(a.id)
    return [tuple(g) for g in groups.values()]


def _same_wire(a: Article, b: Article) -> bool:
    return bool(a.wire and b.wire and a.wire.strip().lower() == b.wire.strip().lower())
