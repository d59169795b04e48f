"""Logging: the library logs under "newsdesk" what it skips and why, and prints nothing itself."""

from __future__ import annotations

import logging

import pytest


def test_a_failing_extractor_is_logged_not_silent(caplog: pytest.LogCaptureFixture) -> None:
    from newsdesk.extraction import html

    def _broken(root: object) -> list[object]:
        raise RuntimeError("deep markup")

    with caplog.at_level(logging.WARNING, logger="newsdesk"):
        assert html._safe(_broken, None) == []
    (record,) = [r for r in caplog.records if r.name.startswith("newsdesk")]
    assert record.levelno == logging.WARNING
    assert "broken found nothing" in record.getMessage() and "deep markup" in record.getMessage()


def test_the_library_has_no_output_of_its_own() -> None:
    import newsdesk

    assert newsdesk.__name__ == "newsdesk"
    handlers = logging.getLogger("newsdesk").handlers
    assert any(isinstance(h, logging.NullHandler) for h in handlers)


def test_every_stage_is_timed_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    from newsdesk.pipeline import digest

    text = (
        "The Tallow ferry resumed service on Monday after a week of repairs to its engine. "
        "Harbour staff said the crossing would run every hour until the end of the season. "
        "Passengers had used a bus detour while the ferry was out of service for the repairs."
    )
    with caplog.at_level(logging.INFO, logger="newsdesk"):
        d = digest([text])
    stages = ["ingest", "extract", "dedup", "nlp", "cluster", "analyse"]
    assert [k for k in d.timings if k != "total"] == stages
    logged = [r.getMessage().split(":")[0] for r in caplog.records if r.name == "newsdesk.pipeline"]
    assert [m for m in logged if m.startswith("stage ")] == [f"stage {s}" for s in stages]
