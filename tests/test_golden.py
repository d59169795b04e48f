"""Golden outputs: `digest` of examples/ (and of the seeds, hashed) equals tests/golden/*.json.

A change that moves the output on purpose rewrites the goldens (`python scripts/golden.py`) in the
same commit and says why in its message.  Until the pipeline is independent of the hash seed
(issue 12), the goldens are made and checked under PYTHONHASHSEED=0.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_digest_matches_golden_outputs(shared: Path) -> None:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "golden.py"), "--check"],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "seeds: identical" in run.stdout
