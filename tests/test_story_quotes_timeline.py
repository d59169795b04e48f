"""Story quote ledger and timeline on small invented articles."""

from __future__ import annotations

import numpy as np
import pytest

from newsdesk.analyse.context import StoryContext
from newsdesk.analyse.quotes import normalise_speaker, same_words, story_quotes
from newsdesk.analyse.timeline import story_timeline
from newsdesk.models import Article, Digest, Story, TimelineEvent
from newsdesk.nlp.sentences import sentences_of
from newsdesk.nlp.spacy_model import parse
from newsdesk.report.markdown import to_markdown
from newsdesk.report.view import shown_date
from newsdesk.tuning import DEFAULT_TUNING

A = (
    "Deputy mayor Ilse Varga-Nord opened the new tram line in Brindell on Tuesday.\n\n"
    '"This line will carry ten thousand riders a day," Varga-Nord told reporters. '
    "The project began in 2019 after years of delay."
)
B = (
    "The tram line in Brindell opened on Tuesday, city officials said.\n\n"
    "\u201cThis line will carry 10,000 riders a day,\u201d said Ilse Varga Nord, the deputy mayor. "
    "Construction of the project began in 2019."
)
C = (
    "Brindell's tram line opened this week.\n\n"
    "\u201cWe waited far too long for this moment,\u201d said Oskar Lent, a commuter. "
    "Works on the line started in 2019, according to the council."
)


def _ctx(*texts: str, published: tuple[str | None, ...] = ()) -> StoryContext:
    arts = [Article(id=f"a{i}", text=t, published=(published[i] if i < len(published) else None)) for i, t in enumerate(texts)]
    docs = {a.id: parse(a.text) for a in arts}
    sents = [s for a in arts for s in sentences_of(a, docs[a.id])]
    return StoryContext(articles=arts, sentences=sents, embeddings=np.zeros((len(sents), 4)), docs=docs)


@pytest.fixture(scope="module")
def ctx() -> StoryContext:
    return _ctx(A, B, C, published=("2031-05-08", "2031-05-08", None))


def test_ledger_merges_wordings_across_outlets(ctx: StoryContext) -> None:
    ledger = story_quotes(ctx)
    tram = [q for q in ledger if "riders a day" in q.text]
    assert len(tram) == 1
    q = tram[0]
    assert q.sources == ("a0", "a1")
    assert len(q.variants) == 1 and "10,000" in q.variants[0] + q.text
    assert q.speaker is not None and "Varga" in q.speaker


def test_ledger_keeps_other_speakers_apart(ctx: StoryContext) -> None:
    lent = [q for q in story_quotes(ctx) if "waited far too long" in q.text]
    assert len(lent) == 1 and lent[0].sources == ("a2",)
    assert lent[0].speaker == "Oskar Lent"


def test_one_speaker_whatever_its_case_or_apostrophe() -> None:
    ledger = story_quotes(
        _ctx(
            "Economists say that rents will rise again next year. Halden\u2019s council said that "
            "the tram will run from May.",
            "Rents may fall in the spring, economists said. Halden's council said that fares will "
            "stay the same.",
        )
    )
    speakers = {q.speaker for q in ledger}
    assert "economists" in speakers and "Economists" not in speakers
    assert len({s for s in speakers if s and "council" in s}) == 1


def test_a_short_form_of_a_speaker_is_the_full_name_the_story_knows() -> None:
    ledger = story_quotes(
        _ctx(
            "The Road and Rail Union accused the company of \u201cabandoning a whole valley\u201d.",
            "Its leader, Ada Pell, spoke for the Rail Union. The union said that it would ballot "
            "members on a strike.",
        )
    )
    speakers = {q.speaker for q in ledger}
    assert speakers == {"Road and Rail Union"}, speakers


@pytest.mark.parametrize(
    ("surface", "expected"),
    [("Mr. Varga", "Ilse Varga"), ("Varga", "Ilse Varga"), ("Han Seo-yun", "Han Seo-yun"), ("Senator Ada Pell", "Ada Pell")],
)
def test_normalise_speaker(surface: str, expected: str) -> None:
    fulls = {"varga": "Ilse Varga", "=ilse varga": "Ilse Varga", "=han seo yun": "Han Seo-yun"}
    assert normalise_speaker(surface, fulls) == expected
    assert normalise_speaker("Han Seo Yun", fulls) == "Han Seo-yun"


def test_same_words_fuzzy() -> None:
    a = "this line will carry ten thousand riders a day".split()
    assert same_words(a, "this line will carry ten thousand riders each day".split())
    assert not same_words(a, "we waited far too long for this moment".split())


def test_same_words_skips_alignment_only_when_it_could_not_match() -> None:
    """The shared-word bound that spares most pairs the alignment never changes an answer."""
    import random
    from difflib import SequenceMatcher

    t = DEFAULT_TUNING.quotes

    def aligned(a: list[str], b: list[str]) -> bool:  # the two tests without the bound
        short, long_ = sorted((a, b), key=len)
        if SequenceMatcher(None, a, b, autojunk=False).ratio() >= t.same_quote:
            return True
        blocks = SequenceMatcher(None, short, long_, autojunk=False).get_matching_blocks()
        return len(short) >= t.min_overlap_words and sum(x.size for x in blocks) >= t.same_quote * len(short)

    rng = random.Random(7)
    words = "the mayor said a line will open in may and close at night".split()
    answers = set()
    for n in range(3000):
        a = rng.choices(words, k=rng.randint(1, 14))
        b = rng.sample(a, k=rng.randint(1, len(a))) + rng.choices(words, k=rng.randint(0, 6))
        if n % 3 == 0:
            rng.shuffle(b)
        answers.add(same_words(a, b))
        assert same_words(a, b) == aligned(a, b), (a, b)
    assert answers == {True, False}


def test_timeline_dates_sources_and_background(ctx: StoryContext) -> None:
    tl = story_timeline(ctx)
    dates = [e.date for e in tl if e.precision in ("day", "month", "year")]
    assert dates == sorted(dates)
    opening = [e for e in tl if e.date == "2031-05-06" and e.precision == "day"]
    assert opening and set(opening[0].sources) == {"a0", "a1"}
    assert opening[0].anchored == "published" and not opening[0].background
    start = [e for e in tl if e.date == "2019"]
    assert start and start[0].precision == "year" and start[0].background
    assert set(start[0].sources) >= {"a0", "a1"}
    for e in tl:
        assert e.event in A + B + C  # verbatim text of an article


def test_timeline_inferred_anchor_is_marked() -> None:
    tl = story_timeline(_ctx("The council met on March 3, 2030. It will vote again on Friday."))
    friday = [e for e in tl if e.date != "2030-03-03"]
    assert friday and friday[0].anchored.startswith("inferred:")
    assert friday[0].date == "2030-03-08"


def test_timeline_drops_dates_read_against_only_a_year_the_text_names() -> None:
    """An undated article whose only anchor is the latest year it names: "on Monday" read against
    1 January of that year would be made up, so only the year it states dates an event."""
    text = ("The Fenwick bakery won the town's bread prize on Monday, the judges said. "
            "It opened in 2012 beside the old mill. Last year the prize went to a baker in Ostmoor.")
    tl = story_timeline(_ctx(text))
    assert [(e.date, e.precision, e.anchored) for e in tl] == [("2012", "year", "stated")]


@pytest.mark.parametrize("undated_first", [False, True])
def test_timeline_says_which_dates_rest_on_an_inferred_anchor(undated_first: bool) -> None:
    dated = "The old swing bridge closed to traffic on Tuesday after engineers found cracks in its piers."
    undated = ("The old swing bridge closed to traffic on Tuesday after engineers found cracks in its piers. "
               "Repairs will begin on Friday. The bridge first opened in 1931.")
    texts, published = ((undated, dated), (None, "2031-05-08")) if undated_first else ((dated, undated), ("2031-05-08",))
    tl = {e.date: e for e in story_timeline(_ctx(*texts, published=published))}
    assert tl["2031-05-06"].anchored == "published" and len(tl["2031-05-06"].sources) == 2  # a dated source
    assert tl["2031-05-09"].anchored == "inferred:earliest publication date of the story's other articles"
    assert tl["1931"].anchored == "stated"


def test_time_expressions_are_found_once_per_article(monkeypatch: pytest.MonkeyPatch) -> None:
    """The claims and the timeline share one list per article (the times stage), read against the
    same anchor."""
    from newsdesk.analyse import memo
    from newsdesk.analyse.story import analyse_story
    from newsdesk.nlp import times

    calls: list[str | None] = []

    def counted(text: str, reference: str | None = None, **kw: object) -> list:
        calls.append(reference)
        return find_times(text, reference, **kw)  # type: ignore[arg-type]

    find_times = times.find_times
    monkeypatch.setattr(times, "find_times", counted)
    monkeypatch.setattr(memo, "_kept", type(memo._kept)())  # nothing kept from earlier tests
    ctx = _ctx(A, "The council met on March 3, 2030. It will vote again on Friday.", published=("2031-05-08",))
    analysis = analyse_story(ctx)
    assert calls == ["2031-05-08", "2030-03-03"]
    assert analysis.timeline and analysis.claims.claims
    again = analyse_story(ctx)  # analysed again: the same, and nothing found twice
    assert (again.timeline, again.claims.claims) == (analysis.timeline, analysis.claims.claims) and len(calls) == 2


def test_timeline_leaves_out_comparison_baselines_and_this_year() -> None:
    text = (
        "Reservoirs held 20 per cent of capacity at the end of April, compared with 45 per cent "
        "a year earlier. Farmers fear for this year's crop. "
        "The old dam burst more than two years ago. "
        "Pumps will stop on Saturday, the water board added."
    )
    tl = story_timeline(_ctx(text, published=("2031-05-08",)))  # a Thursday
    assert {e.date for e in tl} == {"2031-04", "2029", "2031-05-10"}


@pytest.mark.parametrize(
    ("date", "precision", "shown"),
    [
        ("193", "decade", "1930s"),
        ("2031-W19", "week", "week of 2031-05-05"),
        ("2031-05-06", "day", "2031-05-06"),
        ("2031-05", "month", "2031-05"),
        ("2019", "year", "2019"),
    ],
)
def test_timeline_dates_are_shown_readably(date: str, precision: str, shown: str) -> None:
    assert shown_date(TimelineEvent(date, precision, "x", ())) == shown


def test_markdown_timeline_shows_decades_and_json_keeps_timex() -> None:
    art = Article(id="a0", text="Trams first ran here in the 1930s.")
    event = TimelineEvent("193", "decade", art.text, ("a0",), True)
    d = Digest((art,), (Story(id="s1", title="Trams", articles=("a0",), timeline=(event,)),), ())
    assert "- 1930s (background): Trams first ran here in the 1930s. [1]" in to_markdown(d)
    assert d.to_dict()["stories"][0]["timeline"][0]["date"] == "193"


def _published(ctx: StoryContext, day: str) -> StoryContext:
    """``ctx`` with every article published on ``day`` (its parses and vectors kept)."""
    from dataclasses import replace

    arts = [replace(a, published=day) for a in ctx.articles]
    return StoryContext(articles=arts, sentences=ctx.sentences, embeddings=ctx.embeddings, docs=ctx.docs)


def test_timeline_keeps_sentences_that_disagree_on_a_count_apart() -> None:
    """Two wordings of one event that give different counts are two entries, each citing only the
    article that states it (they would merge on their shared words alone)."""
    tl = story_timeline(_ctx(
        "Nine climbers were hurt when the cable car stalled above Varnholm on Monday evening.",
        "At least 12 climbers were hurt when the cable car stalled above Varnholm on Monday evening.",
        published=("2031-05-08", "2031-05-08"),
    ))
    monday = {e.event: e.sources for e in tl if e.date == "2031-05-05"}
    assert monday == {
        "Nine climbers were hurt when the cable car stalled above Varnholm on Monday evening.": ("a0",),
        "At least 12 climbers were hurt when the cable car stalled above Varnholm on Monday evening.": ("a1",),
    }


def test_timeline_cites_no_article_that_contests_the_entry() -> None:
    """An article on the other side of a conflict of the story is no source of an entry stating
    one value, even through another of its sentences on that date."""
    from test_entities import story_context

    from newsdesk.analyse.conflicts import find_conflicts

    ctx = _published(story_context([
        "Nine climbers were hurt when the cable car stalled above Varnholm on Monday evening. "
        "Rescuers from Lindau reached the cabin after three hours.",
        "At least 12 climbers were hurt when the cable car stalled above Varnholm on Monday evening, "
        "rescuers said. The stalled cable car above Varnholm was carrying 40 skiers on Monday evening.",
    ]), "2031-05-08")
    conflicts = find_conflicts(ctx)
    assert [{v.value: v.sources for v in c.variants} for c in conflicts] == [{"12": ("a1",), "9": ("a0",)}]
    tl = story_timeline(ctx)  # the story's conflicts found there
    nine = [e for e in tl if e.event.startswith("Nine climbers")]
    assert len(nine) == 1 and nine[0].sources == ("a0",)
    assert all("a1" not in e.sources for e in tl if "Nine" in e.event)
    assert any(e.sources == ("a1",) and e.date == "2031-05-05" for e in tl)


def test_timeline_dates_a_month_to_come_in_a_present_quote_ahead() -> None:
    """A month named in a present-tense quote is the coming one, not last year's background."""
    text = (
        "The boatyard will shut its slipway next month. Ferdy Olsk has painted hulls there for 30 years. "
        "\u201cNow I\u2019m wondering how I pay the rent in November,\u201d he said."
    )
    tl = story_timeline(_ctx(text, published=("2031-04-20",)))
    rent = [e for e in tl if "rent" in e.event]
    assert [(e.date, e.background) for e in rent] == [("2031-11", False)]
