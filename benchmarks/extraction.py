"""AEB pages -> precision/recall/F1 and speed of newsdesk vs trafilatura, readability, newspaper4k; metadata accuracy."""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))
AEB = SHARED / "data" / "aeb"
LABELS = HERE / "aeb_meta_labels.json"
sys.path.insert(0, str(SHARED / "tools"))
from aeb_score import score  # noqa: E402

sys.path.insert(0, str(HERE))
from common import aeb_halves, by_half  # noqa: E402

from newsdesk.errors import NewsdeskError  # noqa: E402
from newsdesk.extraction import html as nd_html  # noqa: E402

Pages = dict[str, str]


def load_pages(limit: int | None = None) -> tuple[dict, Pages]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf8"))
    ids = sorted(truth)[:limit]
    pages = {i: gzip.open(AEB / "html" / f"{i}.html.gz", "rt", encoding="utf8").read() for i in ids}
    return {i: truth[i] for i in ids}, pages


def newsdesk_body(html: str) -> str:
    """Body as scored: paragraphs and in-article headings in page order (``Article.text`` + ``headings``)."""
    try:
        return "\n\n".join(b.text for b in nd_html.extract_blocks(html).blocks)
    except NewsdeskError:
        return ""


def newsdesk_text(html: str) -> str:
    try:
        return nd_html.extract_html(html).text
    except NewsdeskError:
        return ""


def trafilatura_best(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, favor_precision=True, include_comments=False) or ""


def readability_text(html: str) -> str:
    import lxml.html
    from readability import Document

    return lxml.html.fromstring(Document(html).summary()).text_content()


def newspaper_text(html: str) -> str:
    import newspaper

    art = newspaper.Article("https://example.invalid/")
    art.download(input_html=html)
    art.parse()
    return art.text or ""


SYSTEMS: dict[str, Callable[[str], str]] = {
    "newsdesk": newsdesk_body,
    "newsdesk (text only)": newsdesk_text,
    "trafilatura precision": trafilatura_best,
    "readability-lxml": readability_text,
    "newspaper4k": newspaper_text,
}


def run_systems(pages: Pages) -> dict[str, tuple[dict[str, str], float, float]]:
    """Each system's outputs, CPU seconds (this process, one core) and wall seconds.

    The systems take turns page by page, so load from other jobs on a shared machine falls on all
    of them alike; each is warmed up on one page first (imports and first-call set-up are not
    per-page costs)."""
    first = next(iter(pages.values()))
    for fn in SYSTEMS.values():
        with contextlib.suppress(Exception):  # a crash is reported by the timed run below
            fn(first)
    out: dict[str, dict[str, str]] = {name: {} for name in SYSTEMS}
    cpu = dict.fromkeys(SYSTEMS, 0.0)
    wall = dict.fromkeys(SYSTEMS, 0.0)
    for pid, html in pages.items():
        for name, fn in SYSTEMS.items():
            c, w = time.process_time(), time.perf_counter()
            try:
                out[name][pid] = fn(html)
            except Exception as err:  # a baseline crashing on a page scores it as empty
                print(f"  {name} failed on {pid[:8]}: {type(err).__name__}", file=sys.stderr)
                out[name][pid] = ""
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - w
    return {name: (out[name], cpu[name], wall[name]) for name in SYSTEMS}


def _cells(truth: dict, pred: dict[str, str], ids: list[str]) -> str:
    res = score({i: truth[i] for i in ids}, pred)
    mean = sum(s["f1"] for s in res["pages"].values()) / max(1, len(ids))
    return f"{res['precision']:6.3f} {res['recall']:6.3f} {res['f1']:6.3f} {mean:6.3f}"


def body_table(truth: dict, pages: Pages) -> None:
    """P, R, F1 and per-page mean F1 on each by-site half and on all pages; CPU speed of each system."""
    from html_vote import held_out

    print(f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} CPUs (run on one core, shared with other jobs), python {platform.python_version()}")
    print("pages/s: per CPU second of the process; wall clock in brackets; systems take turns page by page")
    halves = by_half(aeb_halves(), sorted(pages))
    groups = {"half A": halves["A"], "half B": halves["B"], "all": sorted(pages)}
    head = " ".join(f"{g + ' (' + str(len(ids)) + ')':^27}" for g, ids in groups.items())
    print(f"{'':40} {head}")
    print(f"{'system':40} " + " ".join(f"{'P':>6} {'R':>6} {'F1':>6} {'mean':>6}" for _ in groups)
          + f" {'pages/s':>8} {'(wall)':>8}")
    runs = run_systems(pages)
    for name, (pred, secs, wall) in runs.items():
        cells = " ".join(_cells(truth, pred, ids) for ids in groups.values())
        print(f"{name:40} {cells} {len(pages) / secs:8.1f} {f'({len(pages) / wall:.1f})':>8}")
    pred = held_out(truth, pages)
    name = "newsdesk, voter fitted on the other half"
    print(f"{name:40} " + " ".join(_cells(truth, pred, ids) for ids in groups.values()) + "  (the held-out figure)")
    ratio = runs["trafilatura precision"][1] / runs["newsdesk"][1]
    print(f"newsdesk CPU speed / trafilatura precision's: x{ratio:.2f}")


FIELDS = ("title", "published", "authors", "site_name", "language", "url")


def _norm(field: str, value: object) -> object:
    if value in (None, "", []):
        return None
    if field == "authors":
        names = value if isinstance(value, (list, tuple)) else str(value).split(";")
        return frozenset(" ".join(str(n).lower().split()) for n in names if str(n).strip())
    text = " ".join(str(value).split()).lower()
    if field == "published":
        return text[:10]
    if field == "url":
        return text.split("#")[0].split("?")[0].rstrip("/").replace("http://", "https://")
    return "".join(ch for ch in text if ch.isalnum())


def _newsdesk_meta(html: str) -> dict:
    m = nd_html.page_meta(nd_html.parse_html(html))
    return {"title": m.title, "published": m.published, "authors": m.authors, "site_name": m.site_name,
            "language": m.language, "url": m.url}


def _trafilatura_meta(html: str) -> dict:
    import trafilatura

    d = trafilatura.bare_extraction(html, with_metadata=True, fast=True)
    if d is None:
        return {}
    return {"title": d.title, "published": d.date, "authors": (d.author or "").split(";"),
            "site_name": d.sitename, "language": d.language, "url": d.url}


def _htmldate_meta(html: str) -> dict:
    from htmldate import find_date

    return {"published": find_date(html, original_date=True)}


def meta_table(pages: Pages) -> None:
    """Accuracy per field against the hand labels (exact after normalisation; dates to the day)."""
    labels = json.loads(LABELS.read_text(encoding="utf8"))
    ids = [i for i in labels if i in pages]
    systems = {"newsdesk": _newsdesk_meta, "trafilatura": _trafilatura_meta, "htmldate": _htmldate_meta}
    print(f"metadata accuracy on {len(ids)} hand-labelled pages")
    print(f"{'system':12} " + " ".join(f"{f:>9}" for f in FIELDS))
    for name, fn in systems.items():
        got = {i: fn(pages[i]) for i in ids}
        cells = []
        for field in FIELDS:
            if name == "htmldate" and field != "published":
                cells.append(f"{'-':>9}")
                continue
            hits = sum(_norm(field, got[i].get(field)) == _norm(field, labels[i].get(field)) for i in ids)
            cells.append(f"{hits / len(ids):9.2f}")
        print(f"{name:12} " + " ".join(cells))


BIG_PAGE_SCRIPT = """
import resource, sys, time
from newsdesk.extraction.html import extract_html
def rss():  # peak RSS of this process in MB; ru_maxrss would carry the parent's peak over exec on Linux
    try:
        status = open("/proc/self/status").read()
        return int(status.split("VmHWM:")[1].split()[0]) / 1024
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
extract_html("<html><body>" + "<p>The council met on Tuesday and agreed to rebuild the pier before winter.</p>" * 5)
ready = rss()  # imports, language model, first-call set-up
html = open(sys.argv[1], encoding="utf8").read()
loaded = rss()
c, t = time.process_time(), time.perf_counter()
art = extract_html(html)
print(f"{len(html) / 1e6:.1f} MB: {time.perf_counter() - t:.2f} s wall, {time.process_time() - c:.2f} s CPU; "
      f"peak RSS {rss():.0f} MB (imports and models {ready:.0f} MB, page read {loaded:.0f} MB); "
      f"{len(art.text)} chars of text")
"""
BIG = 10_500_000
_PARA = ("<p>The invented harbour board met on Tuesday and agreed, after a long debate over costs, to rebuild "
         "the old pier before the winter storms arrive.</p>")


def _big_pages(pages: Pages) -> dict[str, str]:
    """Pages of 10 MB and more: a real page's markup repeated, and two built here (menus first, a huge table)."""
    html = pages[max(pages, key=lambda p: len(pages[p]))]
    head, _, rest = html.partition("<body")
    body = rest[rest.index(">") + 1 :]
    menu = "<li><a href='/other-story'>Another story</a></li>"
    row = "<tr>" + "<td><a href='/x'>cell</a></td>" * 6 + "</tr>"
    article = f"<article><h1>Pier to be rebuilt</h1>{_PARA * 8}</article>"
    return {
        "real page repeated": head + "<body>" + body * (BIG // max(1, len(body)) + 1),
        "menus before the article": f"<html><body><ul>{menu * (BIG // len(menu))}</ul>{article}</body></html>",
        "table inside the article": f"<html><body><article>{_PARA * 4}<table>{row * (BIG // len(row))}</table>"
        f"{_PARA * 4}</article></body></html>",
    }


def big_page(pages: Pages) -> None:
    """Each big page in a fresh process: time and peak memory of one ``extract_html`` call."""
    import tempfile

    for name, html in _big_pages(pages).items():
        with tempfile.NamedTemporaryFile("w", suffix=".html", encoding="utf8", delete=False) as f:
            f.write(html)
        try:
            proc = subprocess.run([sys.executable, "-c", BIG_PAGE_SCRIPT, f.name],
                                  capture_output=True, text=True, timeout=600)
        finally:
            os.unlink(f.name)
        print(f"big page, {name}: {proc.stdout.strip() or proc.stderr.strip()[-500:]}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, help="only the first N pages")
    ap.add_argument("--skip-body", action="store_true", help="metadata and big page only")
    args = ap.parse_args(argv)
    truth, pages = load_pages(args.limit)
    if not args.skip_body:
        body_table(truth, pages)
    meta_table(pages)
    big_page(pages)
    print(f"benchmark peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
