"""Digest -> the per-story facts every report shows: numbered sources, top claims, coverage gaps."""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import date

from newsdesk.analyse.coverage import OutletCoverage, story_coverage
from newsdesk.models import INFERRED, Article, Claim, Digest, Story, TimelineEvent

TOP_CLAIMS = 8
TOP_QUOTES = 10
TOP_ENTITIES = 12
INFERRED_DATE = "date inferred"  # the note beside a timeline date that rests on a guessed anchor


def count(n: int, word: str, plural: str = "") -> str:
    """``n`` and the word in its number: '1 article', '2 articles', '1 story', '3 stories'."""
    return f"{n} {word if n == 1 else plural or word + 's'}"


def tally(d: Digest) -> str:
    """'2 stories from 5 articles', counting only the articles the stories use (one kept out, in
    another language or not news, is listed with the files not used)."""
    used = {a for s in d.stories for a in s.articles}
    return f"{count(len(d.stories), 'story', 'stories')} from {count(len(used), 'article')}"


def headline(d: Digest) -> str:
    """The first line of the text reports: 'newsdesk digest: 2 stories from 5 articles'."""
    return f"newsdesk digest: {tally(d)}"


def shown_date(event: TimelineEvent) -> str:
    """A timeline date as readers write it: TIMEX3 decade "193" -> "1930s", week "2025-W12" ->
    "week of 2025-03-17"; days, months and years stay ISO (the JSON keeps the TIMEX3 value)."""
    if event.precision == "decade" and event.date.isdigit():
        return f"{event.date}0s"
    if event.precision == "week" and len(event.date) >= 8:
        try:
            monday = date.fromisocalendar(int(event.date[:4]), int(event.date[6:8]), 1)
        except ValueError:
            return event.date
        return f"week of {monday.isoformat()}"
    return event.date


def inferred_from(event: TimelineEvent) -> str | None:
    """What a timeline date was read against when its article gives no date of its own and no
    other source dates it ("first full date in text (...)", "earliest publication date of the
    story's other articles"): the date is a guess.  None for a published or stated date."""
    return event.anchored.removeprefix(INFERRED) if event.anchored.startswith(INFERRED) else None


def date_tag(event: TimelineEvent) -> str:
    """The notes the text reports show after a timeline date: " (background)", " (date inferred)"."""
    notes = [n for n, on in (("background", event.background), (INFERRED_DATE, inferred_from(event))) if on]
    return "".join(f" ({n})" for n in notes)


class DigestView:
    """Numbers every article once ([1], [2], ...) and answers what the reports ask of a story."""

    def __init__(self, d: Digest) -> None:
        self.digest = d
        self.number = {a.id: i + 1 for i, a in enumerate(d.articles)}
        self._articles = {a.id: a for a in d.articles}

    def article(self, article_id: str) -> Article:
        return self._articles[article_id]

    def cite(self, ids: tuple[str, ...] | list[str]) -> str:
        nums = sorted(self.number[i] for i in ids if i in self.number)
        return "[" + ",".join(str(n) for n in nums) + "]"

    def outlet_count(self, story: Story) -> int:
        return len(story.articles) - sum(len(g) - 1 for g in story.syndication)

    def top_claims(self, story: Story, limit: int | None = TOP_CLAIMS) -> list[Claim]:
        """The corroborated claims, most independent outlets first (the first ``limit``; all for None)."""
        ranked = sorted(story.claims, key=lambda c: (-c.independent_sources, -len(c.sources)))
        return [c for c in ranked if c.independent_sources >= 2][:limit]

    def gaps(self, story: Story, only: Collection[str] | None = None) -> list[OutletCoverage]:
        """Per article (``analyse.coverage``; of those in ``only`` when given): claims only its
        copy group reports, and claims two or more independent other outlets carry that it leaves out."""
        known = [self._articles[i] for i in story.articles if i in self._articles]
        return list(story_coverage(story, known, only).values())

    def gap_line(self, g: OutletCoverage, escape: Callable[[str], str] = str) -> str:
        """'[3] Outlet: 2 claims only it reports; leaves out 1 corroborated claim'."""
        parts = []
        if g.exclusive:
            parts.append(f"{count(len(g.exclusive), 'claim')} only it reports")
        if g.omitted:
            parts.append(f"leaves out {count(len(g.omitted), 'claim')} that other outlets corroborate")
        return f"[{self.number[g.article_id]}] {escape(self.article(g.article_id).label)}: " + "; ".join(parts)
