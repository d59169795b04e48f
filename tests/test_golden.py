"""Golden outputs: `digest` of examples/ (and of the seeds, hashed) equals tests/golden/*.json.

A change that moves the output on purpose rewrites the goldens (`python scripts/golden.py`) in the
same commit and says why in its message.  The goldens are made under PYTHONHASHSEED=0 and
checked under two seeds: the output does not depend on it (tests/test_determinism.py has the
full matrix of seeds, input orders and worker counts).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("seed", ["0", "7"])
def test_digest_matches_golden_outputs(shared: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "golden.py"), "--check"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "seeds: identical" in run.stdout
