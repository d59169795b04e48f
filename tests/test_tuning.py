"""Tuning: every tunable declared once; overrides by name change behaviour the expected way; bad ones refused."""

from __future__ import annotations

import dataclasses
import pickle
from functools import lru_cache
from pathlib import Path

import pytest
from test_entities import example_context

from newsdesk.analyse.story import StoryAnalysis, analyse_story
from newsdesk.errors import SettingError
from newsdesk.settings import DEFAULT, load_settings
from newsdesk.tuning import DEFAULT_TUNING, Tuning, count, parse_overrides
from newsdesk.tuning.declare import tunables

ROOT = Path(__file__).resolve().parents[1]


def test_every_tunable_is_declared_with_bounds_and_what_it_was_tuned_on() -> None:
    assert count() >= 70
    for group in DEFAULT_TUNING.groups():
        for f in tunables(group):
            assert f.metadata["tuned_on"].strip(), f"{group.name}.{f.name}"
            low, high = f.metadata["low"], f.metadata["high"]
            assert low is not None or high is not None, f"{group.name}.{f.name} has no bounds"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cluster.thresh": "0.2"}, "no tunable cluster.thresh; cluster has threshold"),
        ({"clusters.threshold": "0.2"}, "no tunable 'clusters.threshold'; a tunable is GROUP.NAME"),
        ({"cluster.threshold": "1.5"}, r"tuning cluster.threshold must be from 0 to 1, not 1.5 \(tuned on"),
        ({"brief.min_words": "5.5"}, "tuning brief.min_words must be a whole number, not '5.5'"),
        ({"brief.min_words": 0}, "tuning brief.min_words must be at least 1, not 0"),
        ({"claims.paraphrase_cosine": True}, "must be a number, not True"),
        ({"align.maybe": "nan"}, "must be from 0 to 1, not nan"),
    ],
)
def test_bad_names_and_values_are_refused_in_one_line(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(SettingError, match=message) as caught:
        DEFAULT.with_tuning(overrides)
    assert "\n" not in str(caught.value)


def test_command_line_pairs_and_toml_files(tmp_path: Path) -> None:
    assert parse_overrides(["cluster.threshold=0.2", " brief.max_words = 30 "]) == {
        "cluster.threshold": "0.2", "brief.max_words": "30"}
    with pytest.raises(SettingError, match="--tune takes GROUP.NAME=VALUE"):
        parse_overrides(["cluster.threshold"])
    good = tmp_path / "run.toml"
    good.write_text("words = 120\n[tuning.cluster]\nthreshold = 0.2\n[tuning.brief]\nmax_words = 30\n")
    s = load_settings(good)
    assert (s.words, s.tuning.cluster.threshold, s.tuning.brief.max_words) == (120, 0.2, 30)
    assert s.tuning.claims == DEFAULT_TUNING.claims  # untouched groups keep their defaults
    bad = tmp_path / "bad.toml"
    bad.write_text("[tuning.cluster]\nthreshold = 2\n")
    with pytest.raises(SettingError, match=r"bad.toml: tuning cluster.threshold must be from 0 to 1"):
        load_settings(bad)


def test_settings_are_frozen_values_that_survive_pickling() -> None:
    s = DEFAULT.with_tuning({"cluster.threshold": "0.2", "brief.max_words": 30})
    assert pickle.loads(pickle.dumps(s)) == s
    assert s != DEFAULT and DEFAULT.tuning == Tuning()
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.tuning.brief.max_words = 10  # type: ignore[misc]
    assert DEFAULT.with_tuning({"brief.max_words": 60}) == DEFAULT  # the default value given: the same


@lru_cache(maxsize=8)
def _analysed(story: str, overrides: tuple[tuple[str, object], ...] = ()) -> StoryAnalysis:
    ctx, _ = example_context(story)
    return analyse_story(dataclasses.replace(ctx, tuning=DEFAULT_TUNING.with_overrides(dict(overrides))))


def _backing(a: StoryAnalysis) -> int:
    return sum(len(c.sources) for c in a.claims.claims)


def test_a_lower_paraphrase_cosine_backs_more_claims() -> None:
    looser = _analysed("kiel-ferry", (("claims.paraphrase_cosine", 0.6),))
    assert _backing(looser) > _backing(_analysed("kiel-ferry"))


def test_conflicts_need_pairs_above_the_pair_threshold() -> None:
    assert len(_analysed("kiel-ferry").conflicts) == 1  # the planted one
    assert _analysed("kiel-ferry", (("conflicts.pair_threshold", 0.99),)).conflicts == ()


def test_brief_sentences_stay_under_max_words_and_the_budget() -> None:
    default = _analysed("kiel-ferry")
    assert max(len(b.text.split()) for b in default.brief) > 20
    short = _analysed("kiel-ferry", (("brief.max_words", 20),))
    assert short.brief and max(len(b.text.split()) for b in short.brief) <= 20
    assert sum(len(b.text.split()) for b in short.brief) <= DEFAULT.words


def test_a_shorter_background_window_moves_more_events_to_the_background() -> None:
    def background(a: StoryAnalysis) -> int:
        return sum(e.background for e in a.timeline)

    assert background(_analysed("kiel-ferry", (("timeline.background_days", 0),))) > background(_analysed("kiel-ferry"))


def test_the_cluster_threshold_splits_or_joins_stories() -> None:
    from newsdesk.clustering import cluster_articles

    articles = [a for story in ("kiel-ferry", "brannock-steel", "lunar-lander") for a in example_context(story)[0].articles]

    def stories(**values: float) -> int:
        return len(set(cluster_articles(articles, settings=DEFAULT_TUNING.cluster.with_values(**values))))

    assert stories() == 3
    assert stories(threshold=0.001) == 1
    # a batch of ten is judged on threshold x (10 / reference_size) ** size_exponent; unscaled, 0.9 splits
    assert stories(threshold=0.9) == 3 < stories(threshold=0.9, size_exponent=0.0)


def test_tuned_runs_are_identical_on_one_worker_and_on_two() -> None:
    from newsdesk import digest

    tuned = DEFAULT.with_tuning({"claims.paraphrase_cosine": "0.6", "brief.max_words": "20"})
    inputs = [str(ROOT / "examples" / "kiel-ferry"), str(ROOT / "examples" / "lunar-lander")]

    def run(workers: int) -> dict[str, object]:
        d = digest(inputs, settings=tuned.with_options(workers=workers)).to_dict()
        d.pop("timings", None)
        return d

    one = run(1)
    assert one == run(2)
    assert all(len(b["text"].split()) <= 20 for s in one["stories"] for b in s["brief"])  # type: ignore[index, union-attr]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--tune", "brief.max_wordz=20"], "error: no tunable brief.max_wordz; brief has min_words"),
        (["--tune", "cluster.threshold=7"], "error: tuning cluster.threshold must be from 0 to 1, not 7.0"),
        (["--settings", "missing.toml"], "error: missing.toml: cannot read the settings file"),
    ],
)
def test_the_command_line_refuses_a_bad_tunable_before_reading(args: list[str], message: str) -> None:
    from typer.testing import CliRunner

    from newsdesk.cli import app

    result = CliRunner().invoke(app, ["digest", str(ROOT / "examples" / "cyprus-water"), "-q", *args])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 2
    assert len(lines) == 1 and lines[0].startswith(message), result.output


def test_longer_quotes_only_when_speech_min_words_rises() -> None:
    default, strict = _analysed("kiel-ferry"), _analysed("kiel-ferry", (("speech.min_words", 12),))
    assert 0 < len(strict.quotes) < len(default.quotes)
    assert all(len(q.text.split()) >= 12 for q in strict.quotes)


def test_extraction_reads_its_group_from_the_settings() -> None:
    from newsdesk.errors import NoArticleFound
    from newsdesk.extraction import extract

    paras = "".join(f"<p>The {side} pier reopened on Monday after repairs by the harbour board.</p>"
                    for side in ("north", "south", "east"))
    page = f"<html><body><article>{paras}<p>Share this article on Facebook</p></article></body></html>"
    assert "Share this" not in extract(page).text  # the voter drops it below keep = 0.5
    assert "Share this" in extract(page, tuning=DEFAULT_TUNING.extract.with_values(keep=0.0)).text
    with pytest.raises(NoArticleFound):
        extract(page, tuning=DEFAULT_TUNING.extract.with_values(min_text=10_000))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"brief.min_words": 70}, r"tuning brief.min_words \(70\) must not exceed brief.max_words \(60\)"),
        ({"times.reach": 200}, r"tuning times.reach \(200\) must not exceed times.long_reach \(150\)"),
        ({"align.maybe": 0.9}, r"tuning align.maybe \(0.9\) must not exceed align.same_fact_cosine \(0.86\)"),
    ],
)
def test_a_bound_may_not_pass_the_one_above_it(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(SettingError, match=message):
        DEFAULT.with_tuning(overrides)
    both = {**overrides, "brief.max_words": 75, "brief.max_quoted": 90, "times.long_reach": 250,
            "align.same_fact_cosine": 0.95}
    assert DEFAULT.with_tuning(both) != DEFAULT  # raised together, they are fine


def test_flags_win_over_the_settings_file_and_tune_over_both(tmp_path: Path) -> None:
    from newsdesk.cli import run_settings

    path = tmp_path / "run.toml"
    path.write_text("words = 150\n[tuning.brief]\nmax_words = 30\n")
    s = run_settings(path, ["brief.max_words=40"], words=None, workers=None, backend=None)
    assert (s.words, s.tuning.brief.max_words) == (150, 40)
    assert run_settings(path, None, words=120, workers=None, backend=None).words == 120


HARBOUR_DUMP = """Harbour Gazette | Local news
Home · Weather · Sport · Contact
North pier reopens after winter repairs to its deck
By Mara Lindqvist
March 4, 2026
The north pier of the small harbour town reopened on Monday after four months of winter repairs to its timber deck.
Fishing boats were back at their moorings by noon, and the harbour board said the repairs came in under budget.
A spokesman for the board said the south pier would be next, with work planned to begin in the autumn.
Share this article
© 2026 Harbour Gazette. All rights reserved
"""


@pytest.mark.parametrize(
    ("overrides", "field", "default", "tuned"),
    [
        ({"dump.title_max_words": 8}, "title", "North pier reopens after winter repairs to its deck", "Harbour Gazette"),
        ({"dump.byline_max_words": 1}, "authors", ("Mara Lindqvist",), ()),
        ({"dump.long_words": 21}, "paragraphs", 3, 1),  # only the 21-word sentence is body evidence now
        ({"dump.date_after_title": 0, "dump.date_lookback": 0}, "published", "2026-03-04", None),
    ],
)
def test_text_dump_extraction_reads_the_dump_group_through_the_batch(
    overrides: dict[str, int], field: str, default: object, tuned: object
) -> None:
    from newsdesk.extraction.batch import extract_batch
    from newsdesk.ingest import Document
    from newsdesk.models import FileError

    def read(tuning: Tuning) -> object:
        article = extract_batch([Document("harbour.txt", HARBOUR_DUMP)], tuning=tuning)[0]
        assert not isinstance(article, FileError), article
        return len(article.text.split("\n\n")) if field == "paragraphs" else getattr(article, field)

    assert read(DEFAULT_TUNING) == default
    assert read(DEFAULT_TUNING.with_overrides(overrides)) == tuned


def test_a_name_may_not_have_fewer_words_than_its_least() -> None:
    with pytest.raises(SettingError, match=r"dump.name_min_words \(5\) must not exceed dump.name_max_words \(4\)"):
        DEFAULT.with_tuning({"dump.name_min_words": 5})
