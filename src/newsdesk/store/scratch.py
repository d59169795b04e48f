"""A digest run's per-article nlp (parse, sentences, vectors) -> a temporary SQLite file, read back a story at a time.

``digest`` keeps in memory only what a pile needs whole (the articles, their
copy groups and story labels) and the results of one batch of articles or
stories at a time: each article's serialised parse (~11 KB), sentence spans and
sentence vectors (~1.5 KB a sentence) go to this file as the nlp stage makes
them, and each story's analysis reads its members' back.  So the peak memory of
a digest grows with the largest story and the batch, not with the pile.

Sentences are stored as their spans (``codec.sentences_to_json``: the text is
the article's own), vectors as raw float32 bytes (the file lives for one run:
compressing them saved ~12 % for ~1 ms an article) and parses as the ``DocBin``
bytes the workers send.  ``scratch_store()`` makes the file in a new temporary
folder and removes the folder when its block ends, on error, on
``KeyboardInterrupt`` and on SIGTERM too (the CLI turns it into one).  A run
killed outright (SIGKILL, a power cut) cannot clean up: its folder carries the
run's process id, and the next run removes the folders of processes that are
gone.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from newsdesk.models import Article, Sentence
from newsdesk.store.codec import sentences_from_json, sentences_to_json

if TYPE_CHECKING:
    from newsdesk.nlp.stage import ArticleNlp

log = logging.getLogger("newsdesk.store.scratch")
_SCHEMA = """
CREATE TABLE nlp (
    article_id TEXT PRIMARY KEY, sentences TEXT NOT NULL, count INTEGER NOT NULL,
    dim INTEGER NOT NULL, vectors BLOB NOT NULL, parse BLOB NOT NULL)
"""
_BATCH = 200  # ids in one SELECT ... IN (...)
_PREFIX = "newsdesk-run-"
_LEFT_BY = re.compile(re.escape(_PREFIX) + r"(\d+)-")  # the process id a run's folder is named after


class ScratchNlp:
    """The per-article nlp results of one run, in an SQLite file that only this run uses."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._conn = sqlite3.connect(path)
        # one writer, one run: no journal to keep, nothing to sync (the file is thrown away)
        self._conn.execute("PRAGMA journal_mode=OFF")
        self._conn.execute("PRAGMA synchronous=OFF")
        self._conn.execute(_SCHEMA)

    def put(self, done: Iterable[tuple[str, ArticleNlp]]) -> None:
        """Store the results of a batch (article id, its nlp) in one transaction."""
        rows = [
            (aid, sentences_to_json(r.sentences), len(r.sentences), int(r.vectors.shape[1]),
             np.ascontiguousarray(r.vectors, dtype="<f4").tobytes(), r.parse)
            for aid, r in done
        ]
        with self._conn:
            self._conn.executemany("INSERT INTO nlp VALUES (?, ?, ?, ?, ?, ?)", rows)

    def counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many sentences each article keeps (an analysis' cost, without reading them)."""
        return dict(self._select("article_id, count", ids))

    def sentences_and_vectors(
        self, articles: Sequence[Article]
    ) -> tuple[dict[str, list[Sentence]], dict[str, np.ndarray]]:
        """The sentences and sentence vectors (one row each) of ``articles``, by article id in
        the order of ``articles``."""
        by_id = {a.id: a for a in articles}
        rows = {r[0]: r[1:] for r in self._select("article_id, sentences, count, dim, vectors", list(by_id))}
        sentences, vectors = {}, {}
        for aid, (spans, count, dim, blob) in ((i, rows[i]) for i in by_id):
            sentences[aid] = sentences_from_json(by_id[aid], spans)
            vectors[aid] = np.frombuffer(blob, dtype="<f4").astype(np.float32).reshape(count, dim)
        return sentences, vectors

    def parses(self, ids: Sequence[str]) -> dict[str, bytes]:
        """The serialised parses of ``ids``, in that order (``nlp.stage.load_doc`` reads one)."""
        found = dict(self._select("article_id, parse", ids))
        return {i: found[i] for i in ids}

    def _select(self, columns: str, ids: Sequence[str]) -> Iterator[tuple]:  # type: ignore[type-arg]
        for at in range(0, len(ids), _BATCH):
            part = list(ids[at : at + _BATCH])
            marks = ",".join("?" * len(part))
            yield from self._conn.execute(f"SELECT {columns} FROM nlp WHERE article_id IN ({marks})", part)

    def close(self) -> None:
        self._conn.close()


@contextmanager
def scratch_store() -> Iterator[ScratchNlp]:
    """A ``ScratchNlp`` in a new temporary folder, removed with the folder when the block ends
    (the folders that killed runs left behind go first)."""
    remove_left_behind()
    folder = Path(tempfile.mkdtemp(prefix=f"{_PREFIX}{os.getpid()}-"))
    try:
        store = ScratchNlp(folder / "nlp.sqlite")
        try:
            yield store
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, onerror=_log_left)


def remove_left_behind(root: Path | None = None) -> list[Path]:
    """Remove the scratch folders of runs whose process is gone (killed before their cleanup
    ran) from the temporary folder ``root``; the folders removed.  A folder whose process id
    is alive, or is now another process's, stays: it is never taken from a running digest."""
    root = Path(root or tempfile.gettempdir())
    gone: list[Path] = []
    try:
        entries = sorted(root.glob(_PREFIX + "*"))
    except OSError as exc:
        log.debug("temporary folder %s not read: %s", root, exc)
        return gone
    for folder in entries:
        m = _LEFT_BY.match(folder.name)
        if m is None or not folder.is_dir() or _alive(int(m.group(1))):
            continue
        shutil.rmtree(folder, onerror=_log_left)
        log.info("removed %s, left by a run that was killed", folder)
        gone.append(folder)
    return gone


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` exists (one we may not signal exists too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _log_left(_fn: object, path: str, exc: object) -> None:
    log.warning("temporary file %s not removed: %s", path, exc)
