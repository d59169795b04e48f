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

``worker_pool(workers, backend)`` keeps one set of workers for every ``pmap`` inside its block
(started when first needed): ``digest`` runs extraction, nlp and the per-story analysis on the
same processes, so each worker loads spaCy and the embedder once, and a Dask cluster starts once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

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
    shared = _SHARED.get()
    if shared is not None and shared.backend != backend:
        shared = None
    if backend == "dask" and (address or workers > 1):
        if shared is not None and shared.address == address:
            return _gather(shared.dask_client(), fn, chunks(todo, workers)) if todo else []
        return _dask_map(fn, todo, workers, address)
    if workers == 1 or len(todo) < 2:
        return [fn(x) for x in todo]
    if shared is not None:
        return _run_parts(shared.executor(), fn, chunks(todo, workers))
    return _process_map(fn, todo, workers)


class _Pool:
    """Workers kept for a ``worker_pool`` block, started on first use."""

    def __init__(self, workers: int, backend: str, address: str | None, stack: ExitStack) -> None:
        self.workers, self.backend, self.address = workers, backend, address
        self._stack = stack
        self._executor: ProcessPoolExecutor | None = None
        self._client: Any = None

    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = self._stack.enter_context(ProcessPoolExecutor(max_workers=self.workers))
        return self._executor

    def dask_client(self) -> Any:
        if self._client is None:
            self._client = self._stack.enter_context(_dask_client(self.workers, self.address))
        return self._client


_SHARED: ContextVar[_Pool | None] = ContextVar("newsdesk_worker_pool", default=None)


@contextmanager
def worker_pool(workers: int, backend: str = "processes", scheduler: str | None = None) -> Iterator[None]:
    """Inside the block, every ``pmap`` on ``backend`` runs on one set of at most ``workers``
    workers, started when first needed and closed when the block ends."""
    if workers <= 1 and backend != "dask":
        yield
        return
    with ExitStack() as stack:
        token = _SHARED.set(_Pool(workers, backend, scheduler or os.environ.get(SCHEDULER_ENV), stack))
        try:
            yield
        finally:
            _SHARED.reset(token)


def balanced(costs: Sequence[float], groups: int, largest: int | None = None) -> list[list[int]]:
    """Indexes of items in at most ``groups`` groups of about equal total cost (the costliest
    item first, each to the lightest group with room; at most ``largest`` items a group), each
    group in index order.  Uneven items (stories of 2 and of 40 articles) then keep every worker
    busy to the end, where contiguous chunks would leave one worker with the big ones."""
    if largest:
        groups = max(groups, -(-len(costs) // largest))
    count = max(1, min(groups, len(costs)))
    members: list[list[int]] = [[] for _ in range(count)]
    load = [0.0] * count
    for i in sorted(range(len(costs)), key=lambda i: (-costs[i], i)):
        room = [g for g in range(count) if not largest or len(members[g]) < largest]
        g = min(room, key=lambda g: (load[g], g))
        members[g].append(i)
        load[g] += costs[i]
    return [sorted(m) for m in members if m]


def scatter(groups: Sequence[Sequence[int]], results: Sequence[Sequence[R]]) -> list[R]:
    """Results of ``balanced`` groups back in the order of the items."""
    out: dict[int, R] = {}
    for indexes, done in zip(groups, results):
        out.update(zip(indexes, done))
    return [out[i] for i in range(len(out))]


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
        return _run_parts(pool, fn, parts)


def _run_parts(pool: ProcessPoolExecutor, fn: Callable[[T], R], parts: list[list[T]]) -> list[R]:
    done = pool.map(_run_chunk, [(fn, part) for part in parts])
    return [r for part in done for r in part]


def _dask_map(fn: Callable[[T], R], items: list[T], workers: int, address: str | None) -> list[R]:
    if not items:
        return []
    with _dask_client(workers, address) as client:
        return _gather(client, fn, chunks(items, workers))


@contextmanager
def _dask_client(workers: int, address: str | None) -> Iterator[Any]:
    """A client of the scheduler at ``address``, else of a local cluster of ``workers`` processes."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # optional dependency
        raise UsageError("the dask backend needs 'dask[distributed]'; pip install 'dask[distributed]'") from exc
    if address:
        with Client(address) as client:
            yield client
        return
    # a free port for its web server: a fixed one clashes with any other local cluster
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local, Client(local) as client:
        yield client


def _gather(client: object, fn: Callable[[T], R], parts: list[list[T]]) -> list[R]:
    futures = client.map(_run_chunk, [(fn, p) for p in parts], pure=False)  # type: ignore[attr-defined]
    done = client.gather(futures)  # type: ignore[attr-defined]
    return [r for part in done for r in part]
