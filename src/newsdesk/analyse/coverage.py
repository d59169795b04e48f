"""Coverage of a story: claims, coverage matrix and copy groups -> per article, what only it reports and what it leaves out.

``exclusive``: claims stated by this article's syndication group alone (a wire
copy printed twice is still one voice).  ``omitted``: claims at least
``WIDELY`` independent other outlets report that this article does not.
Indexes point into the story's claims list.  The reports render these; they
compute nothing of their own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from newsdesk.models import Article, Claim, Story

WIDELY = 2  # independent other outlets that make a claim widely corroborated


@dataclass(frozen=True)
class OutletCoverage:
    """One article's place in its story's claims (indexes into the story's claims)."""

    article_id: str
    stated: tuple[int, ...]
    exclusive: tuple[int, ...]  # stated by its syndication group alone
    omitted: tuple[int, ...]  # stated by WIDELY independent others, not by it
    covered: float  # share of the widely corroborated claims it states


def outlet_coverage(
    article_ids: Sequence[str],
    claims: Sequence[Claim],
    coverage: Mapping[str, Sequence[int]],
    syndication: Sequence[tuple[str, ...]] = (),
    owners: Mapping[str, str] | None = None,
    only: Collection[str] | None = None,
) -> dict[str, OutletCoverage]:
    """Per article id (in ``article_ids`` order; of those in ``only`` when given) its coverage;
    ``syndication``: copy groups (an article in none is a group of its own); ``owners``: article
    id -> owner key from the outlets file (one owner's outlets, or copies crediting one wire
    agency, are one voice)."""
    from newsdesk.outlets import join_owners

    group_of = {i: g for g, ids in enumerate(syndication) for i in ids}
    for n, aid in enumerate(article_ids):
        group_of.setdefault(aid, len(syndication) + n)
    group_of = join_owners(group_of, owners or {})

    def groups(ids: Sequence[str]) -> set[int]:
        return {group_of.get(i, -1 - n) for n, i in enumerate(ids)}

    out: dict[str, OutletCoverage] = {}
    corroborated = [n for n, c in enumerate(claims) if c.independent_sources >= WIDELY]
    voices = [groups(c.sources) for c in claims]  # once per claim, not once per claim and article
    for aid in article_ids if only is None else [i for i in article_ids if i in only]:
        stated = sorted(coverage.get(aid, []))
        said = set(stated)
        own = group_of[aid]
        exclusive = [n for n in stated if voices[n] == {own}]
        omitted = [n for n in corroborated if n not in said and len(voices[n] - {own}) >= WIDELY]
        covered = len(set(stated) & set(corroborated)) / len(corroborated) if corroborated else 1.0
        out[aid] = OutletCoverage(aid, tuple(stated), tuple(exclusive), tuple(omitted), round(covered, 3))
    return out


def story_coverage(story: Story, articles: Sequence[Article] = (),
                   only: Collection[str] | None = None) -> dict[str, OutletCoverage]:
    """The coverage of every article of a finished story (of those in ``only`` when given: what
    the reports show); given the ``articles``, outlets of one owner (outlets file) count as one voice."""
    from newsdesk.outlets import owner_keys

    owners = owner_keys(articles) if articles else None
    return outlet_coverage(story.articles, story.claims, story.coverage, story.syndication, owners, only)
