"""Pipeline: parallel per-article stages give the same digest; raw strings work; re-ingest is idempotent."""

from __future__ import annotations

from pathlib import Path

from newsdesk import digest

LOCK = (
    "Canal lock reopens after repairs\n\nBy Ada Reed\n\n"
    "The Wexley canal lock reopened on Tuesday after a week of repairs to its upper gates, the waterways trust said.\n\n"
    "Nine narrowboats passed through in the first hour, and the trust said queues had cleared by the evening.\n\n"
    "“The gates are sound and the lock is open,” said Ada Reed, the trust's engineer.\n"
)


def test_parallel_digest_equals_one_process(examples: Path) -> None:
    one = digest([examples]).to_dict()
    two = digest([examples], workers=2).to_dict()
    assert one == two


def test_raw_strings_and_duplicates_are_stored_once() -> None:
    d = digest([LOCK, LOCK])
    assert len(d.articles) == 1 and len(d.stories) == 1
    a = d.articles[0]
    assert a.title == "Canal lock reopens after repairs" and a.authors == ("Ada Reed",)
    direct = [q for q in d.stories[0].quotes if q.direct]
    assert [(q.speaker, q.text) for q in direct] == [("Ada Reed", "The gates are sound and the lock is open")]
