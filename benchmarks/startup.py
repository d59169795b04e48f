"""CLI commands -> wall and CPU seconds of fresh processes (min of N runs), this checkout beside an older one.

Measures what a user waits for: ``newsdesk --help`` and ``newsdesk digest ../shared/seeds``
(everything: interpreter, imports, model loads, the work), each run in a new process after one
untimed run (a warm file cache).  CPU is the child's user + system time (``os.wait4``), wall the
time to its exit; the minimum of the runs is printed, as other jobs on a shared machine only add.
``--old COMMIT`` runs the same commands on that commit (``git worktree add`` into a temporary
folder).

The run-to-run cache (``newsdesk.cache``) is measured both ways: "cold" runs each start with an
empty cache file (a first run on new articles; the unpacked language model, made once per
install beside it, stays), "warm" runs find what the untimed run kept (a re-run on the same
articles).  An older checkout without the cache gives the same figure both ways.
The load average is printed before and after: on a shared machine wall times mean little.
"""

from __future__ import annotations

import argparse
import os
import shutil
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
# what the console script runs: main (quick exit) where it exists, else the Typer app
CLI = ("import sys; import newsdesk.cli as c; sys.argv[0] = 'newsdesk'; "
       "getattr(c, 'quick_exit', None) and c.main() or c.app()")
OUT = Path(tempfile.gettempdir()) / f"newsdesk-startup-{os.getpid()}.json"
CACHE = Path(tempfile.gettempdir()) / f"newsdesk-startup-{os.getpid()}-cache" / "cache.db"
DIGEST = ["digest", str(SEEDS), "-q", "--json", str(OUT)]
COMMANDS = {
    "--help": (["--help"], False),
    "digest seeds, cold": (DIGEST, True),
    "digest seeds, warm": (DIGEST, False),
}


def run_once(src: Path, args: list[str], cold: bool = False) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh process; ``cold``: with an empty cache."""
    if cold:
        for f in CACHE.parent.glob("cache.db*"):
            f.unlink()
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0", NEWSDESK_CACHE=str(CACHE))
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", CLI, *args], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status:
        sys.exit(f"{' '.join(args)} failed (status {status})")
    return wall, usage.ru_utime + usage.ru_stime


def measure(src: Path, args: list[str], runs: int, cold: bool) -> tuple[float, float]:
    run_once(src, args)  # warm the file cache (and, for warm runs, newsdesk's cache)
    times = [run_once(src, args, cold) for _ in range(runs)]
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
        print("load average %.1f %.1f %.1f" % os.getloadavg())
        CACHE.parent.mkdir(exist_ok=True)
        for name, (cmd, cold) in COMMANDS.items():
            for label, src in sources.items():
                wall, cpu = measure(src, cmd, args.runs, cold)
                print(f"{name:<20s}{label:<16s} wall {wall:6.2f} s   CPU {cpu:6.2f} s")
        print("load average %.1f %.1f %.1f" % os.getloadavg())
    finally:
        OUT.unlink(missing_ok=True)
        shutil.rmtree(CACHE.parent, ignore_errors=True)
        if old is not None:
            drop_checkout(old)


if __name__ == "__main__":
    main()
