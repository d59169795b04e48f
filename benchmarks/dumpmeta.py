"""AEB text dumps -> title, authors, date and outlet that ``extract`` finds, scored per by-site half against the HTML's own.

Usage:  nice python benchmarks/dumpmeta.py [--against REV] [-v]

References (``aeb_dump_meta.json``, built by ``dumpmeta_refs.py`` from each page's markup and
checked by hand where its sources disagreed) give every spelling of the headline the page itself
prints, its people authors and its date.  A title is right when its words (lower case) are those
of one of the page's headlines; authors when every name matches (first and last word, any case)
and nothing else is named; a date when it falls on the page's day (the day in the page's own zone,
or, for a time given in UTC, the neighbouring day the time allows); an outlet when its words (lower
case, a leading "the" aside) are those of the page's ``og:site_name``, read from the HTML here.  Each figure is a share of the
pages whose HTML has the field, per half of ``common.aeb_halves``; "false authors" counts pages
without an author that were given one, "wrong dates" the dates given that are not the page's day.
In the same run: the code of an earlier commit (``--against``,
by default the one before this work) run the same way, and a first-lines baseline (see ``first_lines``).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))
from common import SHARED, by_half  # noqa: E402

from newsdesk.errors import NewsdeskError  # noqa: E402
from newsdesk.extraction.common import parse_published  # noqa: E402
from newsdesk.extraction.dump_byline import person_names as names  # noqa: E402
from newsdesk.extraction.textdump import DumpContext, extract_text  # noqa: E402
from newsdesk.tuning.reading import DumpTuning  # noqa: E402

REFS = HERE / "aeb_dump_meta.json"
BEFORE = "0cffb44"  # main before issue 14's work on text-dump metadata
TEXT = SHARED / "data" / "aeb" / "text"
_WORD = re.compile(r"\w+")
HTML = SHARED / "data" / "aeb" / "html"
FIELDS = ("title", "authors", "published", "outlet")
Meta = dict[str, dict]  # page -> {"title", "authors", "published", "outlet"}


def _norm(text: str | None) -> str:
    return " ".join(_WORD.findall((text or "").lower()))


def ours(texts: dict[str, str]) -> Meta:
    """This tree's ``extract_text`` on every dump, one ``DumpContext`` over the batch (as the CLI)."""
    context = DumpContext.from_texts(list(texts.values()))
    out: Meta = {}
    for page, text in texts.items():
        try:
            a = extract_text(text, path=page, context=context)
            out[page] = {"title": a.title, "authors": list(a.authors), "published": a.published, "outlet": a.outlet}
        except NewsdeskError:
            out[page] = {"title": None, "authors": [], "published": None, "outlet": None}
    return out


def earlier(rev: str) -> Meta:
    """``newsdesk extract --jsonl`` of commit ``rev`` (its ``src`` unpacked to a temporary folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        run = subprocess.run([sys.executable, "-m", "newsdesk.cli", "extract", str(TEXT), "--jsonl"],
                             capture_output=True, text=True, check=False, cwd=tmp,
                             env={"PYTHONPATH": f"{tmp}/src", "PATH": "/usr/bin:/bin"})  # fmt: skip
    out: Meta = {}
    for line in run.stdout.splitlines():
        item = json.loads(line)
        out[Path(item["path"]).stem] = {k: item.get(k) for k in FIELDS}
    return out


def site_names(pages: list[str]) -> dict[str, str | None]:
    """Page -> the ``og:site_name`` its HTML declares (None without one): the outlet's reference."""
    import gzip

    import lxml.html

    out: dict[str, str | None] = {}
    for page in pages:
        root = lxml.html.fromstring(gzip.decompress((HTML / f"{page}.html.gz").read_bytes()))
        found = root.xpath("//meta[@property='og:site_name' or @name='og:site_name']/@content")
        out[page] = " ".join(found[0].split()) if found and found[0].strip() else None
    return out


def outlet_ok(pred: str | None, ref: dict) -> bool:
    return bool(pred) and _norm(pred).removeprefix("the ") == _norm(ref["site"]).removeprefix("the ")


def first_lines(texts: dict[str, str]) -> Meta:
    """Baseline: the first line as title, names after the first "By" line, the first date in 40 lines."""
    out: Meta = {}
    for page, text in texts.items():
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        by = next((ln for ln in lines if re.match(r"(?i)by\s", ln) and len(ln.split()) <= 10), "")
        day = next((d for ln in lines[:40] if len(ln) < 80 and (d := parse_published(ln, fallback=False))), None)
        out[page] = {"title": lines[0] if lines else None, "authors": list(names(by[3:], DumpTuning())) if by else [],
                     "published": day[0] if day else None, "outlet": None}  # fmt: skip
    return out


def shown(texts: dict[str, str], refs: dict[str, dict]) -> Meta:
    """The ceiling: what the dump prints at all (a headline line, the authors' names, a line dated that day)."""
    out: Meta = {}
    for page, text in texts.items():
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        keys = {_norm(t) for t in refs[page]["titles"]}
        title = next((ln for ln in lines if _norm(ln) in keys), None)
        people = [n for n in refs[page]["authors"] if n.lower() in text.lower()]
        published = refs[page]["published"]
        dated = (published if any(len(ln) < 200 and date_ok((d or ("",))[0], refs[page])
                                  for ln in lines if published and (d := parse_published(ln))) else None)  # fmt: skip
        site = refs[page]["site"]
        out[page] = {"title": title, "authors": people if len(people) == len(refs[page]["authors"]) else [],
                     "published": dated, "outlet": site if site and site.lower() in text.lower() else None}  # fmt: skip
    return out


def title_ok(pred: str | None, ref: dict) -> bool:
    return bool(pred) and _norm(pred) in {_norm(t) for t in ref["titles"]}


def _name_key(name: str) -> tuple[str, str]:
    words = _WORD.findall(name.lower())
    return (words[0], words[-1]) if words else ("", "")


def authors_ok(pred: list[str], ref: dict) -> bool:
    return {_name_key(n) for n in pred} == {_name_key(n) for n in ref["authors"]}


def _days(iso: str) -> set[date]:
    """The days a page's ISO date may be printed as in its dump."""
    day = date.fromisoformat(iso[:10])
    if len(iso) <= 10:
        return {day}
    stamp = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    days = {day}
    if stamp.utcoffset() is not None:
        days.add((stamp - stamp.utcoffset()).date())  # type: ignore[operator]
    if stamp.utcoffset() in (None, timedelta(0)):  # stored in UTC: the page's zone may be either side
        days.add(day - timedelta(days=1) if stamp.hour < 12 else day + timedelta(days=1))
    return days


def date_ok(pred: str | None, ref: dict) -> bool:
    return bool(pred) and len(pred) >= 10 and date.fromisoformat(pred[:10]) in _days(ref["published"])


def scores(pred: Meta, refs: dict[str, dict], pages: list[str]) -> dict[str, str]:
    """title, authors, date (right / pages with the field), false authors on pages without one, and wrong
    dates (a date given that is not the page's day, or given where the HTML has none) / dates given."""
    has = {f: [p for p in pages if refs[p][f]] for f in ("titles", "authors", "published")}
    right = {
        "title": sum(title_ok(pred[p]["title"], refs[p]) for p in has["titles"]),
        "authors": sum(authors_ok(pred[p]["authors"] or [], refs[p]) for p in has["authors"]),
        "date": sum(date_ok(pred[p]["published"], refs[p]) for p in has["published"]),
    }
    none = [p for p in pages if not refs[p]["authors"]]
    false = sum(bool(pred[p]["authors"]) for p in none)
    out = {f: f"{right[f] / max(1, len(has[k])):.3f} ({right[f]}/{len(has[k])})"
           for f, k in (("title", "titles"), ("authors", "authors"), ("date", "published"))}  # fmt: skip
    out["false authors"] = f"{false}/{len(none)}"
    dated = [p for p in pages if pred[p]["published"]]
    wrong = sum(not refs[p]["published"] or not date_ok(pred[p]["published"], refs[p]) for p in dated)
    out["wrong dates"] = f"{wrong}/{len(dated)}"
    named = [p for p in pages if refs[p].get("site")]
    out["outlet"] = f"{sum(outlet_ok(pred[p].get('outlet'), refs[p]) for p in named)}/{len(named)}"
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--against", default=BEFORE, help=f"earlier commit run as a baseline (default {BEFORE})")
    ap.add_argument("-v", action="store_true", help="list the pages ours gets wrong")
    args = ap.parse_args()
    refs = json.loads(REFS.read_text(encoding="utf8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(TEXT.glob("*.txt"))}
    for page, site in site_names(sorted(refs)).items():
        refs[page]["site"] = site
    half = {p: r["half"] for p, r in refs.items()}
    started = time.process_time()
    mine = ours(texts)
    cpu = time.process_time() - started
    systems = {"newsdesk (this tree)": mine, f"newsdesk at {args.against}": earlier(args.against),
               "first lines": first_lines(texts), "(ceiling: the dump shows it)": shown(texts, refs)}  # fmt: skip
    print(f"AEB dev text dumps: {len(texts)} pages; ours {cpu:.2f} s CPU (batch context included), shared machine")
    for side, pages in by_half(half).items():
        print(f"half {side} ({len(pages)} pages)")
        for name, pred in systems.items():
            row = scores(pred, refs, pages)
            print(f"  {name:<28} " + "  ".join(f"{k} {v}" for k, v in row.items()))
    if args.v:
        for p in sorted(texts):
            r, m = refs[p], mine[p]
            wrong = [f"title {m['title']!r} want {r['titles'][0]!r}" if not title_ok(m["title"], r) else "",
                     f"authors {m['authors']} want {r['authors']}" if not authors_ok(m["authors"], r) else "",
                     f"date {m['published']} want {r['published']}"
                     if r["published"] and not date_ok(m["published"], r) else "",
                     f"outlet {m['outlet']!r} want {r['site']!r}" if r["site"] and not outlet_ok(m["outlet"], r) else ""]  # fmt: skip
            if any(wrong):
                print(f"{half[p]} {p[:8]} " + " | ".join(w for w in wrong if w))


if __name__ == "__main__":
    main()
