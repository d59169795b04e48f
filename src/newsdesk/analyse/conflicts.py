"""Conflicts of a story: matched sentences and named office holders -> slots where outlets disagree.

A conflict is one slot with different values in sentences that say the same
thing otherwise: a number of the same quantity (same counted noun), a calendar
date, a place, or the person named for one office ("Chile's president").
Numbers carry their bounds ("at least 14" agrees with 15, not with 9); dates
agree when one is a coarser form of the other.  Precision first: a slot must
appear once in each sentence, and an outlet stating both values takes no side.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsdesk.analyse.align import Alignment, align
from newsdesk.analyse.entities import EntityIndex, entity_index, place_of
from newsdesk.analyse.units import unit_span
from newsdesk.models import Conflict, ConflictVariant
from newsdesk.nlp.entity_rules import NON_UNIQUE_QUALIFIERS, UNIQUE_OFFICES
from newsdesk.nlp.numbers import Slot, clock_times, number_slots
from newsdesk.vocab import MONTHS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from newsdesk.analyse.context import StoryContext

PLACE_LABELS = {"GPE", "LOC", "FAC"}
OFFICES_LONGEST_FIRST = sorted(UNIQUE_OFFICES, key=lambda o: -len(o.split()))
OFFICE_WORDS = [(o, o.replace("-", " - ").split()) for o in OFFICES_LONGEST_FIRST]  # as spaCy splits them
OFFICE_MAX = max(len(words) for _, words in OFFICE_WORDS)


@dataclass(frozen=True)
class Observation:
    """One article stating one value for one slot, with the sentence (index into ctx.sentences)."""

    slot: str
    what: str
    value: str
    article_id: str
    sentence: int


def find_conflicts(
    ctx: StoryContext, alignment: Alignment | None = None, slots: SentenceSlots | None = None
) -> tuple[Conflict, ...]:
    """Slots (number, date, place, person) whose value differs between outlets on the same
    statement (``alignment``: the story's; ``slots``: its sentences' slots, shared with the
    timeline; each made here when not given)."""
    alignment = alignment or align(ctx)
    slots = slots or SentenceSlots(ctx, entity_index(ctx))
    observations = list(_pair_observations(ctx, alignment, slots))
    observations += list(_office_observations(ctx, slots.entities))
    conflicts = _merge(ctx, observations)
    return tuple(conflicts[: ctx.tuning.conflicts.max_conflicts])


@dataclass
class SentenceSlots:
    """The slots of the story's sentences, each read once per story (``find_conflicts`` and the
    timeline's ``disagree`` share one)."""

    ctx: StoryContext
    entities: EntityIndex
    of_sentence: dict[int, list[Slot]] = field(default_factory=dict)
    of_article: dict[str, list[Slot]] = field(default_factory=dict)
    holders: dict[int, dict[str, str]] | None = None  # sentence -> {office: person named for it}

    def sentence(self, idx: int) -> list[Slot]:
        if idx not in self.of_sentence:
            self.of_sentence[idx] = sentence_slots(self.ctx, self.entities, idx)
        return self.of_sentence[idx]

    def states(self, article_id: str, slot: Slot) -> bool:
        """The article gives a value compatible with ``slot`` for the same quantity somewhere."""
        if article_id not in self.of_article:
            rows = [n for n, s in enumerate(self.ctx.sentences) if s.article_id == article_id]
            found = [self.sentence(n) for n in rows]
            self.of_article[article_id] = [x for xs in found for x in xs]
        return any(
            x.kind == slot.kind and x.what == slot.what and x.compatible(slot)
            for x in self.of_article[article_id]
        )

    def disagree(self, i: int, j: int) -> bool:
        """Sentences ``i`` and ``j`` give different values for one slot as ``find_conflicts``
        compares two alike sentences (a count, date or place; the person named for one office),
        or differ in several counts (then they speak of different things)."""
        left, right = self.sentence(i), self.sentence(j)
        if _differ_in_many(left, right) or any(_disagreeing(left, right, True)):
            return True
        mine, theirs = self.offices(i), self.offices(j)
        return any(theirs[o] != p for o, p in mine.items() if o in theirs)

    def says(self, idx: int, slot: str, value: str) -> bool:
        """Sentence ``idx`` states ``value`` for a slot of kind ``slot`` (a ``Conflict``'s)."""
        if slot == "person":
            return value in self.offices(idx).values()
        return any(s.kind == slot and s.value == value for s in self.sentence(idx))

    def offices(self, idx: int) -> dict[str, str]:
        """{office: person} the sentence names ("Chile's President Ortiz")."""
        if self.holders is None:
            self.holders = defaultdict(dict)
            for row, office, person in office_holders(self.ctx, self.entities):
                self.holders[row][office] = person
        return self.holders.get(idx, {})


def _pair_observations(ctx: StoryContext, alignment: Alignment, slots: SentenceSlots) -> Iterable[Observation]:
    """Disagreeing slots of each pair of matched sentences from different articles."""
    t = ctx.tuning.conflicts
    for i, j, cos in alignment.similar_pairs(t.pair_threshold):
        a, b = ctx.sentences[i], ctx.sentences[j]
        if a.article_id == b.article_id:
            continue
        for sa, sb in _disagreeing(slots.sentence(i), slots.sentence(j), cos >= t.place_threshold):
            if slots.states(a.article_id, sb) or slots.states(b.article_id, sa):
                continue  # an article giving both values elsewhere is speaking of two things
            yield Observation(sa.kind, sa.what, sa.value, a.article_id, i)
            yield Observation(sb.kind, sb.what, sb.value, b.article_id, j)


def _disagreeing(left: list[Slot], right: list[Slot], near_identical: bool) -> Iterable[tuple[Slot, Slot]]:
    """Slot pairs of one kind and quantity, present once on each side, whose values are incompatible.

    Numbers and places must also share what they belong to ("injured", "held in"); a place or a
    date differs only between ``near_identical`` sentences.
    """
    if _differ_in_many(left, right):
        return
    for kind in ("number", "date", "place"):
        if kind in {"place", "date"} and not near_identical:
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


def _office_observations(ctx: StoryContext, entities: EntityIndex) -> Iterable[Observation]:
    """The person each article names for a single-holder office ("Chile's President Ortiz")."""
    for idx, office, person in office_holders(ctx, entities):
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


def sentence_slots(ctx: StoryContext, entities: EntityIndex, idx: int) -> list[Slot]:
    """Numbers (with their noun and bounds), calendar dates and places stated in one sentence."""
    span = unit_span(ctx, ctx.sentences[idx])
    if span is None:
        return []
    slots = number_slots(span)
    slots += [c.slot() for c in clock_times(span.text)]  # tagged or not
    for ent in span.ents:
        date = _calendar(ent) if ent.label_ == "DATE" else None
        if date:
            slots.append(Slot("date", "when", date))
    for name, place in _places(ctx, entities, idx, span):
        slots.append(Slot("place", "where", name, preds=_governor(place)))
    return slots


def _places(
    ctx: StoryContext, index: EntityIndex, idx: int, span: Span
) -> Iterable[tuple[str, Span]]:
    """Places of the sentence as the story's entities see them (types voted over all articles)."""
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


def office_holders(ctx: StoryContext, index: EntityIndex) -> Iterable[tuple[int, str, str]]:
    """(sentence index, office, person) for "<place> <office> <Name>" phrases ("Chilean President Ortiz")."""
    row = {(s.article_id, s.start): n for n, s in enumerate(ctx.sentences)}
    starts: dict[str, list[int]] = defaultdict(list)
    for s in ctx.sentences:
        starts[s.article_id].append(s.start)
    for m, name in index.mentions:
        if index.type_of.get(name) != "PERSON":
            continue
        doc = ctx.docs[m.article_id]
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        office = _office_before(index, span) if span is not None else None
        if office:
            sent_start = max((x for x in starts[m.article_id] if x <= m.start), default=None)
            if sent_start is not None:
                yield row[(m.article_id, sent_start)], office, name


def single_holders(ctx: StoryContext, index: EntityIndex) -> dict[str, str]:
    """{office: person} for each office the story names exactly one holder of ("Norway prime
    minister" -> "Sigrid Aalvik"); an office with two holders is a conflict, not a name."""
    found: dict[str, set[str]] = defaultdict(set)
    for _, office, person in office_holders(ctx, index):
        found[office].add(person)
    return {office: next(iter(people)) for office, people in found.items() if len(people) == 1}


def offices_named(index: EntityIndex, holders: Mapping[str, str], span: Span) -> set[str]:
    """The people a span names by their office and its place ("Norway's prime minister", "the
    Norwegian prime minister"): "ent:<name>" of the one holder ``holders`` (``single_holders``)
    gives, else "office:<place> <office>" (a holder the story does not name, or names two of)."""
    doc, out, taken = span.doc, set(), set()
    lower = [t.lower_ for t in span]  # the span's words read once (a token object each is costly)
    present = set(lower)
    for office, words in OFFICE_WORDS:
        if words[0] not in present:
            continue  # most spans name no office
        for lo in range(span.start, span.end - len(words) + 1):
            hi = lo + len(words)
            if lower[lo - span.start] != words[0] or lo in taken:
                continue
            if lower[lo - span.start : hi - span.start] != words or taken & set(range(lo, hi)):
                continue
            qualifier = _qualifier(doc, lo)
            place = place_of(index, qualifier, fallback=True) if qualifier else None
            if place:
                key = f"{place} {office}"
                out.add(f"ent:{holders[key]}" if key in holders else f"office:{key}")
                taken.update(range(lo, hi))
    return out


def _office_before(index: EntityIndex, span: Span) -> str | None:
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - OFFICE_MAX) : span.start]]  # read once
    for office, words in OFFICE_WORDS:
        n = len(words)
        lo = span.start - n
        if lo < 1 or before[-n:] != words:
            continue
        qualifier = _qualifier(doc, lo)
        if qualifier is None:
            return None
        place = place_of(index, qualifier, fallback=True)
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
