"""AEB dev HTML pages -> references for text-dump metadata (``aeb_dump_meta.json``): titles, authors, date.

Usage:  python benchmarks/dumpmeta_refs.py [--write]

Candidates come from each page's own markup: newsdesk's HTML metadata, ``og:title``,
``twitter:title``, JSON-LD ``headline``/``author``/``datePublished``, ``<h1>`` and ``<title>``
(site suffixes such as " - Site" cut).  A title is accepted in every spelling the page's metadata and
``<title>`` give (an ``<h1>`` only when it shares half its words with the main one, as some are
site or section names); authors are people only (a wire, a site or a staff
desk is no author); the date is the page's ISO date.  Where the candidates disagreed the page
was read by hand and the decision written in ``CHECKED`` below; without ``--write`` the
script prints the pages whose candidates disagree.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from pathlib import Path

import lxml.html

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))
from common import SHARED, aeb_halves  # noqa: E402

from newsdesk.extraction.html_meta import _articles, _json_ld, _names, page_meta  # noqa: E402

OUT = HERE / "aeb_dump_meta.json"
_WORD = re.compile(r"\w+")
_SUFFIX = re.compile(r"\s+[|–—\-:»·]\s+[^|–—»·]{1,60}$")
_NOT_PEOPLE = {"reuters", "associated press", "the associated press", "pti", "beachbody", "vortex",
               "kwchcik", "gto", "гость", "pmjs - coordenadoria de ti", "admin", "futurism"}  # fmt: skip

# Decisions after reading the page (id prefix -> field -> value), where the candidates disagreed.
CHECKED: dict[str, dict[str, object]] = {
    "e7994d55": {"authors": ["Danica Kirka", "Jill Lawless"]},  # "By A and B" byline; meta ran them together
    "eecd2575": {"authors": ["Greg Beacham"]},  # role "AP Sports Writer" is no name
    "ef4e67b6": {"authors": ["Chris Cillizza"]},  # "Analysis by ..., CNN Editor-at-large"
    "ec3878db": {"authors": ["Ilana Muhlstein"]},  # degrees cut
    "e593d7fe": {"authors": ["Rachael Link"]},
    "c00962aa": {"authors": ["Jeff Foust"]},  # the date was glued to the name
    "bc13ff87": {"authors": ["David Jeans"]},  # the visible byline; JSON-LD holds a user slug
    "87bf6057": {"authors": ["Madeline Fry"]},  # meta holds an author URL only
    "e4c6a3b4": {"authors": ["Tom Rogan"]},
    "14cc2a0c": {"authors": ["Victor Tangermann"]},  # "Futurism" is the source site
    # People named by the page's visible byline but in none of its metadata.
    "23aaecd1": {"authors": ["Carlos Nadalim"]},  # name and date under the headline, and an author box
    "57b4dafd": {"authors": ["Moritz Bachmann"]},  # "Von ... publiziert am"
    "8380689f": {"authors": ["Dan Evon"]},  # his name alone under the headline, and in the author box
    "7a664e40": {"authors": ["Stefan Becket", "Kathryn Watson", "Grace Segers"]},
    "65bf3048": {"authors": ["Mike Wuerthele", "Malcolm Owen"]},
    "94fbcc26": {"authors": ["Federica Lusiardi"]},
    "b6906ca0": {"authors": ["Louis Jacobson"]},
    "9e8c9f08": {"authors": ["Matthew Digby", "Minh Do"], "published": "2019-11-18T11:08"},  # meta: the claim's date
    "0e014df6": {"titles+": ["Hiking the Boulder Flat Irons"]},  # <h1> and JSON-LD differ from og:title
    "3c6d3381": {"titles+": ["Мастера вкуса: 23 самых крутых фудблогера по версии Wday.ru"]},
    "ad826691": {"titles+": ["Amazon discounts MacBooks from $700, AirPods 2 with wireless case $150, ecobee deals, more"]},
    # Meta dates of 0001-01-01 or from a URL; the page prints its own "Published" line.
    "5fbc7ccb": {"published": "2019-11-18T19:14+00:00"},  # the byline's date; meta holds a later one
    # Meta times in UTC labelled as local: the page prints the local day before.
    "06ee193d": {"published": "2019-11-19T22:31-06:00"},
    "3cb22bfa": {"published": "2019-11-19T20:15-06:00"},
    "65ce3a45": {"published": "2019-11-19T23:11-05:00"},
    "7de52419": {"published": "2019-11-19T23:34-05:00", "authors": ["Tom Davies"]},  # "Name Associated Press"
    "c58aa507": {"published": "2019-11-19T19:07-05:00", "authors": ["Kevin Johnson", "Kevin McCoy"]},
    "c81e134e": {"published": "2019-11-20T02:16-05:00", "authors": ["Elliot Brownstein"]},  # "Name Outlet"
}


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _similar(a: str, b: str, least: float = 0.5) -> bool:
    x, y = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return bool(x and y) and len(x & y) / len(x | y) >= least


def candidates(page: str, url: str) -> dict[str, object]:
    """What the page's markup says: titles in every spelling, authors, date, and the raw sources."""
    raw = gzip.open(SHARED / "data" / "aeb" / "html" / f"{page}.html.gz", "rt", encoding="utf8").read()
    root = lxml.html.fromstring(raw)
    meta = page_meta(root, url=url)
    found: dict[str, list[str]] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or "").lower()
        if key and m.get("content"):
            found.setdefault(key, []).append(" ".join(m.get("content", "").split()))
    arts = _articles(_json_ld(root))
    heads = [" ".join(h.text_content().split()) for h in root.iter("h1")]
    tag = root.find(".//title")
    main = html.unescape(meta.title or "")
    pool = [*found.get("og:title", []), *found.get("twitter:title", []),
            *(str(a.get("headline")) for a in arts if a.get("headline")),
            " ".join(tag.text_content().split()) if tag is not None else ""]  # fmt: skip
    titles: list[str] = [main] if main else []
    for cand in [*pool, *heads]:
        cand = html.unescape(cand).strip()
        while (m := _SUFFIX.search(cand)) and not _similar(m.group(0), main):
            cand = cand[: m.start()].strip()
        padded = cand in pool and _norm(main) in _norm(cand)  # the headline with a site or section name
        near = _similar(cand, main or cand, 0.5 if cand in heads else 0.2)  # an <h1> may be a site or section name
        if cand and not padded and near and _norm(cand) not in map(_norm, titles):
            titles.append(cand)
    ld_authors = [n for a in arts for n in _names(a.get("author"))]
    return {"titles": titles, "authors": [a for a in meta.authors if a.lower() not in _NOT_PEOPLE],
            "published": meta.published, "h1": heads[:3], "ld_authors": ld_authors,
            "meta_authors": found.get("author", [])}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    args = ap.parse_args()
    truth = json.loads((SHARED / "data" / "aeb" / "ground-truth.json").read_text(encoding="utf8"))
    half = aeb_halves()
    refs = {}
    for page in sorted(truth):
        cand = candidates(page, truth[page]["url"])
        fix = CHECKED.get(page[:8], {})
        titles = list(cand["titles"]) + list(fix.get("titles+", []))  # type: ignore[call-overload]
        refs[page] = {"half": half[page], "titles": titles,
                      "authors": fix.get("authors", cand["authors"]),
                      "published": fix.get("published", cand["published"])}  # fmt: skip
        if not args.write and (len(titles) > 2 or cand["ld_authors"] != cand["authors"]):
            print(page[:8], json.dumps({**cand, **refs[page]}, ensure_ascii=False))
    if args.write:
        OUT.write_text(json.dumps(refs, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf8")
        print(f"wrote {OUT} ({len(refs)} pages)")


if __name__ == "__main__":
    main()
