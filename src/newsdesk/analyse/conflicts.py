"""Conflicts of a story: matched sentences and named office holders -> slots where outlets disagree.

A conflict is one slot with different values in sentences that say the same
thing otherwise: a number of the same quantity (same counted noun), a calendar
date, a place, or the person named for one office ("Chile's president").
Numbers carry their bounds ("at least 14" agrees with 15, not with 9); dates
agree when one is a coarser form of the other.  Precision first: a slot must
appear once in each sentence, and an outlet stating both values takes no side.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsdesk.analyse.align import similar_pairs, unit_span
from newsdesk.models import Claim, Conflict, ConflictVariant
from newsdesk.nlp.entities import entity_index, place_of
from newsdesk.nlp.entity_rules import NON_UNIQUE_QUALIFIERS, UNIQUE_OFFICES
from newsdesk.vocab import (
    LOWER_BOUNDS,
    MONTHS,
    ROUGH,
    SCALE_WORDS,
    TENS_WORDS,
    UNIT_WORDS,
    UPPER_BOUNDS,
    VAGUE_AMOUNTS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsdesk.analyse.context import StoryContext

PAIR_THRESHOLD = 0.62  # matched sentences: same statement, possibly paraphrased
PLACE_THRESHOLD = 0.80  # a place or a date differs only in near-identical sentences
MAX_CONFLICTS = 12

UNITS = {**UNIT_WORDS, **TENS_WORDS, "a": 1, "an": 1}  # words that add to a count
PLACE_LABELS = {"GPE", "LOC", "FAC"}
CLOCK = re.compile(
    r"\b(?:(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?![0-9])(?:\s?(?P<ap>[ap])\.?m\b\.?)?"
    r"|(?P<h2>[0-9]{1,2})\.(?P<m2>[0-9]{2})\s?(?P<ap2>[ap])\.?m\b\.?)",
    re.IGNORECASE,
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
class Observation:
    """One article stating one value for one slot, with the sentence (index into ctx.sentences)."""

    slot: str
    what: str
    value: str
    article_id: str
    sentence: int


def find_conflicts(ctx: StoryContext, claims: tuple[Claim, ...] = ()) -> tuple[Conflict, ...]:
    """Slots (number, date, place, person) whose value differs between outlets on the same statement."""
    observations = list(_pair_observations(ctx)) + list(_office_observations(ctx))
    conflicts = _merge(ctx, observations)
    return tuple(conflicts[:MAX_CONFLICTS])


def _pair_observations(ctx: StoryContext) -> Iterable[Observation]:
    """Disagreeing slots of each pair of matched sentences from different articles."""
    slots: dict[int, list[Slot]] = {}
    for i, j, cos in similar_pairs(ctx, PAIR_THRESHOLD):
        a, b = ctx.sentences[i], ctx.sentences[j]
        if a.article_id == b.article_id:
            continue
        for idx in (i, j):
            if idx not in slots:
                slots[idx] = sentence_slots(ctx, idx)
        for sa, sb in _disagreeing(slots[i], slots[j], cos):
            if _states(ctx, a.article_id, sb) or _states(ctx, b.article_id, sa):
                continue  # an article giving both values elsewhere is speaking of two things
            yield Observation(sa.kind, sa.what, sa.value, a.article_id, i)
            yield Observation(sb.kind, sb.what, sb.value, b.article_id, j)


def _disagreeing(left: list[Slot], right: list[Slot], cos: float) -> Iterable[tuple[Slot, Slot]]:
    """Slot pairs of one kind and quantity, present once on each side, whose values are incompatible.

    Numbers and places must also share what they belong to ("injured", "held in").
    """
    if _differ_in_many(left, right):
        return
    for kind in ("number", "date", "place"):
        if kind in {"place", "date"} and cos < PLACE_THRESHOLD:
            continue
        ls = [s for s in left if s.kind == kind]
        rs = [s for s in right if s.kind == kind]
        for sl in ls:
            same = [s for s in rs if s.matches(sl)]
            if len(same) != 1 or sum(s.matches(same[0]) for s in ls) != 1:
                continue
            other = same[0]
            if kind in {"number", "place"} and not sl.preds & other.preds:
                continue  # "14 injured" / "nine injured"; "held in Lyon" / "held in Nice"
            if kind == "date" and sl.value.endswith("?-?") != other.value.endswith("?-?"):
                continue  # a year against a day: two different events, not two dates of one
            if not sl.compatible(other) and not _place_shared(sl, other, ls, rs):
                yield sl, other


def _states(ctx: StoryContext, article_id: str, slot: Slot) -> bool:
    """The article gives a value compatible with ``slot`` for the same quantity somewhere."""
    cache = ctx.cache.setdefault("article_slots", {})
    if article_id not in cache:
        rows = [n for n, s in enumerate(ctx.sentences) if s.article_id == article_id]
        cache[article_id] = [x for n in rows for x in sentence_slots(ctx, n)]
    return any(
        x.kind == slot.kind and x.what == slot.what and x.compatible(slot)
        for x in cache[article_id]
    )


def _differ_in_many(left: list[Slot], right: list[Slot]) -> bool:
    """Two sentences that differ in several numbers are about different things, not in conflict."""

    def pairs(side: list[Slot]) -> dict[str, Slot]:
        return {s.what: s for s in side if s.kind == "number"}

    lp, rp = pairs(left), pairs(right)
    diffs = sum(lp[w].matches(rp[w]) and not lp[w].compatible(rp[w]) for w in set(lp) & set(rp))
    return diffs > 1


def _place_shared(a: Slot, b: Slot, left: list[Slot], right: list[Slot]) -> bool:
    """A place named on both sides (in any role) is shared, not contested."""
    if a.kind != "place":
        return False
    return any(s.value == b.value for s in left) or any(s.value == a.value for s in right)


def _office_observations(ctx: StoryContext) -> Iterable[Observation]:
    """The person each article names for a single-holder office ("Chile's President Ortiz")."""
    for idx, office, person in office_holders(ctx):
        yield Observation("person", office, person, ctx.sentences[idx].article_id, idx)


def _merge(ctx: StoryContext, observations: list[Observation]) -> list[Conflict]:
    """One conflict per (slot, quantity): variants are values with the articles stating them."""
    by_slot: dict[tuple[str, str], dict[str, dict[str, int]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for o in observations:
        by_slot[(o.slot, o.what)][o.value].setdefault(o.article_id, o.sentence)
    order = {a.id: n for n, a in enumerate(ctx.articles)}
    out = []
    for (slot, _what), values in by_slot.items():
        values = _drop_double_agents(values)
        if len(values) < 2:
            continue
        variants = [
            ConflictVariant(
                value,
                ctx.sentences[min(arts.values())].text,
                tuple(sorted(arts, key=order.__getitem__)),
            )
            for value, arts in sorted(values.items(), key=lambda kv: (-len(kv[1]), kv[0]))
        ]
        out.append(Conflict(slot, tuple(variants)))
    out.sort(key=lambda c: -sum(len(v.sources) for v in c.variants))
    return out


def _drop_double_agents(values: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """An article that states two of the values takes no side; values left without sources go."""
    seen: dict[str, int] = defaultdict(int)
    for arts in values.values():
        for a in arts:
            seen[a] += 1
    kept = {v: {a: s for a, s in arts.items() if seen[a] == 1} for v, arts in values.items()}
    return {v: arts for v, arts in kept.items() if arts}


# --- slot extraction -------------------------------------------------------------------------


def sentence_slots(ctx: StoryContext, idx: int) -> list[Slot]:
    """Numbers (with their noun and bounds), calendar dates and places stated in one sentence."""
    span = unit_span(ctx, ctx.sentences[idx])
    if span is None:
        return []
    slots = list(_numbers(span))
    slots += [c.slot() for c in clock_times(span.text)]  # tagged or not
    for ent in span.ents:
        date = _calendar(ent) if ent.label_ == "DATE" else None
        if date:
            slots.append(Slot("date", "when", date))
    for name, place in _places(ctx, idx, span):
        slots.append(Slot("place", "where", name, preds=_governor(place)))
    return slots


def _places(ctx: StoryContext, idx: int, span: Span) -> Iterable[tuple[str, Span]]:
    """Places of the sentence as the story's entities see them (types voted over all articles)."""
    index = entity_index(ctx)
    s = ctx.sentences[idx]
    for m, name in index.mentions_of(s.article_id):
        if s.start <= m.start and m.end <= s.end and index.type_of.get(name) in PLACE_LABELS:
            place = span.doc.char_span(m.start, m.end, alignment_mode="expand")
            if place is not None:
                yield name, place


def _governor(ent: Span) -> frozenset[str]:
    """What a place belongs to: "held in Lyon" -> {hold}, "festival in Nice" -> {festival}."""
    head = ent.root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        return frozenset({f"{head.head.lemma_.lower()} {head.lower_}"})
    return frozenset({head.lemma_.lower()}) if head.i != ent.root.i else frozenset()


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


def number_slots(span: Span) -> list[Slot]:
    """Counted numbers and ordinals stated inside ``span`` (any part of a sentence)."""
    return list(_numbers(span))


def _numbers(span: Span) -> Iterable[Slot]:
    i = span.start
    doc = span.doc
    while i < span.end:
        j = i
        while j < span.end and _numeric(doc[j]):
            j += 1
        if j == i:
            i += 1
            continue
        run = doc[i:j]
        i = j
        value = parse_number([t.lower_ for t in run if t.text != "-"])
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
        or tok.lower_ in SCALE_WORDS
        and tok.i > 0
        and tok.nbor(-1).like_num
    )


def parse_number(words: list[str]) -> float | None:
    """``["twenty", "five"]`` -> 25, ``["1,150"]`` -> 1150, ``["2.5", "million"]`` -> 2.5e6."""
    total, current, seen = 0.0, 0.0, False
    for w in words:
        w = re.sub(r"(?<=\d)(st|nd|rd|th)$", "", w.replace(",", ""))
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
    """The noun a number counts and the predicates around it ("14 people injured" -> people, {injure})."""
    root = run.root
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
    anchor = noun or root
    near = list(run.doc[anchor.i + 1 : min(anchor.i + 4, len(run.doc))])  # "14 people were injured"
    preds = {
        t.lemma_.lower()
        for t in [anchor.head, *anchor.children, *anchor.head.children, *near]
        if t.pos_ in {"VERB", "ADJ"} and t.i not in range(run.start, run.end)
    }
    what = noun.lemma_.lower() if noun is not None else "people"
    return what, frozenset(preds)


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


def _calendar(ent: Span) -> str | None:
    """``September 3, 2025`` -> ``2025-09-03``; unknown parts are ``?``; relative dates -> None."""
    year = month = day = None
    words = [t.lower_.rstrip(".") for t in ent]
    for n, w in enumerate(words):
        if w.isdigit() and len(w) == 4 and 1800 < int(w) < 2200:
            year = w
        elif w in MONTHS:
            month = f"{MONTHS[w]:02d}"
            for near in (words[n - 1] if n else "", words[n + 1] if n + 1 < len(words) else ""):
                digits = near.rstrip("stndrh")
                if digits.isdigit() and 1 <= int(digits) <= 31:
                    day = f"{int(digits):02d}"
    if (
        month is None
        and year is None
        or any(w in {"last", "next", "this", "ago", "late", "early"} for w in words)
    ):
        return None
    return f"{year or '?'}-{month or '?'}-{day or '?'}"


def office_holders(ctx: StoryContext) -> Iterable[tuple[int, str, str]]:
    """(sentence index, office, person) for "<place> <office> <Name>" phrases ("Chilean President Ortiz")."""
    index = entity_index(ctx)
    row = {(s.article_id, s.start): n for n, s in enumerate(ctx.sentences)}
    starts: dict[str, list[int]] = defaultdict(list)
    for s in ctx.sentences:
        starts[s.article_id].append(s.start)
    for m, name in index.mentions:
        if index.type_of.get(name) != "PERSON":
            continue
        doc = ctx.docs[m.article_id]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        office = _office_before(ctx, span) if span is not None else None
        if office:
            sent_start = max((x for x in starts[m.article_id] if x <= m.start), default=None)
            if sent_start is not None:
                yield row[(m.article_id, sent_start)], office, name


def _office_before(ctx: StoryContext, span: Span) -> str | None:
    doc = span.doc
    for office in sorted(UNIQUE_OFFICES, key=lambda o: -len(o.split())):
        n = len(office.replace("-", " - ").split())
        lo = span.start - n
        if lo < 1 or " ".join(t.lower_ for t in doc[lo : span.start]).replace(" - ", "-") != office:
            continue
        qualifier = _qualifier(doc, lo)
        if qualifier is None:
            return None
        place = place_of(ctx, qualifier, fallback=True)
        return f"{place} {office}" if place else None
    return None


def _qualifier(doc: Doc, end: int) -> str | None:
    """The place or demonym just before an office ("Chile's", "Chilean"); None if "former"."""
    if any(t.lower_ in NON_UNIQUE_QUALIFIERS for t in doc[max(0, end - 4) : end]):
        return None
    possessive = end > 0 and doc[end - 1].lower_ in {"'s", "\u2019s"}
    for ent in doc.ents:
        if ent.label_ in {"GPE", "NORP", "LOC"} and (
            ent.end == end or possessive and ent.end == end - 1
        ):
            return ent.text
    return None
