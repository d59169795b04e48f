"""pmap, per-article nlp and per-story analysis: equal results on 1 process, N processes and Dask."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.clustering import cluster
from newsdesk.errors import UsageError
from newsdesk.models import Digest
from newsdesk.parallel import chunks, pmap


def square(x: int) -> int:
    return x * x


def labels_of(texts: list[str]) -> list[int]:
    return cluster(texts)


PILES = [
    ["Harbour ferry strike halts crossings.", "Ferry crews strike at the harbour again.", "Orchard frost ruins apples."],
    ["Glacier melt floods valley road.", "Valley road closed after glacier melt floods it."],
]


def test_balanced_groups_cover_everything_and_scatter_restores_order() -> None:
    from newsdesk.parallel import balanced, scatter

    costs = [40.0, 1, 1, 2, 30, 1, 1, 3, 25, 2, 1, 1]
    groups = balanced(costs, 3)
    assert sorted(i for g in groups for i in g) == list(range(len(costs)))
    loads = [sum(costs[i] for i in g) for g in groups]
    assert max(loads) == 40.0 and min(loads) >= 30.0  # contiguous thirds would be 44 / 36 / 28
    assert all(len(g) <= 2 for g in balanced(costs, 2, largest=2)) and len(balanced(costs, 2, largest=2)) == 6
    assert scatter(groups, [[f"r{i}" for i in g] for g in groups]) == [f"r{i}" for i in range(len(costs))]
    assert balanced([], 4) == [] and scatter([], []) == []


def test_chunks_keep_order_and_cover_everything() -> None:
    items = list(range(23))
    parts = chunks(items, 3)
    assert [x for p in parts for x in p] == items
    assert len(parts) <= 12


@pytest.mark.parametrize("workers", [1, 2])
def test_processes_equal_one_process(workers: int) -> None:
    items = list(range(50))
    assert pmap(square, items, workers=workers) == [x * x for x in items]


def test_processes_on_cluster_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSDESK_EMBEDDER", "hashing")
    assert pmap(labels_of, PILES, workers=2) == [labels_of(p) for p in PILES]


def job(item: int | list[str]) -> object:
    return square(item) if isinstance(item, int) else labels_of(item)


def test_dask_equals_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dask.distributed")
    monkeypatch.setenv("NEWSDESK_EMBEDDER", "hashing")
    monkeypatch.delenv("NEWSDESK_DASK_SCHEDULER", raising=False)
    items: list[int | list[str]] = [*range(12), *PILES]  # one local cluster: it is slow to start
    assert pmap(job, items, workers=2, backend="dask") == [job(x) for x in items]


def pid(_: int) -> int:
    """This process's id, slowly (so that a map's chunks spread over all its workers)."""
    import os
    import time

    time.sleep(0.02)
    return os.getpid()


def test_worker_pool_keeps_its_processes_for_every_map() -> None:
    """Inside ``worker_pool`` the stages share workers (models loaded once); outside, each map
    starts its own."""
    from newsdesk.parallel import worker_pool

    with worker_pool(2):
        first, second = set(pmap(pid, range(16), workers=2)), set(pmap(pid, range(16), workers=2))
        assert pmap(square, range(9), workers=2) == [x * x for x in range(9)]
    assert 1 <= len(first | second) <= 2  # two maps, one pool of two processes
    assert set(pmap(pid, range(16), workers=2)).isdisjoint(first | second)


def test_empty_and_bad_arguments() -> None:
    assert pmap(square, [], workers=2) == []
    with pytest.raises(UsageError):
        pmap(square, [1], backend="threads")
    with pytest.raises(UsageError):
        pmap(square, [1], workers=0)


def test_dask_scheduler_address_equals_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The many-machines path: ``pmap`` connects to a running scheduler by its address (env variable)."""
    distributed = pytest.importorskip("dask.distributed")
    monkeypatch.setenv("NEWSDESK_EMBEDDER", "hashing")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as remote:
        assert remote.scheduler_address.startswith("tcp://127.0.0.1:")
        monkeypatch.setenv("NEWSDESK_DASK_SCHEDULER", remote.scheduler_address)
        items: list[int | list[str]] = [*range(12), *PILES]
        assert pmap(job, items, workers=3, backend="dask") == [job(x) for x in items]
        ran_on = set(pmap(worker_address, range(8), workers=2, backend="dask"))
        with distributed.Client(remote) as client:  # still up: pmap left the cluster running
            assert ran_on <= set(client.scheduler_info()["workers"])


def worker_address(_: int) -> str:
    from dask.distributed import get_worker

    return str(get_worker().address)


def examples_articles() -> list:  # type: ignore[type-arg]
    from newsdesk.ingest import read_inputs
    from newsdesk.pipeline import extract_documents

    docs, _ = read_inputs([str(Path(__file__).resolve().parent.parent / "examples")])
    return extract_documents(docs)[0][:8]


def nlp_fingerprint(results: list) -> list:  # type: ignore[type-arg]
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, ORTH, POS, SENT_START, TAG

    from newsdesk.nlp.stage import load_doc

    attrs = [ORTH, LEMMA, POS, TAG, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
    return [
        (load_doc(r.parse).to_array(attrs).tolist(), [s.text for s in r.sentences], r.vectors.tolist())
        for r in results
    ]


@pytest.mark.parametrize("backend", ["processes", "dask"])
def test_article_nlp_on_two_workers_equals_one_process(backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parses (every attribute the analysis reads), sentences and sentence vectors."""
    if backend == "dask":
        pytest.importorskip("dask.distributed")
        monkeypatch.delenv("NEWSDESK_DASK_SCHEDULER", raising=False)
    import newsdesk.nlp.stage as stage
    from newsdesk.nlp.stage import load_doc

    monkeypatch.setattr(stage, "CHUNK", 3)  # several chunks from a small corpus
    articles = examples_articles()
    one = stage.article_nlp(articles)
    two = stage.article_nlp(articles, workers=2, backend=backend)
    assert len(one) == len(articles) and sum(len(r.sentences) for r in one) > 20
    assert nlp_fingerprint(two) == nlp_fingerprint(one)
    assert [load_doc(r.parse).text for r in two] == [a.text for a in articles]


@pytest.mark.parametrize("backend", ["processes", "dask"])
def test_digest_json_on_two_workers_equals_one_process(
    backend: str, examples: Path, examples_digest: Digest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """examples/ end to end, byte for byte; the stories are analysed by ``pmap`` on two workers,
    each sent only its own articles' results."""
    if backend == "dask":
        pytest.importorskip("dask.distributed")
        monkeypatch.delenv("NEWSDESK_DASK_SCHEDULER", raising=False)
    from newsdesk import digest, parallel
    from newsdesk.report import to_json

    jobs: list = []  # type: ignore[type-arg]
    real = parallel.pmap

    def spy(fn, items, **options):  # type: ignore[no-untyped-def]
        items = list(items)
        if fn.__name__ == "analyse_jobs":
            assert options == {"workers": 2, "backend": backend}
            jobs.extend(job for part in items for job in part)
        return real(fn, items, **options)

    monkeypatch.setattr(parallel, "pmap", spy)
    two = digest([str(examples)], workers=2, backend=backend)
    assert to_json(two) == to_json(examples_digest)
    assert len(jobs) == len(two.stories) > 3
    for job in jobs:
        ids = {a.id for a in job.articles}
        assert set(job.sentences) == set(job.vectors) == ids and set(job.parses) <= ids
        assert all(ids & set(g) for g in job.groups)
    assert sum(len(j.articles) for j in jobs) == sum(len(s.articles) for s in two.stories)



@pytest.mark.parametrize("workers", [1, 2])
def test_article_nlp_keeps_the_runs_limits_on_every_worker(workers: int) -> None:
    """The run's ``Limits`` (not the defaults) bound the sentences each worker keeps."""
    from newsdesk.limits import Limits
    from newsdesk.nlp.stage import article_nlp

    articles = examples_articles()[:4]
    assert max(len(r.sentences) for r in article_nlp(articles)) > 2
    bounded = article_nlp(articles, workers=workers, limits=Limits(max_sentences=2))
    assert [len(r.sentences) for r in bounded] == [2] * len(articles)
