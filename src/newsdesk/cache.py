"""Content-hash keys -> values kept between runs: one bounded SQLite file in the user cache folder.

What is costly to recompute and a pure function of its input is kept here: sentence vectors
(by embedding model and sentence text), spaCy parses (by model and text), the language of a
text (by language-id model and text).  A key is a hash of everything the value depends on
(``content_key``), so an entry is never stale: another model, version or setting makes other
keys, and the entries nobody asks for any more age out.

- Where: the file ``$NEWSDESK_CACHE`` names, else ``cache.db`` in the platform's user cache
  folder (platformdirs).  ``NEWSDESK_CACHE=off`` (the CLI's ``--no-cache``) keeps nothing on disk.
- Bounded: past ``$NEWSDESK_CACHE_MB`` megabytes of values (default 512) the least recently
  used entries are dropped until a quarter of that is free.
- Shared: any number of processes may read and write the file at once (SQLite WAL, a busy
  timeout); a cache that cannot be opened or written is logged once and the run goes on
  without it — a cache never changes a result, only its cost.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ENV = "NEWSDESK_CACHE"
SIZE_ENV = "NEWSDESK_CACHE_MB"
OFF = ("off", "0", "no", "false", "none")
DEFAULT_MB = 512
BATCH = 500  # keys per SQL statement (SQLite's variable limit is 32766; small is fine)
TOUCH_EVERY = 3600  # seconds: a hit re-stamps its entry at most this often (reads stay reads)
log = logging.getLogger("newsdesk.cache")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL, size INTEGER NOT NULL,
                                    used INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entries_used ON entries (used, size);
"""


def content_key(*parts: str | bytes) -> bytes:
    """A 16-byte key of ``parts`` (what the value is, the model and settings, the text)."""
    h = hashlib.blake2b(digest_size=16)
    for p in parts:
        data = p if isinstance(p, bytes) else p.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


class DiskCache:
    """Key -> bytes in an SQLite file, least recently used entries dropped past ``max_bytes``."""

    def __init__(self, path: Path, max_bytes: int = DEFAULT_MB << 20) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.max_bytes = max_bytes
        self._held: int | None = None  # bytes of values held, as this process last counted them
        self._lock = threading.Lock()  # one connection, any thread of the process, one at a time
        self._db: sqlite3.Connection | None = sqlite3.connect(path, timeout=30, check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._db:
            self._db.executescript(_SCHEMA)

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """The values held for ``keys`` (missing keys are absent); hits count as recent use."""
        found: dict[bytes, bytes] = {}
        stale: list[bytes] = []
        now = int(time.time())
        for b in range(0, len(keys), BATCH):
            part = list(keys[b : b + BATCH])
            rows = self._run(f"SELECT key, value, used FROM entries WHERE key IN ({_marks(part)})", part)
            for key, value, used in rows or ():
                found[key] = value
                if used < now - TOUCH_EVERY:
                    stale.append(key)
        for b in range(0, len(stale), BATCH):
            part = stale[b : b + BATCH]
            self._write(f"UPDATE entries SET used = ? WHERE key IN ({_marks(part)})", [now, *part])
        return found

    def get(self, key: bytes) -> bytes | None:
        return self.get_many([key]).get(key)

    def put_many(self, items: Sequence[tuple[bytes, bytes]]) -> None:
        """Keep ``(key, value)`` pairs (a key's value is a function of the key: first one kept)."""
        if not items or self._db is None:
            return
        now = int(time.time())
        rows = [(k, v, len(v), now) for k, v in items]
        insert = "INSERT OR IGNORE INTO entries (key, value, size, used) VALUES (?, ?, ?, ?)"
        if self._write_many(insert, rows):
            if self._held is None:
                self._held = self.size()
            else:  # an estimate (a key already there adds nothing), checked when it passes the bound
                self._held += sum(r[2] for r in rows)
            if self._held > self.max_bytes:
                self._evict()

    def put(self, key: bytes, value: bytes) -> None:
        self.put_many([(key, value)])

    def size(self) -> int:
        """Bytes of values held."""
        rows = self._run("SELECT total(size) FROM entries", [])
        return int(rows[0][0]) if rows else 0

    def _evict(self) -> None:
        """Drop the least recently used entries until a quarter of ``max_bytes`` is free."""
        self._held = total = self.size()
        if total <= self.max_bytes:
            return
        goal, freed, doomed = total - self.max_bytes * 3 // 4, 0, []
        for rowid, size in self._run("SELECT rowid, size FROM entries ORDER BY used, rowid", []) or ():
            if freed >= goal:
                break
            freed += int(size)  # type: ignore[call-overload]
            doomed.append(rowid)
        if self._write_many("DELETE FROM entries WHERE rowid = ?", [(r,) for r in doomed]):
            self._held = total - freed
            log.info("cache %s: %d least recently used entries dropped (%d bytes)", self.path, len(doomed), freed)

    def _run(self, sql: str, args: Sequence[object]) -> list[tuple[object, ...]] | None:
        if self._db is None:
            return None
        try:
            with self._lock:
                return self._db.execute(sql, list(args)).fetchall()
        except sqlite3.Error as exc:
            self._give_up(exc)
            return None

    def _write(self, sql: str, args: Sequence[object]) -> bool:
        return self._write_many(sql, [tuple(args)])

    def _write_many(self, sql: str, rows: Sequence[tuple[object, ...]]) -> bool:
        if self._db is None:
            return False
        try:
            with self._lock, self._db:
                self._db.executemany(sql, rows)
            return True
        except sqlite3.Error as exc:
            self._give_up(exc)
            return False

    def _give_up(self, exc: sqlite3.Error) -> None:
        log.warning("cache %s unusable (%s); this run goes on without it", self.path, exc)
        with self._lock:
            if self._db is not None:
                self._db.close()
            self._db = None


def _marks(items: Sequence[object]) -> str:
    return ",".join("?" * len(items))


def remembered(compute: Callable[[], str], *parts: str | bytes) -> str:
    """``compute()``, a short text kept between runs under the key of ``parts`` (which must name
    everything the text depends on)."""
    cache = default_cache()
    if cache is None:
        return compute()
    key = content_key(*parts)
    known = cache.get(key)
    if known is not None:
        return known.decode("utf-8", "surrogatepass")
    value = compute()
    cache.put(key, value.encode("utf-8", "surrogatepass"))
    return value


def cache_path() -> Path | None:
    """The cache file of this environment: ``$NEWSDESK_CACHE``, else the user cache folder's
    ``cache.db``; None when turned off (``NEWSDESK_CACHE=off``)."""
    named = os.environ.get(ENV, "").strip()
    if named.lower() in OFF:
        return None
    if named:
        return Path(named).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("newsdesk")) / "cache.db"


_OPEN: dict[tuple[int, Path], DiskCache | None] = {}


def default_cache() -> DiskCache | None:
    """This process's handle on ``cache_path()`` (opened once per process and path; a forked
    worker opens its own), or None when the cache is off or cannot be opened."""
    path = cache_path()
    if path is None:
        return None
    key = (os.getpid(), path)
    if key not in _OPEN:
        _OPEN[key] = _open(path)
    return _OPEN[key]


def _open(path: Path) -> DiskCache | None:
    try:
        megabytes = float(os.environ.get(SIZE_ENV) or DEFAULT_MB)
    except ValueError:
        log.warning("%s=%r is not a number of megabytes; using %s", SIZE_ENV, os.environ[SIZE_ENV], DEFAULT_MB)
        megabytes = DEFAULT_MB
    try:
        return DiskCache(path, int(megabytes * (1 << 20)))
    except (OSError, sqlite3.Error) as exc:
        log.warning("cache %s cannot be opened (%s); this run keeps nothing between runs", path, exc)
        return None
