"""Hand labels of what a careful reader finds in ../shared/seeds, and their scoring.

Values only: speakers' names, a word or two that identifies each quote or dated
event, dates and their precision.  No sentence of the seeds is copied here.
Used by tests/test_seeds_e2e.py and printed by ``benchmarks/storycheck.py --seeds``.
"""

from __future__ import annotations

import re

from newsdesk.models import Story

# (speakers accepted, a word or two of what was said): every quote or reported statement in the
# five articles, direct or not.  Speakers match on any shared word of the name.
QUOTES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("foreign ministry",), "military parade"),
    (("Trump",), "meet Kim"),
    (("Beijing", "foreign ministry"), "regional peace"),
    (("White House",), "October"),
    (("Japan",), "anti-Japanese"),
    (("Lee",), "peaceful relations"),
    (("Lee",), "ties with Beijing"),
    (("KCNA", "Korean Central News Agency"), "maniac"),
    (("foreign ministry",), "26 foreign leaders"),
    (("Hong",), "warmly welcome"),
    (("Hong",), "Upholding"),
    (("experts",), "international profile"),
    (("Soo Kim",), "clear alignment"),
    (("Cha",), "reset ties"),
    (("Cha",), "gracious"),
    (("experts",), "Chinese aid"),
    (("Moon",), "Global South"),
    (("Hong",), "join hands"),
    (("Hong",), "at present"),
    (("KCNA", "Korean Central News Agency"), "invitation"),
    (("Chong",), "the strength"),
    (("Chong",), "bully"),
    (("Loh",), "Moscow"),
    (("Loh",), "still unfold"),
    (("Loh",), "pulling power"),
    (("Hong",), "traditional friendship"),
    (("Hong",), "willing to continue"),
    (("analysts",), "reluctance"),
    (("state media",), "troop deployment"),
    (("Russian media",), "Tiananmen"),
    (("Kremlin",), "left"),
    (("analysts",), "train"),
    (("experts",), "mend ties"),
    (("Lim",), "solidarity"),
    (("Hindustan Times",), "97%"),
    (("reports",), "supplying troops"),
    (("Newsday",), "re-engage"),
)

# (date, precision, a word or two of the sentence): every dated event a reader can place.
# Dates relative to an undated article are placed from the story's other articles (28 August
# 2025, a Thursday); "this week" / "next week" are ISO weeks.
TIMELINE: tuple[tuple[str, str, str], ...] = (
    ("2025-09-03", "day", "September 3"),
    ("2025-08-28", "day", "Thursday"),
    ("2025-08-28", "day", "today"),
    ("2025-08-27", "day", "yesterday"),
    ("2025-08-25", "day", "Monday"),
    ("2025-06", "month", "June"),
    ("2025-10", "month", "October"),
    ("2025-W35", "week", "this week"),
    ("2025-W36", "week", "next week"),
    ("2024-08-28", "day", "August 28"),
    ("2024-04", "month", "April"),
    ("2024", "year", "last year"),
    ("2023-09", "month", "September 2023"),
    ("2023", "year", "2023"),
    ("2019-01", "month", "January 2019"),
    ("2019", "year", "2019"),
    ("2019", "year", "six years"),
    ("2018-03", "month", "March 2018"),
    ("2018", "year", "2018"),
    ("2015", "year", "2015"),
    ("2011", "year", "2011"),
    ("2011", "year", "14 years"),
    ("1959", "year", "1959"),
    ("1945", "year", "eighty years"),
    ("195", "decade", "1950s"),
    ("193", "decade", "1930s"),
    ("194", "decade", "1940s"),
)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def _has(text: str, cue: str) -> bool:
    return cue.lower() in text.lower().replace("\u2019", "'")


def _speaker_ok(speaker: str | None, accepted: tuple[str, ...]) -> bool:
    return bool(speaker) and any(_words(speaker or "") & _words(a) for a in accepted)


def _pr(right: int, predicted: int, found: int, gold: int) -> dict[str, float]:
    return {
        "precision": round(right / predicted, 3) if predicted else 1.0,
        "recall": round(found / gold, 3) if gold else 1.0,
        "predicted": predicted,
        "gold": gold,
    }


def score_quotes(story: Story) -> dict[str, float]:
    """A quote is right when its words hold a label's cue and its speaker shares a word with it."""

    def right(q, label) -> bool:  # type: ignore[no-untyped-def]
        return _has(q.text, label[1]) and _speaker_ok(q.speaker, label[0])

    got = sum(any(right(q, lab) for lab in QUOTES) for q in story.quotes)
    found = sum(any(right(q, lab) for q in story.quotes) for lab in QUOTES)
    return _pr(got, len(story.quotes), found, len(QUOTES))


def score_timeline(story: Story) -> dict[str, float]:
    """An event is right when its date is a label's date and its sentence holds that label's cue."""

    def right(e, label) -> bool:  # type: ignore[no-untyped-def]
        return e.date == label[0] and _has(e.event, label[2])

    got = sum(any(right(e, lab) for lab in TIMELINE) for e in story.timeline)
    found = sum(any(right(e, lab) for e in story.timeline) for lab in TIMELINE)
    return _pr(got, len(story.timeline), found, len(TIMELINE))
