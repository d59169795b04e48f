"""A story page's query (where each long section starts, which item shows every source) -> the
slice of each section the page shows and the links to the rest.

A story of a hundred articles has hundreds of claims, quotes and dated events; its page shows a
bounded slice of each long section, with plain links (reachable by keyboard) to the slices before
and after, so that the cost of a page follows what it shows, not the story's size.  The one-file
``digest --html`` has no such links: it shows everything.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlencode

SECTIONS = ("sources", "claims", "quotes", "events", "grid", "changes")


@dataclass(frozen=True)
class Caps:
    """How many items of each long section one story page shows."""

    sources: int = 20  # the numbered list of the story's articles
    claims: int = 8  # corroborated claims
    quotes: int = 20
    events: int = 25  # dated events listed under the timeline plot
    grid: int = 20  # articles (columns) of the outlet x claim grid
    changes: int = 12  # lines of "what changed"
    chips: int = 8  # sources shown as chips beside one brief sentence or claim
    titles: int = 3  # events named in the tooltip of one point of the timeline plot


@dataclass(frozen=True)
class Window:
    """Items ``start`` to ``stop`` of ``total``, with links to the slices before and after."""

    start: int
    stop: int
    total: int
    before: str | None = None
    after: str | None = None

    @property
    def cut(self) -> bool:
        return self.before is not None or self.after is not None


@dataclass(frozen=True)
class StoryView:
    """Which slice of each section a story page at ``path`` shows: ``at`` holds the offsets of
    the query (section -> first item), ``item`` the brief sentence ("b3") or claim ("c12") whose
    every source is shown."""

    path: str
    at: Mapping[str, int] = field(default_factory=dict)
    item: str = ""
    caps: Caps = Caps()

    def window(self, section: str, total: int, anchor: str) -> Window:
        cap = getattr(self.caps, section)
        start = min(max(0, self.at.get(section, 0)), max(0, total - 1))
        start -= start % cap  # slices start at multiples of the cap
        stop = min(total, start + cap)
        before = self.href({section: start - cap}, anchor) if start > 0 else None
        after = self.href({section: stop}, anchor) if stop < total else None
        return Window(start, stop, total, before, after)

    def href(self, changed: Mapping[str, int | str], anchor: str) -> str:
        """This page's URL with ``changed`` query values (0 or "" drops one), at ``anchor``."""
        values: dict[str, int | str] = {**self.at, "item": self.item, **changed}
        query = urlencode([(k, values[k]) for k in (*SECTIONS, "item") if values.get(k)])
        return f"{self.path}{'?' + query if query else ''}#{anchor}"
