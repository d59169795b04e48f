"""The library's stories -> the online ``StoryClusterer`` over the stories a batch can reach, and back.

The clusterer's state lives in the file (document frequencies, each story's summed term vector and
its index terms); a batch loads only the postings of its articles' strongest terms and the
stories they lead to, so an ingest costs the batch's size, not the library's.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable

from newsdesk.clustering.features import SparseVec, weigh
from newsdesk.clustering.stories import StoryClusterer, StoryState
from newsdesk.store.codec import pack_json, unpack_json

STORED_TERMS = 2000  # a story's summed vector keeps its strongest terms
META_DOCS = "cluster_docs"


class LibraryClusterer:
    """Online attach against the stories already in the library (``StoryClusterer`` does the
    scoring); labels are positions in ``self.numbers``, the story ids of the file."""

    def __init__(self, conn: sqlite3.Connection, batch_terms: Iterable[Counter[str]]) -> None:
        self.conn = conn
        self.inner = StoryClusterer()
        self.inner.stories = _LazyStates(conn, self)  # type: ignore[assignment]
        self.numbers: list[int] = []
        self.label_of: dict[int, int] = {}
        self.dirty: set[int] = set()
        self.loaded_terms: set[str] = set()
        self.changed_df: set[str] = set()
        self._load_dfs({t for counts in batch_terms for t in counts})

    def vector(self, counts: Counter[str]) -> SparseVec:
        """Count the article in the running document frequencies and weigh its terms."""
        self.inner.dfs.add(counts)
        self.changed_df.update(counts)
        return weigh(counts, self.inner.dfs)

    def near(self, vec: SparseVec, count: int, floor: float) -> list[int]:
        """Ids of the ``count`` library stories whose members one article resembles most (average
        similarity at least ``floor``), best first."""
        self._load_postings([t for t, _ in sorted(vec.items(), key=lambda kv: -kv[1])[: self.inner.settings.query_terms]])
        cands = [c for c in self.inner.candidates(vec) if self.inner.stories[c].size > 0]
        if not cands:
            return []
        scores = self.inner.scores(vec, None, cands)
        order = sorted(range(len(cands)), key=lambda i: (-scores[i], self.numbers[cands[i]]))
        return [self.numbers[cands[i]] for i in order[:count] if scores[i] >= floor]

    def join(self, number: int, vec: SparseVec) -> None:
        self.inner.join(self._label(number), vec, None)
        self.dirty.add(number)

    def merge(self, loser: int, survivor: int) -> None:
        """Fold one story's vector into another's; the loser leaves the index."""
        a, b = self._label(loser), self._label(survivor)
        gone = self.inner.stories[a]
        self.inner.stories[b].add(gone.terms, None, sign=1)
        self.inner.stories[b].size += gone.size - 1
        gone.size = 0
        self.inner.reindex(a)
        self.inner.reindex(b)
        self.dirty.update((loser, survivor))

    def save(self) -> None:
        """Write the changed stories and document frequencies back (inside the batch's transaction)."""
        for number in sorted(self.dirty):
            state = self.inner.stories[self.label_of[number]]
            self.conn.execute("DELETE FROM story_index WHERE story_id = ?", (number,))
            if state.size <= 0:
                self.conn.execute("DELETE FROM story_terms WHERE story_id = ?", (number,))
                continue
            terms = dict(sorted(state.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:STORED_TERMS])
            self.conn.execute(
                "INSERT OR REPLACE INTO story_terms VALUES (?, ?, ?, ?, ?)",
                (number, pack_json(terms, sort=False), state.size, state.indexed_at, json.dumps(list(state.indexed))),
            )
            self.conn.executemany("INSERT INTO story_index VALUES (?, ?)", [(t, number) for t in state.indexed])
        dfs = self.inner.dfs
        self.conn.executemany(
            "INSERT INTO term_df VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET df = excluded.df",
            [(t, dfs.df[t]) for t in sorted(self.changed_df)],
        )
        self.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_DOCS, str(dfs.n)))

    def _label(self, number: int) -> int:
        """The clusterer's label of a story id (its state is read from the file when first used)."""
        if number not in self.label_of:
            self.label_of[number] = len(self.numbers)
            self.numbers.append(number)
            self.inner.stories.append(None)  # type: ignore[arg-type]
        return self.label_of[number]

    def _load_postings(self, terms: list[str]) -> None:
        """Index postings of ``terms`` from the file; stories changed in this batch keep their
        in-memory postings, which are newer."""
        todo = [t for t in terms if t not in self.loaded_terms]
        if not todo:
            return
        self.loaded_terms.update(todo)
        marks = ",".join("?" * len(todo))
        rows = self.conn.execute(f"SELECT term, story_id FROM story_index WHERE term IN ({marks})", todo)
        for term, number in rows.fetchall():
            if number not in self.dirty:
                self.inner.index[term].add(self._label(number))

    def _load_dfs(self, terms: set[str]) -> None:
        dfs = self.inner.dfs
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (META_DOCS,)).fetchone()
        dfs.n = int(row[0]) if row else 0
        ordered = sorted(terms)
        for at in range(0, len(ordered), 500):
            part = ordered[at : at + 500]
            marks = ",".join("?" * len(part))
            for term, df in self.conn.execute(f"SELECT term, df FROM term_df WHERE term IN ({marks})", part):
                dfs.df[term] = df


class _LazyStates(list):  # type: ignore[type-arg]
    """The clusterer's story list: a story's summed vector is read from the file on first access."""

    def __init__(self, conn: sqlite3.Connection, owner: LibraryClusterer) -> None:
        super().__init__()
        self.conn = conn
        self.owner = owner

    def __getitem__(self, label: int) -> StoryState:  # type: ignore[override]
        state = super().__getitem__(label)
        if state is None:
            state = _read_state(self.conn, self.owner.numbers[label])
            self[label] = state
        return state


def _read_state(conn: sqlite3.Connection, number: int) -> StoryState:
    row = conn.execute(
        "SELECT terms, size, indexed_at, indexed FROM story_terms WHERE story_id = ?", (number,)
    ).fetchone()
    if row is None:
        return StoryState()
    return StoryState(unpack_json(row[0]), None, row[1], row[2], tuple(json.loads(row[3])))
