"""A parsed sentence -> its numbers: counted quantities with their noun and bounds, and clock times.

"at least 14 people were injured" -> ``Slot("number", "people", "14", lo=14, hi=inf)``;
"7.40pm" -> ``ClockTime``.  Number words, scales and bound phrases come from ``vocab``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.vocab import (
    CURRENCY_SIGNS,
    LOWER_BOUNDS,
    ROUGH,
    SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    UPPER_BOUNDS,
    VAGUE_AMOUNTS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

UNITS = {**UNIT_WORDS, **TENS_WORDS, "a": 1, "an": 1}  # words that add to a count
CLOCK = re.compile(
    r"\b(?:(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?![0-9])(?:\s?(?P<ap>[ap])\.?m\b\.?)?"
    r"|(?P<h2>[0-9]{1,2})\.(?P<m2>[0-9]{2})\s?(?P<ap2>[ap])\.?m\b\.?)",
    re.IGNORECASE,
)
# a year of an era, which the time finder does not read: "AD 170", "170 AD", "43 BC"
ERA_YEAR = re.compile(
    r"(?<![\w.,])(?:(?:AD|A\.D\.|CE)\s?(?P<y>[0-9]{1,4})"
    r"|(?P<y2>[0-9]{1,4})\s?(?P<era>AD|A\.D\.|CE|BCE|BC|B\.C\.))(?!\w|[.,][0-9])"
)
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "NORP"}
)


@dataclass(frozen=True)
class Slot:
    """A value in a sentence: a number of some noun, a calendar date or a place."""

    kind: str
    what: str
    value: str
    lo: float = 0.0
    hi: float = 0.0
    preds: frozenset[str] = frozenset()

    def matches(self, other: Slot) -> bool:
        """Same quantity: same counted noun, and the same predicate when both have one."""
        if self.kind != other.kind or self.what != other.what:
            return False
        return not (self.preds and other.preds) or bool(self.preds & other.preds)

    def compatible(self, other: Slot) -> bool:
        if self.kind == "number":
            return self.lo <= other.hi and other.lo <= self.hi
        if self.kind == "time":  # "7:40" (either half of the day) and "19:40" agree
            return self.lo in (other.lo, other.hi) or self.hi in (other.lo, other.hi)
        if self.kind == "date":
            return all(
                x == y
                for x, y in zip(self.value.split("-"), other.value.split("-"))
                if "?" not in (x, y)
            )
        return self.value == other.value


@dataclass(frozen=True)
class ClockTime:
    """A time of day as written: ``shown`` in 24-hour "HH:MM", ``readings`` every 24-hour time it can
    mean ("7:40" without am or pm is 07:40 or 19:40; "7.40pm" and "19:40" only 19:40)."""

    shown: str
    readings: frozenset[str]

    def slot(self) -> Slot:
        """A "time" slot spanning the earliest and latest reading, in minutes after midnight."""
        values = sorted(int(r[:2]) * 60 + int(r[3:]) for r in self.readings)
        return Slot("time", "clock", self.shown, values[0], values[-1])


def clock_times(text: str) -> list[ClockTime]:
    """The times of day written in ``text`` ("14:52"; "7.40pm" -> 19:40; "12.15am" -> 00:15; a bare
    "7:40" may be either half of the day)."""
    out = []
    for m in CLOCK.finditer(text):
        hour, minute, half = m["h"] or m["h2"], m["m"] or m["m2"], (m["ap"] or m["ap2"] or "").lower()
        h = int(hour)
        if half and not 1 <= h <= 12 or h > 23 or int(minute) > 59:
            continue  # "14.30pm", "25:00": no clock reading
        if half == "p" and h < 12:
            h += 12
        elif half == "a" and h == 12:
            h = 0
        shown = f"{h:02d}:{minute}"
        readings = {shown}
        if not half and 1 <= h <= 11:
            readings.add(f"{h + 12:02d}:{minute}")
        out.append(ClockTime(shown, frozenset(readings)))
    return out


def era_years(text: str) -> list[str]:
    """Era years in ``text`` as TIMEX3 years ("AD 170" -> "0170", "43 BC" -> "BC0043")."""
    out = []
    for m in ERA_YEAR.finditer(text):
        year = int(m["y"] or m["y2"])
        if year:
            out.append(("BC" if (m["era"] or "").startswith("B") else "") + f"{year:04d}")
    return out


def number_slots(span: Span) -> list[Slot]:
    """Counted numbers and ordinals stated inside ``span`` (any part of a sentence)."""
    return list(_numbers(span))


def _numbers(span: Span) -> Iterable[Slot]:
    i = span.start
    doc = span.doc
    while i < span.end:
        j = i
        while j < span.end and (_numeric(doc[j]) or j > i and _joins(doc, j)):
            j += 1
        if j == i:
            i += 1
            continue
        run = doc[i:j]
        i = j
        value = parse_number([t.lower_ for t in run if t.text != "-" and t.lower_ != "and"])
        if run.text.lower() == "one" and run.start > 0 and doc[run.start - 1].lower_ == "no":
            value = 0.0  # "no one was hurt": nobody, not one person
        if value is None or run.root.ent_type_ in NAME_LABELS:
            continue
        if run.root.ent_type_ == "ORDINAL":
            yield Slot("ordinal", run.root.head.lemma_.lower(), _display(value), value, value)
            continue
        if run.root.ent_type_ in {"DATE", "TIME"} and not _duration(run):
            continue
        noun, preds = _counted(run)
        if not noun:
            continue
        lo, hi = _bounds(doc, run.start, value)
        yield Slot("number", noun, _display(value), lo, hi, preds)


def _numeric(tok: Token) -> bool:
    if tok.lower_ in VAGUE_AMOUNTS:
        return False
    if tok.text == "-":
        return tok.i > 0 and tok.nbor(-1).like_num and not tok.whitespace_
    if tok.lower_ in {"a", "an"}:
        return tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in SCALE_WORDS
    if tok.ent_type_ == "ORDINAL":
        return bool(re.fullmatch(r"\d+(st|nd|rd|th)", tok.lower_))
    return (
        tok.like_num
        or tok.lower_ in UNITS
        or _scale(tok.lower_) in SCALE_WORDS
        and tok.i > 0
        and tok.nbor(-1).like_num
    )


def _scale(word: str) -> str:
    """A scale word without the sentence's full stop the tokenizer left on it ("£640m." -> "m")."""
    return word[:-1] if word.endswith(".") and word[:-1] in SCALE_WORDS else word


def _joins(doc: Doc, j: int) -> bool:
    """The "and" of "one hundred and twenty": between a scale word and a unit or tens word."""
    tok = doc[j]
    return (
        tok.lower_ == "and"
        and j + 1 < len(doc)
        and doc[j - 1].lower_ in SCALE_WORDS
        and doc[j + 1].lower_ in UNIT_WORDS.keys() | TENS_WORDS.keys()
    )


def parse_number(words: list[str]) -> float | None:
    """``["twenty", "five"]`` -> 25, ``["1,150"]`` -> 1150, ``["2.5", "million"]`` -> 2.5e6."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        w = _scale(re.sub(r"(?<=\d)(st|nd|rd|th)$", "", w.replace(",", "")))
        if w in SCALE_WORDS:
            current = (current or 1) * SCALE_WORDS[w]
            if SCALE_WORDS[w] >= 1000:
                total, current = total + current, 0.0
        elif w in UNITS:
            current += UNITS[w]
        else:
            try:
                current += float(w)
            except ValueError:
                return None
        seen = True
    return total + current if seen else None


def _duration(run: Span) -> bool:
    """``six years`` is a count of years (a number slot), ``September 3`` is not."""
    nxt = run.doc[run.end] if run.end < len(run.doc) else None
    return nxt is not None and nxt.lemma_.lower() in {
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "decade",
    }


def _counted(run: Span) -> tuple[str, frozenset[str]]:
    """The noun a number counts and the predicates around it ("14 people injured" -> people, {injure});
    the currency of an amount after its sign ("€2.3 million" -> euro)."""
    root = run.root
    sign = run.doc[run.start - 1].text if run.start > 0 else ""
    if sign in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[sign], _predicates(run, root)
    if _next_word(run) in {"%", "per", "percent"}:
        return "percent", frozenset({root.head.lemma_.lower()})
    if _next_word(run) == "-" and run.end + 1 < len(run.doc):  # "20-day journey": days of a journey
        unit = run.doc[run.end + 1]
        return f"{unit.lemma_.lower()} {unit.head.lemma_.lower()}", frozenset(
            {unit.head.head.lemma_.lower()}
        )
    noun = (
        root.head
        if root.dep_ in {"nummod", "quantmod", "compound"} and root.head.pos_ in {"NOUN", "PROPN"}
        else None
    )
    if noun is None and run.end < len(run.doc) and run.doc[run.end].pos_ == "NOUN":
        noun = run.doc[run.end]
    if noun is None:
        of = [c for c in root.children if c.lower_ == "of"]
        objects = [c for c in of[0].children if c.dep_ == "pobj"] if of else []
        noun = objects[0] if objects else None
    if noun is None and (root.dep_ not in {"nsubj", "nsubjpass"} or not root.like_num):
        return "", frozenset()
    what = noun.lemma_.lower() if noun is not None else "people"
    return what, _predicates(run, noun or root)


def _predicates(run: Span, anchor: Token) -> frozenset[str]:
    """The verbs and adjectives around a count's noun ("14 people were injured" -> {injure})."""
    near = list(run.doc[anchor.i + 1 : min(anchor.i + 4, len(run.doc))])  # "14 people were injured"
    return frozenset(
        t.lemma_.lower()
        for t in [anchor.head, *anchor.children, *anchor.head.children, *near]
        if t.pos_ in {"VERB", "ADJ"} and t.i not in range(run.start, run.end)
    )


def _next_word(run: Span) -> str:
    return run.doc[run.end].lower_ if run.end < len(run.doc) else ""


def _bounds(doc: Doc, start: int, value: float) -> tuple[float, float]:
    before = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
    if any(before.endswith(q) for q in LOWER_BOUNDS):
        return value, float("inf")
    if any(before.endswith(q) for q in UPPER_BOUNDS):
        return 0.0, value
    if any(before.endswith(q) for q in ROUGH):
        return value * 0.85, value * 1.15
    return value, value


def _display(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"
