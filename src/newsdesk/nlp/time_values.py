"""TIMEX3 values: one rule match + its anchor -> a value such as 2031-09-04, 2031-W37, 2031-Q3, P3Y.

One small function per grammar rule, kept by the kind of value it makes:
calendar days (``time_dates``), periods (``time_periods``), durations,
frequencies and vague references (``time_durations``).  Deictic expressions are
read against the document date, anaphoric ones ("a year earlier", "the
quarter", a clock time) against the time in focus (see ``time_context``).
"""

from __future__ import annotations

from newsdesk.nlp.time_context import Anchor
from newsdesk.nlp.time_dates import DATES, Groups, Normaliser
from newsdesk.nlp.time_durations import DURATIONS
from newsdesk.nlp.time_periods import PERIODS

NORMALISERS: dict[str, Normaliser] = {**DATES, **PERIODS, **DURATIONS}


def normalise(rule: str, groups: Groups, anchor: Anchor) -> str | None:
    """The TIMEX3 value of one match of ``rule`` (None when the match cannot be read)."""
    fn = NORMALISERS.get(rule)
    try:
        return fn(groups, anchor) if fn else None
    except (ValueError, KeyError, OverflowError, TypeError):
        return None
