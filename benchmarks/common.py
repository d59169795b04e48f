"""What the benchmark scripts share: where ../shared is, reading its JSONL sets, cached spaCy parses."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED", HERE.parent.parent / "shared"))
CACHE = Path(os.environ.get("NEWSDESK_BENCH_PARSES", "/tmp/newsdesk_cache"))


def load_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """The records of a JSONL file, the first ``limit`` only when given."""
    with path.open(encoding="utf8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    return docs[:limit]


def cached_parses(texts: list[str], name: str) -> list:
    """spaCy docs of ``texts``, kept under $NEWSDESK_BENCH_PARSES so that reruns skip the parser."""
    from spacy.tokens import DocBin

    from newsdesk.nlp.spacy_model import nlp, parse_many

    key = hashlib.sha1("".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"{name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp().vocab))
    out = parse_many(texts)
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=out).to_disk(path)
    return out


# --- the fixed by-site split of the AEB dev pages -------------------------------------------------
# Every benchmark on ../shared/data/aeb uses these two halves: write or tune rules on one, score on
# the other, both ways.  A site is a registered domain; sites that share a page template (three or
# more rare lines of 3+ words in common, e.g. one publisher's footer) are one group, so a rule
# written on one of them is not scored on its twin.  Groups are ordered by a hash of their names
# and each goes to the half with fewer pages so far: stable, and within a page or two of equal.

_SECOND_LEVEL = {"co", "com", "org", "net", "ac", "gov", "edu"}


def site_of(url: str) -> str:
    """The registered domain of ``url`` ("https://www.example.co.uk/x" -> "example.co.uk")."""
    from urllib.parse import urlparse

    labels = (urlparse(url).hostname or "").lower().split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _template_groups(sites: dict[str, str], aeb: Path) -> dict[str, str]:
    """site -> group name (its alphabetically first member): sites sharing a page template merge."""
    lines: dict[str, set[str]] = {}
    for page, site in sites.items():
        text = (aeb / "text" / f"{page}.txt").read_text(encoding="utf-8")
        found = {ln.strip() for ln in text.splitlines() if len(ln.split()) >= 3}
        lines.setdefault(site, set()).update(found)
    spread: dict[str, int] = {}
    for found in lines.values():
        for ln in found:
            spread[ln] = spread.get(ln, 0) + 1
    parent = {s: s for s in lines}

    def root(s: str) -> str:
        while parent[s] != s:
            s = parent[s]
        return s

    names = sorted(lines)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            if sum(1 for ln in lines[a] & lines[b] if spread[ln] <= 3) >= 3:
                ra, rb = sorted((root(a), root(b)))
                parent[rb] = ra
    return {s: root(s) for s in lines}


def aeb_groups(shared: Path = SHARED) -> dict[str, str]:
    """Page id -> its site group (sites sharing a page template are one group)."""
    aeb = shared / "data" / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    sites = {page: site_of(item["url"]) for page, item in truth.items()}
    group_of = _template_groups(sites, aeb)
    return {page: group_of[site] for page, site in sites.items()}


def aeb_halves(shared: Path = SHARED) -> dict[str, str]:
    """Page id -> "A" or "B": the fixed by-site halves of the AEB dev pages."""
    pages: dict[str, list[str]] = {}
    for page, group in sorted(aeb_groups(shared).items()):
        pages.setdefault(group, []).append(page)
    order = sorted(pages, key=lambda g: hashlib.sha1(g.encode()).hexdigest())
    half: dict[str, str] = {}
    size = {"A": 0, "B": 0}
    for group in order:
        side = "A" if size["A"] <= size["B"] else "B"
        size[side] += len(pages[group])
        half.update(dict.fromkeys(pages[group], side))
    return half


def by_half(half: dict[str, str], keys: list[str] | None = None) -> dict[str, list[str]]:
    """{"A": [...], "B": [...]}: ``keys`` (default all pages) sorted into their halves."""
    out: dict[str, list[str]] = {"A": [], "B": []}
    for key in sorted(half if keys is None else keys):
        out[half[key]].append(key)
    return out


def site_folds(groups: dict[str, str], keys: list[str], k: int = 5) -> list[list[str]]:
    """``keys`` cut into ``k`` folds by site group (a group never in two folds), groups dealt by hash."""
    order = sorted({groups[key] for key in keys}, key=lambda g: hashlib.sha1(g.encode()).hexdigest())
    fold_of = {g: i % k for i, g in enumerate(order)}
    return [[key for key in sorted(keys) if fold_of[groups[key]] == i] for i in range(k)]


def run_storycheck(args: list[str]) -> None:
    """``storycheck.py`` with a trial's ``--seeds`` / ``--facts`` arguments (its own ones left out),
    once the trial has put its rule into the product's modules."""
    import sys

    import storycheck

    sys.argv = [sys.argv[0], *(a for a in args if a in ("--seeds", "--facts"))]
    storycheck.main()
