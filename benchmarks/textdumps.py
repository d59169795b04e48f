"""AEB text dumps -> body-extraction F1/P/R of extract_text next to whole-page text and jusText, plus speed.

Usage:  nice python benchmarks/textdumps.py [--shared ../shared] [--cv] [-v]

The AEB dev pages flattened to text (``data/aeb/text``) are cleaned by the
command users run, ``newsdesk extract DIR --jsonl`` (in a subprocess, timed
with its start-up), and in-process with ``extract_text`` (one ``DumpContext``
over the batch, as the command builds it); both are scored with the
benchmark's word 4-shingle metric (``tools/aeb_score.py``).  ``--cv`` re-tunes
the scorer's thresholds on 4/5 of the pages by grid search and scores the 5th,
to show how much of the full-set figure is tuning.
"""

from __future__ import annotations

import argparse
import html
import importlib.util
import itertools
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from common import aeb_halves, by_half  # noqa: E402

from newsdesk.errors import NewsdeskError  # noqa: E402
from newsdesk.extraction.textdump import DumpContext, extract_text  # noqa: E402
from newsdesk.tuning.reading import DumpTuning  # noqa: E402

GRID: dict[str, list[Any]] = {
    "long_words": [8, 10, 12, 15],
    "short_penalty": [1.0, 3.0, 6.0],
    "teaser_overlap": [0.06, 0.12, 0.2],
}


def load_scorer(shared: Path) -> Callable[[dict[str, Any], dict[str, str]], dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("aeb_score", shared / "tools" / "aeb_score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score  # type: ignore[no-any-return]


def load_pages(shared: Path) -> tuple[dict[str, Any], dict[str, str]]:
    aeb = shared / "data" / "aeb"
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted((aeb / "text").glob("*.txt"))}
    return {k: v for k, v in truth.items() if k in texts}, texts


def ours(texts: dict[str, str], tuning: DumpTuning = DumpTuning()) -> dict[str, str]:
    """Our extraction of every page (``tuning.dump`` values); a page with no article predicts empty text."""
    context = DumpContext.from_texts(list(texts.values()), tuning)
    out = {}
    for key, text in texts.items():
        try:
            out[key] = extract_text(text, path=key, context=context).text
        except NewsdeskError:
            out[key] = ""
    return out


def cli(shared: Path) -> tuple[dict[str, str], float]:
    """``newsdesk extract <aeb/text> --jsonl`` as a user runs it -> {page: text}, wall seconds."""
    exe = Path(sys.executable).with_name("newsdesk")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "newsdesk.cli"]
    started = time.perf_counter()
    run = subprocess.run([*command, "extract", str(shared / "data" / "aeb" / "text"), "--jsonl"],
                         capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    out = {}
    for line in run.stdout.splitlines():
        item = json.loads(line)
        out[Path(item["path"]).stem] = item.get("text", "")
    return out, elapsed


def justext_lines(texts: dict[str, str]) -> dict[str, str]:
    """jusText on the dump's lines (each line a paragraph), stoplist of the page's language."""
    import justext
    import py3langid

    names = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
             "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish"}  # fmt: skip
    out = {}
    for key, text in texts.items():
        lang = names.get(py3langid.classify(text[:5000])[0], "English")
        page = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        paras = justext.justext(page.encode("utf-8"), justext.get_stoplist(lang), encoding="utf-8")
        out[key] = "\n\n".join(p.text for p in paras if not p.is_boilerplate)
    return out


def cross_validate(truth: dict[str, Any], texts: dict[str, str], score: Callable[..., dict[str, Any]]) -> float:
    """5-fold CV: pick the grid point best on 4/5 of the pages, score the held-out fifth; mean F1."""
    keys = sorted(texts)
    folds = [keys[i::5] for i in range(5)]
    combos = [dict(zip(GRID, vals, strict=True)) for vals in itertools.product(*GRID.values())]
    preds = {}
    for combo in combos:
        preds[json.dumps(combo)] = ours(texts, DumpTuning(**combo))
    f1s = []
    for held in folds:
        train = [k for k in keys if k not in held]
        best = max(preds, key=lambda c: score({k: truth[k] for k in train}, {k: preds[c][k] for k in train})["f1"])
        f1s.append(score({k: truth[k] for k in held}, {k: preds[best][k] for k in held})["f1"])
        print(f"  fold: best {best} -> held-out F1 {f1s[-1]:.3f}")
    return sum(f1s) / len(f1s)


def row(name: str, result: dict[str, Any]) -> str:
    return f"{name:<28} F1 {result['f1']:.3f}  P {result['precision']:.3f}  R {result['recall']:.3f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cv", action="store_true", help="also report a 5-fold cross-validated F1")
    ap.add_argument("-v", action="store_true", help="per-page F1 of ours, worst first")
    args = ap.parse_args()
    score = load_scorer(args.shared)
    truth, texts = load_pages(args.shared)
    started = time.perf_counter()
    pred = ours(texts)
    elapsed = time.perf_counter() - started
    print(f"AEB dev text dumps: {len(texts)} pages; {platform.platform()}, {os.cpu_count()} cpus, "
          f"python {platform.python_version()}")
    by_cli, cli_seconds = cli(args.shared)
    systems = {"newsdesk extract --jsonl": {k: by_cli.get(k, "") for k in texts}, "newsdesk extract_text": pred,
               "whole page text": texts, "jusText on the lines": justext_lines(texts)}  # fmt: skip
    halves = by_half(aeb_halves(args.shared), list(texts))
    for name, out in systems.items():
        print(row(name, score(truth, out)), " | ".join(
            f"half {h} F1 {score({k: truth[k] for k in keys}, {k: out[k] for k in keys})['f1']:.3f}"
            for h, keys in halves.items()))
    print(f"speed: {len(texts) / elapsed:.1f} pages/s in-process ({elapsed:.2f} s, DumpContext included); "
          f"the command {cli_seconds:.2f} s with its start-up")
    if args.v:
        per = {k: score({k: truth[k]}, {k: pred[k]})["f1"] for k in texts}
        for k in sorted(per, key=per.get)[:25]:  # type: ignore[arg-type]
            print(f"  {per[k]:.3f} {k}")
    if args.cv:
        print(f"5-fold cross-validated F1 (grid {list(GRID)}): {cross_validate(truth, texts, score):.3f}")


if __name__ == "__main__":
    main()
