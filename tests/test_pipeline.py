"""Pipeline: raw strings work; re-ingest is idempotent (parallel runs: tests/test_parallel.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk import digest

LOCK = (
    "Canal lock reopens after repairs\n\nBy Ada Reed\n\n"
    "The Wexley canal lock reopened on Tuesday after a week of repairs to its upper gates, the waterways trust said.\n\n"
    "Nine narrowboats passed through in the first hour, and the trust said queues had cleared by the evening.\n\n"
    "“The gates are sound and the lock is open,” said Ada Reed, the trust's engineer.\n"
)


def test_raw_strings_and_duplicates_are_stored_once() -> None:
    d = digest([LOCK, LOCK])
    assert len(d.articles) == 1 and len(d.stories) == 1
    a = d.articles[0]
    assert [n.note for n in d.notes] == [f"same article as {a.id}; kept once"]  # said, not silent
    assert d.errors == () and d.to_dict()["notes"] == [{"path": a.id, "note": d.notes[0].note, "kind": "duplicate"}]
    assert a.title == "Canal lock reopens after repairs" and a.authors == ("Ada Reed",)
    direct = [q for q in d.stories[0].quotes if q.direct]
    assert [(q.speaker, q.text) for q in direct] == [("Ada Reed", "The gates are sound and the lock is open")]


def test_a_big_story_is_analysed_on_a_sample_but_lists_every_article(examples: Path) -> None:
    from newsdesk.pipeline import build_stories
    from newsdesk.settings import Settings

    articles = [a for a in digest([examples / "kiel-ferry"]).articles if a.language == "en"]
    (story,) = build_stories(articles, settings=Settings(max_analysed=2))
    assert set(story.articles) == {a.id for a in articles}
    cited = {i for b in story.brief for i in b.sources}
    assert cited and len(cited) <= 2
    assert story.syndication  # the wire copies are still shown as one source


def test_representatives_take_one_article_per_source_first() -> None:
    import numpy as np

    from newsdesk.models import Article
    from newsdesk.pipeline import representatives

    arts = [Article(id=i, text=i) for i in "abcd"]
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8], [0.0, 1.0]])
    rows_of = {a.id: [n] for n, a in enumerate(arts)}
    # a and b are copies of one wire text: b adds no new source, so c and d come before it
    picked = representatives(arts, [("a", "b"), ("c",), ("d",)], vectors, rows_of, 3)
    assert [a.id for a in picked] == ["a", "c", "d"]
    assert representatives(arts, [], vectors, rows_of, 10) == arts


def test_a_story_reads_its_parses_in_article_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stages read a story's parses in article order, never in a set's (hash-seed) order: an
    entity name two outlets write alike ("O'Mara", "O’Mara") is the first one's in every run."""
    import numpy as np

    from newsdesk import pipeline
    from newsdesk.analyse.context import StoryContext
    from newsdesk.models import Article, Sentence

    ids = [f"article-{n:02d}" for n in range(20)][::-1]  # neither sorted nor a set's order
    arts = [Article(id=i, text=f"Text {i}.") for i in ids]
    seen: list[list[str]] = []

    def stop(ctx: StoryContext, settings: object) -> None:
        seen.append(list(ctx.docs))
        raise RuntimeError("enough")

    monkeypatch.setattr(pipeline, "analyse_story", stop)
    with pytest.raises(RuntimeError, match="enough"):
        pipeline.analyse_members(
            arts, [], {i: [Sentence(i, 0, 5, "Text.")] for i in ids},
            {i: np.eye(20, dtype=np.float32)[[n]] for n, i in enumerate(ids)}, {i: object() for i in ids},
        )
    assert len(seen) == 1 and len(seen[0]) > 2
    assert seen[0] == [i for i in ids if i in seen[0]]
