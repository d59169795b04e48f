"""Paths -> new articles added to the library in batches; known files are skipped by content hash."""

from __future__ import annotations

import hashlib
import logging
import time
from typing import TYPE_CHECKING
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.errors import InputError
from newsdesk.models import Article, FileError, Note
from newsdesk.nlp.embed import Embedder, default_embedder

if TYPE_CHECKING:
    from newsdesk.fetch.settings import FetchSettings
from newsdesk.store.records import IngestReport
from newsdesk.store.sqlite import SqliteLibrary

log = logging.getLogger("newsdesk.store.ingest")
BATCH = 100  # files per transaction: a kill loses at most one batch of work, never half of one
Progress = Callable[[str, int, int], None]


def list_inputs(inputs: Sequence[str | Path]) -> tuple[list[tuple[Path, str]], list[FileError], list[Note]]:
    """Every input file (folders walked as ``digest`` walks them) with the SHA-256 of its bytes;
    the files refused, and notes on symlink loops (not followed)."""
    from newsdesk.ingest.files import files_under, read_bytes

    files: list[tuple[Path, str]] = []
    errors: list[FileError] = []
    notes: list[Note] = []
    for item in inputs:
        path = Path(item)
        if not path.exists() and not path.is_symlink():
            errors.append(FileError(str(path), "no such file or folder"))
            continue
        for f in files_under(path) if path.is_dir() else [path]:
            if not isinstance(f, Path):
                (notes if isinstance(f, Note) else errors).append(f)  # type: ignore[arg-type]
                continue
            try:  # the reader's guards: regular files only, size and gzip-expansion limits
                files.append((f, hashlib.sha256(read_bytes(f)).hexdigest()))
            except InputError as exc:
                errors.append(FileError(str(f), exc.message))
            except OSError as exc:
                errors.append(FileError(str(f), f"cannot read: {exc.strerror or exc}"))
    return files, errors, notes


def ingest(
    inputs: Sequence[str | Path],
    library: SqliteLibrary,
    *,
    words: int | None = None,
    batch: int = BATCH,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    fetch_settings: FetchSettings | None = None,
) -> IngestReport:
    """Add the new files among ``inputs`` to ``library``, ``batch`` files per transaction.

    ``inputs`` may also be URLs of pages, feeds or sitemaps, and ``.warc``/``.warc.gz`` files
    (see ``newsdesk.fetch.run``), fetched with ``fetch_settings``.

    A file whose bytes the library has seen is skipped before it is parsed.  Each batch is
    extracted, parsed and embedded outside the write lock, then stored, clustered and its
    stories re-analysed in one transaction; a batch that another process stored meanwhile is
    dropped.  The same files always form the same batches, so an ingest that was killed and
    run again ends with the library an uninterrupted run gives.
    """
    from newsdesk.fetch.run import collect_remote, is_remote

    clock = time.perf_counter()

    local = [i for i in inputs if not is_remote(i)]
    files, errors, notes = list_inputs(local)
    remote, remote_errors = collect_remote([i for i in inputs if is_remote(i)], fetch_settings, library)
    report = ingest_items(files + [(origin, digest) for origin, digest, _ in remote], errors + remote_errors,
                          library, preloaded={o: got for o, _, got in remote}, words=words, batch=batch,
                          embedder=embedder, progress=progress, clock=clock)
    return replace(report, notes=tuple(notes) + report.notes)


def ingest_items(
    files: Sequence[tuple[Path | str, str]],
    errors: list[FileError],
    library: SqliteLibrary,
    *,
    preloaded: Mapping[str, Article | FileError] | None = None,
    words: int | None = None,
    batch: int = BATCH,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    clock: float | None = None,
) -> IngestReport:
    """Add the new ones of ``files`` ((origin, content hash) pairs) to ``library``: a file path is
    read and extracted here; an origin in ``preloaded`` (a fetched page's URL) brings its article
    (or its error) already extracted."""
    from newsdesk.settings import DEFAULT

    clock = time.perf_counter() if clock is None else clock
    report = progress or (lambda stage, done, total: None)
    preloaded = preloaded or {}
    errors = list(errors)
    known = library.known_files(h for _, h in files)
    fresh: list[tuple[Path | str, str]] = []
    for path, digest in files:
        if digest not in known:
            known.add(digest)
            fresh.append((path, digest))
    timings = {"hash": time.perf_counter() - clock}
    added, opened, touched, merged, notes, kept = [], [], [], [], [], []
    embedder = embedder or default_embedder() if fresh else embedder
    for at in range(0, len(fresh), batch):
        out = _one_batch(fresh[at : at + batch], library, words or DEFAULT.words, embedder, preloaded)  # type: ignore[arg-type]
        added += out[0]
        opened += out[1]
        touched += out[2]
        merged += out[3]
        errors += out[4]
        notes += out[5]
        kept += out[6]
        report("ingest", min(at + batch, len(fresh)), len(fresh))
    timings["total"] = time.perf_counter() - clock
    opened_set = set(opened)
    gone = {m[0] for m in merged}
    return IngestReport(
        added=tuple(added),
        known=len(files) - len(fresh),
        stories_new=tuple(sorted({s for s in opened if s not in gone}, key=int)),
        stories_updated=tuple(sorted({s for s in touched if s not in opened_set and s not in gone}, key=int)),
        merged=tuple(merged),
        errors=tuple(errors),
        timings=timings,
        notes=tuple(notes),
        kept_out=tuple(kept),
    )


def _load(files: list[tuple[Path | str, str]], preloaded: Mapping[str, Article | FileError]):  # type: ignore[no-untyped-def]
    """A batch's articles and errors: files read and extracted together (cross-file cues), fetched
    pages as they came."""
    from newsdesk.ingest import read_file
    from newsdesk.pipeline import extract_documents

    docs, errors, fetched = [], [], []
    for origin, _ in files:
        got = preloaded.get(str(origin))
        if isinstance(got, FileError):
            errors.append(got)
        elif got is not None:
            fetched.append(got)
        else:
            try:
                docs.append(read_file(Path(origin)))
            except InputError as exc:
                errors.append(FileError(str(origin), exc.message))
    articles, extract_errors, notes = extract_documents(docs)
    return articles + fetched, errors + extract_errors, notes


def _one_batch(files: list[tuple[Path | str, str]], library: SqliteLibrary, words: int, embedder: Embedder,  # type: ignore[no-untyped-def]
               preloaded: Mapping[str, Article | FileError]):
    """Read, extract and prepare a batch, then store it in one transaction."""
    from newsdesk.pipeline import story_articles
    from newsdesk.store.prepared import prepare
    from newsdesk.store.update import add_batch
    from newsdesk.store.writes import record_file

    articles, errors, notes = _load(files, preloaded)
    usable, skipped, _ = story_articles(articles)
    prepared = prepare(usable, embedder)
    reasons = {e.path: e.error for e in skipped}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with library.transaction() as conn:
        if len(library.known_files(h for _, h in files)) == len(files):
            return [], [], [], [], [], [], []  # another process stored this batch meanwhile
        have = _existing(conn, [a.id for a in articles])
        notes += [Note(a.path or a.id, f"same article as {have[a.id]}; kept once")
                  for a in articles if a.id in have]
        prepared = [p for p in prepared if p.article.id not in have]
        usable_ids = {p.article.id for p in prepared}
        kept_out = {a.id: a for a in articles if a.id not in have and a.id not in usable_ids}
        why = {a.id: reasons.get(a.path or a.id, "kept out of stories") for a in kept_out.values()}
        result = add_batch(conn, prepared, kept_out, why, words=words, now=now)
        by_path = {a.path: a.id for a in articles}
        failed = {n.path: n.note for n in notes} | {e.path: e.error for e in errors}  # a note kept as before
        for path, digest in files:
            record_file(conn, digest, str(path), by_path.get(str(path)), failed.get(str(path)), now)
    for e in errors:
        log.info("%s: %s", e.path, e.error)  # the CLI prints each as one error: line
    added = [p.article.id for p in prepared] + list(kept_out)
    return (added, [str(n) for n in result.opened], [str(n) for n in result.touched],
            [(str(a), str(b)) for a, b in result.merged], errors + list(skipped), notes, list(kept_out))


def _existing(conn, ids: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The ids among ``ids`` the library holds, each with the first file stored for it."""
    marks = ",".join("?" * len(ids))
    rows = conn.execute(f"SELECT a.id, (SELECT min(f.path) FROM files f WHERE f.article_id = a.id) "
                        f"FROM articles a WHERE a.id IN ({marks})", ids)
    return {r[0]: r[1] or r[0] for r in rows}

