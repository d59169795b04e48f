"""An article's quotes and times are found once per process, and what is kept equals a fresh run."""

from __future__ import annotations

import pytest

from newsdesk.analyse import memo
from newsdesk.nlp import quotes as nlp_quotes
from newsdesk.nlp import times as nlp_times
from newsdesk.nlp.spacy_model import parse
from newsdesk.tuning import DEFAULT_TUNING

TEXT = ('The harbour master said on Tuesday that "the north quay will reopen next week". '
        "Two tugs were moved to the outer basin on 3 March 2026, a spokesman added.")


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts of the real finders' calls, with an empty memo."""
    count = {"quotes": 0, "times": 0}
    real_q, real_t = nlp_quotes.find_quotes, nlp_times.find_times

    def q(*a, **k):  # type: ignore[no-untyped-def]
        count["quotes"] += 1
        return real_q(*a, **k)

    def t(*a, **k):  # type: ignore[no-untyped-def]
        count["times"] += 1
        return real_t(*a, **k)

    monkeypatch.setattr(nlp_quotes, "find_quotes", q)
    monkeypatch.setattr(nlp_times, "find_times", t)
    monkeypatch.setattr(memo, "_kept", type(memo._kept)())
    return count


def test_quotes_are_found_once_per_text_parse_and_tuning(calls: dict[str, int]) -> None:
    doc = parse(TEXT)
    first = memo.article_quotes(TEXT, doc, DEFAULT_TUNING.speech)
    assert first and first == tuple(nlp_quotes.find_quotes(TEXT, doc=parse(TEXT)))
    calls["quotes"] = 0
    assert memo.article_quotes(TEXT, parse(TEXT), DEFAULT_TUNING.speech) == first and calls["quotes"] == 0
    memo.article_quotes(TEXT, None, DEFAULT_TUNING.speech)
    assert calls["quotes"] == 1  # no parse given: another key


def test_times_are_kept_per_reference_and_never_without_one(calls: dict[str, int]) -> None:
    doc = parse(TEXT)
    a = memo.article_times(TEXT, "2026-03-05", doc, DEFAULT_TUNING.times)
    assert memo.article_times(TEXT, "2026-03-05", doc, DEFAULT_TUNING.times) == a and calls["times"] == 1
    b = memo.article_times(TEXT, "2027-03-05", doc, DEFAULT_TUNING.times)
    assert calls["times"] == 2 and a != b  # "next week" and "Tuesday" resolve against the reference
    memo.article_times(TEXT, None, doc, DEFAULT_TUNING.times)
    memo.article_times(TEXT, None, doc, DEFAULT_TUNING.times)
    assert calls["times"] == 4


def test_the_memo_is_bounded(calls: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memo, "ITEMS", 3)
    for n in range(5):
        memo.article_quotes(f"{TEXT} {n}", None, DEFAULT_TUNING.speech)
    assert len(memo._kept) == 3 and calls["quotes"] == 5
    memo.article_quotes(f"{TEXT} 0", None, DEFAULT_TUNING.speech)  # dropped: found again
    assert calls["quotes"] == 6
