"""Time expressions of one text: text + reference date -> TIMEX3 expressions with normalised values.

A rule-based tagger in the spirit of HeidelTime/SUTime, in four steps:

    time_spans     grammar (time_rules.RULES) -> candidate spans, longest first
    time_context   each span's anchor: document date, clause tense, the date in focus
    time_values    rule match + anchor -> TIMEX3 value
    time_fallback  spaCy DATE/TIME entities no rule covered, read by dateparser

Without a reference date the anchor is inferred from the text (its first full
date, else its latest year) — see ``infer_reference``.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from newsdesk.models import TimeExpression
from newsdesk.nlp.time_context import Anchor, parse_reference
from newsdesk.nlp.time_fallback import dateparser_value, spacy_fallback
from newsdesk.nlp.time_spans import RuleMatch, rule_matches
from newsdesk.nlp.time_values import normalise
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.analysis import TimesTuning

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["LATEST_YEAR", "find_times", "infer_reference", "parse_reference"]

_FULL_DATE = ("iso_date", "slash_date", "month_day_year", "day_month_year")
# rules whose matches are a time of day when their value carries one
_TIME_OF_DAY = ("deictic_part", "noon", "time_colon", "time_ampm", "clock_part")
_dateparser_value = dateparser_value  # kept for callers of the former private name
LATEST_YEAR = "latest year in text"  # how ``infer_reference`` names its weakest guess


def find_times(
    text: str,
    reference: str | None = None,
    doc: Doc | None = None,
    fallback: bool = True,
    tuning: TimesTuning = DEFAULT_TUNING.times,
) -> list[TimeExpression]:
    """TIMEX3 expressions of ``text`` in text order, values relative to ``reference`` (ISO date).

    Without ``reference`` the anchor comes from ``infer_reference(text)``; values of
    relative expressions are then only as good as that guess.  Pass ``doc`` (the
    spaCy parse) to reuse it for the fallback, or ``fallback=False`` to skip spaCy.
    """
    dct = parse_reference(reference) if reference else None
    if dct is None:
        dct = parse_reference(infer_reference(text)[0] or "") or date.today()
    anchor = Anchor(dct, tuning=tuning)
    found = []
    for m in rule_matches(text):
        x = _expression(text, m, anchor.at(text, m.start, m.end))
        if x is not None:
            found.append(x)
            anchor = anchor.after(m.rule, x.value, m.end, x.text)
    if fallback:
        found += spacy_fallback(text, dct, found, doc)
    return sorted(found, key=lambda x: x.start)


def infer_reference(text: str) -> tuple[str | None, str]:
    """A date to anchor relative expressions when none is given: (ISO date or None, how it was found)."""
    matches = rule_matches(text)
    for m in matches:
        if m.rule in _FULL_DATE:
            v = normalise(m.rule, m.groups(), Anchor(date(2000, 1, 1)))
            if v and re.fullmatch(r"\d{4}-\d\d-\d\d", v):
                return v, f"first full date in text ({text[m.start : m.end]})"
    years = [int(y) for m in matches if m.rule == "year" and (y := m.groups().get("year"))]
    if years:
        return f"{max(years)}-01-01", f"{LATEST_YEAR} ({max(years)})"
    return None, "none"


def _expression(text: str, m: RuleMatch, anchor: Anchor) -> TimeExpression | None:
    value = normalise(m.rule, m.groups(), anchor)
    if value is None:
        return None
    ty = m.type
    if m.rule == "set_every" and value.startswith("XXXX"):
        ty = "SET"
    elif m.rule == "set_every" and m.groups().get("every") in ("a", "an"):
        ty = "DURATION"  # "for a week", "barely a month after": the rates are dropped in time_spans
    if m.rule in _TIME_OF_DAY and "T" in value:
        ty = "TIME"
    if m.rule in ("year_earlier", "rel_unit") and value.startswith("P"):
        ty = "DURATION"
    return TimeExpression(text[m.start : m.end], m.start, m.end, ty, value)
