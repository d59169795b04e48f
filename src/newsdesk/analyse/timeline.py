"""The sourced timeline of a story: StoryContext -> TimelineEvents (date, precision, sentence, sources).

Each article's time expressions (``nlp.times.find_times``) are resolved against
its ``published`` date; an article without one is anchored on a date inferred
from its own text, else on the story's other articles.  Each event says what its
date rests on (``anchored``): "published"; "stated" when the sentence writes out
the year itself; "inferred:<how>" when it was read against the inferred anchor,
a guess the reports mark.  A relative date with no anchor, or with only the
latest year the text names ("on Monday" read against 1 January of it), is made
up and dates no event.  ``story_times`` finds them once per article, for the
claims too.  Only expressions that resolve to a calendar
day, month or year make events; the event is the sentence that holds the
expression, verbatim.  A comparison's baseline ("compared with 38 per cent a
year earlier") and the article's own year ("this year's harvest") date no
event and are left out.  Events on the same date whose sentences say the same
thing (embedding cosine, else word overlap) merge, with every article as a
source, unless their sentences disagree on a value as the conflicts stage
reads them ("nine injured" / "at least 14 injured"), or one states a value of
a conflict of the story that the other's article contests: an event cites
only articles that state it.  Events long before the story's publication are marked background.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

import numpy as np

from newsdesk.analyse.conflicts import SentenceSlots, find_conflicts
from newsdesk.analyse.context import StoryContext
from newsdesk.analyse.entities import entity_index
from newsdesk.analyse.memo import article_times
from newsdesk.models import INFERRED, PUBLISHED, STATED, Article, Conflict, TimeExpression, TimelineEvent
from newsdesk.nlp.time_context import sentence_start
from newsdesk.nlp.times import LATEST_YEAR, infer_reference, parse_reference

_VALUE = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:T.*)?$")
_WEEK = re.compile(r"^\d{4}-W\d\d$")
_DECADE = re.compile(r"^\d{3}$")
_YEAR_DIGITS = re.compile(r"^\d{3,4}")
# anchors too weak to read a relative date against: none at all, or a year the text names
WEAK_ANCHORS = (f"{INFERRED}none", f"{INFERRED}{LATEST_YEAR}")
# a date in the baseline of a comparison ("38 per cent, compared with 41 a year earlier", "up from
# $4m in 2019") dates the figure compared against, not an event of the story
COMPARED_BEFORE = re.compile(
    r"(?:\b(?:compared\s+(?:with|to)|than)(?:\s+[^\s.;:!?]+){1,5}"  # not "more than two years ago"
    r"|\bfrom\s+[$€£]?\d[\d,.]*(?:\s*(?:%|per\s?cent|percent|million|billion|bn|m)\b)?"
    r"(?:\s+[^\s.;:!?]+){0,4})\s+$",
    re.IGNORECASE,
)
# the period the article itself is written in, named without a date: "this year's harvest" dates
# nothing the publication date does not already say
OWN_PERIOD = re.compile(r"(?:this|the|the current)\s+year(?:'s|’s)?", re.IGNORECASE)


@dataclass
class _Event:
    date: str
    precision: str
    sentence: int  # index into ctx.sentences, -1 when the sentence is not listed
    text: str
    sources: list[str]
    anchored: str
    members: list[int]  # the sentences merged into the event (indexes into ctx.sentences)


@dataclass(frozen=True)
class StoryTimes:
    """Each article's anchor (the date its relative expressions are read against, and how it was
    found: "published", "inferred:<how>"; None when neither the article nor the story gives one,
    its expressions are then read against today) and its resolved time expressions."""

    anchors: Mapping[str, tuple[date | None, str]]
    times: Mapping[str, tuple[TimeExpression, ...]]

    def year(self, article_id: str) -> int | None:
        """The year of the article's anchor."""
        anchor, _ = self.anchors[article_id]
        return anchor.year if anchor else None


def story_times(ctx: StoryContext) -> StoryTimes:
    """The time expressions of every article of the story, resolved against its anchor."""
    story_date = _story_date(ctx)
    later = ctx.tuning.timeline.later_days
    anchors = {a.id: _anchor(a, story_date, later) for a in ctx.articles}
    times = {}
    for a in ctx.articles:
        anchor, _ = anchors[a.id]
        reference = anchor.isoformat() if anchor else None
        times[a.id] = article_times(a.text, reference, ctx.docs.get(a.id), ctx.tuning.times)
    return StoryTimes(MappingProxyType(anchors), MappingProxyType(times))


def story_timeline(
    ctx: StoryContext,
    times: StoryTimes | None = None,
    slots: SentenceSlots | None = None,
    conflicts: tuple[Conflict, ...] | None = None,
) -> tuple[TimelineEvent, ...]:
    """Dated events of the story, merged across articles, sorted by date (``times``: those of
    ``story_times``; ``slots``, ``conflicts``: the story's sentence slots and conflicts, as
    ``find_conflicts`` read them; each found here when not given)."""
    times = times or story_times(ctx)
    story_date = _story_date(ctx)
    slots = _Disagreement(ctx, slots, conflicts)
    events: list[_Event] = []
    for article in ctx.articles:
        for ev in _article_events(ctx, times, article):
            same = next((e for e in events if _same_event(ctx, e, ev) and not slots.disagree(e, ev)), None)
            if same is None:
                events.append(ev)
                continue
            if article.id not in same.sources:
                same.sources.append(article.id)
                same.members.extend(ev.members)
            same.anchored = min(same.anchored, ev.anchored, key=_anchor_rank)  # one dated source: no guess
    events.sort(key=lambda e: (_start(e.date, e.precision), e.precision != "year", e.precision == "day"))
    background = ctx.tuning.timeline.background_days
    return tuple(_timeline_row(e, story_date, background) for e in events)


def _story_date(ctx: StoryContext) -> date | None:
    dates = [d for a in ctx.articles if (d := parse_reference(a.published or "")) is not None]
    return min(dates) if dates else None


def _anchor(article: Article, story_date: date | None, later_days: int) -> tuple[date | None, str]:
    """The date the article's times are resolved against: its publication date, else the date it
    gives (a first full date counts up to ``later_days`` after the story's), else the story's."""
    published = parse_reference(article.published or "")
    if published is not None:
        return published, PUBLISHED
    inferred, how = infer_reference(article.text)
    full_date = how.startswith("first full date")
    day = parse_reference(inferred) if inferred is not None else None
    if day is not None and full_date and story_date is not None and day > story_date + timedelta(days=later_days):
        full_date = False  # a date well after the story's other articles is an event still to come
    if day is not None and (full_date or story_date is None):
        return day, f"{INFERRED}{how}"
    # a year alone is a weak anchor: the other articles of the same story date it better
    if story_date is not None:
        return story_date, f"{INFERRED}earliest publication date of the story's other articles"
    return None, f"{INFERRED}none"


def _article_events(ctx: StoryContext, times: StoryTimes, article: Article) -> list[_Event]:
    _, how = times.anchors[article.id]
    sents = [(i, s) for i, s in enumerate(ctx.sentences) if s.article_id == article.id]
    out = []
    for x in times.times[article.id]:
        parsed = _date_of(x.value)
        if parsed is None or x.type not in ("DATE", "TIME") or not _dates_an_event(article.text, x):
            continue
        anchored = _rests_on(x, how)
        if anchored is None:
            continue  # a relative date with nothing worth resolving it against: it would be made up
        index, text = _sentence_at(article.text, sents, x.start, x.end)
        out.append(_Event(parsed[0], parsed[1], index, text, [article.id], anchored, [index] if index >= 0 else []))
    return out


def _rests_on(x: TimeExpression, how: str) -> str | None:
    """What the date of ``x`` rests on, its article anchored as ``how``: the publication date;
    "stated" when the article is undated and ``x`` writes out its year ("in 1998", "the 1930s");
    else the inferred anchor, or None when that anchor is too weak to date anything."""
    if how == PUBLISHED:
        return how
    year = _YEAR_DIGITS.match(x.value)
    if year and year.group() in x.text:
        return STATED
    return None if how.startswith(WEAK_ANCHORS) else how


def _anchor_rank(anchored: str) -> tuple[int, str]:
    """Orders what an event's date rests on, firmest first (ties by name: any input order agrees)."""
    return (0 if anchored == PUBLISHED else 1 if anchored == STATED else 2), anchored


def _dates_an_event(text: str, x: TimeExpression) -> bool:
    """False for a comparison's baseline and for "this year": they date no event of the story."""
    if COMPARED_BEFORE.search(text[max(sentence_start(text, x.start), x.start - 80) : x.start]):
        return False
    return not OWN_PERIOD.fullmatch(x.text.strip())


def _date_of(value: str) -> tuple[str, str] | None:
    """A TIMEX3 value as (date, precision): day, month, year, ISO week ("2025-W36") or decade ("195")."""
    if _WEEK.match(value):
        return value[:8], "week"
    if _DECADE.match(value):
        return value, "decade"
    m = _VALUE.match(value)
    if not m:
        return None
    if m.group(3):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    if m.group(2):
        return f"{m.group(1)}-{m.group(2)}", "month"
    return m.group(1), "year"


def _sentence_at(text: str, sents: list, start: int, end: int) -> tuple[int, str]:
    for i, s in sents:
        if s.start <= start and end <= s.end:
            return i, s.text
    lo = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    hi_candidates = [x for x in (text.find(". ", end), text.find("\n", end)) if x >= 0]
    hi = min(hi_candidates) + 1 if hi_candidates else len(text)
    return -1, text[lo:hi].strip()


def _same_event(ctx: StoryContext, a: _Event, b: _Event) -> bool:
    if a.date != b.date or a.precision != b.precision:
        return False
    if a.sentence >= 0 and b.sentence >= 0 and len(ctx.embeddings) > max(a.sentence, b.sentence):
        cos = float(np.dot(ctx.embeddings[a.sentence], ctx.embeddings[b.sentence]))
        if cos >= ctx.tuning.timeline.same_event_cosine:
            return True
    wa, wb = _content_words(a.text), _content_words(b.text)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= ctx.tuning.timeline.same_event_jaccard


@dataclass
class _Disagreement:
    """Whether two events on one date disagree, by the conflicts stage's reading of values (the
    story's sentence slots and conflicts, found only when two events may merge)."""

    ctx: StoryContext
    slots: SentenceSlots | None
    conflicts: tuple[Conflict, ...] | None

    def disagree(self, a: _Event, b: _Event) -> bool:
        """A sentence of ``a`` and one of ``b`` give different values for one slot, or one of
        them states a value of a conflict that an article of the other states otherwise."""
        if self.slots is None:
            self.slots = SentenceSlots(self.ctx, entity_index(self.ctx))
        if self.conflicts is None:
            self.conflicts = find_conflicts(self.ctx, slots=self.slots)
        slots, conflicts = self.slots, self.conflicts
        if any(slots.disagree(i, j) for i in a.members for j in b.members):
            return True
        return any(
            _contested(slots, c, members, set(sources))
            for c in conflicts
            for members, sources in ((a.members, b.sources), (b.members, a.sources))
        )


def _contested(slots: SentenceSlots, c: Conflict, members: list[int], articles: set[str]) -> bool:
    """A sentence of ``members`` states its article's value of conflict ``c``, and one of
    ``articles`` is among the sources of another value."""
    for v in c.variants:
        others = {x for w in c.variants if w is not v for x in w.sources}
        if others & articles and any(
            slots.ctx.sentences[m].article_id in v.sources and slots.says(m, c.slot, v.value) for m in members
        ):
            return True
    return False


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 3}


def _timeline_row(e: _Event, story_date: date | None, background_days: int) -> TimelineEvent:
    background = _background(e, story_date, background_days)
    return TimelineEvent(e.date, e.precision, e.text, tuple(e.sources), background, e.anchored)


def _start(value: str, precision: str) -> date:
    """The first day a dated event can mean, to order events of any precision."""
    if precision == "decade":
        return date(int(value) * 10, 1, 1)
    if precision == "week":
        return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    parts = [int(p) for p in value[:10].split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def _background(e: _Event, story_date: date | None, days: int) -> bool:
    """True when the event's whole period ends more than ``days`` before the story was published."""
    if story_date is None:
        return False
    if e.precision == "decade":
        return (story_date - date(int(e.date) * 10 + 9, 12, 31)).days > days
    y = int(e.date[:4])
    if e.precision == "week":
        last = date.fromisocalendar(y, int(e.date[6:8]), 7)
    elif e.precision == "year":
        last = date(y, 12, 31)
    elif e.precision == "month":
        mo = int(e.date[5:7])
        last = date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)
    else:
        last = date.fromisoformat(e.date)
    return (story_date - last).days > days
