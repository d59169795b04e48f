"""Evidence of every citation: spans that point into the cited article, and hand labels of full / partial."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from newsdesk import digest
from newsdesk.models import Digest

ROOT = Path(__file__).resolve().parents[1]
FLOOR = {"examples": 0.8, "seeds": 0.7}  # share of hand labels right (benchmarks/citations.py)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("citations_bench", ROOT / "benchmarks" / "citations.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result(examples: Path) -> Digest:
    return digest([str(examples)])


def test_every_cited_article_has_evidence_inside_its_text(result: Digest) -> None:
    checked = 0
    for story in result.stories:
        for item in (*story.brief, *story.claims):
            assert [e.article_id for e in item.evidence] == list(item.sources)
            for e in item.evidence:
                text = result.article(e.article_id).text
                assert e.support in {"full", "partial"} and e.sentences
                for s in e.sentences:
                    assert text[s.start : s.end] == s.text
                    checked += 1
    assert checked > 40


def test_the_copied_article_fully_supports_its_own_sentence(result: Digest) -> None:
    for story in result.stories:
        for b in story.brief:
            assert b.citation is not None
            own = b.evidence[0]
            assert own.article_id == b.citation.article_id and own.support == "full"
            assert own.sentences[0].start == b.citation.start


def test_partial_support_is_found_where_an_outlet_states_only_the_core(result: Digest) -> None:
    supports = {e.support for s in result.stories for b in s.brief for e in b.evidence[1:]}
    assert supports == {"full", "partial"}


def test_labels_of_the_examples_are_mostly_right(result: Digest) -> None:
    bench = _bench()
    s = bench.score(result, bench.load_labels()["examples"])
    assert s["found"] >= 0.8, "the brief moved: relabel benchmarks/citation_labels.json"
    assert s["label"] >= FLOOR["examples"] and s["sentence"] >= 0.9


@pytest.mark.shared
def test_labels_of_the_seeds_are_mostly_right(seeds: Path) -> None:
    bench = _bench()
    s = bench.score(digest([str(seeds)]), bench.load_labels()["seeds"])
    assert s["found"] >= 0.7
    assert s["label"] >= FLOOR["seeds"] and s["label"] > s["all_full"]


def test_the_library_keeps_the_evidence(result: Digest) -> None:
    from newsdesk.store.codec import story_from_dict

    for story in result.stories:
        assert story_from_dict(story.to_dict()) == story
