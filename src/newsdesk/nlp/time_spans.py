"""Candidate time-expression spans: text -> rule matches, overlaps resolved longest first.

The grammar is data (``time_rules.RULES``); this module compiles it, runs it and
drops matches that are usually not times (modal "may", ages, fractions, titles,
relational adverbs).  Values are not read here: see ``time_values``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.nlp.time_rules import (
    AMOUNT_AFTER_FREQUENCY,
    AMOUNT_BEFORE_FREQUENCY,
    NOT_TIMEX_AFTER,
    NUMBERS,
    ORDINAL_FOLLOWERS,
    RATE_BEFORE,
    RULES,
)
from newsdesk.vocab import MONTHS


@dataclass(frozen=True)
class RuleMatch:
    """One grammar match: its span, the rule that found it, its groups and default TIMEX3 type."""

    start: int
    end: int
    rule: str
    match: re.Match[str]
    type: str

    def groups(self) -> dict[str, str | None]:
        """Named groups, lower-cased."""
        return {
            k: (v.lower() if isinstance(v, str) else v) for k, v in self.match.groupdict().items()
        }


_MONTH_DAY_AND = r"\b(?:" + "|".join(MONTHS) + r")\.?\s+\d{1,2}\s+(?:and|or)\s+$"
_NUMBER_BEFORE = r"(?:\d|\b(?:" + "|".join(NUMBERS) + r"))[\s-]+$"
_SHORT_MONTHS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[str, re.Pattern[str], str]]:
    return [
        (name, re.compile(r"(?<![\w'])" + rx + r"(?!\w|-[a-z])", re.IGNORECASE), ty)
        for name, rx, ty in RULES
    ]


def rule_matches(text: str) -> list[RuleMatch]:
    """Non-overlapping grammar matches of ``text`` in text order (longest wins, then leftmost)."""
    return list(_rule_matches(text))


@lru_cache(maxsize=64)  # an article's text is read twice in a row: its anchor, then its times
def _rule_matches(text: str) -> tuple[RuleMatch, ...]:
    cands: list[RuleMatch] = []
    for name, rx, ty in _compiled():
        for m in rx.finditer(text):
            s, e = m.span()
            if e > s and _plausible(name, m, text):
                cands.append(RuleMatch(s, e, name, m, ty))
    cands.sort(key=lambda c: (-(c.end - c.start), c.start))
    taken = bytearray(len(text) + 1)
    chosen = []
    for c in cands:
        if not any(taken[c.start : c.end]):
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            chosen.append(c)
    return tuple(sorted(chosen, key=lambda c: c.start))


def _plausible(name: str, m: re.Match[str], text: str) -> bool:
    """Drop matches that are usually not times: modal "may", verb "march", ages, fractions, titles."""
    groups = m.groupdict()
    after = text[m.end() : m.end() + 20]
    month = groups.get("month")
    if month and month.lower() in ("may", "march", "mar", "jan", "sept") and not month[0].isupper():
        return False
    if name == "month" and month and not _bare_month(month, text, m):
        return False
    if (
        name in ("noon", "vague_units", "deictic_part")
        and m.group(0)[0].isupper()
        and not _sentence_start(text, m.start())
    ):
        return False  # capitalised mid-sentence: a title ("High Noon", "60 Minutes", "News Today")
    if name == "noon" and re.search(r"\bhigh\s+$", text[max(0, m.start() - 5) : m.start()], re.I):
        return False  # "high noon": the idiom for a decisive moment
    copula = text[max(0, m.start() - 4) : m.start()]
    if name == "nth_day" and not re.search(r"(?:\bis|'s)\s+$", copula):
        return False  # "was the third day of ...": which day is not said
    if name == "and_day":
        return bool(re.search(_MONTH_DAY_AND, text[max(0, m.start() - 20) : m.start()], re.I))
    if name == "rel_unit" and titled_relative(m.group(0)):
        return False
    if name == "vague_units" and re.match(r"\s+apart\b", after):
        return False  # "minutes apart": how close two events were, not a time
    if name == "vague_units" and re.search(
        _NUMBER_BEFORE, text[max(0, m.start() - 12) : m.start()].lower()
    ):
        return False  # the unit of a number the grammar refused ("52 years old")
    if (
        name == "deictic_part"
        and groups.get("word", "").lower() in ("this", "last")
        and not groups.get("part")
    ):
        return False
    if (
        name == "deictic_part"
        and groups.get("word", "").lower() == "today"
        and re.match(r"'s\s+[a-z]", after)
    ):
        return False  # "today's world": generic, not the day
    of_before = re.search(r"\bof\s+$", text[max(0, m.start() - 4) : m.start()])
    if m.group(0).lower() == "tomorrow" and of_before:
        return False  # "the cars of tomorrow": the future in general
    season = groups.get("season")
    if (
        name == "season"
        and season
        and not (groups.get("rel") or groups.get("year") or groups.get("mod"))
    ):
        return season.lower() in ("summer", "winter", "autumn")
    if name == "year" and not groups.get("mod"):
        return _year_context(text, m.start(), m.end())
    if name in ("n_units", "rel_n_units", "ago", "set_every") and not _unit_is_time(m, text):
        return False
    if name in ("n_units", "set_every") and _is_rate(m, text):
        return False  # a rate ("$35 a night"), not a time
    if name == "set_word" and re.match(AMOUNT_AFTER_FREQUENCY, after, re.IGNORECASE):
        return False  # "quarterly dividend": how often an amount is paid, not a time
    if name == "set_word" and re.search(
        AMOUNT_BEFORE_FREQUENCY, text[max(0, m.start() - 25) : m.start()], re.IGNORECASE
    ):
        return False  # "rise 8.5% annually": a rate
    if name == "n_units" and (groups.get("long") or "").lower() == "old":
        return False  # ages ("a 6-year-old") are not time expressions in TIMEX3
    if name in ("n_units", "rel_n_units", "ago") and (groups.get("num") or "").lower() in (
        "some",
        "many",
    ):
        return name != "n_units"
    if (
        name == "ref"
        and m.group(0) == "Now"
        and after.startswith(",")
        and _sentence_start(text, m.start())
    ):
        return False  # a discourse marker ("Now, the question is ...")
    before = text[max(0, m.start() - 14) : m.start()].lower()
    if name == "ref" and re.search(r"\bforeseeable\s+$", before):
        return False  # "for the foreseeable future": an idiom ("indefinitely"), no time of its own
    cue = NOT_TIMEX_AFTER.get((groups.get("word") or "").lower())
    return not (name == "ref" and cue and re.match(cue, after, re.IGNORECASE))


def titled_relative(surface: str) -> bool:
    """ "This Week", "Next Year" with a capital unit: the title of a programme, not a time."""
    return bool(re.fullmatch(r"(?:This|Last|Next)\s+(?:Week|Month|Year)", surface))


def _is_rate(m: re.Match[str], text: str) -> bool:
    """ "a year" after an amount is a rate ("$2 million a year"), not a duration."""
    article = (m.groupdict().get("num") or m.groupdict().get("every") or "").lower()
    before = text[max(0, m.start() - 20) : m.start()]
    return article in ("a", "an") and bool(re.search(RATE_BEFORE, before, re.IGNORECASE))


def _bare_month(month: str, text: str, m: re.Match[str]) -> bool:
    """A month name standing alone: "May" needs a preposition; a short form before a name is a first name."""
    low = month.lower()
    if low == "may" and not _may_is_month(text, m.start()):
        return False
    before = text[max(0, m.start() - 12) : m.start()].lower()
    if low == "march" and re.search(r"\b(?:the|a|an|annual)\s*[`'\"]*$", before):
        # the noun: "the March for Jobs"
        return not re.match(r"\s+(?:for|of|on|against|to|through)\b", text[m.end() :])
    if not low.endswith(".") and low in _SHORT_MONTHS:
        return not re.match(r"\s+[A-Z][a-z]", text[m.end() : m.end() + 3])  # "Jan Kavan"
    return True


def _unit_is_time(m: re.Match[str], text: str) -> bool:
    """ "a second", "a quarter" are often an ordinal or a fraction ("a second group", "three-quarters of")."""
    groups = m.groupdict()
    unit, num = (groups.get("unit") or "").lower(), (groups.get("num") or "").lower()
    rest = text[m.end() : m.end() + 30]
    if unit.startswith("quarter"):
        return not (re.match(r"\s+of\b", rest) or "-" in m.group(0) and num not in ("", "a", "one"))
    if unit == "second" and num in ("a", "one"):
        return not re.match(ORDINAL_FOLLOWERS, rest)
    return True


def _sentence_start(text: str, i: int) -> bool:
    before = text[max(0, i - 3) : i]
    return i == 0 or bool(re.search(r"(?:[.!?:\n]['\"`]*\s*|^\s*|[\"`'(]\s*)$", before))


def _may_is_month(text: str, i: int) -> bool:
    before = text[max(0, i - 12) : i].lower()
    return bool(re.search(r"(in|since|of|by|until|early|late|mid|last|next|this)\s+$", before))


def _year_context(text: str, s: int, e: int) -> bool:
    """A bare four-digit number is a year unless it reads as an amount ("1990 shares", "$1990")."""
    before, after = text[max(0, s - 2) : s], text[e : e + 12].lower()
    if "$" in before or re.match(r"^[.,]\d", text[e : e + 2]):
        return False
    return not re.match(
        r"^\s*(?:%|percent|shares|people|employees|units|tons|miles|cars|feet|points)", after
    )
