"""Pathological inputs cost about what a normal article of the same size costs (CPU and memory).

Each run is a fresh subprocess (benchmarks/shapes.py): CPU by ``process_time`` (robust to a loaded
machine), memory by ``ru_maxrss``.  The bounds are loose factors over the normal article of the
same size and type, so a quadratic path (a 1 MB one-line text once took 95 s) still fails them.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from shapes import NORMAL, SHAPES, measure  # noqa: E402

CPU_FACTOR, CPU_SLACK = 3.0, 1.5  # seconds
RSS_FACTOR, RSS_SLACK = 1.5, 150.0  # MB


def _within(shape: dict, normal: dict) -> None:  # type: ignore[type-arg]
    assert shape["cpu"] <= CPU_FACTOR * normal["cpu"] + CPU_SLACK, (shape, normal)
    assert shape["rss_mb"] <= RSS_FACTOR * normal["rss_mb"] + RSS_SLACK, (shape, normal)


@pytest.fixture(scope="module")
def normals() -> dict[str, dict]:  # type: ignore[type-arg]
    return {suffix: measure(name, 1_000_000) for suffix, name in NORMAL.items()}


@pytest.mark.parametrize("shape", SHAPES)
def test_reading_and_extracting_a_1mb_shape_costs_what_a_normal_article_does(shape: str, normals: dict) -> None:  # type: ignore[type-arg]
    _within(measure(shape, 1_000_000), normals[Path(shape).suffix])


def test_ten_megabytes_of_one_word_is_refused_cheaply_with_the_limit_named() -> None:
    r = measure("one-word.txt", 10_000_000)
    assert r["cpu"] < 5.0 and r["rss_mb"] < 400, r
    assert r["errors"] and "(max_document_chars)" in r["errors"][0]  # type: ignore[index]


@pytest.mark.parametrize(("shape", "normal"), [("one-line.txt", "normal.txt"), ("links.html", "normal.html")])
def test_digest_of_a_shape_costs_what_a_normal_article_does(shape: str, normal: str) -> None:
    _within(measure(shape, 30_000, "digest"), measure(normal, 30_000, "digest"))
