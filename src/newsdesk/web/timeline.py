"""A story's timeline events -> the geometry of its plot (drawn as SVG by the template).

Events of the story itself sit on a time axis in proportion to their dates; background events
(years before) sit evenly in a band of their own at the left, past a break in the axis, so that
a date in 1962 does not squeeze the days of the story into one dot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsdesk.models import TimelineEvent
from newsdesk.report.view import INFERRED_DATE, inferred_from, shown_date

WIDTH, HEIGHT = 760, 120
AXIS_Y = 70
BAND = (24, 150)  # x range of the background band
MAIN = (200, WIDTH - 45)  # x range of the story's own dates
CLOSE = 34  # labels nearer than this are staggered
TICK_GAP = 80  # date labels under the axis at least this far apart
_ISO = re.compile(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")


@dataclass(frozen=True)
class Point:
    """One event, numbered as in the list under the plot."""

    number: int
    date: str
    event: TimelineEvent
    inferred: str = ""  # what the date was guessed from ("" when the article or the sentence dates it)
    note: str = INFERRED_DATE  # shown beside a guessed date


@dataclass(frozen=True)
class Marker:
    """The events of one date: a dot on the axis, labelled with their numbers above it."""

    x: float
    label_y: float
    label: str
    points: tuple[Point, ...]
    background: bool


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class TimelinePlot:
    points: tuple[Point, ...]
    markers: tuple[Marker, ...]
    ticks: tuple[Tick, ...]
    width: int = WIDTH
    height: int = HEIGHT
    axis_y: int = AXIS_Y
    band_end: int = BAND[1]
    main_start: int = MAIN[0]
    main_end: int = MAIN[1]
    has_background: bool = False


def day_of(value: str) -> int | None:
    """A TIMEX3 date value as a day number (the middle of a month, year or decade)."""
    try:
        if m := _ISO.match(value):
            y, mo, d = m.groups()
            day = int(d) if d else 15 if mo else 1  # a month's middle; a year's 1 July
            return date(int(y), int(mo) if mo else 7, day).toordinal()
        if m := _WEEK.match(value):
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 4).toordinal()
        if re.fullmatch(r"\d{3}", value):
            return date(int(value) * 10 + 5, 1, 1).toordinal()
    except ValueError:
        return None
    return None


def plot_timeline(events: Sequence[TimelineEvent]) -> TimelinePlot:
    dated = sorted(
        ((d, e) for e in events if (d := day_of(e.date)) is not None), key=lambda x: (x[0], x[1].date)
    )
    background = [(d, e) for d, e in dated if e.background]
    main = [(d, e) for d, e in dated if not e.background]
    points = [Point(n, shown_date(e), e, inferred_from(e) or "") for n, (_, e) in enumerate(background + main, 1)]
    groups: dict[tuple[bool, str], list[Point]] = {}
    for p in points:
        groups.setdefault((p.event.background, p.date), []).append(p)
    days = {p.date: d for p, (d, _) in zip(points, background + main)}
    bg_dates = [k for k in groups if k[0]]
    xs: dict[tuple[bool, str], float] = {}
    for k, key in enumerate(bg_dates):
        xs[key] = BAND[0] + (BAND[1] - BAND[0]) * (k + 0.5) / len(bg_dates)
    ticks: list[Tick] = []
    if main:
        lo, hi = main[0][0], main[-1][0]
        for key in groups:
            if not key[0]:
                share = (days[key[1]] - lo) / (hi - lo) if hi > lo else 0.5
                xs[key] = MAIN[0] + (MAIN[1] - MAIN[0]) * share
        for key in sorted((k for k in groups if not k[0]), key=xs.__getitem__):
            if not ticks or xs[key] - ticks[-1].x >= TICK_GAP:
                ticks.append(Tick(round(xs[key], 1), key[1]))
    markers: list[Marker] = []
    for key, members in groups.items():
        x = xs[key]
        near = sum(1 for m in markers[-2:] if abs(m.x - x) < CLOSE)
        numbers = [p.number for p in members]
        label = str(numbers[0]) if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
        markers.append(Marker(round(x, 1), AXIS_Y - 16 - 16 * near, label, tuple(members), key[0]))
    return TimelinePlot(tuple(points), tuple(markers), tuple(ticks), has_background=bool(background))
