"""Hand labels of what a careful reader finds in ../shared/seeds, and their scoring.

Values only: names (of entities and speakers), a word or two that identifies each quote, dated
event or corroborated fact, dates, counts and file numbers (the seeds' first three digits).
No sentence of the seeds is copied here.
Used by tests/test_seeds_e2e.py and printed by ``benchmarks/storycheck.py --seeds``.
"""

from __future__ import annotations

import re
from pathlib import Path

from newsdesk.models import Digest, Story

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
    (("Yahoo News",), "no officials"),
    (("research",), "secret"),
    (("Kim",), "Cold War"),  # partial quotes in single marks
    (("Kim",), "anti-US"),
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

# (canonical name, type, other names a reader accepts): every named entity a careful reader finds
# in the five articles' bodies.  Nationality adjectives ("Chinese") and titles are not entities;
# bylines are metadata.  Names compare without case, hyphens or punctuation ("Kim Jong-un").
ENTITIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Kim Jong Un", "PERSON", ("Kim",)),
    ("Xi Jinping", "PERSON", ("Xi",)),
    ("Vladimir Putin", "PERSON", ("Putin",)),
    ("Donald Trump", "PERSON", ("Trump",)),
    ("Lee Jae Myung", "PERSON", ("Lee",)),
    ("Yoon Suk-yeol", "PERSON", ("Yoon",)),
    ("Choe Ryong-hae", "PERSON", ()),
    ("Hong Lei", "PERSON", ("Hong",)),
    ("Soo Kim", "PERSON", ()),
    ("Victor Cha", "PERSON", ("Cha",)),
    ("Moon Seong Mook", "PERSON", ("Moon",)),
    ("Masoud Pezeshkian", "PERSON", ("Pezeshkian",)),
    ("Chong Ja Ian", "PERSON", ("Chong",)),
    ("Dylan Loh", "PERSON", ("Loh",)),
    ("Zhao Leji", "PERSON", ()),
    ("Kim Il-sung", "PERSON", ()),
    ("Lim Eul-chul", "PERSON", ("Lim",)),
    ("China", "GPE", ()),
    ("North Korea", "GPE", ("DPRK",)),
    ("South Korea", "GPE", ()),
    ("Beijing", "GPE", ()),
    ("Pyongyang", "GPE", ()),
    ("Russia", "GPE", ()),
    ("United States", "GPE", ("US", "U.S.", "America")),
    ("Japan", "GPE", ()),
    ("Ukraine", "GPE", ()),
    ("Belarus", "GPE", ()),
    ("Iran", "GPE", ()),
    ("Moscow", "GPE", ()),
    ("Seoul", "GPE", ()),
    ("Washington", "GPE", ()),
    ("Korean Peninsula", "LOC", ()),
    ("Global South", "LOC", ()),
    ("Tiananmen Square", "FAC", ("Tiananmen",)),
    ("Oval Office", "FAC", ()),
    ("White House", "ORG", ()),
    ("Korean Central News Agency", "ORG", ("KCNA",)),
    ("Communist Party of China", "ORG", ("Communist Party", "Chinese Communist Party", "CPC")),
    ("Workers' Party", "ORG", ("Workers' Party of Korea",)),
    ("CIA", "ORG", ("Central Intelligence Agency",)),
    ("CSIS", "ORG", ("Center for Strategic and International Studies",)),
    ("National University of Singapore", "ORG", ("NUS",)),
    ("Nanyang Technological University", "ORG", ("NTU",)),
    ("Kyungnam University", "ORG", ()),
    ("Institute for Far Eastern Studies", "ORG", ()),
    ("Chinese Embassy", "ORG", ()),
    ("Kremlin", "ORG", ()),
    ("AFP", "ORG", ("Agence France-Presse",)),
    ("Hindustan Times", "ORG", ()),
    ("Yahoo News", "ORG", ()),
    ("Newsday", "ORG", ()),
    ("World War II", "EVENT", ("World War Two", "WWII", "Second World War")),
    ("Victory Day", "EVENT", ()),
    ("Korean War", "EVENT", ()),
    ("Cold War", "EVENT", ()),
    ("SCO Summit", "EVENT", ("SCO",)),
    ("Chammae-1", "PRODUCT", ()),
)

# (cues, count, files): the facts two or more of the five articles state, paraphrases included
# ("first visit in six years" = "last visited in January 2019"), with the number of independent
# outlets stating each (the five are five outlets; 002 is the AFP wire story, reprinted by none of
# the others, so count = files) and which files (first three digits of the seed) state it.  A
# claim states a fact when its text holds one of the cues (a word or two each).
ALL = ("000", "001", "002", "003", "004")
FACTS: tuple[tuple[tuple[str, ...], int, tuple[str, ...]], ...] = (
    (("military parade",), 5, ALL),
    (("80th", "eighty years", "80 years"), 5, ALL),
    (("Putin",), 5, ALL),
    (("Japan", "resistance"), 4, ("000", "001", "002", "004")),
    (("six years", "2019"), 4, ("000", "001", "002", "004")),
    (("September 3",), 3, ("001", "003", "004")),
    (("26",), 3, ("000", "001", "004")),
    (("Tiananmen",), 3, ("000", "002", "003")),
    (("multilateral", "international level"), 3, ("000", "001", "003")),
    (("2011", "14 years"), 3, ("001", "003", "004")),
    (("foreign ministry", "press conference", "Foreign Affairs"), 3, ("000", "001", "002")),
    (("traditional friendship",), 3, ("000", "001", "002")),
    (("engage",), 3, ("000", "003", "004")),
    (("diplomacy", "meet Kim", "interest", "peaceful relations"), 3, ("000", "003", "004")),
    (("reset ties", "mend ties", "strengthen ties"), 3, ("001", "003", "004")),
    (("surveyed", "inspecting"), 2, ("000", "002")),
    (("latest",), 2, ("000", "002")),
    (("2015",), 2, ("000", "002")),
    (("2018",), 2, ("000", "004")),
    (("confirmed",), 2, ("002", "004")),
    (("invit",), 2, ("002", "004")),
    (("regional peace",), 2, ("000", "002")),
    (("97%",), 2, ("001", "004")),
    (("troops",), 2, ("003", "004")),
    (("Western",), 2, ("000", "004")),
    (("Oval Office", "Washington"), 2, ("000", "003")),
    (("Iran",), 2, ("000", "002")),
    (("allies", "ally"), 2, ("000", "002")),
    (("summits",), 2, ("003", "004")),
    (("Moscow",), 2, ("002", "003")),
    (("strong", "strength", "close ties"), 2, ("002", "004")),
)

# (slot, variants: (names accepted, files)): the articles disagree on who is South Korea's
# president.  Other differences (this week / next week, by each article's own date) agree.
CONFLICTS: tuple[tuple[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]], ...] = (
    ("person", ((("Lee Jae Myung", "Lee"), ("000",)), (("Yoon Suk-yeol", "Yoon"), ("003",)))),
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


def seed_files(digest: Digest) -> dict[str, str]:
    """Article id -> the seed's file number ("000" ... "004")."""
    return {a.id: Path(a.path).name[:3] for a in digest.articles if a.path}


def _names(*names: str) -> set[str]:
    return {" ".join(re.findall(r"\w+", n.lower().replace("'", ""))) for n in names}


def score_entities(story: Story) -> dict[str, float]:
    """An entity is right when its name or an alias is a labelled entity's name or alias; a second
    entry for an entity already listed is a split, and wrong."""
    gold = [_names(name, *aliases) for name, _, aliases in ENTITIES]
    claimed: set[int] = set()
    got = 0
    for e in story.entities:
        names = _names(e.name, *e.aliases)
        hit = next((k for k, g in enumerate(gold) if g & names and k not in claimed), None)
        if hit is not None:
            claimed.add(hit)
            got += 1
    return _pr(got, len(story.entities), len(claimed), len(gold))


def _states(text: str, cues: tuple[str, ...]) -> bool:
    return any(_has(text, cue) for cue in cues)


def score_corroboration(story: Story, files: dict[str, str]) -> dict[str, float]:
    """Claims of two or more independent outlets are right when they state a labelled fact and every
    source states it; a fact is found when a claim states it with exactly its files and count."""
    claims = [({files[i] for i in c.sources}, c.independent_sources, c.text) for c in story.claims]
    multi = [c for c in claims if c[1] >= 2]
    got = sum(
        any(_states(text, cues) and srcs <= set(fs) for cues, _, fs in FACTS) for srcs, _, text in multi
    )
    found = sum(
        any(_states(text, cues) and srcs == set(fs) and n == count for srcs, n, text in claims)
        for cues, count, fs in FACTS
    )
    return _pr(got, len(multi), found, len(FACTS))


def score_conflicts(story: Story, files: dict[str, str]) -> dict[str, float]:
    """A conflict is right when its slot and each of its variants (value and sources) are a label's."""

    def right(c, label) -> bool:  # type: ignore[no-untyped-def]
        slot, variants = label
        if c.slot != slot or len(c.variants) != len(variants):
            return False
        return all(
            any(_names(v.value) & _names(*names) and {files[i] for i in v.sources} == set(fs) for v in c.variants)
            for names, fs in variants
        )

    got = sum(any(right(c, lab) for lab in CONFLICTS) for c in story.conflicts)
    found = sum(any(right(c, lab) for c in story.conflicts) for lab in CONFLICTS)
    return _pr(got, len(story.conflicts), found, len(CONFLICTS))
