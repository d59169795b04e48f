"""Same inputs -> byte-identical JSON under any PYTHONHASHSEED, input order and worker count.

The matrix (each cell a fresh process, since the hash seed is fixed at start-up):

    seed 0   files in order     1 worker    <- the reference
    seed 3   files in order     2 workers
    seed 3   files reversed     1 worker
    seed 11  files reversed     2 workers

on examples/ plus one article given twice, as HTML and as text (the shape that once made the
claim count depend on the seed: float sums over sets of words, pairs visited in set order).
The seeds of ../shared get the same matrix in a second test when present.
"""

from __future__ import annotations

import html
import subprocess
import sys
from pathlib import Path

import pytest
from child import child_env

ROOT = Path(__file__).resolve().parent.parent
MATRIX = [("3", False, 2), ("3", True, 1), ("11", True, 2)]
_RUN = """
import hashlib, json, sys
from newsdesk import digest
root, workers, files = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
d = digest(files, workers=workers).to_dict()
d.pop("timings", None)
text = json.dumps(d, ensure_ascii=False, sort_keys=True).replace(root, "ROOT")
print(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(), len(d["stories"]),
      sum(len(s["claims"]) for s in d["stories"]))
"""


def _run(root: Path, files: list[Path], seed: str, workers: int) -> str:
    env = child_env(PYTHONHASHSEED=seed)
    run = subprocess.run([sys.executable, "-c", _RUN, str(root), str(workers), *map(str, files)],
                         capture_output=True, text=True, env=env, timeout=900)
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout.split("\n")[0]


def _matrix(root: Path, files: list[Path]) -> None:
    reference = _run(root, files, "0", 1)
    for seed, reverse, workers in MATRIX:
        got = _run(root, files[::-1] if reverse else files, seed, workers)
        assert got == reference, f"seed {seed}, reversed={reverse}, workers={workers}: {got} != {reference}"


def _twice(folder: Path, examples: Path) -> list[Path]:
    """One example article as the text dump it is and as an HTML page of the same paragraphs."""
    source = sorted((examples / "kiel-ferry").glob("*.txt"))[0]
    text = source.read_text(encoding="utf-8")
    (folder / "twice.txt").write_text(text, encoding="utf-8")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
    page = f"<html><head><title>Ferry</title></head><body><article>{body}</article></body></html>"
    (folder / "twice.html").write_text(page, encoding="utf-8")
    return [folder / "twice.html", folder / "twice.txt"]


def test_examples_give_one_answer_under_any_seed_order_and_workers(examples: Path, tmp_path: Path) -> None:
    files = sorted(p for p in examples.rglob("*") if p.is_file() and p.suffix in (".txt", ".html", ".htm"))
    copies = tmp_path / "copies"
    copies.mkdir()
    _matrix(ROOT, [*files, *_twice(copies, examples)])


@pytest.mark.shared
def test_seeds_give_one_answer_under_any_seed_order_and_workers(seeds: Path) -> None:
    _matrix(seeds, sorted(seeds.glob("*.txt")))
