"""The backing-through-a-restatement trial (benchmarks/chain_trial.py): what it adds on invented
outlets, and its report of the backing graph's components."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import chain_trial as trial  # noqa: E402
from test_claims import dated_context  # noqa: E402

import newsdesk.analyse.claims as claims  # noqa: E402
from newsdesk.analyse.entities import entity_index  # noqa: E402
from newsdesk.analyse.evidence import StoryEvidence, story_evidence  # noqa: E402
from newsdesk.analyse.timeline import story_times  # noqa: E402
from newsdesk.analyse.units import Unit, claim_units  # noqa: E402

FOOTBRIDGE = (
    "The Orlen town council will reopen the Tassel footbridge to walkers on Saturday after repairs to "
    "two of its cables cost 3.1 million kroner.",
    "The Tassel footbridge in Orlen reopens to walkers on Saturday after its cables were repaired.",
    "Walkers can use the Tassel footbridge again from Saturday, when it reopens after cable repairs.",
)


@pytest.fixture
def with_trial(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(claims, "claim_support", claims.claim_support)  # put back after the test
    monkeypatch.setattr(trial, "SETTINGS", {"floor": 0.9, "link": "match"})
    monkeypatch.setattr(trial, "added", [])
    trial.install()
    yield


def test_a_chained_backer_passes_every_cheap_check_and_adds_no_outlet_set(with_trial: None) -> None:
    sets = {frozenset(c.sources) for c in claims.find_claims(dated_context(*FOOTBRIDGE)).claims}
    assert trial.added, "the third outlet's clause reaches a claim through a backer"
    ev, by_text = evidence_of(*FOOTBRIDGE)
    for claim, _, backer, score in trial.added:
        assert score >= 0.9 and claims._cover(ev, by_text[claim], by_text[backer]) is not None
    # at the bar of claims.match a chained outlet joins a component whose outlets some unit has already
    assert {s for s in sets if len(s) > 1} == {frozenset({"a0", "a1", "a2"}), frozenset({"a0", "a1"})}


def evidence_of(*texts: str) -> tuple[StoryEvidence, dict[str, Unit]]:
    """The claims stage's evidence of invented outlets (``dated_context``), and their units by text."""
    ctx = dated_context(*texts)
    units = claim_units(ctx).units
    return story_evidence(ctx, units, entity_index(ctx), story_times(ctx)), {u.text: u for u in units}


def _unit(k: int, article: str) -> Unit:
    return Unit(k, article, 0, 1, f"unit {k}", True)


def test_the_closure_report_finds_a_component_wider_than_its_best_unit(capsys: pytest.CaptureFixture[str]) -> None:
    units = (_unit(0, "a0"), _unit(1, "a1"), _unit(2, "a1"), _unit(3, "a2"))
    # a1's unit 1 backs a0's claim; a2's unit 3 backs a1's unit 2 ... but unit 2 is not unit 1
    trial._components(units, {0: {"a0": 0, "a1": 1}, 2: {"a1": 2, "a2": 3}})
    assert "0 with more outlets" in capsys.readouterr().out  # two components of two outlets each
    trial._components(units, {0: {"a0": 0, "a1": 1}, 1: {"a1": 1, "a2": 3}})
    out = capsys.readouterr().out
    assert "component of 3 outlets, best unit backed by 2" in out and "1 with more outlets" in out
