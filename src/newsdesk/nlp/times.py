"""Time expressions of one text: text + reference date -> TIMEX3 expressions with normalised values.

A rule-based tagger in the spirit of HeidelTime/SUTime: the grammar
(time_rules.RULES) finds candidate spans, overlaps are resolved longest first,
and each rule's normaliser turns the match into a TIMEX3 value relative to the
reference date (the document creation time).  Without a reference, the anchor
is inferred from the text (its first full date, else its latest year) — see
``infer_reference``.  spaCy DATE/TIME entities that no rule covers are added
as a fallback, with values from dateparser when it can read them.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

from newsdesk.models import TimeExpression
from newsdesk.nlp.time_rules import (
    FUTURE_CUES,
    HALVES,
    HOLIDAYS,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    REFS,
    RULES,
    SEASON_START,
    SEASONS,
    SETS,
    SPACY_SKIP_PREFIXES,
    SPACY_TRIM,
    UNITS,
    WEEKDAYS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

_Match = tuple[int, int, str, "re.Match[str]", str]
_FULL_DATE = ("iso_date", "slash_date", "month_day_year", "day_month_year")


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str], str]]:
    return [(name, re.compile(r"(?<![\w'])" + rx + r"(?![\w])", re.I), ty) for name, rx, ty in RULES]


def find_times(
    text: str, reference: str | None = None, doc: Doc | None = None, fallback: bool = True
) -> list[TimeExpression]:
    """TIMEX3 expressions of ``text`` in text order, values relative to ``reference`` (ISO date).

    Without ``reference`` the anchor comes from ``infer_reference(text)``; values of
    relative expressions are then only as good as that guess.  Pass ``doc`` (the
    spaCy parse) to reuse it for the fallback, or ``fallback=False`` to skip spaCy.
    """
    anchor = parse_reference(reference) if reference else None
    if anchor is None:
        anchor = parse_reference(infer_reference(text)[0] or "") or date.today()
    out = [_expression(text, m, anchor) for m in _rule_matches(text)]
    found = [x for x in out if x is not None]
    if fallback:
        found += _spacy_fallback(text, anchor, found, doc)
    return sorted(found, key=lambda x: x.start)


def infer_reference(text: str) -> tuple[str | None, str]:
    """A date to anchor relative expressions when none is given: (ISO date or None, how it was found)."""
    matches = _rule_matches(text)
    for s, e, name, m, _ in matches:
        if name in _FULL_DATE:
            v = normalise(name, m, date(2000, 1, 1), text, s, e)
            if v and re.fullmatch(r"\d{4}-\d\d-\d\d", v):
                return v, f"first full date in text ({text[s:e]})"
    years = [int(m.group("year")) for s, e, name, m, _ in matches if name == "year" and m.group("year")]
    if years:
        return f"{max(years)}-01-01", f"latest year in text ({max(years)})"
    return None, "none"


def _rule_matches(text: str) -> list[_Match]:
    cands: list[_Match] = []
    for name, rx, ty in _compiled():
        for m in rx.finditer(text):
            s, e = m.span()
            if e > s and _plausible(name, m, text):
                cands.append((s, e, name, m, ty))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = bytearray(len(text) + 1)
    chosen = []
    for c in cands:
        if not any(taken[c[0] : c[1]]):
            taken[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            chosen.append(c)
    return sorted(chosen, key=lambda c: c[0])


def _plausible(name: str, m: re.Match[str], text: str) -> bool:
    """Drop matches that are usually not times: modal "may", verb "march"/"fall", "last" alone."""
    groups = m.groupdict()
    month = groups.get("month")
    if month and month.lower() in ("may", "march", "mar", "jan", "sept") and not month[0].isupper():
        return False
    if name == "month" and month and month.lower() == "may" and not _may_is_month(text, m.start()):
        return False
    if name == "deictic_part" and groups.get("word", "").lower() in ("this", "last") and not groups.get("part"):
        return False
    season = groups.get("season")
    if name == "season" and season and not (groups.get("rel") or groups.get("year") or groups.get("mod")):
        return season.lower() in ("summer", "winter", "autumn")
    if name == "year" and not groups.get("mod"):
        return _year_context(text, m.start(), m.end())
    if name == "n_units" and (groups.get("long") or "").lower() == "old":
        return False  # ages ("a 6-year-old") are not time expressions in TIMEX3
    if name in ("n_units", "rel_n_units", "ago") and groups.get("num", "").lower() in ("some", "many"):
        return name != "n_units"
    return True


def _may_is_month(text: str, i: int) -> bool:
    before = text[max(0, i - 12) : i].lower()
    return bool(re.search(r"(in|since|of|by|until|early|late|mid|last|next|this)\s+$", before))


def _year_context(text: str, s: int, e: int) -> bool:
    """A bare four-digit number is a year unless it reads as an amount ("1990 shares", "$1990")."""
    before, after = text[max(0, s - 2) : s], text[e : e + 12].lower()
    if "$" in before or re.match(r"^[.,]\d", text[e : e + 2]):
        return False
    return not re.match(r"^\s*(?:%|percent|shares|people|employees|units|tons|miles|cars|feet|points)", after)


def _expression(text: str, match: _Match, anchor: date) -> TimeExpression | None:
    s, e, name, m, ty = match
    value = normalise(name, m, anchor, text, s, e)
    if value is None:
        return None
    if name == "n_units" and m.groupdict().get("long") == "old":
        ty = "DURATION"
    if name == "set_every" and value.startswith("XXXX"):
        ty = "SET"
    if name in ("deictic_part", "noon", "time_colon", "time_ampm") and "T" in value:
        ty = "TIME"
    return TimeExpression(text[s:e], s, e, ty, value)


def _spacy_fallback(text: str, anchor: date, found: list[TimeExpression], doc: Doc | None) -> list[TimeExpression]:
    if doc is None:
        from newsdesk.nlp.spacy_model import parse

        doc = parse(text)
    taken = bytearray(len(text) + 1)
    for x in found:
        taken[x.start : x.end] = b"\x01" * (x.end - x.start)
    out = []
    for ent in doc.ents:
        if ent.label_ not in ("DATE", "TIME") or any(taken[ent.start_char : ent.end_char]):
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        surface = text[s:e]
        if e <= s or surface.lower().startswith(SPACY_SKIP_PREFIXES) or not re.search(r"[A-Za-z]", surface):
            continue
        value = _dateparser_value(surface, anchor)
        if value is not None:
            out.append(TimeExpression(surface, s, e, ent.label_, value))
    return out


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    low = text[s:e].lower()
    for w in SPACY_TRIM:
        if low.startswith(w + " "):
            s += len(w) + 1
            low = low[len(w) + 1 :]
    return s, e




# ---- normalisation: one small function per rule, match + anchor -> TIMEX3 value ----


def parse_reference(reference: str) -> date | None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", reference or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def normalise(name: str, m: re.Match[str], anchor: date, text: str, s: int, e: int) -> str | None:
    """The TIMEX3 value of one rule match (None when the match cannot be read)."""
    g = {k: (v.lower() if isinstance(v, str) else v) for k, v in m.groupdict().items()}
    future = _future(text, s, e)
    fn = _NORMALISERS.get(name)
    try:
        return fn(g, anchor, future) if fn else None
    except (ValueError, KeyError, OverflowError):
        return None


def _future(text: str, s: int, e: int) -> bool:
    """A future cue ("will", "is expected to") near the expression, within its sentence."""
    lo = max(text.rfind(". ", 0, s), text.rfind("\n", 0, s), s - 60) + 1
    hi = min(x for x in (text.find(". ", e), text.find("\n", e), e + 30, len(text)) if x >= 0)
    clause = " " + text[lo:hi].lower() + " "
    return any(re.search(r"\b" + re.escape(c) + r"\b", clause) for c in FUTURE_CUES)


def _month(g: dict) -> int:
    return MONTHS[g["month"].rstrip(".")] if g.get("month") else int(g["mnum"])


def _ymd(y: int, mo: int, d: int) -> str:
    return date(y, mo, d).isoformat()


def _nearest_year(anchor: date, mo: int, d: int | None, future: bool) -> int:
    """The year that puts month(-day) nearest the anchor; a future cue forbids the year before."""
    years = (anchor.year, anchor.year + 1) if future else (anchor.year - 1, anchor.year, anchor.year + 1)
    return min(years, key=lambda y: abs((date(y, mo, d or 15) - anchor).days))


def _full_date(g: dict, anchor: date, future: bool) -> str:
    y = int(g["year"])
    y = y + (1900 if y >= 50 else 2000) if y < 100 else y
    return _ymd(y, _month(g), int(g["day"]))


def _month_day(g: dict, anchor: date, future: bool) -> str:
    mo, d = _month(g), int(g["day"])
    return _ymd(_nearest_year(anchor, mo, d, future), mo, d)


def _month_year(g: dict, anchor: date, future: bool) -> str:
    return f"{int(g['year']):04d}-{_month(g):02d}"


def _month_only(g: dict, anchor: date, future: bool) -> str:
    mo = _month(g)
    rel = g.get("rel")
    y = anchor.year
    if rel == "last":
        y = anchor.year if mo < anchor.month else anchor.year - 1
    elif rel == "next":
        y = anchor.year if mo > anchor.month else anchor.year + 1
    elif rel != "this":
        y = _nearest_year(anchor, mo, None, future)
    return f"{y:04d}-{mo:02d}"


def _weekday_date(g: dict, anchor: date, future: bool) -> date:
    wd = WEEKDAYS[g["weekday"]]
    rel = g.get("rel")
    if rel == "next" or (rel != "last" and future):
        delta = (wd - anchor.weekday()) % 7 or (7 if rel == "next" else 0)
        return anchor + timedelta(days=delta)
    back = (anchor.weekday() - wd) % 7
    if rel == "last" and back == 0:
        back = 7
    return anchor - timedelta(days=back)


def _weekday(g: dict, anchor: date, future: bool) -> str:
    return _weekday_date(g, anchor, future).isoformat()


def _weekday_part(g: dict, anchor: date, future: bool) -> str:
    return _weekday_date(g, anchor, future).isoformat()  # TimeBank mostly values "Friday night" as the day


def _clock(g: dict, anchor: date, future: bool) -> str:
    h, mi = int(g["hour"]), int(g.get("minute") or 0)
    ampm = (g.get("ampm") or "").replace(".", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    return f"{anchor.isoformat()}T{h:02d}:{mi:02d}"


def _noon(g: dict, anchor: date, future: bool) -> str:
    return anchor.isoformat() + ("T24:00" if g["word"] == "midnight" else "T12:00")


def _deictic(g: dict, anchor: date, future: bool) -> str:
    shift = {"yesterday": -1, "tomorrow": 1}.get(g["word"], 0)
    if g["word"] == "last" and g.get("part") == "night":
        shift = -1
    day = (anchor + timedelta(days=shift)).isoformat()
    part = "night" if g["word"] == "tonight" else g.get("part")
    return day + "T" + PARTS_OF_DAY[part] if part else day


def _quarter_year(rel: str | None, q: int, anchor: date) -> int:
    y = anchor.year
    if rel in ("year-earlier", "year-ago"):
        return y - 1
    current = (anchor.month - 1) // 3 + 1
    if q > current and rel not in ("next", "current", "this"):
        return y - 1 if q - current > 1 else y
    return y


def _quarter(g: dict, anchor: date, future: bool) -> str:
    q = ORDINALS[g["ord"]]
    return f"{_quarter_year(g.get('rel'), q, anchor)}-Q{q}"


def _bare_quarter(g: dict, anchor: date, future: bool) -> str:
    q = (anchor.month - 1) // 3  # the last completed quarter: what news reports on
    y = anchor.year
    if q == 0:
        q, y = 4, y - 1
    if g.get("rel") in ("year-earlier", "year-ago"):
        y -= 1
    return f"{y}-Q{q}"


def _half(g: dict, anchor: date, future: bool) -> str:
    return f"{int(g['year']) if g.get('year') else anchor.year}-{HALVES[g['ord']]}"


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    w = word.strip()
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return int(float(w))
    return NUMBERS.get(w)


def _shift(anchor: date, n: int, unit: str, sign: int) -> str:
    letter = UNITS[unit][0]
    if letter == "Y":
        return f"{anchor.year + sign * n:04d}"
    if letter == "DE":
        return f"{anchor.year + sign * 10 * n:04d}" if n > 1 or sign else f"{anchor.year // 10:03d}"
    if letter == "M":
        k = anchor.year * 12 + anchor.month - 1 + sign * n
        return f"{k // 12:04d}-{k % 12 + 1:02d}"
    if letter == "Q":
        k = anchor.year * 4 + (anchor.month - 1) // 3 + sign * n
        return f"{k // 4:04d}-Q{k % 4 + 1}"
    if letter == "W":
        d = anchor + timedelta(weeks=sign * n)
        return f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}"
    return (anchor + timedelta(days=sign * n)).isoformat()


def _unit(g: dict) -> str:
    u = g["unit"].rstrip("s")
    return "century" if u.startswith("centur") else u


def _ago(g: dict, anchor: date, future: bool) -> str:
    n = _number(g.get("num"))
    sign = 1 if g["dir"] in ("later", "from now", "hence") else -1
    if n is None:
        return {1: "FUTURE_REF", -1: "PAST_REF"}[sign]
    return _shift(anchor, max(n, 1), _unit(g), sign)


def _rel_unit(g: dict, anchor: date, future: bool) -> str | None:
    rel = (g.get("rel") or "").replace("the ", "")
    unit = _unit(g)
    if unit in ("hour", "minute", "second"):
        return None
    if unit == "weekend":
        sign = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
        d = anchor + timedelta(weeks=sign)
        return f"{d.isocalendar()[0]:04d}-W{d.isocalendar()[1]:02d}-WE"
    sign = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "decade":
        return f"{anchor.year // 10 + sign:03d}"
    return _shift(anchor, 1, unit, sign)


def _duration(n: int | None, unit: str) -> str:
    letter, clock = UNITS[unit]
    if letter == "WE":
        letter = "WE"
    amount = "X" if n is None else str(n)
    if unit in ("century", "decade"):
        amount, letter = ("X" if n is None else str(n * (100 if unit == "century" else 10))), "Y"
    return ("PT" if clock else "P") + amount + letter


def _n_units(g: dict, anchor: date, future: bool) -> str:
    return _duration(_number(g.get("num")), _unit(g))


def _vague_units(g: dict, anchor: date, future: bool) -> str:
    return _duration(None, _unit(g))


def _season(g: dict, anchor: date, future: bool) -> str:
    code = SEASONS[g["season"]]
    if g.get("year"):
        return f"{g['year']}-{code}"
    rel = g.get("rel")
    y = anchor.year
    if rel == "last":
        y = y if SEASON_START[code] + 3 <= anchor.month else y - 1
    elif rel == "next":
        y = y if SEASON_START[code] > anchor.month else y + 1
    return f"{y}-{code}"


def _decade(g: dict, anchor: date, future: bool) -> str:
    d = g["decade"]
    if d.startswith("'"):
        d = ("19" if int(d[1]) > 2 else "20") + d[1:]
    return d[:3]


def _century(g: dict, anchor: date, future: bool) -> str:
    return f"{int(g['cent']) - 1:02d}"


def _year(g: dict, anchor: date, future: bool) -> str:
    return g["year"]


def _set_every(g: dict, anchor: date, future: bool) -> str:
    u = g["unit"]
    if u in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[u] + 1}"
    if u in PARTS_OF_DAY:
        return "TXX" + PARTS_OF_DAY[u]
    if u == "weekday":
        return "P1D"
    return _duration(2 if g.get("num") else 1, u)


def _set_word(g: dict, anchor: date, future: bool) -> str:
    return SETS[g["word"]]


def _the_unit(g: dict, anchor: date, future: bool) -> str:
    return _rel_unit({"rel": "this", "unit": g["unit"]}, anchor, future) or "XXXX"


def _holiday(g: dict, anchor: date, future: bool) -> str:
    word = g["word"]
    if word.startswith("thanksgiving"):
        y = _nearest_year(anchor, 11, 25, future)
        first = date(y, 11, 1)
        return (first + timedelta(days=(3 - first.weekday()) % 7 + 21)).isoformat()
    mo, d = HOLIDAYS[word]
    return _ymd(_nearest_year(anchor, mo, d, future), mo, d)


def _ref(g: dict, anchor: date, future: bool) -> str:
    return REFS[g["word"]]


def _year_earlier(g: dict, anchor: date, future: bool) -> str:
    return f"{anchor.year - 1}"


def _fiscal(g: dict, anchor: date, future: bool) -> str:
    return g["year"]


def _iso(g: dict, anchor: date, future: bool) -> str:
    return _ymd(int(g["year"]), int(g["mnum"]), int(g["day"]))


_NORMALISERS = {
    "iso_date": _iso,
    "slash_date": _full_date,
    "month_day_year": _full_date,
    "day_month_year": _full_date,
    "month_day": _month_day,
    "day_month": _month_day,
    "weekday_part": _weekday_part,
    "month_year": _month_year,
    "rel_month": _month_only,
    "month": _month_only,
    "rel_weekday": _weekday,
    "weekday": _weekday,
    "time_ampm": _clock,
    "time_24": _clock,
    "time_colon": _clock,
    "noon": _noon,
    "deictic_part": _deictic,
    "quarter": _quarter,
    "bare_quarter": _bare_quarter,
    "half": _half,
    "ago": _ago,
    "rel_unit": _rel_unit,
    "rel_n_units": _n_units,
    "season": _season,
    "decade": _decade,
    "century": _century,
    "fiscal": _fiscal,
    "year": _year,
    "set_every": _set_every,
    "set_word": _set_word,
    "n_units": _n_units,
    "vague_units": _vague_units,
    "the_unit": _the_unit,
    "holiday": _holiday,
    "ref": _ref,
    "year_earlier": _year_earlier,
}


def _dateparser_value(surface: str, anchor: date) -> str | None:
    """Absolute dates the grammar missed, read by dateparser at the granularity it reports."""
    import datetime as dt

    parser = _date_parser(anchor.isoformat())
    try:
        data = parser.get_date_data(surface)
    except (ValueError, OverflowError, TypeError):
        return None
    when = data.date_obj if data else None
    if not isinstance(when, dt.datetime):
        return None
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}"
    if period == "week":
        return f"{when.isocalendar()[0]:04d}-W{when.isocalendar()[1]:02d}"
    if period in ("time", "hour", "minute", "second"):
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.date().isoformat()


@lru_cache(maxsize=64)
def _date_parser(anchor_iso: str):  # type: ignore[no-untyped-def]
    import datetime as dt

    from dateparser.date import DateDataParser

    base = dt.datetime.fromisoformat(anchor_iso)
    return DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True},
    )
