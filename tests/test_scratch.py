"""The run's scratch store: nlp results read back as written; digest in small batches equals one batch; the file goes."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest

from child import child_env
from newsdesk.models import Article, Digest, Sentence

TEXT = "The ferry left at noon. It reached the island by two.\n\nCrews cheered on the quay."


def _result(article: Article, spans: list[tuple[int, int]], dim: int):  # type: ignore[no-untyped-def]
    from newsdesk.nlp.stage import ArticleNlp

    sentences = [Sentence(article.id, a, b, article.text[a:b], i) for i, (a, b) in enumerate(spans)]
    vectors = np.random.default_rng(len(spans)).standard_normal((len(spans), dim)).astype(np.float32)
    return ArticleNlp(f"parse of {article.id}".encode(), sentences, vectors)


def test_results_are_read_back_as_written_in_the_order_asked(tmp_path: Path) -> None:
    from newsdesk.store.scratch import ScratchNlp

    arts = [Article(id=f"a{k}", text=TEXT) for k in range(3)]
    written = {
        "a0": _result(arts[0], [(0, 23), (24, 52), (54, 79)], 384),
        "a1": _result(arts[1], [], 384),  # no sentence: still 384 wide, so the story's rows stack
        "a2": _result(arts[2], [(24, 52)], 384),
    }
    store = ScratchNlp(tmp_path / "nlp.sqlite")
    store.put(written.items())
    wanted = [arts[2], arts[0], arts[1]]
    sentences, vectors = store.sentences_and_vectors(wanted)
    assert list(sentences) == list(vectors) == ["a2", "a0", "a1"]
    for aid, r in written.items():
        assert sentences[aid] == r.sentences
        assert vectors[aid].dtype == np.float32 and vectors[aid].shape == r.vectors.shape
        assert np.array_equal(vectors[aid], r.vectors)
    assert vectors["a1"].shape == (0, 384)
    assert store.counts(["a0", "a1", "a2"]) == {"a0": 3, "a1": 0, "a2": 1}
    assert store.parses(["a1", "a0"]) == {"a1": b"parse of a1", "a0": b"parse of a0"}
    store.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_digest_in_small_batches_equals_one_batch(
    workers: int, examples: Path, examples_digest: Digest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parsing 2 articles a batch and analysing waves of 3 articles (then read back from the
    scratch file) gives examples/ byte for byte as the default batches do."""
    from newsdesk import digest, pipeline
    from newsdesk.report import to_json

    monkeypatch.setattr(pipeline, "NLP_BATCH", 2)
    monkeypatch.setattr(pipeline, "ANALYSE_BATCH", 3)
    import newsdesk.nlp.stage as stage

    seen: list[int] = []
    inner = stage.article_nlp

    def counted(articles, **options):  # type: ignore[no-untyped-def]
        seen.append(len(articles))
        return inner(articles, **options)

    monkeypatch.setattr(stage, "article_nlp", counted)
    small = digest([str(examples)], workers=workers)
    assert max(seen) <= 2 * workers and len(seen) >= 4
    assert to_json(small) == to_json(examples_digest)


class Stop(KeyboardInterrupt):
    pass


def test_the_scratch_file_is_removed_even_when_the_run_is_interrupted(
    examples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsdesk import digest, pipeline

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    sizes: list[int] = []

    def interrupted(job):  # type: ignore[no-untyped-def]
        sizes.extend(f.stat().st_size for f in tmp_path.glob("newsdesk-run-*/nlp.sqlite"))
        raise Stop

    monkeypatch.setattr(pipeline, "analyse_job", interrupted)
    with pytest.raises(Stop):
        digest([str(examples / "kiel-ferry")])
    assert len(sizes) == 1 and sizes[0] > 10_000  # the parses and vectors were on disk ...
    assert not list(tmp_path.iterdir())  # ... and are gone


def test_folders_of_killed_runs_are_removed_and_live_runs_kept(tmp_path: Path) -> None:
    """A run killed outright leaves its scratch folder; the next run removes it, and never the
    folder of a run still going or a folder it did not make."""
    import os
    import subprocess
    import sys

    from newsdesk.store.scratch import remove_left_behind

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    dead = tmp_path / f"newsdesk-run-{int(done.stdout)}-k1ll3d"
    live = tmp_path / f"newsdesk-run-{os.getpid()}-going"
    other = tmp_path / "newsdesk-run-notours"
    for folder in (dead, live, other):
        folder.mkdir()
        (folder / "nlp.sqlite").write_bytes(b"x" * 100)
    assert remove_left_behind(tmp_path) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, other.name])
    assert remove_left_behind(tmp_path / "missing") == []


def test_a_digest_after_a_killed_one_removes_its_scratch_folder(examples: Path, tmp_path: Path) -> None:
    """SIGKILL a digest once its scratch file exists, then digest again with the same temporary
    folder: nothing of the killed run is left."""
    import signal
    import subprocess
    import sys
    import time

    env = child_env(TMPDIR=str(tmp_path))
    args = [sys.executable, "-m", "newsdesk.cli", "digest", str(examples / "swaffham-hoard"), "-q", "--json", str(tmp_path / "d.json")]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("newsdesk-run-*/nlp.sqlite")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    left = list(tmp_path.glob("newsdesk-run-*"))
    assert len(left) == 1, "the killed run left no scratch folder to clean"
    subprocess.run(args, env=env, check=True, timeout=300)
    assert not list(tmp_path.glob("newsdesk-run-*")) and (tmp_path / "d.json").exists()
