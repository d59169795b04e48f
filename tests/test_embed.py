"""Embedding reuse: each distinct text embedded once, vectors kept on disk, clauses embedded on use."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from child import child_env
from newsdesk.cache import DiskCache
from newsdesk.nlp.embed import BATCH, BATCH_TOKENS, CachedEmbedder, Deferred, HashingEmbedder, LazyRows, OnnxMiniLM, runs

TEXTS = [
    "The ferry resumed service on Tuesday.",
    "Tolls on the north bridge rise by ten cents.",
    "The ferry resumed service on Tuesday.",
    "A new library opens in the old post office.",
]


class Counting:
    """The hashing embedder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.inner = HashingEmbedder(64)
        self.dim = 64
        self.seen: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.seen += list(texts)
        return self.inner.embed(texts)


def test_each_distinct_text_is_embedded_once_and_vectors_equal_the_inner_ones() -> None:
    inner = Counting()
    cached = CachedEmbedder(inner)
    first = cached.embed(TEXTS)
    again = cached.embed(TEXTS[::-1])
    assert sorted(inner.seen) == sorted(set(TEXTS))
    assert np.array_equal(first, HashingEmbedder(64).embed(TEXTS))
    assert np.array_equal(again, first[::-1])


def test_the_disk_cache_serves_a_later_run(tmp_path: Path) -> None:
    path = tmp_path / "vectors.sqlite"
    CachedEmbedder(Counting(), path).embed(TEXTS)
    later = Counting()
    vectors = CachedEmbedder(later, path).embed(TEXTS + ["One text the first run never saw."])
    assert later.seen == ["One text the first run never saw."]
    assert np.array_equal(vectors[:4], HashingEmbedder(64).embed(TEXTS))


def test_the_memory_table_stays_bounded() -> None:
    cached = CachedEmbedder(Counting(), items=2)
    cached.embed(TEXTS)
    assert len(cached._memory) <= 2


def test_lazy_rows_embed_a_text_only_when_asked() -> None:
    inner = Counting()
    given = np.eye(3, 64, dtype=np.float32)
    rows = LazyRows(given, [None, TEXTS[1], TEXTS[3]], inner)
    assert np.array_equal(rows[0], given[0]) and inner.seen == []
    assert np.array_equal(rows[1], HashingEmbedder(64).embed([TEXTS[1]])[0])
    rows[1]
    assert inner.seen == [TEXTS[1]] and len(rows) == 3


def test_a_minilm_vector_does_not_depend_on_its_batch() -> None:
    """What makes the cache, lazy clauses and per-article workers exact."""
    model = OnnxMiniLM()
    together = model.embed(TEXTS + ["Short.", "A much longer sentence about the harbour, its cranes and its crews."])
    alone = np.vstack([model.embed([t]) for t in TEXTS])
    assert np.array_equal(together[:4], alone)


def test_minilm_vectors_equal_those_of_a_padded_batch() -> None:
    """Texts of different lengths share a run: each vector is bit for bit the one a batch padded to
    its longest text (the mask-weighted mean, computed here by hand) gives."""
    model = OnnxMiniLM()
    texts = TEXTS[:2] + ["Short.", "A much longer sentence about the harbour, its cranes and its crews."]
    rows = [model._tok.encode(t).ids for t in texts]
    width = max(len(r) for r in rows)
    ids = np.array([r + [0] * (width - len(r)) for r in rows], dtype=np.int64)
    mask = np.array([[1] * len(r) + [0] * (width - len(r)) for r in rows], dtype=np.int64)
    hidden = model._session.run(None, {"input_ids": ids, "attention_mask": mask,
                                       "token_type_ids": np.zeros_like(ids)})[0]
    m = mask[..., None].astype(np.float32)
    pooled = (hidden * m).sum(axis=1) / m.sum(axis=1)
    padded = (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype(np.float32)
    assert len(set(map(len, rows))) == len(rows)  # all of different lengths: every one but one padded
    assert np.array_equal(model.embed(texts), padded)


def test_runs_share_a_run_among_few_texts_of_many_lengths_and_respect_the_budgets() -> None:
    few = [7, 9, 8, 10, 11]  # one text per length: one padded run, not five runs
    assert runs(few) == [[0, 2, 1, 3, 4]]
    lone_long = [5, 6, 120]  # padding two short texts to 120 tokens costs more than a run
    assert runs(lone_long) == [[0, 1], [2]]
    many = [20] * 70 + [64] * 40 + list(range(3, 40))
    cut = runs(many)
    assert sorted(i for run in cut for i in run) == list(range(len(many)))
    for run in cut:
        width = max(many[i] for i in run)
        assert len(run) <= BATCH and (len(run) == 1 or len(run) * width <= BATCH_TOKENS)
    assert sum(len(run) * max(many[i] for i in run) for run in cut) < 1.05 * sum(many)  # little padding
    assert runs([]) == []


def test_the_default_embedder_loads_no_model_when_every_text_is_cached(tmp_path: Path) -> None:
    disk = DiskCache(tmp_path / "cache.db")
    CachedEmbedder(Counting(), disk=disk, name="counting").embed(TEXTS)
    made: list[Counting] = []

    def make() -> Counting:
        made.append(Counting())
        return made[-1]

    later = CachedEmbedder(Deferred(make, 64), disk=disk, name="counting")
    assert np.array_equal(later.embed(TEXTS), HashingEmbedder(64).embed(TEXTS)) and made == []
    later.embed(["A text no run has seen."])
    assert [m.seen for m in made] == [["A text no run has seen."]]


def test_the_embedder_leaves_no_telemetry_behind(tmp_path: Path) -> None:
    """onnxruntime's wheels keep a device id and an upload queue in the user's cache folder and a
    session file in the temporary folder unless told not to; a newsdesk run writes neither."""
    import subprocess
    import sys

    home, tmp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    tmp.mkdir()
    env = child_env(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), TMPDIR=str(tmp))
    env.pop("ORT_DISABLE_TELEMETRY", None)
    code = "from newsdesk.nlp.embed import OnnxMiniLM; print(OnnxMiniLM().embed(['The ferry sails.']).shape)"
    run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0 and "(1, 384)" in run.stdout, run.stderr
    assert not list(tmp.iterdir()) and not list(home.rglob("*DeveloperTools*"))
