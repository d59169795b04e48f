"""TIMEX3 values of periods: a rule match's groups + anchor -> 2031-Q3, 2031-H1, 2031-SU, 203, 2031-W37.

Quarters, halves, seasons, decades and centuries, and periods relative to the
document date ("last year", "three weeks ago") or to the period in focus
("that year", "a year earlier", "the following quarter").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsdesk.nlp.time_context import Anchor, shift_years
from newsdesk.nlp.time_dates import Groups, Normaliser, group
from newsdesk.nlp.time_durations import duration, number_of, unit_of
from newsdesk.nlp.time_rules import HALVES, NUMBERS, ORDINALS, SEASON_START, SEASONS, UNITS


# ---- quarters, halves, seasons, decades ----


def _quarter_year(rel: str | None, q: int, a: Anchor) -> int:
    y = a.dct.year
    if rel in ("year-earlier", "year-ago"):
        return y - 1
    current = (a.dct.month - 1) // 3 + 1
    if q > current and rel not in ("next", "current", "this"):
        return y - 1 if q - current > 1 else y
    return y


def _quarter(g: Groups, a: Anchor) -> str:
    q = ORDINALS[group(g, "ord")]
    return f"{_quarter_year(g.get('rel'), q, a)}-Q{q}"


def _quarter_of_year(g: Groups, a: Anchor) -> str:
    """A quarter with its year: "the 1988 third quarter", "next year's first quarter"."""
    y = (
        int(group(g, "year"))
        if g.get("year")
        else a.dct.year + {"last": -1, "next": 1}.get(group(g, "rel"), 0)
    )
    if g.get("ord"):
        return f"{y}-Q{ORDINALS[group(g, 'ord')]}"
    return f"{y}{a.period[4:]}" if a.period else str(y)


def _bare_quarter(g: Groups, a: Anchor) -> str:
    """ "the quarter": the one in focus, else the current one ("this"), else the last completed one.

    "The latest quarter" is a reported one: a quarter in focus that is not over yet
    (an outlook for the fourth quarter) gives way to the last completed quarter.
    """
    rel = g.get("rel")
    if rel in ("current", "this"):
        return f"{a.dct.year}-Q{(a.dct.month - 1) // 3 + 1}"
    q, y = (a.dct.month - 1) // 3, a.dct.year
    if q == 0:
        q, y = 4, y - 1
    done = f"{y}-Q{q}"
    if a.period and a.period[5] == "Q" and rel in (None, "latest", "same", "recent"):
        return done if rel in ("latest", "recent") and a.period > done else a.period
    if rel in ("year-earlier", "year-ago"):
        y -= 1
    return f"{y}-Q{q}"


def _half(g: Groups, a: Anchor) -> str:
    return f"{int(group(g, 'year')) if g.get('year') else a.dct.year}-{HALVES[group(g, 'ord')]}"


def _season(g: Groups, a: Anchor) -> str:
    code = SEASONS[group(g, "season")]
    if g.get("year"):
        return f"{g['year']}-{code}"
    rel, now = g.get("rel"), a.dct
    y = now.year
    if rel and rel.endswith("past"):
        rel = "last"  # "this past spring": the latest one that is over
    if rel == "last":
        y = y if SEASON_START[code] + 3 <= now.month else y - 1
    elif rel == "next":
        y = y if SEASON_START[code] > now.month else y + 1
    return f"{y}-{code}"


def _decade(g: Groups, a: Anchor) -> str:
    d = group(g, "decade")
    if d.startswith("'"):
        d = ("19" if int(d[1]) > 2 else "20") + d[1:]
    return d[:3]


def _decade_word(g: Groups, a: Anchor) -> str:
    """ "the nineties": the latest such decade that has begun by the document date."""
    tens = NUMBERS[group(g, "tens")[:-3] + "y"] // 10
    century = a.dct.year // 100
    if century * 100 + tens * 10 > a.dct.year:
        century -= 1
    return f"{century}{tens}"


def _century(g: Groups, a: Anchor) -> str:
    return f"{int(group(g, 'cent')) - 1:02d}"


def _fiscal(g: Groups, a: Anchor) -> str:
    return group(g, "year")


# ---- relative and anaphoric expressions ----



def shift_by(anchor: date, n: int, unit: str, sign: int) -> str:
    letter = UNITS[unit][0]
    if letter == "Y":
        return f"{anchor.year + sign * n:04d}"
    if letter == "DE":
        return f"{anchor.year + sign * 10 * n:04d}" if n > 1 or sign else f"{anchor.year // 10:03d}"
    if letter == "CE":
        return f"{anchor.year // 100 + sign * n:02d}"
    if letter == "M":
        k = anchor.year * 12 + anchor.month - 1 + sign * n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if letter == "Q":
        k = anchor.year * 4 + (anchor.month - 1) // 3 + sign * n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if letter in ("W", "WE"):
        d = anchor + timedelta(weeks=sign * n)
        return f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}"
    return (anchor + timedelta(days=sign * n)).isoformat()



def _ago(g: Groups, a: Anchor) -> str:
    """ "three years ago": the DCT moved back; "a year ago/earlier" compares with the period in focus."""
    n = number_of(g.get("num"))
    sign = 1 if g.get("dir") in ("from now", "hence") else -1
    if n is None:
        return {1: "FUTURE_REF", -1: "PAST_REF"}[sign]
    unit = unit_of(g)
    if unit == "year" and n == 1 and sign < 0:
        return _period_year_before(a)
    return shift_by(a.dct, max(int(n), 1), unit, sign)


def _period_year_before(a: Anchor) -> str:
    """The date or reporting period in focus (a day of the same sentence, else a quarter or half
    of this year) one year back, else last year.

    Financial news compares "the quarter" with "a year earlier": the same quarter
    of the previous year (TimeBank values it so), not the whole year.
    """
    if a.focus_near and a.focus and re.fullmatch(rf"{a.dct.year:04d}-\d\d-\d\d", a.focus):
        return (
            shift_years(a.focus, -1) or f"{a.dct.year - 1}"
        )  # "assets at Sept. 30 ... a year earlier"
    if a.focus_near and a.focus and re.fullmatch(r"\d{4}", a.focus):
        return f"{int(a.focus) - 1:04d}"  # "the first nine months ... a year earlier": that year
    if a.period and a.period.startswith(f"{a.dct.year:04d}"):
        return shift_years(a.period, -1) or f"{a.dct.year - 1}"
    return f"{a.dct.year - 1}"


def _year_earlier(g: Groups, a: Anchor) -> str:
    """ "year-earlier", "the year-ago quarter": the period in focus, one year back."""
    if g.get("ord"):
        return f"{a.dct.year - 1}-Q{ORDINALS[group(g, 'ord')]}"
    return _period_year_before(a)


def _rel_unit(g: Groups, a: Anchor) -> str | None:
    rel = group(g, "rel").replace("the ", "")
    unit = unit_of(g)
    if unit in ("hour", "minute", "second"):
        return None
    sign = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "weekend":
        d = a.dct + timedelta(weeks=sign)
        return f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}-WE"
    if unit in ("decade", "century") and rel in ("past", "this"):
        # "over the past decade", "the disasters of this century": the stretch up to now
        return duration(1, unit)
    if unit == "decade":
        return f"{a.dct.year // 10 + sign:03d}"
    return shift_by(a.dct, 1, unit, sign)


def _anaphoric_unit(g: Groups, a: Anchor) -> str | None:
    """ "that year", "the following day": the date in focus, or the one after or before it."""
    unit, rel = unit_of(g), group(g, "rel")
    sign = {"the following": 1, "the next": 1, "the previous": -1}.get(rel, 0)
    if unit in ("day", "morning"):
        if rel == "the next" and a.focus_day is None:
            return None
        day = (a.focus_day or a.dct) + timedelta(days=sign)
        return day.isoformat() + (
            "TMO" if unit == "morning" and not rel.startswith("the next") else ""
        )
    if rel == "the next":
        return None
    if unit == "quarter":
        base = a.period or f"{a.dct.year}-Q{(a.dct.month - 1) // 3 + 1}"
        if base[5] != "Q":
            return None
        k = int(base[:4]) * 4 + int(base[6]) - 1 + sign
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    focus = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$", a.focus or "")
    if focus is None or (unit == "month" and not focus.group(2)):
        return shift_by(a.dct, 1, unit, sign)
    y, mo, d = (int(x) if x else 0 for x in focus.groups())
    return shift_by(date(y, mo or 6, d or 15), 1, unit, sign)


def _the_unit(g: Groups, a: Anchor) -> str:
    if unit_of(g) == "weekend":
        # "the weekend" in news is the latest one (the coming one in a future clause)
        now = a.dct
        back = (now.weekday() - 5) % 7 if now.weekday() < 5 else 0
        d = (
            now + timedelta(days=(5 - now.weekday()) % 7)
            if a.future
            else now - timedelta(days=back)
        )
        return f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}-WE"
    return _rel_unit({"rel": "this", "unit": g["unit"]}, a) or "XXXX"


PERIODS: dict[str, Normaliser] = {
    "quarter": _quarter,
    "year_quarter": _quarter_of_year,
    "quarter_year": _quarter_of_year,
    "rel_year_quarter": _quarter_of_year,
    "bare_quarter": _bare_quarter,
    "period": _bare_quarter,
    "anaphoric_unit": _anaphoric_unit,
    "half": _half,
    "ago": _ago,
    "rel_unit": _rel_unit,
    "season": _season,
    "decade": _decade,
    "decade_word": _decade_word,
    "century": _century,
    "fiscal": _fiscal,
    "the_unit": _the_unit,
    "year_earlier": _year_earlier,
}
