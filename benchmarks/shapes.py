"""Pathological inputs -> CPU time and peak memory of one input, next to a normal article of the same size.

    python benchmarks/shapes.py SIZE [extract|digest] [SHAPE ...]

Each shape is built from the project's own examples/ text, written to a temporary folder and run
in a fresh subprocess (CPU by ``time.process_time``, memory by ``ru_maxrss``), so one shape's cost
cannot hide in another's.  The shapes: one long line, one huge table, 100k tiny paragraphs, a
million sentence-ending dots, a page of nothing but links, megabytes of one repeated word.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Harbour Council Approves Ferry Plan\n\n"


def _prose(n: int) -> list[str]:
    """Paragraphs of the examples' article text, repeated up to ``n`` characters."""
    paras = [p.strip() for f in sorted((ROOT / "examples").rglob("*.txt"))
             for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.split()) >= 12]
    out, size = [], 0
    while size < n:
        for p in paras:
            out.append(p)
            size += len(p) + 2
            if size >= n:
                break
    return out


def _page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def make(shape: str, n: int) -> tuple[str, str]:
    """(file name, content) of ``shape`` at about ``n`` characters."""
    if shape == "normal.txt":
        return shape, TITLE + "\n\n".join(_prose(n))
    if shape == "normal.html":
        return shape, _page("Ferry plan", "<article>" + "".join(f"<p>{p}</p>" for p in _prose(n)) + "</article>")
    if shape == "one-line.txt":
        return shape, TITLE + " ".join(_prose(n))
    if shape == "table.html":
        rows = "".join(f"<tr><td>Row {i}</td><td>Cell {i * 7}</td><td>Note</td></tr>" for i in range(n // 48))
        return shape, _page("Table", f"<table>{rows}</table>")
    if shape == "tiny-paragraphs.txt":
        return shape, TITLE + "\n\n".join("Yes." for _ in range(n // 6))
    if shape == "dots.txt":
        line = "The council met on Monday" + ". ." * 40 + "\n"
        return shape, TITLE + line * (n // len(line))
    if shape == "links.html":
        links = "".join(f'<li><a href="/story/{i}">Story number {i} headline</a></li>' for i in range(n // 50))
        return shape, _page("Links", f"<ul>{links}</ul>")
    if shape == "one-word.txt":
        return shape, TITLE + "ferry " * (n // 6)
    raise ValueError(f"unknown shape {shape!r}")


SHAPES = ("one-line.txt", "table.html", "tiny-paragraphs.txt", "dots.txt", "links.html", "one-word.txt")
NORMAL = {".txt": "normal.txt", ".html": "normal.html"}

_RUN = """
import json, resource, sys, time
from newsdesk.ingest import read_inputs
from newsdesk.pipeline import digest, extract_documents
start = time.process_time()
if sys.argv[2] == "digest":
    d = digest([sys.argv[1]])
    errors, stories = [e.error for e in d.errors], len(d.stories)
else:
    docs, errors = read_inputs([sys.argv[1]])
    errors = [e.error for e in errors + extract_documents(docs)[1]]
    stories = None
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec.
hwm = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(json.dumps({"cpu": time.process_time() - start, "rss_mb": hwm / 1024,
                  "errors": errors, "stories": stories}))
"""


def measure(shape: str, n: int, stage: str = "extract") -> dict[str, object]:
    """CPU seconds, peak RSS (MB) and errors of ``stage`` on one ``shape`` of ``n`` characters."""
    name, content = make(shape, n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_text(content, encoding="utf-8")
        env_path = str(ROOT / "src")
        run = subprocess.run([sys.executable, "-c", _RUN, str(path), stage], capture_output=True, text=True,
                             timeout=900, env={"PYTHONPATH": env_path, "PATH": "/usr/bin:/bin"})
    if run.returncode != 0:
        raise RuntimeError(run.stderr[-2000:])
    return {"shape": shape, "chars": len(content), **json.loads(run.stdout.splitlines()[-1])}


def main(argv: list[str]) -> None:
    n = int(argv[0])
    stage = argv[1] if len(argv) > 1 else "extract"
    shapes = argv[2:] or [*NORMAL.values(), *SHAPES]
    print(f"{'shape':<22}{'chars':>10}{'CPU s':>8}{'RSS MB':>8}  errors / stories ({stage})")
    for shape in shapes:
        r = measure(shape, n, stage)
        print(f"{shape:<22}{r['chars']:>10,}{r['cpu']:>8.2f}{r['rss_mb']:>8.0f}  {r['errors'] or ''} {r['stories'] or ''}")


if __name__ == "__main__":
    main(sys.argv[1:])
