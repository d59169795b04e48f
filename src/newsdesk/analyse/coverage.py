"""Coverage of a story: claims and the coverage matrix -> per article, what only it reports and what it leaves out.

``exclusive``: claims stated by this article's syndication group alone (a wire
copy printed twice is still one voice).  ``omitted``: claims at least
``WIDELY`` independent other outlets report that this article does not.
Indexes point into the story's claims list.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdesk.models import Claim

if TYPE_CHECKING:
    from newsdesk.analyse.context import StoryContext

WIDELY = 2  # independent other outlets that make a claim widely corroborated


def outlet_coverage(
    ctx: StoryContext, claims: tuple[Claim, ...], coverage: dict[str, list[int]]
) -> dict[str, dict[str, Any]]:
    """Per article id: label, claims stated, exclusive and omitted claim indexes, share of the story covered."""
    out: dict[str, dict[str, Any]] = {}
    corroborated = [n for n, c in enumerate(claims) if c.independent_sources >= WIDELY]
    for article in ctx.articles:
        stated = sorted(coverage.get(article.id, []))
        group = ctx.group_of(article.id)
        exclusive = [n for n in stated if {ctx.group_of(s) for s in claims[n].sources} == {group}]
        omitted = [
            n for n in corroborated if n not in stated and _others(ctx, claims[n], group) >= WIDELY
        ]
        out[article.id] = {
            "label": article.label,
            "stated": stated,
            "exclusive": exclusive,
            "omitted": omitted,
            "covered": round(len(set(stated) & set(corroborated)) / len(corroborated), 3)
            if corroborated
            else 1.0,
        }
    return out


def _others(ctx: StoryContext, claim: Claim, group: int) -> int:
    """Independent outlets other than the article's own syndication group that state the claim."""
    return len({ctx.group_of(s) for s in claim.sources} - {group})
