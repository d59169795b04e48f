"""A pile of N Multi-News articles as files -> the library's ingest throughput, re-ingest time and read latency.

The pile is ``scale.make_pile`` (the real dev articles first, then varied copies), each article
written to its own .txt file.  Measured in one process:
- ingest of every file into a fresh library (articles/s, CPU seconds), next to ``digest`` of
  the first ``--baseline`` files in memory (the same stages, no store: the baseline);
- re-ingest of the same files (every file is known: hashed, never parsed), next to reading
  and hashing the files alone (the floor);
- latency of the Library interface: story list (50), one story, one article, one search,
  200 calls each (p50 / p95 in ms of wall time, and CPU ms per call), next to a naive search
  (``LIKE`` over the article table, the baseline of FTS5);
- B-cubed F1 of the library's stories against the Multi-News clusters, next to batch
  ``cluster_articles`` on the same pile (digest's clustering).
CPU times are process times; the machine is shared, so wall times vary with other jobs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from scale import make_pile  # noqa: E402
from stories import bcubed  # noqa: E402

from newsdesk.store import open_library  # noqa: E402
from newsdesk.store.ingestion import ingest  # noqa: E402

CALLS = 200


def write_pile(n: int, folder: Path) -> tuple[list[Path], dict[str, str]]:
    """The pile as files (kept between runs) and each file's gold cluster."""
    arts, gold = make_pile(n)
    folder.mkdir(parents=True, exist_ok=True)
    paths, gold_of = [], {}
    for i, (a, g) in enumerate(zip(arts, gold)):
        p = folder / f"{i:05d}.txt"
        if not p.exists():
            p.write_text(a, encoding="utf-8")
        paths.append(p)
        gold_of[str(p)] = str(g)
    return paths, gold_of


def timed(fn, *args, **kw):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    out = fn(*args, **kw)
    return out, time.perf_counter() - wall, time.process_time() - cpu


def latency(fn, args: list) -> dict[str, float]:  # type: ignore[type-arg]
    walls, cpus = [], []
    for a in args:
        _, w, c = timed(fn, *a)
        walls.append(w * 1000)
        cpus.append(c * 1000)
    q = statistics.quantiles(walls, n=20)
    return {"p50_ms": statistics.median(walls), "p95_ms": q[18], "cpu_ms": statistics.mean(cpus)}


def reads(lib, rng: random.Random) -> dict[str, dict[str, float]]:  # type: ignore[no-untyped-def]
    stories = lib.stories()
    ids = [s.id for s in stories]
    article_ids = [r[0] for r in lib.conn.execute("SELECT id FROM articles")]
    words = [w for s in stories[:500] for w in s.title.split() if w.isalpha() and len(w) > 4] or ["said"]
    queries = [" ".join(rng.sample(words, 1 + (i % 2))) for i in range(CALLS)]

    def like(q: str) -> list:  # type: ignore[type-arg]
        terms = q.split()
        sql = "SELECT id FROM articles WHERE " + " AND ".join("data LIKE ?" for _ in terms) + " LIMIT 20"
        return lib.conn.execute(sql, [f"%{t}%" for t in terms]).fetchall()

    return {
        "story list": latency(lambda off: lib.stories(limit=50, offset=off), [(rng.randrange(0, max(1, len(ids) - 50)),) for _ in range(CALLS)]),
        "story": latency(lib.story, [(rng.choice(ids),) for _ in range(CALLS)]),
        "article": latency(lib.article, [(rng.choice(article_ids),) for _ in range(CALLS)]),
        "search": latency(lib.search, [(q,) for q in queries]),
        "search baseline (LIKE)": latency(like, [(q,) for q in queries]),
    }


def quality(lib, gold_of: dict[str, str], paths: list[Path]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    from newsdesk.clustering import cluster_articles

    rows = lib.conn.execute(
        "SELECT f.path, a.story_id FROM files f JOIN articles a ON a.id = f.article_id WHERE a.story_id IS NOT NULL"
    ).fetchall()
    kept = {p: s for p, s in rows}
    pred = [kept[str(p)] for p in paths if str(p) in kept]
    gold = [gold_of[str(p)] for p in paths if str(p) in kept]
    ids = [r[0] for r in lib.conn.execute("SELECT a.id FROM files f JOIN articles a ON a.id = f.article_id"
                                          " WHERE a.story_id IS NOT NULL ORDER BY f.path")]
    batch = cluster_articles(lib.articles(ids))
    return {"library_f1": bcubed(pred, gold)[2], "batch_f1": bcubed(batch, gold)[2], "articles": len(pred)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=1000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/newsdesk-library-bench"))
    ap.add_argument("--baseline", type=int, default=200, help="files that digest reads in memory (baseline)")
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    paths, gold_of = write_pile(args.size, args.work / f"pile{args.size}")
    db = args.work / f"library{args.size}.db"
    for f in db.parent.glob(db.name + "*"):
        f.unlink()
    out: dict[str, object] = {"size": args.size}
    with open_library(db) as lib:
        report, wall, cpu = timed(ingest, [str(p) for p in paths], lib, batch=args.batch,
                                  progress=lambda s, d, t: print(f"{s} {d}/{t} {time.process_time():.0f}s cpu", flush=True))
        out["ingest"] = {"articles": len(report.added), "cpu_s": cpu, "wall_s": wall,
                         "articles_per_cpu_s": len(report.added) / cpu, "stories": lib.counts()["stories"]}
        _, wall, cpu = timed(ingest, [str(p) for p in paths], lib)
        _, hwall, hcpu = timed(lambda: [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths])
        out["reingest"] = {"cpu_s": cpu, "wall_s": wall, "hash_only_cpu_s": hcpu, "hash_only_wall_s": hwall}
        out["reads"] = reads(lib, random.Random(0))
        out["stories_bcubed"] = quality(lib, gold_of, paths)
    from newsdesk.pipeline import digest

    d, wall, cpu = timed(digest, [str(p) for p in paths[: args.baseline]])
    out["digest_baseline"] = {"articles": len(d.articles), "cpu_s": cpu, "articles_per_cpu_s": len(d.articles) / cpu}
    out["db_mb"] = db.stat().st_size / 1e6
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = json.dumps(out, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
