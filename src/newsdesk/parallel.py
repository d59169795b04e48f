"""A function and a list of items -> the list of results, in order, on 1 process, N processes or Dask.

``pmap(fn, items, workers=1)`` runs in this process.  ``backend="processes"``
uses a ``concurrent.futures.ProcessPoolExecutor`` with ``workers`` processes.
``backend="dask"`` uses ``dask.distributed``: by default a ``LocalCluster``
of ``workers`` processes with one thread each, started for the call and shut
down after it.

The same code runs on a Dask cluster of many machines: start a scheduler
(``dask scheduler``) and workers on each machine (``dask worker
tcp://SCHEDULER:8786 --nthreads 1``), make newsdesk importable on every worker,
then either pass ``scheduler="tcp://SCHEDULER:8786"`` or set the environment
variable ``NEWSDESK_DASK_SCHEDULER=tcp://SCHEDULER:8786``; ``pmap`` then
connects with ``Client(address)`` instead of starting a local cluster, and
``workers`` only sets how many items go into one task.  ``fn`` and the
items must be picklable (module-level functions, plain data, models).
Results always come back in the order of ``items`` and equal a 1-process run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from newsdesk.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

BACKENDS = ("processes", "dask")
SCHEDULER_ENV = "NEWSDESK_DASK_SCHEDULER"
TASKS_PER_WORKER = 4  # a few chunks per worker balance uneven items without per-item overhead


def pmap(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int = 1,
    backend: str = "processes",
    scheduler: str | None = None,
) -> list[R]:
    """Order-preserving map of ``fn`` over ``items`` on ``workers`` processes (or a Dask cluster)."""
    if backend not in BACKENDS:
        raise UsageError(f"unknown parallel backend {backend!r}; use one of: {', '.join(BACKENDS)}")
    if workers < 1:
        raise UsageError(f"workers must be at least 1, not {workers}")
    todo = list(items)
    address = scheduler or os.environ.get(SCHEDULER_ENV)
    if backend == "dask" and (address or workers > 1):
        return _dask_map(fn, todo, workers, address)
    if workers == 1 or len(todo) < 2:
        return [fn(x) for x in todo]
    return _process_map(fn, todo, workers)


def chunks(items: Sequence[T], workers: int) -> list[list[T]]:
    """Split ``items`` into contiguous chunks, a few per worker, keeping order."""
    n = max(1, min(len(items), workers * TASKS_PER_WORKER))
    size = -(-len(items) // n)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def _run_chunk(args: tuple[Callable[[T], R], list[T]]) -> list[R]:
    fn, chunk = args
    return [fn(x) for x in chunk]


def _process_map(fn: Callable[[T], R], items: list[T], workers: int) -> list[R]:
    parts = chunks(items, workers)
    with ProcessPoolExecutor(max_workers=min(workers, len(parts))) as pool:
        done = pool.map(_run_chunk, [(fn, part) for part in parts])
        return [r for part in done for r in part]


def _dask_map(fn: Callable[[T], R], items: list[T], workers: int, address: str | None) -> list[R]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # optional dependency
        raise UsageError("the dask backend needs 'dask[distributed]'; pip install 'dask[distributed]'") from exc
    if not items:
        return []
    parts = chunks(items, workers)
    if address:
        with Client(address) as client:
            return _gather(client, fn, parts)
    # a free port for its web server: a fixed one clashes with any other local cluster
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local, Client(local) as client:
        return _gather(client, fn, parts)


def _gather(client: object, fn: Callable[[T], R], parts: list[list[T]]) -> list[R]:
    futures = client.map(_run_chunk, [(fn, p) for p in parts], pure=False)  # type: ignore[attr-defined]
    done = client.gather(futures)  # type: ignore[attr-defined]
    return [r for part in done for r in part]
