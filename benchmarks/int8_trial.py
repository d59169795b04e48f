"""The shipped MiniLM against an int8 dynamic quantization of it -> CPU, vector fidelity, other benchmarks run with it (a trial).

Run: python benchmarks/int8_trial.py [--sentences N] [--skip GROUPS]
         CPU and fidelity on N Multi-News dev sentences (the first 15 of each cluster's first two
         documents), the shipped model (batched as the product runs it) against the int8 one
     python benchmarks/int8_trial.py [--skip GROUPS] --run storycheck.py [--seeds]
     python benchmarks/int8_trial.py --run briefs.py --limit 125 --cache DIR
         another benchmark, in this process, with the int8 model as the default embedder (the
         run-to-run cache off; give ``briefs.py`` a ``--cache`` folder of its own)
Needs the ``onnx`` package (the ``bench`` extra): ONNX Runtime's quantization tool reads and
writes the graph with it.  Nothing here is in the product; measured in benchmarks/README.md
("int8 matrix products").

The packaged model stores int8 weights that ONNX Runtime casts to fp32 when it loads them, so every
matrix product runs in fp32.  The trial saves the graph ONNX Runtime makes of it (constants folded:
fp32 weights), then quantizes the products by a weight (per output channel, int8) with activations
quantized when they are computed (``quantize_dynamic``: uint8, one scale per tensor).  One scale per
tensor means a text's vector would depend on the texts padded into its batch, so the int8 model runs
each text alone (tested below: ``alone`` against ``batched``).  ``--skip`` keeps some products in
fp32: ``qkv`` (query, key, value), ``ao`` (attention output), ``fc1``, ``fc2`` (feed-forward in, out).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import runpy
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))
GROUPS = ("qkv", "ao", "fc1", "fc2")


def build(folder: Path, skip: Sequence[str] = ()) -> Path:
    """The int8 model written into ``folder`` (with the fp32 graph it is made from)."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from newsdesk.nlp.embed import _model_files, onnxruntime

    ort = onnxruntime()
    fp32 = folder / "fp32.onnx"
    opts = ort.SessionOptions()
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_BASIC  # folds the weight casts
    opts.optimized_model_filepath = str(fp32)
    ort.InferenceSession(str(_model_files()[0]), opts, providers=["CPUExecutionProvider"])
    groups = product_groups(onnx.load(str(fp32)))
    nodes = [n for g, names in sorted(groups.items()) if g not in skip for n in names]
    out = folder / "int8.onnx"
    quantize_dynamic(str(fp32), str(out), weight_type=QuantType.QInt8, per_channel=True, nodes_to_quantize=nodes)
    return out


def product_groups(model) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The matrix products by a weight, by role: fc1 / fc2 by the weight's shape, qkv when the input
    comes from a LayerNormalization, ao (the attention's output projection) otherwise."""
    shapes = {w.name: tuple(w.dims) for w in model.graph.initializer}
    made_by = {o: n for n in model.graph.node for o in n.output}
    out: dict[str, list[str]] = {g: [] for g in GROUPS}
    for node in model.graph.node:
        if node.op_type != "MatMul" or node.input[1] not in shapes:
            continue
        rows, cols = shapes[node.input[1]]
        if cols > rows:
            group = "fc1"
        elif rows > cols:
            group = "fc2"
        else:
            source = made_by.get(node.input[0])
            group = "qkv" if source is not None and source.op_type == "LayerNormalization" else "ao"
        out[group].append(node.name)
    return out


def int8_embedder(path: Path):  # type: ignore[no-untyped-def]
    """``OnnxMiniLM`` with the int8 session, each text in a run of its own."""
    from newsdesk.nlp import embed

    class Int8MiniLM(embed.OnnxMiniLM):
        def __init__(self) -> None:
            super().__init__()
            ort = embed.onnxruntime()
            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            self._session = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])

        def embed(self, texts: Sequence[str]) -> np.ndarray:
            rows = [self._tok.encode(t).ids for t in texts]
            out = np.zeros((len(texts), self.dim), dtype=np.float32)
            for r, ids in enumerate(rows):
                out[r] = self._embed_batch([ids])[0]
            return out

        def embed_batched(self, texts: Sequence[str]) -> np.ndarray:
            return super().embed(texts)

    return Int8MiniLM


def sentences(n: int) -> list[str]:
    out: list[str] = []
    with open(SHARED / "data" / "multinews" / "dev.jsonl", encoding="utf8") as f:
        for line in f:
            for doc in json.loads(line)["documents"][:2]:
                out += [s for s in re.split(r"(?<=[.!?])\s+", doc) if 4 < len(s.split()) < 80][:15]
            if len(out) >= n:
                break
    return out[:n]


def fidelity(model: Path, n: int) -> None:
    from newsdesk.nlp.embed import OnnxMiniLM
    from newsdesk.tuning import Tuning

    texts = sentences(n)
    shipped, int8 = OnnxMiniLM(), int8_embedder(model)()
    cpu = time.process_time()
    ref = shipped.embed(texts)
    cpu_ref, cpu = time.process_time() - cpu, time.process_time()
    got = int8.embed(texts)
    cpu_alone, cpu = time.process_time() - cpu, time.process_time()
    batched = int8.embed_batched(texts)
    cpu_batched = time.process_time() - cpu
    cut = Tuning().claims.similar
    same, new = ref @ ref.T, got @ got.T
    upper = np.triu_indices(len(texts), 1)
    diff = new[upper] - same[upper]
    np.fill_diagonal(same, -1)
    np.fill_diagonal(new, -1)
    top = lambda m: np.argsort(-m, axis=1, kind="stable")[:, :5]  # noqa: E731
    overlap = np.mean([len(set(a) & set(b)) / 5 for a, b in zip(top(same), top(new))])
    near = (same[upper] >= cut) != (new[upper] >= cut)
    cos = (ref * got).sum(axis=1)
    print(f"{len(texts)} sentences of Multi-News dev; CPU s of one process, one thread")
    print(f"shipped model, batched as the product runs it   {cpu_ref:6.2f} s")
    print(f"int8, each text alone                           {cpu_alone:6.2f} s  (x{cpu_ref / cpu_alone:.2f})")
    print(f"int8, batched as the product                    {cpu_batched:6.2f} s  (x{cpu_ref / cpu_batched:.2f};"
          f" a vector moves by up to {np.abs(batched - got).max():.1e} with its batch mates)")
    print(f"cosine of a text's two vectors: mean {cos.mean():.4f}, min {cos.min():.4f}")
    print(f"pair cosines, int8 - shipped: mean {diff.mean():+.4f}, sd {diff.std():.4f}, 99th pct |d| "
          f"{np.quantile(np.abs(diff), 0.99):.4f}")
    print(f"top-5 neighbours kept: {overlap:.3f}; pairs across the claims' cut ({cut}): "
          f"{int(near.sum())} of {int((same[upper] >= cut).sum())} at or above it")


def run_with(model: Path, script: str, args: list[str]) -> None:
    """``script`` (a file of this folder) as ``__main__`` with ``args``, the int8 model in place."""
    from newsdesk.nlp import embed

    os.environ["NEWSDESK_CACHE"] = "off"
    embed.OnnxMiniLM = int8_embedder(model)  # type: ignore[misc]
    embed.default_embedder.cache_clear()
    sys.argv = [str(HERE / script), *args]
    runpy.run_path(str(HERE / script), run_name="__main__")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=1500)
    ap.add_argument("--skip", default="", help=f"products kept in fp32, comma-separated of {GROUPS}")
    ap.add_argument("--run", help="a benchmark script of this folder to run with the int8 model")
    a, rest = ap.parse_known_args()
    skip = [g for g in a.skip.split(",") if g]
    if bad := set(skip) - set(GROUPS):
        ap.error(f"unknown groups {sorted(bad)}")
    with tempfile.TemporaryDirectory() as tmp:
        cpu = time.process_time()
        model = build(Path(tmp), skip)
        print(f"int8 model built in {time.process_time() - cpu:.1f} CPU s ({model.stat().st_size / 1e6:.1f} MB);"
              f" fp32 kept: {', '.join(skip) or 'none'}")
        if a.run:
            run_with(model, a.run, rest)
        else:
            fidelity(model, a.sentences)


if __name__ == "__main__":
    main()
