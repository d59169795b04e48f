"""TIMEX3 values: one rule match + its anchor -> a value such as 2031-09-04, 2031-W37, 2031-Q3, P3Y.

One small function per grammar rule (``NORMALISERS``).  Deictic expressions are
read against the document date, anaphoric ones ("a year earlier", "the
quarter", a clock time) against the time in focus (see ``time_context``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsdesk.nlp.time_context import Anchor, shift_years
from newsdesk.nlp.time_rules import (
    HALVES,
    HOLIDAYS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    SEASON_START,
    SEASONS,
    SETS,
    UNITS,
)
from newsdesk.vocab import MONTHS, WEEKDAYS

Groups = dict[str, str | None]
FUTURE_GRACE_DAYS = 7


def normalise(rule: str, groups: Groups, anchor: Anchor) -> str | None:
    """The TIMEX3 value of one match of ``rule`` (None when the match cannot be read)."""
    fn = NORMALISERS.get(rule)
    try:
        return fn(groups, anchor) if fn else None
    except (ValueError, KeyError, OverflowError, TypeError):
        return None


def _g(g: Groups, key: str) -> str:
    return g.get(key) or ""


# ---- calendar dates ----


def _month(g: Groups) -> int:
    return MONTHS[_g(g, "month").rstrip(".")] if g.get("month") else int(_g(g, "mnum"))


def _ymd(y: int, mo: int, d: int) -> str:
    return date(y, mo, d).isoformat()


def year_of(anchor: Anchor, mo: int, d: int | None) -> int:
    """The year of a month(-day) given without one: the nearest to the document date.

    A future clause takes the first one not over by the document date, a past
    clause rules out the year after (past cues are rough, so they only narrow the
    choice: "agreed in January" may well be a plan for the January to come).
    """
    a = anchor.dct

    def near(years: tuple[int, ...]) -> int:
        return min(years, key=lambda y: abs((date(y, mo, d or 15) - a).days))

    if anchor.future and not anchor.past:
        # a future clause: the first such month (day) not over a week before the document date
        # (a text is often filed days after it was written: "voting starts May 3" on May 4)
        last = d or (date(a.year + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)).day
        over = date(a.year, mo, last) < a - timedelta(days=FUTURE_GRACE_DAYS)
        return a.year + 1 if over else a.year
    if anchor.past and not anchor.future:
        return near((a.year - 1, a.year))
    return near((a.year - 1, a.year, a.year + 1))


def _full_date(g: Groups, a: Anchor) -> str:
    y = int(_g(g, "year"))
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    return _ymd(y, _month(g), int(_g(g, "day")))


def _month_day(g: Groups, a: Anchor) -> str:
    mo, d = _month(g), int(_g(g, "day"))
    return _ymd(year_of(a, mo, d), mo, d)


def _month_year(g: Groups, a: Anchor) -> str:
    return f"{int(_g(g, 'year')):04d}-{_month(g):02d}"


def _month_rel_year(g: Groups, a: Anchor) -> str:
    shift = {"last": -1, "next": 1}.get(_g(g, "rel"), 0)
    return f"{a.dct.year + shift:04d}-{_month(g):02d}"


def _month_day_rel_year(g: Groups, a: Anchor) -> str:
    shift = {"last": -1, "next": 1}.get(_g(g, "rel"), 0)
    return _ymd(a.dct.year + shift, _month(g), int(_g(g, "day")))


def _month_only(g: Groups, a: Anchor) -> str:
    mo, rel, now = _month(g), g.get("rel"), a.dct
    if rel == "last":
        y = now.year if mo < now.month else now.year - 1
    elif rel == "next":
        y = now.year if mo > now.month else now.year + 1
    elif rel == "this":
        y = now.year
    else:
        y = year_of(a, mo, None)
    return f"{y:04d}-{mo:02d}"


def _iso(g: Groups, a: Anchor) -> str:
    return _ymd(int(_g(g, "year")), int(_g(g, "mnum")), int(_g(g, "day")))


def _year(g: Groups, a: Anchor) -> str:
    return _g(g, "year")


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
    y = spelled_year(_g(g, "syear"))
    if g.get("month"):
        return f"{y:04d}-{_month(g):02d}"
    if g.get("season"):
        return f"{y:04d}-{SEASONS[_g(g, 'season')]}"
    return f"{y:04d}"


def _weekday_date(g: Groups, a: Anchor) -> str:
    """ "Monday, Oct. 26": the month and day decide; the weekday only confirms."""
    if g.get("year"):
        return _full_date(g, a)
    return _month_day(g, a)


def _holiday(g: Groups, a: Anchor) -> str:
    word = _g(g, "word")
    if word.startswith("thanksgiving"):
        y = year_of(a, 11, 25)
        first = date(y, 11, 1)
        return (first + timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat()
    mo, d = HOLIDAYS[word]
    return _ymd(year_of(a, mo, d), mo, d)


# ---- weekdays and times of day ----


def weekday_date(g: Groups, a: Anchor) -> date:
    """The date of a weekday name: "next"/future clause forward, else the latest one (today included)."""
    wd, rel, now = WEEKDAYS[_g(g, "weekday")], g.get("rel"), a.dct
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
    return weekday_date(g, a).isoformat() + "T" + PARTS_OF_DAY[_g(g, "part")]


def _day_of(g: Groups, a: Anchor) -> date:
    """The day a clock time belongs to: a named day in the match, else the day in focus, else the DCT."""
    if g.get("weekday"):
        return weekday_date(g, a)
    if g.get("month"):
        mo, d = _month(g), int(_g(g, "day"))
        return date(year_of(a, mo, d), mo, d)
    if g.get("dword"):
        return a.dct + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(_g(g, "dword"), 0))
    return a.focus_day or a.dct


def _clock(g: Groups, a: Anchor) -> str:
    day = _day_of(g, a).isoformat()
    if g.get("word"):
        return day + ("T24:00" if g["word"] == "midnight" else "T12:00")
    h, mi = int(_g(g, "hour")), int(g.get("minute") or 0)
    ampm = _g(g, "ampm").replace(".", "")
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
    word = _g(g, "word")
    shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
    if word == "last" and g.get("part") == "night":
        shift = -1
    day = (a.dct + timedelta(days=shift)).isoformat()
    part = "night" if word == "tonight" else g.get("part")
    return day + "T" + PARTS_OF_DAY[part] if part else day


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
    q = ORDINALS[_g(g, "ord")]
    return f"{_quarter_year(g.get('rel'), q, a)}-Q{q}"


def _quarter_of_year(g: Groups, a: Anchor) -> str:
    """A quarter with its year: "the 1988 third quarter", "next year's first quarter"."""
    y = (
        int(_g(g, "year"))
        if g.get("year")
        else a.dct.year + {"last": -1, "next": 1}.get(_g(g, "rel"), 0)
    )
    if g.get("ord"):
        return f"{y}-Q{ORDINALS[_g(g, 'ord')]}"
    return f"{y}{a.period[4:]}" if a.period else str(y)


def _bare_quarter(g: Groups, a: Anchor) -> str:
    """ "the quarter": the one in focus, else the current one ("this"), else the last completed one."""
    rel = g.get("rel")
    if rel in ("current", "this"):
        return f"{a.dct.year}-Q{(a.dct.month - 1) // 3 + 1}"
    if a.period and a.period[5] == "Q" and rel in (None, "latest", "same", "recent"):
        return a.period
    q, y = (a.dct.month - 1) // 3, a.dct.year
    if q == 0:
        q, y = 4, y - 1
    if rel in ("year-earlier", "year-ago"):
        y -= 1
    return f"{y}-Q{q}"


def _half(g: Groups, a: Anchor) -> str:
    return f"{int(_g(g, 'year')) if g.get('year') else a.dct.year}-{HALVES[_g(g, 'ord')]}"


def _season(g: Groups, a: Anchor) -> str:
    code = SEASONS[_g(g, "season")]
    if g.get("year"):
        return f"{g['year']}-{code}"
    rel, now = g.get("rel"), a.dct
    y = now.year
    if rel == "last":
        y = y if SEASON_START[code] + 3 <= now.month else y - 1
    elif rel == "next":
        y = y if SEASON_START[code] > now.month else y + 1
    return f"{y}-{code}"


def _decade(g: Groups, a: Anchor) -> str:
    d = _g(g, "decade")
    if d.startswith("'"):
        d = ("19" if int(d[1]) > 2 else "20") + d[1:]
    return d[:3]


def _century(g: Groups, a: Anchor) -> str:
    return f"{int(_g(g, 'cent')) - 1:02d}"


def _fiscal(g: Groups, a: Anchor) -> str:
    return _g(g, "year")


# ---- relative and anaphoric expressions ----


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.strip())
    half = re.fullmatch(r"(\d+) 1/2", w)
    if half:
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w)
    return NUMBERS.get(w)


def _shift(anchor: date, n: int, unit: str, sign: int) -> str:
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


def _unit(g: Groups) -> str:
    u = _g(g, "unit").rstrip("s")
    return "century" if u.startswith("centur") else u


def _ago(g: Groups, a: Anchor) -> str:
    """ "three years ago": the DCT moved back; "a year ago/earlier" compares with the period in focus."""
    n = _number(g.get("num"))
    sign = 1 if g.get("dir") in ("from now", "hence") else -1
    if n is None:
        return {1: "FUTURE_REF", -1: "PAST_REF"}[sign]
    unit = _unit(g)
    if unit == "year" and n == 1 and sign < 0:
        return _period_year_before(a)
    return _shift(a.dct, max(int(n), 1), unit, sign)


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
    if a.period and a.period.startswith(f"{a.dct.year:04d}"):
        return shift_years(a.period, -1) or f"{a.dct.year - 1}"
    return f"{a.dct.year - 1}"


def _year_earlier(g: Groups, a: Anchor) -> str:
    """ "year-earlier", "the year-ago quarter": the period in focus, one year back."""
    if g.get("ord"):
        return f"{a.dct.year - 1}-Q{ORDINALS[_g(g, 'ord')]}"
    return _period_year_before(a)


def _rel_unit(g: Groups, a: Anchor) -> str | None:
    rel = _g(g, "rel").replace("the ", "")
    unit = _unit(g)
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
    return _shift(a.dct, 1, unit, sign)


def _anaphoric_unit(g: Groups, a: Anchor) -> str | None:
    """ "that year", "the following day": the date in focus, or the one after or before it."""
    unit, rel = _unit(g), _g(g, "rel")
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
        return _shift(a.dct, 1, unit, sign)
    y, mo, d = (int(x) if x else 0 for x in focus.groups())
    return _shift(date(y, mo or 6, d or 15), 1, unit, sign)


def _the_unit(g: Groups, a: Anchor) -> str:
    if _unit(g) == "weekend":
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


def duration(n: float | None, unit: str) -> str:
    """A TIMEX3 duration: P3Y, PT2H, P2Y6M for two and a half years, PXD for "days"."""
    letter, clock = UNITS[unit]
    if unit in ("century", "decade"):
        n, letter = (None if n is None else n * (100 if unit == "century" else 10)), "Y"
    if n is None:
        return ("PT" if clock else "P") + "X" + letter
    whole, half = int(n), n - int(n) >= 0.5
    extra = (
        {"Y": "6M", "D": "T12H", "H": "30M", "M": ("30S" if clock else "15D")}.get(letter, "")
        if half
        else ""
    )
    if half and not extra:
        return ("PT" if clock else "P") + str(n).rstrip("0").rstrip(".") + letter
    return ("PT" if clock else "P") + f"{whole}{letter}{extra}"


def _n_units(g: Groups, a: Anchor) -> str:
    n = _number(g.get("num"))
    if n is not None and g.get("half"):
        n += 0.5
    return duration(n, _unit(g))


def _vague_units(g: Groups, a: Anchor) -> str:
    return duration(None, _unit(g))


def _year_period(g: Groups, a: Anchor) -> str:
    return "P1Y"


def _set_every(g: Groups, a: Anchor) -> str:
    u = _g(g, "unit")
    if u in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[u] + 1}"
    if u in PARTS_OF_DAY:
        return "TXX" + PARTS_OF_DAY[u]
    if u == "weekday":
        return "P1D"
    return duration(2 if g.get("num") else 1, u)


def _set_word(g: Groups, a: Anchor) -> str:
    return SETS[_g(g, "word")]


def _ref(g: Groups, a: Anchor) -> str | None:
    word = _g(g, "word")
    if word == "soon" and a.past:
        return None  # narrative "soon" ("it soon became") orders events, it does not point ahead
    return REFS[word]


NORMALISERS: dict[str, Callable[[Groups, Anchor], str | None]] = {
    "iso_date": _iso,
    "slash_date": _full_date,
    "month_day_year": _full_date,
    "day_month_year": _full_date,
    "month_day": _month_day,
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
    "time_colon": _clock,
    "noon": _clock,
    "deictic_part": _deictic,
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
    "rel_n_units": _n_units,
    "vague_rel_units": _vague_units,
    "season": _season,
    "decade": _decade,
    "century": _century,
    "fiscal": _fiscal,
    "year": _year,
    "set_every": _set_every,
    "set_word": _set_word,
    "n_units": _n_units,
    "vague_units": _vague_units,
    "year_period": _year_period,
    "the_unit": _the_unit,
    "holiday": _holiday,
    "ref": _ref,
    "year_earlier": _year_earlier,
}
