"""What a relative time expression is read against: document date, tense of its clause, discourse focus.

TimeML distinguishes deictic expressions ("yesterday", "next week"), anchored on
the document creation time, from anaphoric ones ("a year earlier", "the
quarter", "10:35 a.m."), anchored on the time the text is talking about — the
last date it mentioned.  ``Anchor`` carries both for one expression, with the
tense cues of its clause that decide the year of "in March" or "on Friday".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from newsdesk.nlp.time_rules import (
    ATTRIBUTION_TAIL,
    CLAUSE_AFTER,
    FUTURE_CUES,
    PAST_CUES,
    PRESENT_CUES,
    PRESENT_PASSIVE_BEFORE,
)
from newsdesk.tuning import DEFAULT_TUNING
from newsdesk.tuning.analysis import TimesTuning

# values that can serve as the time in focus: a year, month, day, quarter, half or season
_FOCUS = re.compile(r"(\d{4})(-(?:Q[1-4]|H[12]|SP|SU|FA|WI|\d\d(?:-\d\d)?))?")


@dataclass(frozen=True)
class Anchor:
    """The reference of one expression: document date, clause tense and what the text last mentioned.

    ``focus`` is the last date-like value (``focus_near`` when it is in the same
    sentence), ``focus_day`` the last day, ``period`` the last quarter or half (the
    reporting period of a financial story).
    """

    dct: date
    future: bool = False
    past: bool = False
    present: bool = False  # a clause in the present tense, with no future or past cue
    focus: str | None = None
    focus_day: date | None = None
    period: str | None = None
    focus_at: int = -1
    focus_near: bool = False
    tuning: TimesTuning = DEFAULT_TUNING.times  # how far a clause's tense is looked for

    def at(self, text: str, start: int, end: int) -> Anchor:
        """This anchor for ``text[start:end]``, with the tense cues of its clause."""
        near = 0 <= self.focus_at <= start and not re.search(r"[.;]\s", text[self.focus_at : start])
        if near != self.focus_near:
            return replace(self, focus_near=near).at(text, start, end)
        clause = _clause(text, start, end, self.tuning.reach)
        future, past = _tense(*clause)
        if future is None and past is None:
            # no verb next to it: a modal that opens a long clause ("X will close ... by
            # October"); a past verb that far back is as often the report of a plan ("agreed
            # to buy ... in May")
            future = _cue_distance(*_clause(text, start, end, self.tuning.long_reach), FUTURE_CUES)
            if future is None:
                present = _cue_distance(*clause, PRESENT_CUES) is not None
                return replace(self, future=False, past=False, present=present)
        if future is not None and past is not None:
            # both tenses in reach: the verb nearest the expression governs it
            return replace(self, future=future <= past, past=past < future, present=False)
        return replace(self, future=future is not None, past=past is not None, present=False)

    def after(self, rule: str, value: str, end: int = -1, surface: str = "") -> Anchor:
        """The anchor for the next expression once one with ``value`` (found by ``rule``) was read."""
        if rule in ANAPHORIC_RULES:
            return self
        if rule == "day_before" and (day := parse_reference(value)):
            # "the day before last Tuesday ... the next morning": the named day is in focus
            named = day + timedelta(days=-1 if " after " in surface.lower() else 1)
            return replace(self, focus=named.isoformat(), focus_day=named, focus_at=end)
        if re.fullmatch(YEAR_TO_DATE, surface, re.IGNORECASE):
            # "in the first nine months": the reporting year is in focus for the rest of the
            # sentence ("... compared with $3 million a year earlier" is last year, not a quarter)
            year = self.period[:4] if self.period else f"{self.dct.year:04d}"
            return replace(self, focus=year, focus_at=end)
        timed = re.fullmatch(r"(\d{4}-\d\d-\d\d)T\w+", value)
        if timed and rule not in CLOCK_RULES:
            value = timed.group(1)  # "Tuesday afternoon" puts Tuesday in focus for a later "at 7pm"
        if not _FOCUS.fullmatch(value):
            return self
        day = parse_reference(value) if re.fullmatch(r"\d{4}-\d\d-\d\d", value) else self.focus_day
        if re.fullmatch(r"\d{4}-(?:Q[1-4]|H[12])", value):
            return replace(self, focus=value, focus_day=day, period=value, focus_at=end)
        return replace(self, focus=value, focus_day=day, focus_at=end)


# rules whose value is read off the focus: they must not move it
ANAPHORIC_RULES = frozenset(
    {"ago", "year_earlier", "bare_quarter", "period", "year_period", "anaphoric_unit"}
)


# a stretch of the year reported so far: "the first nine months", "the latest six months"
YEAR_TO_DATE = r"(?:the\s+)?(?:(?:first|latest|past|last)\s+)?(?:six|nine|6|9)\s+months"


# clock times read their day off the focus, so they cannot put a new day in focus
CLOCK_RULES = frozenset({"time_ampm", "time_24", "time_colon", "noon", "clock_part"})


def parse_reference(reference: str) -> date | None:
    """The date at the start of an ISO string ("2031-09-04", "2031-09-04T10:00"), else None."""
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", reference or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def shift_years(value: str, years: int) -> str | None:
    """``value`` moved by whole years at its own granularity: 1989-Q3 -> 1988-Q3 (None if not a date)."""
    m = _FOCUS.fullmatch(value)
    if not m:
        return None
    rest = m.group(2) or ""
    if rest.endswith("-02-29"):
        rest = "-02-28"
    return f"{int(m.group(1)) + years:04d}{rest}"


def _tense(before: str, after: str) -> tuple[int | None, int | None]:
    """Distances to the nearest future and past cue (None when there is none)."""
    return _cue_distance(before, after, FUTURE_CUES), _cue_distance(before, after, PAST_CUES)


def sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``text[at]`` starts, roughly: after the last ". " or line break."""
    return max(text.rfind(". ", 0, at), text.rfind("\n", 0, at)) + 1


def _clause(text: str, s: int, e: int, reach: int) -> tuple[str, str]:
    """The stretches of the sentence before and after an expression where its verb is likely to be."""
    lo = max(sentence_start(text, s), s - reach + 1)
    hi = min(x for x in (text.find(". ", e), text.find("\n", e), e + 30, len(text)) if x >= 0)
    after = text[e:hi].lower()
    for rx in (ATTRIBUTION_TAIL, CLAUSE_AFTER):
        tail = re.search(rx, after)
        after = after[: tail.start()] if tail else after
    return " " + text[lo:s].lower(), after + " "


def _cue_distance(before: str, after: str, cues: tuple[str, ...]) -> int | None:
    """Characters between the expression and the nearest cue of ``cues`` (None when there is none)."""
    best = None
    for rx in _cue_patterns(cues):
        for hit in rx.finditer(before):
            if cues is PAST_CUES and re.search(PRESENT_PASSIVE_BEFORE, before[: hit.start()]):
                continue
            d = len(before) - hit.end()
            best = d if best is None else min(best, d)
        first = rx.search(after)
        if first:
            best = first.start() if best is None else min(best, first.start())
    return best


@lru_cache(maxsize=8)
def _cue_patterns(cues: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Each cue as a whole-word pattern, compiled once (looked up in ``re``'s cache ~80,000 times
    for 80 articles before)."""
    return tuple(re.compile(r"(?<![\w'])" + c + r"(?!\w)") for c in cues)
