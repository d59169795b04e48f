"""TIMEX3 values of durations, frequencies and vague references: groups + anchor -> P3Y, PT2H, P1W, PRESENT_REF."""

from __future__ import annotations

import re

from newsdesk.nlp.time_context import Anchor
from newsdesk.nlp.time_dates import Groups, Normaliser, group, month_of
from newsdesk.nlp.time_rules import NUMBERS, PARTS_OF_DAY, REFS, SETS, UNITS
from newsdesk.vocab import WEEKDAYS


def number_of(word: str | None) -> float | None:
    """The number a count word or figure stands for: "two" -> 2, "2 1/2" -> 2.5 (None if unknown)."""
    if word is None:
        return None
    w = re.sub(r"\s+", " ", word.strip())
    half = re.fullmatch(r"(\d+) 1/2", w)
    if half:
        return int(half.group(1)) + 0.5
    if re.fullmatch(r"\d+(\.\d+)?", w):
        return float(w)
    return NUMBERS.get(w)


def unit_of(g: Groups) -> str:
    """The singular unit of a match: "centuries" -> "century"."""
    u = group(g, "unit").rstrip("s")
    return "century" if u.startswith("centur") else u


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
    n = number_of(g.get("num"))
    if n is not None and g.get("half"):
        n += 0.5
    return duration(n, unit_of(g))


def _vague_units(g: Groups, a: Anchor) -> str:
    return duration(None, unit_of(g))


def _unit_long(g: Groups, a: Anchor) -> str:
    return duration(None if g.get("plural") else 1, unit_of(g))


def _year_period(g: Groups, a: Anchor) -> str:
    return "P1Y"


def _set_every(g: Groups, a: Anchor) -> str:
    u = group(g, "unit")
    if u in WEEKDAYS:
        return f"XXXX-WXX-{WEEKDAYS[u] + 1}"
    if u in PARTS_OF_DAY:
        return "TXX" + PARTS_OF_DAY[u]
    if u == "weekday":
        return "P1D"
    return duration(2 if g.get("num") else 1, u)


def _set_month(g: Groups, a: Anchor) -> str:
    """ "each July": that month of every year."""
    return f"XXXX-{month_of(g):02d}"


def _set_word(g: Groups, a: Anchor) -> str:
    return SETS[group(g, "word")]


def _ref(g: Groups, a: Anchor) -> str | None:
    word = group(g, "word")
    if word == "soon" and a.past:
        return None  # narrative "soon" ("it soon became") orders events, it does not point ahead
    return REFS[word]


DURATIONS: dict[str, Normaliser] = {
    "rel_n_units": _n_units,
    "vague_rel_units": _vague_units,
    "set_every": _set_every,
    "set_word": _set_word,
    "n_units": _n_units,
    "unit_long": _unit_long,
    "set_month": _set_month,
    "vague_units": _vague_units,
    "year_period": _year_period,
    "ref": _ref,
}
