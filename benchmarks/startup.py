"""CLI commands -> wall and CPU seconds of fresh processes (min of N runs), this checkout beside an older one.

Measures what a user waits for: ``newsdesk --help`` and ``newsdesk digest ../shared/seeds``
(everything: interpreter, imports, model loads, the work), each run in a new process after one
untimed run (a warm file cache).  CPU is the child's user + system time (``os.wait4``), wall the
time to its exit; the minimum of the runs is printed, as other jobs on a shared machine only add.
``--old COMMIT`` runs the same commands on that commit (``git worktree add`` into a temporary
folder).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from speed import drop_checkout, old_checkout

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent.parent / "shared" / "seeds"
if not SEEDS.exists():
    SEEDS = Path("/work/shared/seeds")
CLI = "import sys; from newsdesk.cli import app; sys.argv[0] = 'newsdesk'; app()"
OUT = Path(tempfile.gettempdir()) / f"newsdesk-startup-{os.getpid()}.json"
COMMANDS = {"--help": ["--help"], "digest seeds": ["digest", str(SEEDS), "-q", "--json", str(OUT)]}


def run_once(src: Path, args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CLI, *args], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status:
        sys.exit(f"{' '.join(args)} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime


def measure(src: Path, args: list[str], runs: int) -> tuple[float, float]:
    run_once(src, args)  # warm the file cache
    times = [run_once(src, args) for _ in range(runs)]
    return min(w for w, _ in times), min(c for _, c in times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--old", default=None, help="commit to measure beside this checkout")
    args = ap.parse_args()
    sources = {"this checkout": ROOT / "src"}
    old = old_checkout(args.old) if args.old else None
    if old is not None:
        sources[f"old {args.old[:7]}"] = old / "src"
    try:
        print(f"min of {args.runs} fresh processes (after one untimed run); shared 2-core machine")
        for name, cmd in COMMANDS.items():
            for label, src in sources.items():
                wall, cpu = measure(src, cmd, args.runs)
                print(f"{name:<14s}{label:<16s} wall {wall:6.2f} s   CPU {cpu:6.2f} s")
    finally:
        OUT.unlink(missing_ok=True)
        if old is not None:
            drop_checkout(old)


if __name__ == "__main__":
    main()
