"""The int8 MiniLM trial (benchmarks/int8_trial.py): the products it quantizes and how close its
vectors stay to the shipped model's, on invented sentences."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import int8_trial as trial  # noqa: E402

from newsdesk.nlp.embed import OnnxMiniLM  # noqa: E402

SENTENCES = [
    "The Orlen town council will reopen the Tassel footbridge to walkers on Saturday.",
    "Repairs to two of the bridge's cables cost 3.1 million kroner, the council said.",
    "A ferry operator in Kiel cancelled its evening crossings because of strong crosswinds.",
    "Walkers can use the Tassel footbridge in Orlen again from Saturday, the town council says.",
]


@pytest.fixture(scope="module")
def int8_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return trial.build(tmp_path_factory.mktemp("int8"))


def test_every_weight_product_is_sorted_into_its_role_six_layers_each(int8_model: Path) -> None:
    import onnx

    groups = trial.product_groups(onnx.load(str(int8_model.parent / "fp32.onnx")))
    assert {g: len(names) for g, names in groups.items()} == {"qkv": 18, "ao": 6, "fc1": 6, "fc2": 6}
    kinds = {n.op_type for n in onnx.load(str(int8_model)).graph.node}
    assert "MatMulInteger" in kinds and "DynamicQuantizeLinear" in kinds


def test_int8_vectors_stay_close_and_each_text_runs_alone(int8_model: Path) -> None:
    shipped = OnnxMiniLM().embed(SENTENCES)
    int8 = trial.int8_embedder(int8_model)()
    together = int8.embed(SENTENCES)
    cosines = (shipped * together).sum(axis=1)
    assert cosines.min() > 0.97 and cosines.max() < 1.0  # close, yet a different numeric path
    for r, text in enumerate(SENTENCES):  # a text's vector does not depend on the texts beside it
        assert np.array_equal(int8.embed([text])[0], together[r])
    restated, unrelated = float(together[0] @ together[3]), float(together[0] @ together[2])
    assert restated > 0.6 > unrelated
