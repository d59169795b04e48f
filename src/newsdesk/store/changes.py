"""Two versions of a story (before, after) -> what is new: articles, outlets, claims, conflicts, lost support."""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.models import Story
from newsdesk.store.records import StoryChanges


def story_changes(
    before: Story | None,
    after: Story,
    *,
    version: int,
    analysed: str,
    outlet_of: Callable[[str], str],
    merged_from: tuple[str, ...] = (),
) -> StoryChanges:
    """Compare the story's previous version with the new one.  Claims are matched by their text;
    a claim is newly corroborated when more independent outlets back it than before, and lost
    support when fewer do (or when it is no longer a claim of the story).  A story's first
    version lists its articles and outlets only: every claim of it is new."""
    old_articles = set(before.articles) if before else set()
    new_articles = tuple(a for a in after.articles if a not in old_articles)
    old_outlets = {outlet_of(a) for a in old_articles}
    new_outlets = tuple(sorted({outlet_of(a) for a in new_articles} - old_outlets - {""}))
    was = {c.text: c.independent_sources for c in before.claims} if before else {}
    now = {c.text: c.independent_sources for c in after.claims}
    corroborated = tuple((t, was.get(t, 0), n) for t, n in now.items() if t in was and n > was[t])
    lost = tuple((t, n, now.get(t, 0)) for t, n in was.items() if now.get(t, 0) < n)
    old_slots = {_conflict_key(c.slot, [v.value for v in c.variants]) for c in before.conflicts} if before else set()
    new_conflicts = tuple(
        c.slot for c in after.conflicts if _conflict_key(c.slot, [v.value for v in c.variants]) not in old_slots
    )
    return StoryChanges(
        story_id=after.id,
        version=version,
        analysed=analysed,
        new_articles=new_articles,
        new_outlets=new_outlets,
        new_claims=tuple(t for t in now if t not in was) if before else (),
        corroborated=corroborated,
        new_conflicts=new_conflicts,
        lost_support=lost,
        merged_from=merged_from,
    )


def _conflict_key(slot: str, values: list[str]) -> tuple[str, tuple[str, ...]]:
    """A conflict is new when its slot is new or it now opposes other values."""
    return slot, tuple(sorted(values))
