"""A library file (or one built from examples/ and Multi-News dev clusters) -> HTTP latency of the reading room.

    .venv/bin/python benchmarks/library_web.py [--db FILE] [--clusters 40] [--requests 200]

Starts ``newsdesk serve`` on a free loopback port and asks it, one request at a time over one
keep-alive connection, ``--requests`` times each: the story list, a story page, an article page,
a search page, the story and search API calls, and the style sheet (the floor: the server stack
with no library work).  Prints p50/p95 wall milliseconds per kind, and the server's CPU
milliseconds per request: p50/p95 (the CPU time of all its threads, from /proc/PID/task/*/schedstat,
read before and after each request) and the mean (from /proc/PID/stat).  The machine is shared,
so wall times carry others' load; the CPU columns are the server's own work.
Targets: p95 < 100 ms for every page and API call, search p95 < 50 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "dev.jsonl"
WORDS = ("ferry", "furnace", "moon", "water", "police", "president", "court", "election", "storm",
         "company")


def build(folder: Path, clusters: int) -> Path:
    """examples/ and the documents of the first ``clusters`` Multi-News dev clusters, ingested."""
    from newsdesk.store import ingest, open_library

    inputs = folder / "inputs"
    inputs.mkdir()
    if MULTINEWS.exists():
        with MULTINEWS.open(encoding="utf-8") as f:
            for n, line in zip(range(clusters), f):
                for k, doc in enumerate(json.loads(line)["documents"]):
                    (inputs / f"mn{n:03d}-{k}.txt").write_text(doc, encoding="utf-8")
    db = folder / "library.db"
    with open_library(db) as lib:
        ingest([str(ROOT / "examples"), str(inputs)], lib)
    return db


def _cpu_ms(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _cpu_ns(pid: int) -> int:
    """CPU nanoseconds of every thread of ``pid`` so far (a thread that ended meanwhile is left out)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            total += int(Path(f"/proc/{pid}/task/{task}/schedstat").read_text().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def measure(db: Path, requests: int) -> dict[str, tuple[float, ...]]:
    """Per kind of request: p50 and p95 wall ms, p50 and p95 server CPU ms, mean server CPU ms."""
    import httpx
    from web_server import free_port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "newsdesk.cli", "serve", "--db", str(db),
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=30) as client:
            for _ in range(600):
                try:
                    client.get("/api/stories?limit=1")
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            stories = client.get("/api/stories", params={"limit": 100}).json()["items"]
            ids = [s["id"] for s in stories]
            articles = [a for s in ids[:20] for a in client.get(f"/api/stories/{s}").json()["articles"]]
            kinds = {
                "story list": lambda i: "/",
                "story page": lambda i: f"/stories/{ids[i % len(ids)]}",
                "article page": lambda i: f"/articles/{articles[i % len(articles)]}",
                "search page": lambda i: f"/search?q={WORDS[i % len(WORDS)]}",
                "API story": lambda i: f"/api/stories/{ids[i % len(ids)]}",
                "API search": lambda i: f"/api/search?q={WORDS[i % len(WORDS)]}",
                "style sheet (floor)": lambda i: "/static/style.css",
            }
            out = {}
            for name, url in kinds.items():
                client.get(url(0))  # warm
                times, cpus, cpu = [], [], _cpu_ms(server.pid)
                for i in range(requests):
                    used, clock = _cpu_ns(server.pid), time.perf_counter()
                    r = client.get(url(i))
                    times.append((time.perf_counter() - clock) * 1000)
                    cpus.append((_cpu_ns(server.pid) - used) / 1e6)
                    assert r.status_code == 200, (url(i), r.status_code)
                cpu = (_cpu_ms(server.pid) - cpu) / requests
                q, qc = statistics.quantiles(times, n=20), statistics.quantiles(cpus, n=20)
                out[name] = (statistics.median(times), q[18], statistics.median(cpus), qc[18], cpu)
            return out
    finally:
        server.terminate()
        server.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing library (else one is built)")
    parser.add_argument("--clusters", type=int, default=40)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        clock = time.process_time()
        db = args.db or build(Path(tmp), args.clusters)
        from newsdesk.store import open_library

        with open_library(db) as lib:
            counts = lib.counts()
        print(f"library: {counts['articles']} articles, {counts['stories']} stories "
              f"(built in {time.process_time() - clock:.0f} CPU s); machine shared by several engineers")
        rows = measure(db, args.requests)
    print(f"{'request':<22} {'p50 ms':>7} {'p95 ms':>7} {'CPU p50':>8} {'CPU p95':>8} {'CPU mean':>9}")
    for name, (p50, p95, c50, c95, cpu) in rows.items():
        print(f"{name:<22} {p50:>7.1f} {p95:>7.1f} {c50:>8.1f} {c95:>8.1f} {cpu:>9.1f}")


if __name__ == "__main__":
    main()
