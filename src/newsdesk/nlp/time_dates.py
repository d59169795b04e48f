"""TIMEX3 values of calendar days: a rule match's groups + anchor -> 2031-09-04, 2031-09, 2031-09-04T19:30.

Month-day dates take the year nearest the document date that the tense of
their clause allows (``year_of``); weekdays and clock times read their day off
the document date or the day in focus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsdesk.nlp.time_context import Anchor
from newsdesk.nlp.time_rules import HOLIDAYS, NUMBERS, PARTS_OF_DAY, SEASONS
from newsdesk.vocab import MONTHS, WEEKDAYS

Groups = dict[str, str | None]
Normaliser = Callable[[Groups, Anchor], str | None]


def group(g: Groups, key: str) -> str:
    """A named group of the match, "" when it did not take part."""
    return g.get(key) or ""


# ---- calendar dates ----


def month_of(g: Groups) -> int:
    """The month number of a match, from its month name or its month figure."""
    return MONTHS[group(g, "month").rstrip(".")] if g.get("month") else int(group(g, "mnum"))


def ymd(y: int, mo: int, d: int) -> str:
    """An ISO date (ValueError for a day that does not exist)."""
    return date(y, mo, d).isoformat()


def year_of(anchor: Anchor, mo: int, d: int | None) -> int:
    """The year of a month(-day) given without one: the nearest to the document date.

    A future clause takes the first one not over by the document date, a past
    clause rules out the year after (past cues are rough, so they only narrow the
    choice: "agreed in January" may well be a plan for the January to come), a
    present clause with neither rules out one most of a year back.
    """
    a = anchor.dct

    def near(years: tuple[int, ...]) -> int:
        return min(years, key=lambda y: abs((date(y, mo, d or 15) - a).days))

    if anchor.future and not anchor.past:
        # a future clause: the first such month (day) not over a week before the document date
        # (a text is often filed days after it was written: "voting starts May 3" on May 4)
        last = d or (date(a.year + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)).day
        over = date(a.year, mo, last) < a - timedelta(days=anchor.tuning.future_grace_days)
        return a.year + 1 if over else a.year
    if anchor.past and not anchor.future:
        # a past clause may still name a date shortly ahead (a past cue is often the report
        # of a plan: "said the vote is Nov. 20"), never one most of a year ahead
        ahead = (date(a.year, mo, d or 15) - a).days
        return a.year - 1 if ahead > anchor.tuning.past_horizon_days else near((a.year - 1, a.year))
    if anchor.present:
        # a present clause speaks of a month now, just gone or to come ("I'm wondering how I pay
        # the rent in October"), never of one most of a year back
        horizon = anchor.tuning.present_horizon_days
        return near(tuple(y for y in (a.year - 1, a.year, a.year + 1) if (a - date(y, mo, d or 15)).days <= horizon))
    return near((a.year - 1, a.year, a.year + 1))


def _full_date(g: Groups, a: Anchor) -> str:
    y = int(group(g, "year"))
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    return ymd(y, month_of(g), int(group(g, "day")))


def _month_day(g: Groups, a: Anchor) -> str:
    mo, d = month_of(g), int(group(g, "day"))
    return ymd(year_of(a, mo, d), mo, d)


def _week_of(g: Groups, a: Anchor) -> str:
    """ "the week of May 6": the ISO week holding that day."""
    mo, d = month_of(g), int(group(g, "day"))
    y, w, _ = date(year_of(a, mo, d), mo, d).isocalendar()
    return f"{y:04d}-W{w:02d}"


def _and_day(g: Groups, a: Anchor) -> str | None:
    """ "5" in "May 4 and 5": that day of the month just named."""
    if a.focus_day is None:
        return None
    return a.focus_day.replace(day=int(group(g, "day"))).isoformat()


def _month_year(g: Groups, a: Anchor) -> str:
    return f"{int(group(g, 'year')):04d}-{month_of(g):02d}"


def _month_rel_year(g: Groups, a: Anchor) -> str:
    shift = {"last": -1, "next": 1}.get(group(g, "rel"), 0)
    return f"{a.dct.year + shift:04d}-{month_of(g):02d}"


def _month_day_rel_year(g: Groups, a: Anchor) -> str:
    shift = {"last": -1, "next": 1}.get(group(g, "rel"), 0)
    return ymd(a.dct.year + shift, month_of(g), int(group(g, "day")))


def _rel_month_day(g: Groups, a: Anchor) -> str:
    """ "last Nov. 2": the latest such day before the document date; "next" the first after it."""
    mo, d, rel, now = month_of(g), int(group(g, "day")), group(g, "rel"), a.dct
    y = now.year
    if rel == "last" and date(y, mo, d) >= now:
        y -= 1
    elif rel == "next" and date(y, mo, d) <= now:
        y += 1
    return ymd(y, mo, d)


def _month_only(g: Groups, a: Anchor) -> str:
    mo, rel, now = month_of(g), g.get("rel"), a.dct
    if rel == "last":
        # the month just before the document's (same year) is "last month": named, a year back
        y = now.year if mo < now.month - 1 else now.year - 1
    elif rel == "next":
        y = now.year if mo > now.month else now.year + 1
    elif rel == "this":
        y = now.year
    else:
        y = year_of(a, mo, None)
    return f"{y:04d}-{mo:02d}"


def _iso(g: Groups, a: Anchor) -> str:
    return ymd(int(group(g, "year")), int(group(g, "mnum")), int(group(g, "day")))


def _year(g: Groups, a: Anchor) -> str:
    return group(g, "year")


def spelled_year(words: str) -> int:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001, "nineteen oh five" -> 1905."""
    parts = [w for w in re.split(r"[\s-]+", words.lower()) if w not in ("and", "")]
    if parts[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBERS[w] for w in parts[2:])
    century, rest = NUMBERS[parts[0]] * 100, parts[1:]
    if rest == ["hundred"]:
        return century
    return century + sum(NUMBERS.get(w, 0) for w in rest)


def _spelled_year(g: Groups, a: Anchor) -> str:
    y = spelled_year(group(g, "syear"))
    if g.get("month"):
        return f"{y:04d}-{month_of(g):02d}"
    if g.get("season"):
        return f"{y:04d}-{SEASONS[group(g, 'season')]}"
    return f"{y:04d}"


def _weekday_date(g: Groups, a: Anchor) -> str:
    """ "Monday, Oct. 26": the month and day decide; the weekday only confirms."""
    if g.get("year"):
        return _full_date(g, a)
    return _month_day(g, a)


def _holiday(g: Groups, a: Anchor) -> str:
    word = group(g, "word")
    if word.startswith("thanksgiving"):
        y = year_of(a, 11, 25)
        first = date(y, 11, 1)
        return (first + timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat()
    if word.startswith("election"):
        # US general elections: the Tuesday after the first Monday of November
        first = date(year_of(a, 11, 5), 11, 2)
        return (first + timedelta(days=(1 - first.weekday()) % 7)).isoformat()
    mo, d = HOLIDAYS[word]
    return ymd(year_of(a, mo, d), mo, d)


# ---- weekdays and times of day ----


def weekday_date(g: Groups, a: Anchor) -> date:
    """The date of a weekday name: "next"/future clause forward, else the latest one (today included)."""
    wd, rel, now = WEEKDAYS[group(g, "weekday")], g.get("rel"), a.dct
    if rel and rel.endswith("coming"):
        rel = "next"  # "this coming Sunday": the first one after the document date
    if rel == "next" or (rel not in ("last", "previous") and a.future):
        delta = (wd - now.weekday()) % 7 or (7 if rel == "next" else 0)
        return now + timedelta(days=delta)
    back = (now.weekday() - wd) % 7
    if rel == "previous" and a.focus_day is not None:
        back = (a.focus_day.weekday() - wd) % 7 or 7
        return a.focus_day - timedelta(days=back)
    if rel == "last" and back == 0:
        back = 7
    return now - timedelta(days=back)


def _weekday(g: Groups, a: Anchor) -> str:
    return weekday_date(g, a).isoformat()


def _weekday_part(g: Groups, a: Anchor) -> str:
    """ "Friday night": the day (news annotators value the day a weekday names, not its part);
    "Friday evening", which names no other day, is the day's evening."""
    day = weekday_date(g, a).isoformat()
    return day + "TEV" if g.get("part") == "evening" else day


def _day_of(g: Groups, a: Anchor) -> date:
    """The day a clock time belongs to: a named day in the match, else the day in focus, else the DCT."""
    if g.get("weekday"):
        return weekday_date(g, a)
    if g.get("month"):
        mo, d = month_of(g), int(group(g, "day"))
        return date(year_of(a, mo, d), mo, d)
    if g.get("dword"):
        return a.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(group(g, "dword"), 0))
    return a.focus_day or a.dct


def _day_before(g: Groups, a: Anchor) -> str:
    """ "the day before last Tuesday": the named day, one day back (or on)."""
    return (_day_of(g, a) + timedelta(days=1 if g.get("dir") == "after" else -1)).isoformat()


def _clock(g: Groups, a: Anchor) -> str:
    day = _day_of(g, a).isoformat()
    if g.get("word"):
        return day + ("T24:00" if g["word"] == "midnight" else "T12:00")
    h, mi = int(group(g, "hour")), int(g.get("minute") or 0)
    ampm = group(g, "ampm").replace(".", "")
    if (
        ampm == "pm"
        and h < 12
        or (ampm == "" and g.get("part") in ("afternoon", "evening", "night") and h < 12)
    ):
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    return f"{day}T{h:02d}:{mi:02d}"


def _deictic(g: Groups, a: Anchor) -> str:
    word = group(g, "word")
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    if word == "last" and g.get("part") == "night":
        shift = -1
    day = (a.dct + timedelta(days=shift)).isoformat()
    part = "night" if word == "tonight" else g.get("part")
    return day + "T" + PARTS_OF_DAY[part] if part else day


DATES: dict[str, Normaliser] = {
    "iso_date": _iso,
    "slash_date": _full_date,
    "month_day_year": _full_date,
    "day_month_year": _full_date,
    "month_day": _month_day,
    "rel_month_day": _rel_month_day,
    "week_of": _week_of,
    "and_day": _and_day,
    "day_before": _day_before,
    "one_day_ref": lambda g, a: "FUTURE_REF",
    "day_month": _month_day,
    "weekday_part": _weekday_part,
    "month_year": _month_year,
    "month_rel_year": _month_rel_year,
    "month_day_rel_year": _month_day_rel_year,
    "weekday_date": _weekday_date,
    "spelled_year": _spelled_year,
    "rel_month": _month_only,
    "month": _month_only,
    "rel_weekday": _weekday,
    "weekday": _weekday,
    "clock_day": _clock,
    "time_ampm": _clock,
    "time_24": _clock,
    "clock_part": _clock,
    "time_colon": _clock,
    "noon": _clock,
    "deictic_part": _deictic,
    "year": _year,
    "holiday": _holiday,
    "nth_day": lambda g, a: a.dct.isoformat(),
}
