"""AEB pages -> the HTML block voter fitted on one by-site half and scored on the other, both ways.

Usage:  nice python benchmarks/html_vote.py [--write] [--within A|B]

The voter (``newsdesk.extraction.html_vote``) keeps each block of the chosen base extraction that
both extractors hold and no chrome pattern flags; every other block it keeps or drops by a
logistic regression on the block's features.  Its label is whether most of the
block's word 4-shingles are in the page's gold body; each block weighs its share of the page's
shingles, so every page counts once, as in the scorer's averages.  Printed: for each half, the
model fitted on the other half, next to trafilatura (``favor_precision``) and the undecided base
extraction in the same run.  ``--write`` fits the model on all 121 pages and writes its
coefficients (standardisation folded in) to ``src/newsdesk/extraction/html_vote_model.py``.

Honesty: the chrome patterns behind the ``chrome`` feature were written while looking at all the
pages; the row "voter, chrome seen on the other half" (always printed) scores each half with only the
pattern alternatives that fired on chrome of the other half (most fire on one site only), which is
the figure to quote.

``--within A`` scores half A alone: the voter fitted on four fifths of its site groups and scored
on the fifth, five times; nothing of half B is read.  That is the figure to tune on while B stays
unseen (then score B once, fitted on A).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "src"))
from common import SHARED, aeb_groups, aeb_halves, by_half, site_folds, site_of  # noqa: E402

sys.path.insert(0, str(SHARED / "tools"))
from aeb_score import score, shingles  # noqa: E402

from newsdesk.extraction import html as nd_html  # noqa: E402
from newsdesk.extraction import html_rules as R  # noqa: E402
from newsdesk.extraction import html_vote as V  # noqa: E402
from newsdesk.extraction.html_blocks import Block  # noqa: E402
from newsdesk.extraction.html_repair import choose, missing_lead  # noqa: E402

AEB = SHARED / "data" / "aeb"
MODEL = ROOT / "src" / "newsdesk" / "extraction" / "html_vote_model.py"
IN_GOLD = 0.5  # a block is body when this share of its shingles is in the gold body
C = 1.0  # inverse L2 strength of the logistic regression, each page weighing 1 in the loss

Page = tuple[list[Block], list[Block], str, str | None, str | None]  # base, other, source, title, language


def load() -> tuple[dict, dict[str, Page], dict[str, str]]:
    """Gold bodies, each page's two candidates (base chosen as at run time) and the trafilatura baseline."""
    import trafilatura

    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf8"))
    html = {pid: gzip.open(AEB / "html" / f"{pid}.html.gz", "rt", encoding="utf8").read() for pid in sorted(truth)}
    baseline = {pid: trafilatura.extract(h, favor_precision=True, include_comments=False) or "" for pid, h in html.items()}
    return truth, candidates(html), baseline


def candidates(html: dict[str, str]) -> dict[str, Page]:
    """Each page's base and other extraction (chosen as at run time) and its title."""
    pages = {}
    for pid, page in html.items():
        primary, alternative, meta = nd_html.candidates(page)
        pages[pid] = (*choose(primary, alternative), meta.title, meta.language)
    return pages


def held_out(truth: dict, html: dict[str, str]) -> dict[str, str]:
    """Each page's body by the voter fitted on the other by-site half (chrome patterns as shipped)."""
    pages = candidates(html)
    halves = by_half(aeb_halves(), sorted(html))
    out: dict[str, str] = {}
    for test, train in (("A", "B"), ("B", "A")):
        out.update(predict(pages, halves[test], fit(truth, pages, halves[train], V.chrome), V.chrome))
    return out


def within(truth: dict, pages: dict[str, Page], ids: list[str], k: int = 5) -> dict[str, str]:
    """Each page of ``ids`` by the voter fitted on the other site-group folds of ``ids`` alone."""
    out: dict[str, str] = {}
    folds = site_folds(aeb_groups(), ids, k)
    for i, test in enumerate(folds):
        train = [p for j, fold in enumerate(folds) if j != i for p in fold]
        out.update(predict(pages, test, fit(truth, pages, train, V.chrome), V.chrome))
    return out


def _rows(page: Page, chrome: Callable[[str], bool]) -> list[list[float]]:
    base, other, source, title, language = page
    return V.features(base, other, title, from_readability=source == "readability", chrome=chrome,
                      language=language)


def labelled(truth: dict, pages: dict[str, Page], ids: list[str], chrome: Callable[[str], bool]):  # type: ignore[no-untyped-def]
    """Rows, labels and weights of the base blocks of ``ids`` that go to a vote."""
    xs, ys, ws = [], [], []
    for pid in ids:
        gold = shingles(truth[pid]["articleBody"])
        base = pages[pid][0]
        sizes = [sum(shingles(b.text).values()) for b in base]
        total = max(1, sum(max(1, n) for n in sizes))
        for b, n, row in zip(base, sizes, _rows(pages[pid], chrome)):
            if V.agreed(row):  # kept without a vote: not what the model learns to decide
                continue
            xs.append(row)
            ys.append(int(n > 0 and sum((shingles(b.text) & gold).values()) >= IN_GOLD * n))
            ws.append(max(1, n) / total)
    return xs, ys, ws


def fit(truth: dict, pages: dict[str, Page], ids: list[str], chrome: Callable[[str], bool]) -> tuple[float, list[float]]:
    """Intercept and weights on the raw features (the standardisation folded in)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    xs, ys, ws = labelled(truth, pages, ids, chrome)
    x = np.array(xs)
    mu, sd = x.mean(0), x.std(0) + 1e-9
    model = LogisticRegression(C=C, max_iter=5000).fit((x - mu) / sd, ys, sample_weight=np.array(ws))
    weights = model.coef_[0] / sd
    return float(model.intercept_[0] - (weights * mu).sum()), [float(w) for w in weights]


def predict(pages: dict[str, Page], ids: list[str], model: tuple[float, list[float]],
            chrome: Callable[[str], bool]) -> dict[str, str]:
    intercept, weights = model
    out = {}
    for pid in ids:
        kept = []
        for b, row in zip(pages[pid][0], _rows(pages[pid], chrome)):
            z = intercept + sum(w * x for w, x in zip(weights, row))
            if V.agreed(row) or z >= 0:
                kept.append(b.text)
        lead = [b.text for b in missing_lead(pages[pid][0], pages[pid][1])]  # as html_repair.repair
        out[pid] = "\n\n".join([*lead, *kept])
    return out


def _alternatives(pattern: re.Pattern[str]) -> list[re.Pattern[str]]:
    """The top-level alternatives of a ``^(?:a|b|...)$`` pattern, each compiled alone."""
    body = pattern.pattern[pattern.pattern.index("(?:") + 3 : pattern.pattern.rindex(")")]
    parts, depth, cur, i = [], 0, "", 0
    while i < len(body):
        ch = body[i]
        if ch == "\\":
            cur, i = cur + body[i : i + 2], i + 2
            continue
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    return [re.compile(f"^(?:{p})$", pattern.flags) for p in [*parts, cur]]


def seen_chrome(truth: dict, pages: dict[str, Page], ids: list[str], urls: dict[str, str]) -> Callable[[str], bool]:
    """The chrome test with only the pattern alternatives that match a non-body block on ``ids``."""
    kept = []
    for rx in [*_alternatives(R.BOILERPLATE), R.STAMP, R.CREDIT]:
        for pid in ids:
            gold = shingles(truth[pid]["articleBody"])
            hits = [b for b in pages[pid][0] + pages[pid][1]
                    if len(b.text) <= 2 * R.SHORT and rx.match(b.text.strip())
                    and sum((shingles(b.text) & gold).values()) < IN_GOLD * sum(shingles(b.text).values())]
            if hits:
                kept.append(rx)
                break
    print(f"  chrome alternatives seen on the training half: {len(kept)}; sites: "
          f"{len({site_of(urls[p]) for p in ids})}")
    return lambda text: len(text.strip()) <= 2 * R.SHORT and any(rx.match(text.strip()) for rx in kept)


def write(model: tuple[float, list[float]]) -> None:
    intercept, weights = model
    lines = [
        '"""Coefficients of the HTML block voter, written by benchmarks/html_vote.py --write (do not edit)."""',
        "",
        "# logistic regression on html_vote.FEATURES (raw values; standardisation folded in),",
        "# fitted on the 121 AEB dev pages; a block is kept when its probability is at least 0.5",
        f"FEATURES = {V.FEATURES!r}",
        f"INTERCEPT = {intercept:.6f}",
        "WEIGHTS = (",
        *(f"    {w:.6f},  # {name}" for w, name in zip(weights, V.FEATURES)),
        ")",
        "",
    ]
    MODEL.write_text("\n".join(lines), encoding="utf8")
    print(f"wrote {MODEL}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="fit on all pages and write html_vote_model.py")
    ap.add_argument("--within", choices=("A", "B"), help="score this half alone by 5-fold CV over its sites")
    args = ap.parse_args(argv)
    truth, pages, baseline = load()
    urls = {p: truth[p]["url"] for p in truth}
    halves = by_half(aeb_halves())
    if args.within:
        ids = halves[args.within]
        gold = {p: truth[p] for p in ids}
        print(f"half {args.within} ({len(ids)} pages) alone, 5 folds by site group:")
        for name, pred in (("voter (fitted on the other folds)", within(truth, pages, ids)),
                           ("trafilatura precision", {p: baseline[p] for p in ids})):
            res = score(gold, pred)
            print(f"  {name:38} P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.4f}")
        return
    for test, train in (("A", "B"), ("B", "A")):
        ids, fit_ids = halves[test], halves[train]
        gold = {p: truth[p] for p in ids}
        honest = seen_chrome(truth, pages, fit_ids, urls)
        row = {
            "voter (fitted on the other half)": predict(pages, ids, fit(truth, pages, fit_ids, V.chrome), V.chrome),
            "voter, chrome seen on the other half": predict(pages, ids, fit(truth, pages, fit_ids, honest), honest),
            "base extraction, undecided": {p: "\n\n".join(b.text for b in pages[p][0]) for p in ids},
            "trafilatura precision": {p: baseline[p] for p in ids},
        }
        print(f"half {test} ({len(ids)} pages), written on {train}:")
        for name, pred in row.items():
            res = score(gold, pred)
            mean = sum(s["f1"] for s in res["pages"].values()) / len(ids)
            print(f"  {name:38} P {res['precision']:.3f} R {res['recall']:.3f} F1 {res['f1']:.3f} (per-page {mean:.3f})")
    if args.write:
        write(fit(truth, pages, sorted(truth), V.chrome))


if __name__ == "__main__":
    main()
