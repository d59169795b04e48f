"""Extractive briefs: verbatim, cited by every outlet stating the fact, plain, within budget; ROUGE floor on Multi-News."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from newsdesk.brief import BriefParams, make_brief
from newsdesk.briefable import (
    FILL,
    LAST_RESORT,
    SpeakerNeed,
    briefable_spans,
    introduces,
    is_briefable,
    span_text,
    speaker_need,
    story_surnames,
)
from newsdesk.nlp.embed import default_embedder
from test_align import make_context

ROOT = Path(__file__).resolve().parents[1]

A = (
    "Floodwater forced the evacuation of 300 residents from the riverside district of Tallow on Friday. "
    "The river rose two metres overnight after three days of heavy rain. "
    "Emergency crews used boats to reach families trapped on upper floors. "
    "Is this the worst flood the town has ever seen? "
    "Read more: our full coverage of the storms this week."
)
B = (
    "About 300 residents of Tallow's riverside district were evacuated on Friday as floodwater rose. "
    "After three days of heavy rain, the river rose two metres overnight. "
    "I have lived here for forty years and I have never seen anything like it, our columnist writes. "
    "The regional council opened two school halls as emergency shelters."
)
C = (
    "SHOCKING scenes as the river swamps Tallow and 300 people flee their homes on Friday! "
    "Floodwater forced 300 residents of the riverside district of Tallow to leave their homes on Friday. "
    "The river rose by two metres overnight following three days of heavy rain. "
    "Forecasters expect the water to fall slowly over the weekend."
)


@pytest.fixture(scope="module")
def ctx():  # type: ignore[no-untyped-def]
    return make_context([A, B, C], embedder=default_embedder())


def test_brief_is_verbatim_and_within_budget(ctx) -> None:  # type: ignore[no-untyped-def]
    brief = make_brief(ctx, words=60)
    assert brief
    assert sum(len(b.text.split()) for b in brief) <= 60
    for b in brief:
        c = b.citation
        assert c is not None and ctx.article(c.article_id).text[c.start : c.end] == b.text
        assert b.sources[0] == c.article_id and len(set(b.sources)) == len(b.sources)


def test_widely_reported_fact_cites_every_outlet(ctx) -> None:  # type: ignore[no-untyped-def]
    brief = make_brief(ctx, words=200)
    rose = [b for b in brief if "two metres" in b.text]
    assert len(rose) == 1, [b.text for b in brief]  # stated three times, told once
    assert set(rose[0].sources) == {a.id for a in ctx.articles}


def test_no_chrome_questions_asides_or_sensational_wording(ctx) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(b.text for b in make_brief(ctx, words=200))
    for bad in ("Read more", "worst flood", "columnist", "SHOCKING"):
        assert bad not in text


def test_order_follows_the_articles(ctx) -> None:  # type: ignore[no-untyped-def]
    brief = make_brief(ctx, words=200)
    assert "evacuat" in brief[0].text or "leave their homes" in brief[0].text


def test_empty_and_tiny_budgets() -> None:
    ctx = make_context(["Too short. Hi there."])
    assert make_brief(ctx, words=200) == ()
    assert make_brief(make_context([A]), words=3) == ()


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("The council approved the budget for next year on Monday.", True),
        ("Will the council approve the budget for next year?", False),
        ("READ MORE ABOUT THE COUNCIL BUDGET AND THE VOTE HERE TODAY.", False),
        ('The mayor said "we will not raise taxes this year.', False),
        ("I think the council got this budget badly wrong again.", False),
        ('"We will not raise taxes," the mayor told reporters on Monday.', True),
        ("Click here to sign up for our daily newsletter today.", False),
        ("Officials said.", False),
        ("This marks the first time the council has cut the budget.", False),
        ("He said the council would cut the budget next year.", False),
    ],
)
def test_is_briefable(text: str, ok: bool) -> None:
    assert is_briefable(text) is ok


@pytest.mark.parametrize(
    ("text", "fill", "last"),
    [
        ("He said the council would cut the budget next year.", True, True),
        ("Will the council approve the budget for next year?", False, True),
        ("I think the council got this budget badly wrong again.", False, True),
        ("Click here to sign up for our daily newsletter today.", False, False),
        ("Officials said.", False, False),
        ('The mayor said "we will not raise taxes this year.', False, False),
        ("18 councillors voted for the budget on Monday night.", True, True),
        ("2. Stir the sauce for ten minutes until it thickens.", False, False),
    ],
)
def test_fill_and_last_resort_levels(text: str, fill: bool, last: bool) -> None:
    assert (is_briefable(text, level=FILL), is_briefable(text, level=LAST_RESORT)) == (fill, last)


LEANING = (
    "The Tallow ferry will stop running in March after forty years of service. "
    "It carried more than a million passengers across the estuary. "
    "Its last crossing is planned for the morning of the first Sunday of the month."
)


def test_a_brief_fills_its_budget_before_it_stops_and_is_never_empty_when_it_can_say_something() -> None:
    plain_only = make_brief(make_context([LEANING]), words=13)
    assert [b.text for b in plain_only] == ["The Tallow ferry will stop running in March after forty years of service."]
    filled = make_brief(make_context([LEANING]), words=200)
    assert len(filled) == 3 and filled[0].text.startswith("The Tallow ferry")  # the leaning ones come after
    asked = make_brief(make_context(["Is the Tallow ferry the oldest one still running in the north?"]), words=50)
    assert [b.text for b in asked] == ["Is the Tallow ferry the oldest one still running in the north?"]


QUOTED = (
    "The ferry operator suspended all crossings to Marrow Island on Sunday after a crack was found in "
    "the hull of its only vessel. "
    "\u201cWe will not take any risks with our passengers. The ship stays in port until the inspectors "
    "have finished their work,\u201d the operator\u2019s director, Ilse Varga, told reporters. "
    "Islanders rely on the crossing for food, fuel and hospital visits."
)


def test_a_quotation_of_several_sentences_is_one_unit_shown_whole() -> None:
    ctx = make_context([QUOTED])
    spans = briefable_spans(ctx)
    opener = next(i for i, s in enumerate(ctx.sentences) if s.text.startswith("\u201cWe will"))
    assert len(spans[opener]) == 2
    shown = span_text(ctx, spans[opener])
    assert shown.startswith("\u201cWe will") and shown.endswith("told reporters.")
    inside = next(i for i, s in enumerate(ctx.sentences) if s.text.startswith("The ship stays"))
    assert inside not in spans  # the quotation's second sentence is never shown without its opening
    brief = make_brief(ctx, words=200)
    quoted = [b for b in brief if "stays in port" in b.text]
    assert quoted and quoted[0].text.startswith("\u201cWe will")
    c = quoted[0].citation
    assert c is not None and ctx.article(c.article_id).text[c.start : c.end] == quoted[0].text


def test_no_unit_starts_inside_a_quotation() -> None:
    three = (
        "The ferry operator suspended all crossings to Marrow Island on Sunday after a crack was found. "
        "\u201cWe will not take any risks with our passengers. The ship stays in port for now. It sails again "
        "when the inspectors have finished,\u201d the director, Ilse Varga, told reporters on the quay. "
        "Islanders rely on the crossing for food, fuel and hospital visits."
    )
    straight = (
        'The ferry operator suspended all crossings to Marrow Island on Sunday after a crack was found. '
        '"We will not take any risks. The ship stays in port until the inspectors finish," the director told '
        'reporters on the quay. "It is a sad day for the island. We know how much people rely on us," she added. '
        'Islanders rely on the crossing for food, fuel and hospital visits.'
    )
    for text in (three, straight):
        ctx = make_context([text])
        spans = briefable_spans(ctx)
        for rows in spans.values():
            shown = span_text(ctx, rows)
            assert not shown.startswith(("The ship", "It sails", "It is a sad")), shown
            assert shown.count('"') % 2 == 0 and shown.count("\u201c") == shown.count("\u201d"), shown
        assert any(span_text(ctx, r).startswith(("\u201cWe will", '"We will')) for r in spans.values())


def test_an_unclosed_quotation_is_never_shown() -> None:
    ctx = make_context([QUOTED.replace("work,\u201d", "work,")])
    brief = make_brief(ctx, words=200)
    assert brief and not any("We will" in b.text for b in brief)


def _benchmark():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("briefs_benchmark", ROOT / "benchmarks" / "briefs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_rouge_beats_lead_and_centroid_on_a_multinews_slice(shared: Path) -> None:
    """12 held-out (odd-id) clusters: newsdesk 50.2 ROUGE-1 here, Lead 46.5, centroid/MMR 45.4; the briefs
    benchmark runs all 250."""
    pytest.importorskip("rouge_score")
    bench = _benchmark()
    rows = bench.load_clusters(shared / "data" / "multinews" / "dev.jsonl")[1:25:2]
    embedder = default_embedder()
    ours, lead, centroid = [], [], []
    for r in rows:
        ctx = bench.story_context(bench.cluster_articles(r["documents"]), embedder)
        ours.append(bench.rouge(bench.newsdesk_brief(BriefParams())(ctx, 260), r["summary"])[0])
        lead.append(bench.rouge(bench.lead(ctx, 260), r["summary"])[0])
        centroid.append(bench.rouge(bench.centroid_mmr(ctx, 260), r["summary"])[0])
    mean = sum(ours) / len(ours)
    assert mean >= 49.0
    assert mean >= max(sum(lead), sum(centroid)) / len(rows) + 3.0


def test_a_fill_shows_the_member_of_a_fact_group_that_fits_what_is_left() -> None:
    head = "The harbour board voted on Monday to close the Tallow ferry route for good."
    long = "It carried more than a million passengers across the estuary in its forty years of service on the busy route."
    short = "It carried over a million passengers across the estuary."
    ctx = make_context([f"{head} {long}", f"{head} {short}", f"{head} {long}"], embedder=default_embedder())
    assert [b.text for b in make_brief(ctx, words=40)] == [head, long]  # the group's representative
    assert [b.text for b in make_brief(ctx, words=24)] == [head, short]  # 10 words left: its short member


@pytest.mark.parametrize(
    ("text", "unattributed", "pronoun", "surnames"),
    [
        ("\u201cThe pier will stay shut until the divers have finished.\u201d", True, False, ()),
        ('"We had no warning at all," she said.', False, True, ()),
        ('"We had no warning at all," he told reporters on the quay.', False, True, ()),
        ('"We had no warning at all," Varga said.', False, False, ("Varga",)),
        ('"We had no warning at all," said Mrs Varga.', False, False, ("Varga",)),
        ('"We had no warning at all," said Ilse Varga, the ferry director.', False, False, ()),
        ('"We had no warning at all," the ferry director said.', False, False, ()),
        ("Varga later told the council that the pier would reopen in May.", False, False, ("Varga",)),
        ("The union accused the board of \u201cgambling with lives\u201d on Monday.", False, False, ()),
        ("The harbour board said Thursday it would pay for the repairs.", False, False, ()),
        ("The pier, which they say is unsafe, was closed on Monday.", False, False, ()),
        ("The pier was closed on Monday after a crack was found.", False, False, ()),
    ],
)
def test_speaker_need(text: str, unattributed: bool, pronoun: bool, surnames: tuple[str, ...]) -> None:
    assert speaker_need(text) == SpeakerNeed(unattributed, pronoun, surnames)


def test_a_full_name_introduces_its_surname() -> None:
    assert introduces("The ferry director, Ilse Varga, closed the pier.", "Varga")
    assert introduces("Director Ilse Varga closed the pier.", "Varga")
    assert not introduces("Mrs Varga closed the pier.", "Varga")
    assert not introduces("Varga closed the pier.", "Varga")


PIER = (
    "The harbour board closed the Tallow pier on Monday after divers found a crack in one of its piles. "
    "The ferry director, Ilse Varga, said the crack was found during a routine inspection. "
    "\u201cThe pier will stay shut until the divers have finished their survey of every pile.\u201d "
    "Ferries to the island will leave from the fish quay until the repairs are done. "
    "\u201cWe hope to reopen the pier before the summer timetable starts in May,\u201d Varga said."
)
QUAY = (
    "Divers began a survey of every pile of the Tallow pier on Tuesday morning. "
    "Engineers from the county council will decide next month how the damaged pile is to be repaired. "
    "Fishing boats have been told to moor at the outer harbour wall for the rest of the month."
)


def test_a_bare_quotation_comes_right_after_the_line_it_follows_in_its_article() -> None:
    ctx = make_context([PIER, QUAY], embedder=default_embedder())
    brief = [b.text for b in make_brief(ctx, words=200)]
    bare = next(k for k, t in enumerate(brief) if t.startswith("\u201cThe pier will"))
    assert brief[bare - 1].startswith("The ferry director, Ilse Varga"), brief


def test_a_surname_alone_is_shown_only_after_the_full_name() -> None:
    brief = [b.text for b in make_brief(make_context([PIER]), words=200)]
    named = next(k for k, t in enumerate(brief) if "Ilse Varga" in t)
    assert any(t.endswith("Varga said.") for t in brief[named:]), brief
    unnamed = PIER.replace("The ferry director, Ilse Varga, said the crack was found during a routine inspection.",
                           "Was the crack, asks the ferry director Ilse Varga, found by a routine inspection?")  # never shown
    brief = [b.text for b in make_brief(make_context([unnamed, QUAY]), words=200)]
    assert brief and not any("Varga said" in t for t in brief), brief


def test_story_surnames_are_names_written_alone_inside_a_sentence() -> None:
    ctx = make_context([
        "Fenby Police closed the lane on Monday. Police urged drivers to use the ring road. "
        "The ferry director, Ilse Varga, said the lane would reopen soon. \u201cWe are nearly done,\u201d Varga said."
    ])
    assert story_surnames(ctx) == frozenset({"Varga"})
