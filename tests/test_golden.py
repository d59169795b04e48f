"""Golden outputs: `digest` of examples/ (and of the seeds, hashed) equals tests/golden/*.json.

A change that moves the output on purpose rewrites the goldens (`python scripts/golden.py`) in the
same commit and says why in its message.  The goldens are made under PYTHONHASHSEED=0 and
checked under two seeds: the output does not depend on it (tests/test_determinism.py has the
full matrix of seeds, input orders and worker counts).  Both runs share one run-to-run cache
(``newsdesk.cache``): the first starts with it empty, the second reads parses, vectors, languages
and dates back, so the goldens also hold with a warm cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cache_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One run-to-run cache for both seeds: the first run fills it, the second reads it back."""
    return tmp_path_factory.mktemp("cache") / "cache.db"


@pytest.mark.parametrize("seed", ["0", "7"])
def test_digest_matches_golden_outputs(shared: Path, seed: str, cache_file: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NEWSDESK_CACHE": str(cache_file)}
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "golden.py"), "--check"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "seeds: identical" in run.stdout
